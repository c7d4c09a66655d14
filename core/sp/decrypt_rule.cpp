// decrypt.*: an EncryptedAssertion is decrypted into a document of its own,
// so the message as received stays intact for the Response signature, with
// the SP's key only and only allow-listed algorithms.
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "sp/rules.h"
#include "xmlsec/xml_decryptor.h"

namespace jh::sp {

using namespace check;

xmlsec::DecryptPolicy decryptPolicy(const SpConfig& config)
{
    xmlsec::DecryptPolicy policy;
    if (config.relaxed(Relaxation::LegacyEncryption)) {
        for (const char* name :
             {"aes256-gcm", "aes128-gcm", "aes256-cbc", "aes128-cbc", "tripledes-cbc"})
            policy.blockCiphers << xmlsec::findAlgorithm(xmlsec::AlgorithmKind::BlockCipher,
                                                         QString::fromLatin1(name));
        for (const char* name : {"rsa-oaep-mgf1p", "rsa-1_5"})
            policy.keyTransports << xmlsec::findAlgorithm(xmlsec::AlgorithmKind::KeyTransport,
                                                          QString::fromLatin1(name));
    }
    return policy;
}

bool decryptAssertion(ValidationState& s)
{
    if (!s.encryptedAssertion) {
        s.skip(kDecryptAlgorithm, QStringLiteral("the assertion is not encrypted"));
        s.skip(kDecryptKey, QStringLiteral("the assertion is not encrypted"));
        return true;
    }
    xmlNode* data = xml::firstChild(s.encryptedAssertion, saml::kNsXenc, "EncryptedData");
    if (!data) {
        s.fail(kDecryptKey, QStringLiteral("xenc:EncryptedData inside EncryptedAssertion"),
               QStringLiteral("none"), s.encryptedAssertion);
        return false;
    }
    if (!s.config.decryptionKey) {
        s.fail(kDecryptKey, QStringLiteral("an SP decryption key"),
               QStringLiteral("none configured"), data,
               QStringLiteral("give the SP its key (--sp-key) to read encrypted assertions"));
        return false;
    }
    const xmlsec::DecryptPolicy policy = decryptPolicy(s.config);

    // The plaintext is parsed in the context of where EncryptedData stood
    // (XML Encryption 4.5): IdPs serialise an Assertion whose saml: prefix
    // is declared only on the Response. So the copy keeps its
    // EncryptedAssertion parent, with every namespace in scope declared.
    xml::DocPtr own(xmlNewDoc(xml::xc("1.0")));
    xmlNode* context = xmlDocCopyNode(s.encryptedAssertion, own.get(), 2);
    xmlDocSetRootElement(own.get(), context);
    for (xmlNode* a = s.encryptedAssertion->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        for (xmlNs* ns = a->nsDef; ns; ns = ns->next)
            if (!xmlSearchNs(own.get(), context, ns->prefix))
                xmlNewNs(context, ns->href, ns->prefix);
    xmlNode* copy = xmlAddChild(context, xmlDocCopyNode(data, own.get(), 1));
    auto decrypted = xmlsec::decryptElement(own.get(), copy, *s.config.decryptionKey, policy);
    if (!decrypted) {
        const bool algorithm = decrypted.error().id == QLatin1String("xmlenc.algorithm");
        if (algorithm)
            s.fail(kDecryptAlgorithm, QStringLiteral("AES-GCM with RSA-OAEP"),
                   decrypted.error().message, data,
                   QStringLiteral("CBC and PKCS#1 v1.5 need --allow legacy-encryption"));
        else
            s.pass(kDecryptAlgorithm, {}, data);
        if (!algorithm)
            s.fail(kDecryptKey, QStringLiteral("decrypts with the SP key"),
                   decrypted.error().message, data);
        return false;
    }
    s.pass(kDecryptAlgorithm, {}, data);
    if (!xml::isElement(*decrypted, saml::kNsAssertion, "Assertion")) {
        s.fail(kDecryptKey, QStringLiteral("a saml:Assertion inside"),
               xml::toQString((*decrypted)->name), data);
        return false;
    }
    s.pass(kDecryptKey, QStringLiteral("decrypted"), data);
    s.decryptedDoc = std::move(own);
    s.assertion = *decrypted;
    return true;
}

} // namespace jh::sp
