#include "crypto/openssl_handles.h"

#include <QStringList>
#include <openssl/err.h>

namespace jh::crypto {

QString drainOpenSslErrors()
{
    QStringList parts;
    unsigned long code = 0;
    const char* file = nullptr;
    const char* func = nullptr;
    const char* data = nullptr;
    int line = 0;
    int flags = 0;
    while ((code = ERR_get_error_all(&file, &line, &func, &data, &flags)) != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        QString text = QString::fromUtf8(buf);
        if (data && (flags & ERR_TXT_STRING) && *data)
            text += QStringLiteral(" (%1)").arg(QString::fromUtf8(data));
        parts << text;
    }
    return parts.join(QStringLiteral("; "));
}

QString openSslFailure(const QString& what)
{
    const QString detail = drainOpenSslErrors();
    return detail.isEmpty() ? what : QStringLiteral("%1: %2").arg(what, detail);
}

} // namespace jh::crypto
