#include "scim/scim_exchange.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jh::scim {

QString ScimRequest::queryValue(const QString& name) const
{
    for (const auto& [key, value] : query)
        if (key == name)
            return value;
    return {};
}

bool ScimRequest::hasQuery(const QString& name) const
{
    for (const auto& item : query)
        if (item.first == name)
            return true;
    return false;
}

QJsonObject ScimResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString ScimResponse::scimType() const
{
    return json().value(QStringLiteral("scimType")).toString();
}

ScimResponse errorResponse(int status, const QString& scimType, const QString& detail)
{
    QJsonObject o{
        {QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kErrorSchema)}},
        {QStringLiteral("status"), QString::number(status)},
        {QStringLiteral("detail"), detail},
    };
    if (!scimType.isEmpty())
        o.insert(QStringLiteral("scimType"), scimType);
    ScimResponse r;
    r.status = status;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

} // namespace jh::scim
