#include "support/fault_fixtures.h"

#include "saml/saml_names.h"
#include "support/fixtures.h"
#include "support/saml_fixtures.h"
#include "xml/xml_parse.h"
#include "xmlsec/xml_signer.h"
#include "xmlsec/xml_verifier.h"

#include <xmlsec/xmldsig.h>

namespace jh::test {

using crypto::KeyType;
using xml::firstChild;

FaultBench::FaultBench()
    : m_signer(std::make_unique<idp::ResponseSigner>(
          [](KeyType t) -> Result<crypto::KeyPair> { return testIdpKey(t); }))
{
    for (KeyType t : {KeyType::Rsa, KeyType::Ec}) {
        m_idp[int(t)] = testIdpKey(t);
        auto attacker =
            crypto::KeyPair::generate(t, QStringLiteral("attacker.evil.example"), fixedNow());
        if (!attacker)
            qFatal("%s", qPrintable(attacker.error().message));
        m_attacker[int(t)] = *attacker;
    }
    m_sp = testSpKey();
}

idp::FaultInput FaultBench::input(KeyType key) const
{
    idp::SigningOptions signing;
    signing.key = key;
    signing.signatureAlgorithm =
        key == KeyType::Ec ? QStringLiteral("ecdsa-sha256") : QStringLiteral("rsa-sha256");
    return {sampleSpec(),       signing,   idp::EncryptionOptions{},
            m_sp.certificate(), *m_signer, attacker(key),
            fixedNow(),         180};
}

QByteArray FaultBench::build(const QString& name, KeyType key) const
{
    const idp::Fault* f = idp::findFault(name);
    if (!f)
        qFatal("no fault named %s", qPrintable(name));
    auto built = idp::buildFault(*f, input(key));
    if (!built)
        qFatal("%s", qPrintable(built.error().message));
    return *built;
}

xml::DocPtr FaultBench::parsed(const QString& name) const
{
    auto doc = xml::parseHardened(build(name), name);
    if (!doc)
        qFatal("%s", qPrintable(doc.error().message));
    return std::move(*doc);
}

X509* FaultBench::idpCertificate(KeyType key) const
{
    return m_idp[int(key)].certificate();
}

const crypto::KeyPair& FaultBench::attacker(KeyType key) const
{
    return m_attacker[int(key)];
}

const crypto::KeyPair& FaultBench::idpKey(KeyType key) const
{
    return m_idp[int(key)];
}

QList<xmlNode*> descendants(xmlNode* root, const char* ns, const char* localName)
{
    QList<xmlNode*> out;
    for (xmlNode* c = root ? root->children : nullptr; c; c = c->next) {
        if (xml::isElement(c, ns, localName))
            out << c;
        out << descendants(c, ns, localName);
    }
    return out;
}

QList<xmlNode*> elementsWithId(xmlNode* root, const QString& id)
{
    QList<xmlNode*> out;
    if (xml::attribute(root, "ID") == id)
        out << root;
    for (xmlNode* c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            out << elementsWithId(c, id);
    return out;
}

void registerIds(xmlNode* root)
{
    if (!xml::attribute(root, "ID").isNull())
        (void)xmlsec::registerId(root->doc, root);
    for (xmlNode* c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            registerIds(c);
}

QString nameIdOf(xmlNode* assertion)
{
    return xml::textContent(firstChild(firstChild(assertion, saml::kNsAssertion, "Subject"),
                                       saml::kNsAssertion, "NameID"));
}

namespace {
xmlNode* firstReference(xmlNode* signature)
{
    return firstChild(firstChild(signature, saml::kNsDsig, "SignedInfo"), saml::kNsDsig,
                      "Reference");
}
} // namespace

QString referenceUri(xmlNode* signature)
{
    return xml::attribute(firstReference(signature), "URI");
}

QStringList transformUris(xmlNode* signature)
{
    QStringList out;
    for (xmlNode* t :
         descendants(firstChild(firstReference(signature), saml::kNsDsig, "Transforms"),
                     saml::kNsDsig, "Transform"))
        out << xml::attribute(t, "Algorithm");
    return out;
}

bool laxVerify(xmlNode* signature, xmlsec::KeyPtr key)
{
    xmlsec::DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
    ctx->signKey = key.release(); // the context frees it
    return xmlSecDSigCtxVerify(ctx.get(), signature) >= 0 &&
           ctx->status == xmlSecDSigStatusSucceeded;
}

bool laxVerify(xmlNode* signature, X509* certificate)
{
    xmlsec::ErrorScope errors;
    auto key = xmlsec::publicKeyFromCertificate(certificate, QStringLiteral("test"), errors);
    return key && laxVerify(signature, std::move(*key));
}

bool verifiesOverOriginal(xmlNode* original, xmlNode* signature, X509* certificate)
{
    xml::DocPtr doc(xmlNewDoc(xml::xc("1.0")));
    xmlNode* root = xmlDocCopyNode(original, doc.get(), 1);
    xmlDocSetRootElement(doc.get(), root);
    if (xmlNode* own = firstChild(root, saml::kNsDsig, "Signature")) {
        xmlUnlinkNode(own);
        xmlFreeNode(own);
    }
    xmlNode* copy = xmlDocCopyNode(signature, doc.get(), 1);
    for (xmlNode* c = copy->children; c;) {
        xmlNode* next = c->next;
        if (c->type == XML_ELEMENT_NODE && !xml::isElement(c, saml::kNsDsig, "SignedInfo") &&
            !xml::isElement(c, saml::kNsDsig, "SignatureValue") &&
            !xml::isElement(c, saml::kNsDsig, "KeyInfo")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
    xmlAddNextSibling(firstChild(root, saml::kNsAssertion, "Issuer"), copy);
    (void)xmlsec::registerId(doc.get(), root);
    auto v = xmlsec::verifySignature(copy, certificate);
    return v && v->valid;
}

} // namespace jh::test
