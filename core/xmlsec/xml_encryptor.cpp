#include "xmlsec/xml_encryptor.h"

#include "xml/xml_document.h"
#include "xmlsec/xmlsec_library.h"

#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>

namespace jh::xmlsec {
namespace {

xmlSecSize sessionKeyBits(const Algorithm& cipher)
{
    const QLatin1String name(cipher.name);
    if (name.startsWith(QLatin1String("tripledes")))
        return 192;
    if (name.contains(QLatin1String("256")))
        return 256;
    if (name.contains(QLatin1String("192")))
        return 192;
    return 128;
}

Result<KeysMngrPtr> recipientKeys(X509* recipient, const ErrorScope& errors)
{
    auto key =
        publicKeyFromCertificate(recipient, QStringLiteral("the recipient certificate"), errors);
    if (!key)
        return key.error();
    return keysManagerWith(std::move(*key), errors);
}

} // namespace

Result<xmlNode*> encryptElement(xmlDoc* doc, xmlNode* element, X509* recipient,
                                const EncryptionParams& params)
{
    if (auto init = ensureInitialised(); !init)
        return init.error();
    if (!params.blockCipher || params.blockCipher->kind != AlgorithmKind::BlockCipher ||
        !params.keyTransport || params.keyTransport->kind != AlgorithmKind::KeyTransport)
        return makeError(
            "xmlenc.algorithm",
            QStringLiteral("a block cipher and a key transport algorithm are required"));
    ErrorScope errors;
    auto mngr = recipientKeys(recipient, errors);
    if (!mngr)
        return mngr.error();

    xmlNode* encData = xmlSecTmplEncDataCreate(doc, params.blockCipher->transform(), nullptr,
                                               xmlSecTypeEncElement, nullptr, nullptr);
    if (!encData)
        return makeError("xmlenc.template", errors.message(QStringLiteral(
                                                "cannot create the EncryptedData template")));
    auto freeTemplate = [&] {
        xmlFreeNode(encData);
    };
    xmlNode* keyInfo = xmlSecTmplEncDataEnsureCipherValue(encData)
                           ? xmlSecTmplEncDataEnsureKeyInfo(encData, nullptr)
                           : nullptr;
    xmlNode* encKey =
        keyInfo ? xmlSecTmplKeyInfoAddEncryptedKey(keyInfo, params.keyTransport->transform(),
                                                   nullptr, nullptr, nullptr)
                : nullptr;
    if (!encKey || !xmlSecTmplEncDataEnsureCipherValue(encKey)) {
        freeTemplate();
        return makeError("xmlenc.template",
                         errors.message(QStringLiteral("cannot create the EncryptedKey template")));
    }
    if (params.recipientCertificateInKeyInfo) {
        xmlNode* keyKeyInfo = xmlSecTmplEncDataEnsureKeyInfo(encKey, nullptr);
        if (!keyKeyInfo || !xmlSecTmplKeyInfoAddX509Data(keyKeyInfo)) {
            freeTemplate();
            return makeError("xmlenc.template",
                             errors.message(QStringLiteral("cannot add the recipient's KeyInfo")));
        }
    }

    EncCtxPtr ctx(xmlSecEncCtxCreate(mngr->get()));
    if (!ctx) {
        freeTemplate();
        return makeError("xmlenc.encrypt",
                         errors.message(QStringLiteral("cannot create the encryption context")));
    }
    const bool des = QLatin1String(params.blockCipher->name).startsWith(QLatin1String("tripledes"));
    ctx->encKey = xmlSecKeyGenerate(des ? xmlSecKeyDataDesId : xmlSecKeyDataAesId,
                                    sessionKeyBits(*params.blockCipher), xmlSecKeyDataTypeSession);
    if (!ctx->encKey) {
        freeTemplate();
        return makeError("xmlenc.encrypt",
                         errors.message(QStringLiteral("cannot generate the session key")));
    }
    // On success xmlsec replaces `element` by the template, which the document then owns.
    if (xmlSecEncCtxXmlEncrypt(ctx.get(), encData, element) < 0) {
        freeTemplate();
        return makeError(
            "xmlenc.encrypt",
            errors.message(
                QStringLiteral("encrypting <%1> failed").arg(xml::toQString(element->name))));
    }
    return encData;
}

} // namespace jh::xmlsec
