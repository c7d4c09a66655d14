// The last step of issuing: an AssertionSpec becomes the bytes an SP
// receives — written, signed (assertion, response, both or neither) and
// optionally encrypted for the SP, in the order SAML requires: the assertion
// is signed before it is encrypted, the response after.
#pragma once

#include "idp/signing_options.h"
#include "saml/assertion_spec.h"
#include "xmlsec/xml_signer.h"

#include <QByteArray>
#include <map>
#include <memory>

namespace jh::idp {

struct SignedResponse
{
    QByteArray xml; // exact bytes, as sent
    QString base64() const { return QString::fromLatin1(xml.toBase64()); }
};

// Supplies the IdP's signing key of a type (from a KeyStore, or test keys).
using KeyProvider = std::function<Result<crypto::KeyPair>(crypto::KeyType)>;

class ResponseSigner
{
public:
    explicit ResponseSigner(KeyProvider keys);

    // `encryptFor` is the SP's encryption certificate; required when
    // encryption.enabled.
    Result<SignedResponse> render(const saml::AssertionSpec& spec, const SigningOptions& signing,
                                  const EncryptionOptions& encryption = {},
                                  X509* encryptFor = nullptr) const;

    // The key and certificate that signs with `type` (loaded once).
    Result<crypto::KeyPair> keyPair(crypto::KeyType type) const;

private:
    Result<const xmlsec::XmlSigner*> signer(crypto::KeyType type) const;

    KeyProvider m_keys;
    mutable std::map<crypto::KeyType, std::shared_ptr<xmlsec::XmlSigner>> m_signers;
};

// Resolves names to algorithms and checks they fit the key: "rsa-sha256" with
// an EC key is refused (error id idp.signing).
Result<xmlsec::SignatureParams> resolveSignatureParams(const SigningOptions& signing);

} // namespace jh::idp
