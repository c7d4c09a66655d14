#include "xmlsec/xmlsec_library.h"

#include "crypto/openssl_handles.h"
#include "xml/xml_document.h"

#include <QStringList>
#include <mutex>
#include <xmlsec/app.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmlsec.h>

namespace jh::xmlsec {
namespace {

thread_local QStringList* tl_errors = nullptr;

void onXmlSecError(const char* file, int line, const char* func, const char* errorObject,
                   const char* errorSubject, int reason, const char* msg)
{
    Q_UNUSED(file);
    Q_UNUSED(line);
    Q_UNUSED(func);
    if (!tl_errors)
        return;
    QString text;
    for (xmlSecSize i = 0; xmlSecErrorsGetMsg(i) != nullptr; ++i) {
        if (xmlSecErrorsGetCode(i) == reason) {
            text = QString::fromUtf8(xmlSecErrorsGetMsg(i));
            break;
        }
    }
    if (errorSubject && *errorSubject)
        text = QStringLiteral("%1 (%2)").arg(text, QString::fromUtf8(errorSubject));
    if (errorObject && *errorObject && qstrcmp(errorObject, "unknown") != 0)
        text = QStringLiteral("%1: %2").arg(QString::fromUtf8(errorObject), text);
    if (msg && *msg)
        text += QStringLiteral(" — ") + QString::fromUtf8(msg);
    if (!tl_errors->contains(text))
        tl_errors->append(text);
}

// libxml2's own errors inside an xmlsec operation (the decrypted plaintext
// is parsed by libxml2) belong to the scope too, not to stderr.
void onLibxmlError(void*, xmlErrorPtr error)
{
    if (!tl_errors || !error || error->level < XML_ERR_ERROR)
        return;
    const QString text =
        QStringLiteral("libxml2: %1").arg(QString::fromUtf8(error->message).trimmed());
    if (!tl_errors->contains(text))
        tl_errors->append(text);
}

Error initError;
bool initOk = false;

} // namespace

Result<void> ensureInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] {
        xml::ensureInitialised();
        if (xmlSecInit() < 0) {
            initError = makeError("xmlsec.init", QStringLiteral("xmlsec initialisation failed"));
            return;
        }
        if (xmlSecCheckVersion() != 1) {
            initError = makeError(
                "xmlsec.init", QStringLiteral("loaded xmlsec library version is not compatible"));
            return;
        }
        if (xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) {
            initError =
                makeError("xmlsec.init", crypto::openSslFailure(QStringLiteral(
                                             "xmlsec crypto (OpenSSL) initialisation failed")));
            return;
        }
        xmlSecErrorsSetCallback(onXmlSecError);
        initOk = true;
    });
    if (!initOk)
        return initError;
    return {};
}

Result<KeyPtr> publicKeyFromCertificate(X509* cert, const QString& role, const ErrorScope& errors)
{
    unsigned char* der = nullptr;
    const int len = i2d_X509(cert, &der);
    if (len <= 0)
        return makeError("xmlsec.key",
                         errors.message(QStringLiteral("cannot encode %1").arg(role)));
    xmlSecKeyPtr key = xmlSecCryptoAppKeyLoadMemory(
        der, static_cast<xmlSecSize>(len), xmlSecKeyDataFormatCertDer, nullptr, nullptr, nullptr);
    OPENSSL_free(der);
    if (!key)
        return makeError(
            "xmlsec.key",
            errors.message(QStringLiteral("cannot read the public key of %1").arg(role)));
    return KeyPtr(key);
}

Result<KeyPtr> privateKeyOf(const crypto::KeyPair& pair, const ErrorScope& errors)
{
    const QByteArray pem = pair.privateKeyPem();
    xmlSecKeyPtr key = xmlSecCryptoAppKeyLoadMemory(
        reinterpret_cast<const xmlSecByte*>(pem.constData()), static_cast<xmlSecSize>(pem.size()),
        xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr);
    if (!key)
        return makeError("xmlsec.key",
                         errors.message(QStringLiteral("xmlsec could not load the private key")));
    return KeyPtr(key);
}

Result<KeysMngrPtr> keysManagerWith(KeyPtr key, const ErrorScope& errors)
{
    KeysMngrPtr mngr(xmlSecKeysMngrCreate());
    if (!mngr || xmlSecCryptoAppDefaultKeysMngrInit(mngr.get()) < 0 ||
        xmlSecCryptoAppDefaultKeysMngrAdoptKey(mngr.get(), key.get()) < 0)
        return makeError("xmlsec.key",
                         errors.message(QStringLiteral("cannot set up the keys manager")));
    static_cast<void>(key.release()); // the manager owns it now
    return mngr;
}

ErrorScope::ErrorScope()
    : m_outer(tl_errors), m_outerHandler(xmlStructuredError),
      m_outerHandlerContext(xmlStructuredErrorContext)
{
    crypto::drainOpenSslErrors();
    tl_errors = &m_errors;
    xmlSetStructuredErrorFunc(nullptr, onLibxmlError);
}

ErrorScope::~ErrorScope()
{
    tl_errors = m_outer;
    xmlSetStructuredErrorFunc(m_outerHandlerContext, m_outerHandler);
}

QString ErrorScope::message(const QString& what) const
{
    QStringList parts = m_errors;
    const QString ssl = crypto::drainOpenSslErrors();
    if (!ssl.isEmpty())
        parts << ssl;
    return parts.isEmpty() ? what
                           : QStringLiteral("%1: %2").arg(what, parts.join(QStringLiteral("; ")));
}

} // namespace jh::xmlsec
