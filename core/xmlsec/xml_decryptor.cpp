#include "xmlsec/xml_decryptor.h"

#include "saml/saml_names.h"
#include "xml/xml_document.h"
#include "xmlsec/xmlsec_library.h"

#include <xmlsec/crypto.h>

namespace jh::xmlsec {
namespace {

const xmlNode* encryptionMethod(const xmlNode* parent)
{
    return xml::firstChild(parent, saml::kNsXenc, "EncryptionMethod");
}

QList<const Algorithm*> orDefault(const QList<const Algorithm*>& chosen, AlgorithmKind kind,
                                  const char* name)
{
    return chosen.isEmpty()
               ? QList<const Algorithm*>{findAlgorithm(kind, QString::fromLatin1(name))}
               : chosen;
}

bool allowed(const QList<const Algorithm*>& list, const QString& uri)
{
    for (const Algorithm* a : list)
        if (a && uri == QLatin1String(a->uri))
            return true;
    return false;
}

} // namespace

Result<xmlNode*> decryptElement(xmlDoc* doc, xmlNode* encryptedData, const crypto::KeyPair& key,
                                const DecryptPolicy& policy)
{
    Q_UNUSED(doc);
    if (auto init = ensureInitialised(); !init)
        return init.error();

    auto ciphers = policy.blockCiphers;
    if (ciphers.isEmpty())
        ciphers = {findAlgorithm(AlgorithmKind::BlockCipher, QStringLiteral("aes256-gcm")),
                   findAlgorithm(AlgorithmKind::BlockCipher, QStringLiteral("aes128-gcm"))};
    const auto transports =
        orDefault(policy.keyTransports, AlgorithmKind::KeyTransport, "rsa-oaep-mgf1p");

    const QString cipherUri = xml::attribute(encryptionMethod(encryptedData), "Algorithm");
    if (!allowed(ciphers, cipherUri))
        return makeError("xmlenc.algorithm",
                         QStringLiteral("block cipher '%1' is not allowed").arg(cipherUri));
    const xmlNode* keyInfo = xml::firstChild(encryptedData, saml::kNsDsig, "KeyInfo");
    const xmlNode* encKey = xml::firstChild(keyInfo, saml::kNsXenc, "EncryptedKey");
    if (!encKey)
        return makeError("xmlenc.decrypt",
                         QStringLiteral("no xenc:EncryptedKey inside the EncryptedData's KeyInfo "
                                        "(RetrievalMethod and named keys are not followed)"));
    const QString transportUri = xml::attribute(encryptionMethod(encKey), "Algorithm");
    if (!allowed(transports, transportUri))
        return makeError("xmlenc.algorithm",
                         QStringLiteral("key transport '%1' is not allowed").arg(transportUri));

    ErrorScope errors;
    auto k = privateKeyOf(key, errors);
    if (!k)
        return k.error();
    auto mngr = keysManagerWith(std::move(*k), errors);
    if (!mngr)
        return mngr.error();
    EncCtxPtr ctx(xmlSecEncCtxCreate(mngr->get()));
    if (!ctx)
        return makeError("xmlenc.decrypt",
                         errors.message(QStringLiteral("cannot create the decryption context")));
    // Keys come from an inline EncryptedKey only: no KeyName look-ups, no
    // RetrievalMethod, no certificates to trust.
    xmlSecPtrListEmpty(&ctx->keyInfoReadCtx.enabledKeyData);
    xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData,
                     const_cast<void*>(static_cast<const void*>(xmlSecKeyDataEncryptedKeyId)));
    xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData,
                     const_cast<void*>(static_cast<const void*>(xmlSecKeyDataAesId)));
    xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData,
                     const_cast<void*>(static_cast<const void*>(xmlSecKeyDataDesId)));

    xmlNode* parent = encryptedData->parent;
    xmlNode* prev = encryptedData->prev;
    if (xmlSecEncCtxDecrypt(ctx.get(), encryptedData) < 0 || !ctx->result)
        return makeError("xmlenc.decrypt", errors.message(QStringLiteral("decryption failed")));
    xmlNode* replaced = prev ? prev->next : parent->children;
    while (replaced && replaced->type != XML_ELEMENT_NODE)
        replaced = replaced->next;
    if (!replaced)
        return makeError("xmlenc.decrypt",
                         QStringLiteral("the decrypted content holds no element"));
    return replaced;
}

} // namespace jh::xmlsec
