// Enveloped XML signatures, made by xmlsec1 from a template — never by
// string assembly. The signer converts the key once and reuses it, so that
// signing many messages costs little beyond the RSA/ECDSA operation itself.
// One XmlSigner serves one thread at a time (xmlsec keys are not shared
// across concurrent signing contexts); create one per worker thread.
#pragma once

#include "common/result.h"
#include "crypto/key_pair.h"
#include "xmlsec/algorithms.h"
#include "xmlsec/xmlsec_library.h"

#include <libxml/tree.h>
#include <memory>

namespace jh::xmlsec {

struct SignatureParams
{
    const Algorithm* signature = nullptr; // kind Signature, matching the key type
    const Algorithm* digest = nullptr;    // kind Digest
    bool keyInfoCertificate =
        true;                    // ds:KeyInfo/ds:X509Data with the certificate; false: no KeyInfo
    QString inclusiveNamespaces; // exc-c14n PrefixList, e.g. "xs" when values use xs:string
};

class XmlSigner
{
public:
    static Result<XmlSigner> create(const crypto::KeyPair& key);

    const crypto::KeyPair& keyPair() const { return m_pair; }

    // Signs `element` with an enveloped signature over "#<its ID attribute>",
    // inserting ds:Signature right after `insertAfter` (a child of element;
    // SAML wants it after saml:Issuer) or as the first child when null.
    Result<void> sign(xmlDoc* doc, xmlNode* element, xmlNode* insertAfter,
                      const SignatureParams& params) const;

private:
    crypto::KeyPair m_pair;
    std::shared_ptr<xmlSecKey> m_key; // the private key, as xmlsec holds it
    QByteArray m_certificateBase64;   // DER in base64, for ds:X509Certificate
};

// Marks an element's ID attribute as an XML ID so "#id" references resolve.
Result<QString> registerId(xmlDoc* doc, xmlNode* element, const char* attributeName = "ID");

} // namespace jh::xmlsec
