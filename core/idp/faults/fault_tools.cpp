#include "idp/faults/fault_tools.h"

#include "saml/saml_names.h"
#include "xml/xml_document.h"
#include "xmlsec/xml_encryptor.h"
#include "xmlsec/xml_signer.h"

namespace jh::idp::faults {

using xml::xc;

QString evilNameId(const saml::AssertionSpec& spec)
{
    const QString& victim = spec.subject.nameId;
    const qsizetype at = victim.indexOf(QLatin1Char('@'));
    return at >= 0 ? QStringLiteral("admin") + victim.mid(at) : QStringLiteral("admin");
}

QString evilUrl(const QString& path)
{
    return QStringLiteral("https://%1/%2").arg(QLatin1String(kEvilHost), path);
}

QDateTime checkInstant(const FaultInput& in)
{
    QDateTime t = in.now.toUTC();
    t.setTime(QTime(t.time().hour(), t.time().minute(), t.time().second()));
    return t;
}

Recipe inputRecipe(const FaultInput& in)
{
    Recipe r;
    r.sign = in.signing.mode;
    r.encryption = in.encryption;
    return r;
}

SignStep signatureWith(const crypto::KeyPair& key, const SigningOptions& options)
{
    return [key, options](saml::ResponseDocument& rd, xmlNode* element,
                          xmlNode* insertAfter) -> Result<void> {
        auto params = resolveSignatureParams(options);
        if (!params)
            return params.error();
        // As the IdP's signer does: values typed xs:string use the prefix
        // only in attribute values, which exclusive c14n does not count.
        if (rd.usesXsTypes)
            params->inclusiveNamespaces = QStringLiteral("xs");
        auto signer = xmlsec::XmlSigner::create(key);
        if (!signer)
            return signer.error();
        return signer->sign(rd.doc.get(), element, insertAfter, *params);
    };
}

SignStep idpSignature(const FaultInput& in)
{
    const ResponseSigner* signer = &in.signer;
    const SigningOptions options = in.signing;
    return [signer, options](saml::ResponseDocument& rd, xmlNode* element,
                             xmlNode* insertAfter) -> Result<void> {
        auto key = signer->keyPair(options.key);
        if (!key)
            return key.error();
        return signatureWith(*key, options)(rd, element, insertAfter);
    };
}

namespace {

// The EncryptedAssertion wrapper and its EncryptedData, as the IdP's signer
// makes them.
Result<void> encryptAssertion(saml::ResponseDocument& rd, const EncryptionOptions& options,
                              X509* recipient)
{
    if (!recipient)
        return makeError("idp.fault-needs-encryption",
                         QStringLiteral("encrypting needs the SP's encryption certificate"));
    xmlsec::EncryptionParams ep;
    ep.blockCipher = xmlsec::findAlgorithm(xmlsec::AlgorithmKind::BlockCipher, options.blockCipher);
    ep.keyTransport =
        xmlsec::findAlgorithm(xmlsec::AlgorithmKind::KeyTransport, options.keyTransport);
    if (!ep.blockCipher || !ep.keyTransport)
        return makeError("idp.encryption",
                         QStringLiteral("unknown encryption algorithm '%1' / '%2'")
                             .arg(options.blockCipher, options.keyTransport));
    xmlNode* wrapper =
        xmlNewDocNode(rd.doc.get(), rd.responseIssuer->ns, xc("EncryptedAssertion"), nullptr);
    xmlAddPrevSibling(rd.assertion, wrapper);
    xmlUnlinkNode(rd.assertion);
    xmlAddChild(wrapper, rd.assertion);
    auto enc = xmlsec::encryptElement(rd.doc.get(), rd.assertion, recipient, ep);
    if (!enc)
        return enc.error();
    rd.assertion = nullptr;
    rd.assertionIssuer = nullptr;
    return {};
}

Result<void> step(const TreeStep& s, saml::ResponseDocument& rd)
{
    return s ? s(rd) : Result<void>();
}

} // namespace

Result<QByteArray> render(const FaultInput& in, const saml::AssertionSpec& spec, const Recipe& r)
{
    saml::ResponseDocument rd = saml::writeResponse(spec);
    const SignStep sign = r.signWith ? r.signWith : idpSignature(in);
    const bool signAssertion = r.sign == SignMode::Assertion || r.sign == SignMode::Both;
    const bool signResponse = r.sign == SignMode::Response || r.sign == SignMode::Both;

    if (auto s = step(r.beforeSigning, rd); !s)
        return s.error();
    if (signAssertion)
        if (auto s = sign(rd, rd.assertion, rd.assertionIssuer); !s)
            return s.error();
    if (auto s = step(r.afterAssertionSigned, rd); !s)
        return s.error();
    if (r.encryption.enabled)
        if (auto e =
                encryptAssertion(rd, r.encryption, r.encryptFor ? r.encryptFor : in.encryptFor);
            !e)
            return e.error();
    if (signResponse)
        if (auto s = sign(rd, rd.response, rd.responseIssuer); !s)
            return s.error();
    if (auto s = step(r.afterSigning, rd); !s)
        return s.error();
    return xml::serialize(rd.doc.get());
}

Result<QByteArray> renderSpec(const FaultInput& in, const saml::AssertionSpec& spec)
{
    auto out = in.signer.render(spec, in.signing, in.encryption, in.encryptFor);
    if (!out)
        return out.error();
    return out->xml;
}

xmlNode* nameIdOf(xmlNode* assertion)
{
    return xml::firstChild(xml::firstChild(assertion, saml::kNsAssertion, "Subject"),
                           saml::kNsAssertion, "NameID");
}

xmlNode* signatureOf(xmlNode* owner)
{
    return xml::firstChild(owner, saml::kNsDsig, "Signature");
}

void setText(xmlNode* node, const QString& text)
{
    xmlNodeSetContent(node, nullptr);
    const QByteArray t = text.toUtf8();
    xmlNodeAddContent(node, xc(t.constData()));
}

void setAttribute(xmlNode* node, const char* name, const QString& value)
{
    const QByteArray v = value.toUtf8();
    xmlSetProp(node, xc(name), xc(v.constData()));
}

xmlNode* deepCopy(xmlNode* node)
{
    return xmlDocCopyNode(node, node->doc, 1);
}

void removeNode(xmlNode* node)
{
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

void insertAfterHeader(xmlNode* parent, xmlNode* node)
{
    xmlNode* after = nullptr;
    for (xmlNode* c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xml::isElement(c, saml::kNsAssertion, "Issuer") &&
            !xml::isElement(c, saml::kNsDsig, "Signature"))
            break;
        after = c;
    }
    if (after)
        xmlAddNextSibling(after, node);
    else if (parent->children)
        xmlAddPrevSibling(parent->children, node);
    else
        xmlAddChild(parent, node);
}

Result<void> impersonate(xmlNode* assertion, const saml::AssertionSpec& spec)
{
    xmlNode* nameId = nameIdOf(assertion);
    if (!nameId)
        return makeError("idp.fault", QStringLiteral("the assertion has no NameID to replace"));
    setText(nameId, evilNameId(spec));
    return {};
}

} // namespace jh::idp::faults
