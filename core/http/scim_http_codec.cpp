#include "http/scim_http_codec.h"

#include <QUrl>

namespace jh::http {

bool isScimMediaType(const QByteArray& contentType)
{
    // Qt 6's left() of a negative length is empty, not the whole array.
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type =
        (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    return type == "application/scim+json" || type == "application/json";
}

namespace {

QString decodeComponent(QByteArray text)
{
    text.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text));
}

} // namespace

QList<QPair<QString, QString>> decodeQuery(const QByteArray& query)
{
    QList<QPair<QString, QString>> pairs;
    for (const QByteArray& item : query.split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        pairs.append({decodeComponent(eq < 0 ? item : item.left(eq)),
                      eq < 0 ? QString() : decodeComponent(item.mid(eq + 1))});
    }
    return pairs;
}

QByteArray encodeQuery(const QList<QPair<QString, QString>>& pairs)
{
    QByteArray query;
    for (const auto& [key, value] : pairs) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return query;
}

QByteArray encodePath(const QString& path)
{
    return QUrl::toPercentEncoding(path, "/");
}

} // namespace jh::http
