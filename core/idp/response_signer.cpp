#include "idp/response_signer.h"

#include "saml/response_writer.h"
#include "saml/saml_names.h"
#include "xml/xml_document.h"
#include "xmlsec/xml_encryptor.h"

namespace jh::idp {

using xmlsec::AlgorithmKind;

ResponseSigner::ResponseSigner(KeyProvider keys) : m_keys(std::move(keys)) {}

Result<crypto::KeyPair> ResponseSigner::keyPair(crypto::KeyType type) const
{
    auto s = signer(type);
    if (!s)
        return s.error();
    return (*s)->keyPair();
}

Result<const xmlsec::XmlSigner*> ResponseSigner::signer(crypto::KeyType type) const
{
    if (auto it = m_signers.find(type); it != m_signers.end())
        return it->second.get();
    auto pair = m_keys(type);
    if (!pair)
        return pair.error();
    auto s = xmlsec::XmlSigner::create(*pair);
    if (!s)
        return s.error();
    auto shared = std::make_shared<xmlsec::XmlSigner>(std::move(*s));
    m_signers[type] = shared;
    return shared.get();
}

Result<xmlsec::SignatureParams> resolveSignatureParams(const SigningOptions& signing)
{
    xmlsec::SignatureParams p;
    p.signature = xmlsec::findAlgorithm(AlgorithmKind::Signature, signing.signatureAlgorithm);
    if (!p.signature)
        return makeError(
            "idp.signing",
            QStringLiteral("unknown signature algorithm '%1' (known: %2)")
                .arg(signing.signatureAlgorithm,
                     xmlsec::algorithmNames(AlgorithmKind::Signature).join(QStringLiteral(", "))));
    if (p.signature->keyType != signing.key)
        return makeError("idp.signing",
                         QStringLiteral("signature algorithm '%1' needs an %2 key, not %3")
                             .arg(signing.signatureAlgorithm,
                                  crypto::keyTypeName(*p.signature->keyType),
                                  crypto::keyTypeName(signing.key)));
    p.digest = xmlsec::findAlgorithm(AlgorithmKind::Digest, signing.digestAlgorithm);
    if (!p.digest)
        return makeError(
            "idp.signing",
            QStringLiteral("unknown digest algorithm '%1' (known: %2)")
                .arg(signing.digestAlgorithm,
                     xmlsec::algorithmNames(AlgorithmKind::Digest).join(QStringLiteral(", "))));
    p.keyInfoCertificate = signing.keyInfoCertificate;
    return p;
}

Result<SignedResponse> ResponseSigner::render(const saml::AssertionSpec& spec,
                                              const SigningOptions& signing,
                                              const EncryptionOptions& encryption,
                                              X509* encryptFor) const
{
    saml::ResponseDocument rd = saml::writeResponse(spec);
    const bool signAssertion =
        signing.mode == SignMode::Assertion || signing.mode == SignMode::Both;
    const bool signResponse = signing.mode == SignMode::Response || signing.mode == SignMode::Both;

    xmlsec::SignatureParams params;
    const xmlsec::XmlSigner* s = nullptr;
    if (signAssertion || signResponse) {
        auto p = resolveSignatureParams(signing);
        if (!p)
            return p.error();
        params = *p;
        // Values typed xs:string use the "xs" prefix only inside attribute
        // values, which exclusive c14n does not count as use: keep it in.
        if (rd.usesXsTypes)
            params.inclusiveNamespaces = QStringLiteral("xs");
        auto found = signer(signing.key);
        if (!found)
            return found.error();
        s = *found;
    }

    if (signAssertion)
        if (auto r = s->sign(rd.doc.get(), rd.assertion, rd.assertionIssuer, params); !r)
            return r.error();

    if (encryption.enabled) {
        if (!encryptFor)
            return makeError(
                "idp.encryption",
                QStringLiteral("encryption asked for, but the SP has no encryption certificate "
                               "(use --sp-metadata with a KeyDescriptor use=\"encryption\")"));
        xmlsec::EncryptionParams ep;
        ep.blockCipher = xmlsec::findAlgorithm(AlgorithmKind::BlockCipher, encryption.blockCipher);
        ep.keyTransport =
            xmlsec::findAlgorithm(AlgorithmKind::KeyTransport, encryption.keyTransport);
        if (!ep.blockCipher || !ep.keyTransport)
            return makeError(
                "idp.encryption",
                QStringLiteral("unknown encryption algorithm '%1' / '%2' (known: %3; %4)")
                    .arg(encryption.blockCipher, encryption.keyTransport,
                         xmlsec::algorithmNames(AlgorithmKind::BlockCipher)
                             .join(QStringLiteral(", ")),
                         xmlsec::algorithmNames(AlgorithmKind::KeyTransport)
                             .join(QStringLiteral(", "))));
        xmlNode* wrapper = xmlNewDocNode(rd.doc.get(), rd.responseIssuer->ns,
                                         xml::xc("EncryptedAssertion"), nullptr);
        xmlAddPrevSibling(rd.assertion, wrapper);
        xmlUnlinkNode(rd.assertion);
        xmlAddChild(wrapper, rd.assertion);
        auto enc = xmlsec::encryptElement(rd.doc.get(), rd.assertion, encryptFor, ep);
        if (!enc)
            return enc.error();
        rd.assertion = nullptr;
        rd.assertionIssuer = nullptr;
    }

    if (signResponse)
        if (auto r = s->sign(rd.doc.get(), rd.response, rd.responseIssuer, params); !r)
            return r.error();

    return SignedResponse{xml::serialize(rd.doc.get())};
}

} // namespace jh::idp
