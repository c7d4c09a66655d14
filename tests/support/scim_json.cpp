#include "support/scim_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtGlobal>

namespace jh::test {

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QByteArray j(const char* text)
{
    return QByteArray(text).replace('\'', '"');
}

QJsonValue parsed(const char* text)
{
    const QByteArray doc = "[" + j(text) + "]";
    QJsonParseError error{};
    const QJsonArray a = QJsonDocument::fromJson(doc, &error).array();
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in the test: %s (%s)", text, qPrintable(error.errorString()));
    return a.first();
}

QString jsonText(const QJsonValue& v)
{
    const QByteArray compact = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(compact.mid(1, compact.size() - 2));
}

QByteArray patchBody(const char* operations)
{
    return j("{'schemas': ['" PATCH_URN "'], 'Operations': ") + j(operations) + "}";
}

} // namespace jh::test
