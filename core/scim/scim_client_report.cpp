#include "scim/scim_client_report.h"

#include "common/display_text.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jh::scim {

namespace {

// A body as JSON when it is JSON, else as text; absent when empty.
QJsonValue bodyJson(const QByteArray& body)
{
    if (body.isEmpty())
        return QJsonValue::Null;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QString::fromUtf8(body);
}

QJsonObject exchangeJson(const ScimExchangeRecord& r)
{
    QJsonArray query;
    for (const auto& [name, value] : r.request.query)
        query.append(QJsonArray{name, value});
    QJsonObject o{{QStringLiteral("action"), r.action},
                  {QStringLiteral("subject"), r.subject},
                  {QStringLiteral("method"), QString::fromLatin1(r.request.method)},
                  {QStringLiteral("path"), r.request.path},
                  {QStringLiteral("query"), query},
                  {QStringLiteral("target"), requestTarget(r.request)},
                  {QStringLiteral("requestBody"), bodyJson(r.request.body)},
                  {QStringLiteral("ok"), r.ok}};
    if (r.status != 0) {
        o.insert(QStringLiteral("status"), r.status);
        o.insert(QStringLiteral("responseBody"), bodyJson(r.responseBody));
    }
    if (!r.scimType.isEmpty())
        o.insert(QStringLiteral("scimType"), r.scimType);
    if (!r.error.isEmpty())
        o.insert(QStringLiteral("error"), r.error);
    return o;
}

} // namespace

QJsonObject PushReport::toJson() const
{
    QJsonArray list;
    for (const ScimExchangeRecord& r : exchanges)
        list.append(exchangeJson(r));
    const QJsonObject counts{{QStringLiteral("requests"), exchanges.size()},
                             {QStringLiteral("created"), summary.created},
                             {QStringLiteral("updated"), summary.updated},
                             {QStringLiteral("deactivated"), summary.deactivated},
                             {QStringLiteral("reactivated"), summary.reactivated},
                             {QStringLiteral("deleted"), summary.deleted},
                             {QStringLiteral("groupsCreated"), summary.groupsCreated},
                             {QStringLiteral("groupsUpdated"), summary.groupsUpdated},
                             {QStringLiteral("groupsDeleted"), summary.groupsDeleted},
                             {QStringLiteral("failed"), summary.failed}};
    QJsonObject o{{QStringLiteral("profile"), profile},
                  {QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("succeeded"), succeeded()},
                  {QStringLiteral("summary"), counts},
                  {QStringLiteral("exchanges"), list}};
    if (aborted)
        o.insert(QStringLiteral("aborted"),
                 QJsonObject{{QStringLiteral("id"), aborted->id},
                             {QStringLiteral("message"), aborted->message}});
    return o;
}

QString requestTarget(const ScimRequest& request)
{
    QString target = request.path;
    QChar separator = QLatin1Char('?');
    for (const auto& [name, value] : request.query) {
        target += separator + name + QLatin1Char('=') + value;
        separator = QLatin1Char('&');
    }
    return target;
}

QString exchangeLine(const ScimExchangeRecord& r)
{
    QString line = QString::fromLatin1(r.request.method) + QLatin1Char(' ') +
                   displayValue(requestTarget(r.request)) + QStringLiteral(" -> ");
    line += r.status == 0 ? QStringLiteral("no answer") : QString::number(r.status);
    if (!r.scimType.isEmpty())
        line += QStringLiteral(" (%1)").arg(displayValue(r.scimType));
    if (!r.error.isEmpty())
        line += QStringLiteral(": ") + displayValue(r.error);
    return line;
}

} // namespace jh::scim
