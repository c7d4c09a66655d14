// Decryption of an xenc:EncryptedData with the SP's own private key. The only
// key ever used is the one given; the EncryptedKey must sit in the
// EncryptedData's KeyInfo (no RetrievalMethod, no remote or named keys), and
// the block cipher and key transport must be on the allow-list.
#pragma once

#include "common/result.h"
#include "crypto/key_pair.h"
#include "xmlsec/algorithms.h"

#include <QList>
#include <libxml/tree.h>

namespace jh::xmlsec {

struct DecryptPolicy
{
    QList<const Algorithm*> blockCiphers;  // empty: GCM only
    QList<const Algorithm*> keyTransports; // empty: RSA-OAEP only
};

// Replaces `encryptedData` by the element it holds and returns that element.
// Error ids: xmlenc.algorithm (not allowed), xmlenc.decrypt (could not decrypt).
Result<xmlNode*> decryptElement(xmlDoc* doc, xmlNode* encryptedData, const crypto::KeyPair& key,
                                const DecryptPolicy& policy = {});

} // namespace jh::xmlsec
