#include "xmlsec/xmlsec_library.h"

#include "crypto/openssl_handles.h"
#include "xml/xml_document.h"

#include <QStringList>
#include <mutex>
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

ErrorScope::ErrorScope()
{
    crypto::drainOpenSslErrors();
    tl_errors = new QStringList;
}

ErrorScope::~ErrorScope()
{
    delete tl_errors;
    tl_errors = nullptr;
}

QString ErrorScope::message(const QString& what) const
{
    QStringList parts = tl_errors ? *tl_errors : QStringList();
    const QString ssl = crypto::drainOpenSslErrors();
    if (!ssl.isEmpty())
        parts << ssl;
    return parts.isEmpty() ? what
                           : QStringLiteral("%1: %2").arg(what, parts.join(QStringLiteral("; ")));
}

} // namespace jh::xmlsec
