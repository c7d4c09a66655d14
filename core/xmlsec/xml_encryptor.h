// XML Encryption of one element for a recipient's certificate (an SP's
// encryption key): a fresh AES session key, wrapped with RSA-OAEP (or
// PKCS#1 v1.5 for legacy peers) in an EncryptedKey inside the EncryptedData's
// KeyInfo. Done by xmlsec1 from a template.
#pragma once

#include "common/result.h"
#include "xmlsec/algorithms.h"

#include <libxml/tree.h>
#include <openssl/x509.h>

namespace jh::xmlsec {

struct EncryptionParams
{
    const Algorithm* blockCipher = nullptr;    // kind BlockCipher
    const Algorithm* keyTransport = nullptr;   // kind KeyTransport
    bool recipientCertificateInKeyInfo = true; // lets the SP pick its key
};

// Replaces `element` in its document by an xenc:EncryptedData holding it.
// Returns the EncryptedData node.
Result<xmlNode*> encryptElement(xmlDoc* doc, xmlNode* element, X509* recipient,
                                const EncryptionParams& params);

} // namespace jh::xmlsec
