#include "xmlsec/xml_signer.h"

#include "xml/xml_document.h"

#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>

namespace jh::xmlsec {

Result<QString> registerId(xmlDoc* doc, xmlNode* element, const char* attributeName)
{
    xmlAttr* attr = xmlHasProp(element, xml::xc(attributeName));
    if (!attr || !attr->children)
        return makeError(
            "xmlsec.no-id",
            QStringLiteral("element <%1> has no %2 attribute to reference")
                .arg(xml::toQString(element->name), QString::fromLatin1(attributeName)));
    xml::XmlCharPtr value(xmlNodeListGetString(doc, attr->children, 1));
    if (xmlGetID(doc, value.get()) == nullptr)
        xmlAddID(nullptr, doc, value.get(), attr);
    return xml::toQString(value.get());
}

Result<XmlSigner> XmlSigner::create(const crypto::KeyPair& pair)
{
    if (auto init = ensureInitialised(); !init)
        return init.error();
    ErrorScope errors;
    auto key = privateKeyOf(pair, errors);
    if (!key)
        return key.error();
    // The certificate is not attached to the xmlsec key: KeyInfo is filled
    // from the base64 kept here, which spares xmlsec re-encoding the
    // certificate (DER, then base64) for every signature.
    XmlSigner s;
    s.m_pair = pair;
    s.m_certificateBase64 = pair.certificateBase64().toLatin1();
    s.m_key = std::shared_ptr<xmlSecKey>(key->release(), xmlSecKeyDestroy);
    return s;
}

Result<void> XmlSigner::sign(xmlDoc* doc, xmlNode* element, xmlNode* insertAfter,
                             const SignatureParams& params) const
{
    if (!params.signature || params.signature->kind != AlgorithmKind::Signature || !params.digest ||
        params.digest->kind != AlgorithmKind::Digest)
        return makeError("xmlsec.algorithm",
                         QStringLiteral("a signature and a digest algorithm are required"));
    if (params.signature->keyType != m_pair.type())
        return makeError("xmlsec.algorithm", QStringLiteral("%1 cannot be made with a %2 key")
                                                 .arg(QString::fromLatin1(params.signature->name),
                                                      crypto::keyTypeName(m_pair.type())));
    auto id = registerId(doc, element);
    if (!id)
        return id.error();

    ErrorScope errors;
    xmlNode* sig = xmlSecTmplSignatureCreateNsPref(
        doc, xmlSecTransformExclC14NId, params.signature->transform(), nullptr, xml::xc("ds"));
    if (!sig)
        return makeError("xmlsec.template",
                         errors.message(QStringLiteral("cannot create the signature template")));
    if (insertAfter)
        xmlAddNextSibling(insertAfter, sig);
    else if (element->children)
        xmlAddPrevSibling(element->children, sig);
    else
        xmlAddChild(element, sig);

    const QByteArray uri = QByteArray("#") + id->toUtf8();
    xmlNode* ref = xmlSecTmplSignatureAddReference(sig, params.digest->transform(), nullptr,
                                                   xml::xc(uri.constData()), nullptr);
    xmlNode* c14n = ref ? (xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId),
                           xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId))
                        : nullptr;
    if (!c14n)
        return makeError("xmlsec.template",
                         errors.message(QStringLiteral("cannot add the signature reference")));
    if (!params.inclusiveNamespaces.isEmpty()) {
        const QByteArray list = params.inclusiveNamespaces.toUtf8();
        xmlSecTmplTransformAddC14NInclNamespaces(c14n, xml::xc(list.constData()));
    }
    if (params.keyInfoCertificate) {
        xmlNode* keyInfo = xmlSecTmplSignatureEnsureKeyInfo(sig, nullptr);
        xmlNode* x509 = keyInfo ? xmlSecTmplKeyInfoAddX509Data(keyInfo) : nullptr;
        xmlNode* cert = x509 ? xmlSecTmplX509DataAddCertificate(x509) : nullptr;
        if (!cert)
            return makeError("xmlsec.template",
                             errors.message(QStringLiteral("cannot add KeyInfo")));
        xmlNodeSetContent(cert, xml::xc(m_certificateBase64.constData()));
    }

    DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
    if (!ctx)
        return makeError("xmlsec.sign",
                         errors.message(QStringLiteral("cannot create the signature context")));
    // The context borrows the converted key instead of duplicating it: a
    // duplicate copies the certificate data, which costs a fifth of an
    // RSA-2048 signature. It is handed back before the context is destroyed.
    // "#id" is resolved with a direct ID look-up rather than through the
    // XPath/XPointer engine: the same node set (the element's subtree without
    // comments) at a fraction of the cost. This is only ever done for
    // documents we are signing ourselves; verification keeps the standard path.
    ctx->flags |= XMLSEC_DSIG_FLAGS_USE_VISA3D_HACK;
    ctx->signKey = m_key.get();
    const int rc = xmlSecDSigCtxSign(ctx.get(), sig);
    ctx->signKey = nullptr;
    if (rc < 0)
        return makeError("xmlsec.sign",
                         errors.message(QStringLiteral("signing <%1 ID=\"%2\"> failed")
                                            .arg(xml::toQString(element->name), *id)));
    return {};
}

} // namespace jh::xmlsec
