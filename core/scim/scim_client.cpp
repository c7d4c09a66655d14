#include "scim/scim_client.h"

#include "scim/scim_client_session.h"

#include <QJsonDocument>
#include <QSet>

namespace jh::scim {

QString scimProfileName(ScimProfile p)
{
    return p == ScimProfile::Okta ? QStringLiteral("okta") : QStringLiteral("entra");
}

std::optional<ScimProfile> scimProfileFromName(QStringView name)
{
    for (ScimProfile p : {ScimProfile::Okta, ScimProfile::Entra})
        if (name == scimProfileName(p))
            return p;
    return std::nullopt;
}

PushSession::PushSession(const idp::Directory& directory, ScimClientState& state,
                         ScimTransport& transport, const QDateTime& now,
                         const ScimClientOptions& options, PushReport& report)
    : m_directory(directory), m_state(state), m_transport(transport), m_now(now),
      m_options(options), m_report(report)
{}

std::optional<ScimResponse> PushSession::send(const QString& action, const QString& subject,
                                              ScimRequest request,
                                              std::initializer_list<int> alsoOk)
{
    if (aborted())
        return std::nullopt;
    ScimExchangeRecord record;
    record.action = action;
    record.subject = subject;
    record.request = std::move(request);
    Result<ScimResponse> answer = m_transport.send(record.request);
    if (!answer) {
        record.error = answer.error().message;
        m_report.aborted = answer.error();
        m_report.exchanges.append(record);
        return std::nullopt;
    }
    record.status = answer->status;
    record.responseBody = answer->body;
    record.ok = (answer->status >= 200 && answer->status < 300) ||
                std::find(alsoOk.begin(), alsoOk.end(), answer->status) != alsoOk.end();
    if (!record.ok) {
        record.scimType = answer->scimType();
        ++m_report.summary.failed;
    }
    m_report.exchanges.append(record);
    return *answer;
}

bool PushSession::lastOk() const
{
    return !m_report.exchanges.isEmpty() && m_report.exchanges.constLast().ok;
}

void PushSession::failLast(const QString& why)
{
    ScimExchangeRecord& last = m_report.exchanges.last();
    if (last.ok)
        ++m_report.summary.failed;
    last.ok = false;
    last.error = why;
}

ScimRequest getRequest(const QString& path, QList<QPair<QString, QString>> query)
{
    ScimRequest r;
    r.method = "GET";
    r.path = path;
    r.query = std::move(query);
    return r;
}

ScimRequest bodyRequest(const char* method, const QString& path, const QJsonObject& body)
{
    ScimRequest r;
    r.method = method;
    r.path = path;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

ScimRequest deleteRequest(const QString& path)
{
    ScimRequest r;
    r.method = "DELETE";
    r.path = path;
    return r;
}

QJsonObject patchBody(const QJsonArray& operations)
{
    return {{QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kPatchOpSchema)}},
            {QStringLiteral("Operations"), operations}};
}

QJsonObject patchOp(const QString& op, const QString& path, const QJsonValue& value)
{
    QJsonObject o{{QStringLiteral("op"), op}};
    if (!path.isEmpty())
        o.insert(QStringLiteral("path"), path);
    if (!value.isUndefined())
        o.insert(QStringLiteral("value"), value);
    return o;
}

std::optional<QJsonObject> firstListed(const ScimResponse& response)
{
    const QJsonArray resources = response.json().value(QStringLiteral("Resources")).toArray();
    if (resources.isEmpty() || !resources.first().isObject())
        return std::nullopt;
    return resources.first().toObject();
}

bool activeOf(const QJsonObject& resource)
{
    const QJsonValue v = resource.value(QStringLiteral("active"));
    if (v.isString())
        return v.toString().compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
    return v.isBool() ? v.toBool() : true;
}

namespace {

// The members each group should have on the server: its people whose SCIM
// user is active, as this push left them.
QMap<QString, QString> wantedMembers(const idp::Directory& directory, const ScimClientState& state,
                                     const idp::Group& group)
{
    QMap<QString, QString> members;
    for (const idp::Person& p : directory.people()) {
        if (!p.groups.contains(group.id))
            continue;
        const auto it = state.users.constFind(p.id);
        if (it != state.users.constEnd() && !it->scimId.isEmpty() && it->active)
            members.insert(p.id, it->scimId);
    }
    return members;
}

} // namespace

Result<PushReport> pushDirectory(const idp::Directory& directory, ScimClientState& state,
                                 ScimTransport& transport, const Clock& clock,
                                 const ScimClientOptions& options)
{
    const QString profile = scimProfileName(options.profile);
    if (!state.profile.isEmpty() && state.profile != profile)
        return makeError("scim.state-profile",
                         QStringLiteral("the state was written by the %1 profile, not %2")
                             .arg(state.profile, profile));
    state.profile = profile;
    PushReport report;
    report.profile = profile;
    report.at = clock.now();
    PushSession s(directory, state, transport, report.at, options, report);
    const std::unique_ptr<ProfileDriver> driver =
        options.profile == ScimProfile::Okta ? makeOktaDriver() : makeEntraDriver();

    QSet<QString> present;
    for (const idp::Person& p : directory.people()) {
        present.insert(p.id);
        driver->syncUser(s, p.id, &p);
    }
    for (const QString& id : state.users.keys())
        if (!present.contains(id))
            driver->syncUser(s, id, nullptr);
    if (options.pushGroups) {
        QSet<QString> groups;
        for (const idp::Group& g : directory.groups()) {
            groups.insert(g.id);
            driver->syncGroup(s, g, wantedMembers(directory, state, g));
        }
        for (const QString& id : state.groups.keys())
            if (!groups.contains(id))
                driver->deleteGroup(s, id);
    }
    driver->finish(s);
    return report;
}

} // namespace jh::scim
