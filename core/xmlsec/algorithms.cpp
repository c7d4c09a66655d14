#include "xmlsec/algorithms.h"

#include <QStringList>
#include <xmlsec/crypto.h>

namespace jh::xmlsec {
namespace {

using crypto::KeyType;
using enum AlgorithmKind;

// xmlsec's transform ids are macros calling functions; wrap them so the table
// can hold plain function pointers.
#define JH_TRANSFORM(id)                                                                           \
    [] {                                                                                           \
        return xmlSecTransformId(id);                                                              \
    }

const Algorithm kAlgorithms[] = {
    {"rsa-sha1", "http://www.w3.org/2000/09/xmldsig#rsa-sha1", Signature,
     JH_TRANSFORM(xmlSecTransformRsaSha1Id), KeyType::Rsa, "SHA1"},
    {"rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", Signature,
     JH_TRANSFORM(xmlSecTransformRsaSha256Id), KeyType::Rsa, "SHA256"},
    {"rsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", Signature,
     JH_TRANSFORM(xmlSecTransformRsaSha384Id), KeyType::Rsa, "SHA384"},
    {"rsa-sha512", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", Signature,
     JH_TRANSFORM(xmlSecTransformRsaSha512Id), KeyType::Rsa, "SHA512"},
    {"ecdsa-sha1", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1", Signature,
     JH_TRANSFORM(xmlSecTransformEcdsaSha1Id), KeyType::Ec, "SHA1"},
    {"ecdsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", Signature,
     JH_TRANSFORM(xmlSecTransformEcdsaSha256Id), KeyType::Ec, "SHA256"},
    {"ecdsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", Signature,
     JH_TRANSFORM(xmlSecTransformEcdsaSha384Id), KeyType::Ec, "SHA384"},
    {"ecdsa-sha512", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", Signature,
     JH_TRANSFORM(xmlSecTransformEcdsaSha512Id), KeyType::Ec, "SHA512"},
    {"sha1", "http://www.w3.org/2000/09/xmldsig#sha1", Digest, JH_TRANSFORM(xmlSecTransformSha1Id),
     std::nullopt, nullptr},
    {"sha256", "http://www.w3.org/2001/04/xmlenc#sha256", Digest,
     JH_TRANSFORM(xmlSecTransformSha256Id), std::nullopt, nullptr},
    {"sha384", "http://www.w3.org/2001/04/xmldsig-more#sha384", Digest,
     JH_TRANSFORM(xmlSecTransformSha384Id), std::nullopt, nullptr},
    {"sha512", "http://www.w3.org/2001/04/xmlenc#sha512", Digest,
     JH_TRANSFORM(xmlSecTransformSha512Id), std::nullopt, nullptr},
    {"aes256-gcm", "http://www.w3.org/2009/xmlenc11#aes256-gcm", BlockCipher,
     JH_TRANSFORM(xmlSecTransformAes256GcmId), std::nullopt, nullptr},
    {"aes128-gcm", "http://www.w3.org/2009/xmlenc11#aes128-gcm", BlockCipher,
     JH_TRANSFORM(xmlSecTransformAes128GcmId), std::nullopt, nullptr},
    {"aes256-cbc", "http://www.w3.org/2001/04/xmlenc#aes256-cbc", BlockCipher,
     JH_TRANSFORM(xmlSecTransformAes256CbcId), std::nullopt, nullptr},
    {"aes128-cbc", "http://www.w3.org/2001/04/xmlenc#aes128-cbc", BlockCipher,
     JH_TRANSFORM(xmlSecTransformAes128CbcId), std::nullopt, nullptr},
    // Still pysaml2's default (7.0.1): the SP takes it only as legacy-encryption.
    {"tripledes-cbc", "http://www.w3.org/2001/04/xmlenc#tripledes-cbc", BlockCipher,
     JH_TRANSFORM(xmlSecTransformDes3CbcId), std::nullopt, nullptr},
    {"rsa-oaep-mgf1p", "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p", KeyTransport,
     JH_TRANSFORM(xmlSecTransformRsaOaepId), KeyType::Rsa, nullptr},
    {"rsa-1_5", "http://www.w3.org/2001/04/xmlenc#rsa-1_5", KeyTransport,
     JH_TRANSFORM(xmlSecTransformRsaPkcs1Id), KeyType::Rsa, nullptr},
    {"exc-c14n", "http://www.w3.org/2001/10/xml-exc-c14n#", Canonicalization,
     JH_TRANSFORM(xmlSecTransformExclC14NId), std::nullopt, nullptr},
    {"exc-c14n-with-comments", "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
     Canonicalization, JH_TRANSFORM(xmlSecTransformExclC14NWithCommentsId), std::nullopt, nullptr},
    {"c14n", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315", Canonicalization,
     JH_TRANSFORM(xmlSecTransformInclC14NId), std::nullopt, nullptr},
    {"enveloped-signature", "http://www.w3.org/2000/09/xmldsig#enveloped-signature", Transform,
     JH_TRANSFORM(xmlSecTransformEnvelopedId), std::nullopt, nullptr},
};

#undef JH_TRANSFORM

} // namespace

std::span<const Algorithm> allAlgorithms()
{
    return kAlgorithms;
}

const Algorithm* findAlgorithm(AlgorithmKind kind, const QString& name)
{
    for (const Algorithm& a : kAlgorithms)
        if (a.kind == kind && name == QLatin1String(a.name))
            return &a;
    return nullptr;
}

const Algorithm* findAlgorithmByUri(const QString& uri)
{
    for (const Algorithm& a : kAlgorithms)
        if (uri == QLatin1String(a.uri))
            return &a;
    return nullptr;
}

QStringList algorithmNames(AlgorithmKind kind)
{
    QStringList names;
    for (const Algorithm& a : kAlgorithms)
        if (a.kind == kind)
            names << QString::fromLatin1(a.name);
    return names;
}

} // namespace jh::xmlsec
