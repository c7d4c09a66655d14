// The algorithm table: every XML-DSig / XML-Enc algorithm JIT Harness knows,
// by short name (CLI, presets), URI (on the wire) and xmlsec transform. The IdP
// picks from it; the SP's allow-lists are subsets of it.
#pragma once

#include "crypto/key_pair.h"

#include <QString>
#include <optional>
#include <span>
#include <xmlsec/transforms.h>

namespace jh::xmlsec {

enum class AlgorithmKind
{
    Signature,
    Digest,
    BlockCipher,
    KeyTransport,
    Canonicalization,
    Transform
};

struct Algorithm
{
    const char* name; // "rsa-sha256"
    const char* uri;  // "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    AlgorithmKind kind;
    xmlSecTransformId (*transform)();       // resolves the xmlsec transform class
    std::optional<crypto::KeyType> keyType; // signatures: which key signs
    const char* opensslDigest;              // signatures: the digest, for the raw reference
};

std::span<const Algorithm> allAlgorithms();
const Algorithm* findAlgorithm(AlgorithmKind kind, const QString& name);
const Algorithm* findAlgorithmByUri(const QString& uri);
QStringList algorithmNames(AlgorithmKind kind);

} // namespace jh::xmlsec
