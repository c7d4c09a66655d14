#include "xmlsec/xml_verifier.h"

#include "xmlsec/xmlsec_library.h"

#include <xmlsec/crypto.h>
#include <xmlsec/openssl/evp.h>

namespace jh::xmlsec {
namespace {

bool enableTransforms(xmlSecDSigCtx* ctx, AlgorithmKind kind, const QList<const Algorithm*>& chosen,
                      bool reference)
{
    QList<const Algorithm*> list = chosen;
    if (list.isEmpty())
        for (const Algorithm& a : allAlgorithms())
            if (a.kind == kind)
                list << &a;
    for (const Algorithm* a : list) {
        const int rc = reference ? xmlSecDSigCtxEnableReferenceTransform(ctx, a->transform())
                                 : xmlSecDSigCtxEnableSignatureTransform(ctx, a->transform());
        if (rc < 0)
            return false;
    }
    return true;
}

// The certificate's public key as an xmlsec key, taken from the parsed
// certificate rather than by re-reading its DER (which also decodes a copy of
// the certificate that verification never looks at): the same key value, at
// a fraction of the cost of a signature check.
Result<KeyPtr> verificationKey(X509* cert, const ErrorScope& errors)
{
    const QString what = QStringLiteral("cannot read the public key of the trusted certificate");
    EVP_PKEY* pkey = cert ? X509_get0_pubkey(cert) : nullptr;
    if (!pkey || EVP_PKEY_up_ref(pkey) != 1)
        return makeError("xmlsec.key", errors.message(what));
    xmlSecKeyDataPtr value = xmlSecOpenSSLEvpKeyAdopt(pkey);
    if (!value) {
        EVP_PKEY_free(pkey);
        return makeError("xmlsec.key", errors.message(what));
    }
    KeyPtr key(xmlSecKeyCreate());
    if (!key || xmlSecKeySetValue(key.get(), value) < 0) {
        xmlSecKeyDataDestroy(value);
        return makeError("xmlsec.key", errors.message(what));
    }
    return key;
}

} // namespace

Result<VerifyVerdict> verifySignature(xmlNode* signature, X509* trusted, const VerifyPolicy& policy)
{
    if (auto init = ensureInitialised(); !init)
        return init.error();
    ErrorScope errors;
    auto key = verificationKey(trusted, errors);
    if (!key)
        return key.error();

    DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
    if (!ctx)
        return makeError("xmlsec.verify",
                         errors.message(QStringLiteral("cannot create the verification context")));
    ctx->signKey = key->release();
    ctx->enabledReferenceUris = xmlSecTransformUriTypeSameDocument |
                                (policy.allowEmptyUri ? xmlSecTransformUriTypeEmpty : 0);
    // Only exclusive c14n and the enveloped transform may run inside a
    // reference; SignedInfo may only be canonicalised with exclusive c14n.
    const bool ok =
        xmlSecDSigCtxEnableSignatureTransform(ctx.get(), xmlSecTransformExclC14NId) >= 0 &&
        xmlSecDSigCtxEnableSignatureTransform(ctx.get(), xmlSecTransformInclC14NId) >= 0 &&
        xmlSecDSigCtxEnableSignatureTransform(ctx.get(), xmlSecTransformExclC14NWithCommentsId) >=
            0 &&
        enableTransforms(ctx.get(), AlgorithmKind::Signature, policy.signatureAlgorithms, false) &&
        xmlSecDSigCtxEnableReferenceTransform(ctx.get(), xmlSecTransformExclC14NId) >= 0 &&
        xmlSecDSigCtxEnableReferenceTransform(ctx.get(), xmlSecTransformExclC14NWithCommentsId) >=
            0 &&
        xmlSecDSigCtxEnableReferenceTransform(ctx.get(), xmlSecTransformEnvelopedId) >= 0 &&
        enableTransforms(ctx.get(), AlgorithmKind::Digest, policy.digestAlgorithms, true);
    if (!ok)
        return makeError("xmlsec.verify", errors.message(QStringLiteral(
                                              "cannot restrict the verification context")));

    if (xmlSecDSigCtxVerify(ctx.get(), signature) < 0)
        return makeError("xmlsec.verify",
                         errors.message(QStringLiteral("the signature could not be processed")));
    VerifyVerdict v;
    v.valid = ctx->status == xmlSecDSigStatusSucceeded;
    if (!v.valid)
        v.detail =
            errors.message(QStringLiteral("signature value or reference digest does not match"));
    return v;
}

} // namespace jh::xmlsec
