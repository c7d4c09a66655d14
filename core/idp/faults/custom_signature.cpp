#include "idp/faults/custom_signature.h"

#include "crypto/openssl_handles.h"
#include "xml/xml_document.h"
#include "xmlsec/xml_signer.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <xmlsec/app.h>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>

namespace jh::idp::faults {

using xml::xc;

Result<xmlsec::KeyPtr> signingKey(const crypto::KeyPair& pair)
{
    if (auto init = xmlsec::ensureInitialised(); !init)
        return init.error();
    xmlsec::ErrorScope errors;
    return xmlsec::privateKeyOf(pair, errors);
}

Result<xmlsec::KeyPtr> hmacKey(const QByteArray& secret)
{
    if (auto init = xmlsec::ensureInitialised(); !init)
        return init.error();
    xmlsec::ErrorScope errors;
    xmlSecKeyPtr key =
        xmlSecKeyReadMemory(xmlSecKeyDataHmacId, reinterpret_cast<const xmlSecByte*>(secret.data()),
                            static_cast<xmlSecSize>(secret.size()));
    if (!key)
        return makeError("xmlsec.key", errors.message(QStringLiteral("cannot make an HMAC key")));
    return xmlsec::KeyPtr(key);
}

namespace {

Result<void> addKeyInfo(xmlNode* sig, const CustomSignature& how, const xmlsec::ErrorScope& errors)
{
    if (how.certificateBase64.isEmpty())
        return {};
    xmlNode* keyInfo = xmlSecTmplSignatureEnsureKeyInfo(sig, nullptr);
    xmlNode* x509 = keyInfo ? xmlSecTmplKeyInfoAddX509Data(keyInfo) : nullptr;
    xmlNode* cert = x509 ? xmlSecTmplX509DataAddCertificate(x509) : nullptr;
    if (!cert)
        return makeError("xmlsec.template", errors.message(QStringLiteral("cannot add KeyInfo")));
    xmlNodeSetContent(cert, xc(how.certificateBase64.constData()));
    return {};
}

QByteArray bigEndian(EVP_PKEY* key, const char* param)
{
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, param, &bn) != 1)
        return {};
    QByteArray out(BN_num_bytes(bn), Qt::Uninitialized);
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
}

Result<void> keyParameterError(const char* what)
{
    return makeError("crypto.key", crypto::openSslFailure(QString::fromLatin1(what)));
}

void textChild(xmlNode* parent, xmlNs* ns, const char* name, const QByteArray& binary)
{
    xmlNewTextChild(parent, ns, xc(name), xc(binary.toBase64().constData()));
}

} // namespace

Result<void> appendKeyValue(xmlNode* signature, const crypto::KeyPair& pair)
{
    static const char kNsDsig11[] = "http://www.w3.org/2009/xmldsig11#";
    xmlNode* keyInfo = xmlNewChild(signature, signature->ns, xc("KeyInfo"), nullptr);
    xmlNode* keyValue = xmlNewChild(keyInfo, signature->ns, xc("KeyValue"), nullptr);
    EVP_PKEY* key = pair.key();
    if (pair.type() == crypto::KeyType::Rsa) {
        const QByteArray n = bigEndian(key, OSSL_PKEY_PARAM_RSA_N);
        const QByteArray e = bigEndian(key, OSSL_PKEY_PARAM_RSA_E);
        if (n.isEmpty() || e.isEmpty())
            return keyParameterError("cannot read the RSA public key");
        xmlNode* rsa = xmlNewChild(keyValue, signature->ns, xc("RSAKeyValue"), nullptr);
        textChild(rsa, signature->ns, "Modulus", n);
        textChild(rsa, signature->ns, "Exponent", e);
        return {};
    }
    char group[64] = {};
    unsigned char point[256];
    size_t pointLength = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       nullptr) != 1 ||
        EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point,
                                        sizeof point, &pointLength) != 1)
        return keyParameterError("cannot read the EC public key");
    char oid[64] = {};
    const ASN1_OBJECT* curve = OBJ_nid2obj(OBJ_txt2nid(group));
    if (!curve || OBJ_obj2txt(oid, sizeof oid, curve, 1) <= 0)
        return keyParameterError("cannot name the EC curve");
    xmlNode* ec = xmlNewChild(keyValue, nullptr, xc("ECKeyValue"), nullptr);
    xmlNs* dsig11 = xmlNewNs(ec, xc(kNsDsig11), xc("dsig11"));
    xmlSetNs(ec, dsig11);
    xmlNode* named = xmlNewChild(ec, dsig11, xc("NamedCurve"), nullptr);
    const QByteArray uri = QByteArray("urn:oid:") + oid;
    xmlNewProp(named, xc("URI"), xc(uri.constData()));
    textChild(ec, dsig11, "PublicKey",
              QByteArray(reinterpret_cast<const char*>(point), qsizetype(pointLength)));
    return {};
}

Result<void> signCustom(xmlDoc* doc, xmlNode* parent, xmlNode* insertAfter, xmlSecKey* key,
                        const CustomSignature& how)
{
    if (auto init = xmlsec::ensureInitialised(); !init)
        return init.error();
    auto id = xmlsec::registerId(doc, how.target ? how.target : parent);
    if (!id)
        return id.error();

    xmlsec::ErrorScope errors;
    xmlNode* sig = xmlSecTmplSignatureCreateNsPref(doc, xmlSecTransformExclC14NId, how.method,
                                                   nullptr, xc("ds"));
    if (!sig)
        return makeError("xmlsec.template",
                         errors.message(QStringLiteral("cannot create the signature template")));
    if (insertAfter)
        xmlAddNextSibling(insertAfter, sig);
    else if (parent->children)
        xmlAddPrevSibling(parent->children, sig);
    else
        xmlAddChild(parent, sig);

    const QByteArray uri = QByteArray("#") + id->toUtf8();
    xmlNode* ref =
        xmlSecTmplSignatureAddReference(sig, how.digest, nullptr, xc(uri.constData()), nullptr);
    if (!ref)
        return makeError("xmlsec.template",
                         errors.message(QStringLiteral("cannot add the signature reference")));
    if (how.envelopedTransform) {
        if (auto t = how.envelopedTransform(ref); !t)
            return t;
    } else if (!xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId)) {
        return makeError("xmlsec.template",
                         errors.message(QStringLiteral("cannot add the enveloped transform")));
    }
    xmlNode* c14n = xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId);
    if (!c14n)
        return makeError("xmlsec.template",
                         errors.message(QStringLiteral("cannot add the c14n transform")));
    if (!how.inclusiveNamespaces.isEmpty())
        xmlSecTmplTransformAddC14NInclNamespaces(c14n, xc(how.inclusiveNamespaces.constData()));
    if (auto k = addKeyInfo(sig, how, errors); !k)
        return k;
    if (how.shape)
        if (auto s = how.shape(sig, ref); !s)
            return s;

    xmlsec::DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
    if (!ctx)
        return makeError("xmlsec.sign",
                         errors.message(QStringLiteral("cannot create the signature context")));
    // The context borrows the key and hands it back before it is destroyed.
    ctx->signKey = key;
    const int rc = xmlSecDSigCtxSign(ctx.get(), sig);
    ctx->signKey = nullptr;
    if (rc < 0)
        return makeError("xmlsec.sign",
                         errors.message(QStringLiteral("signing <%1 ID=\"%2\"> failed")
                                            .arg(xml::toQString(parent->name), *id)));
    return {};
}

SignStep customSignatureStep(xmlsec::KeyPtr key, const CustomSignature& how)
{
    std::shared_ptr<xmlSecKey> shared(key.release(), xmlSecKeyDestroy);
    return [shared, how](saml::ResponseDocument& rd, xmlNode* element,
                         xmlNode* insertAfter) -> Result<void> {
        CustomSignature c = how;
        if (rd.usesXsTypes)
            c.inclusiveNamespaces = "xs";
        return signCustom(rd.doc.get(), element, insertAfter, shared.get(), c);
    };
}

} // namespace jh::idp::faults
