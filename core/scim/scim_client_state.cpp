#include "scim/scim_client_state.h"

#include "common/file_io.h"
#include "time/clock.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jh::scim {

namespace {

constexpr int kStateVersion = 1;

QString instant(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

Error invalid(const QString& what)
{
    return makeError("scim.state-invalid", what);
}

QJsonObject userJson(const ScimUserState& u)
{
    QJsonArray attributes;
    for (const ScimAttribute& a : u.attributes)
        attributes.append(
            QJsonObject{{QStringLiteral("path"), a.path}, {QStringLiteral("value"), a.value}});
    QJsonObject o{{QStringLiteral("id"), u.scimId},
                  {QStringLiteral("active"), u.active},
                  {QStringLiteral("attributes"), attributes}};
    if (u.deactivatedAt.isValid())
        o.insert(QStringLiteral("deactivatedAt"), instant(u.deactivatedAt));
    if (u.softDeletedAt.isValid())
        o.insert(QStringLiteral("softDeletedAt"), instant(u.softDeletedAt));
    return o;
}

QJsonObject groupJson(const ScimGroupState& g)
{
    QJsonObject members;
    for (auto it = g.members.begin(); it != g.members.end(); ++it)
        members.insert(it.key(), it.value());
    return {{QStringLiteral("id"), g.scimId},
            {QStringLiteral("displayName"), g.displayName},
            {QStringLiteral("members"), members}};
}

// An optional instant: absent or empty is invalid (unset), anything else
// must parse.
Result<QDateTime> optionalInstant(const QJsonObject& o, const char* key, const QString& where)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.toString().isEmpty())
        return QDateTime();
    const QDateTime t = parseIsoInstant(v.toString());
    if (!t.isValid())
        return invalid(QStringLiteral("%1.%2: '%3' is not an ISO 8601 instant")
                           .arg(where, QLatin1String(key), v.toString()));
    return t;
}

Result<ScimUserState> userFrom(const QJsonValue& value, const QString& where)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject() || !o.value(QStringLiteral("id")).isString() ||
        !o.value(QStringLiteral("active")).isBool())
        return invalid(where + QStringLiteral(": needs a string id and a boolean active"));
    ScimUserState u;
    u.scimId = o.value(QStringLiteral("id")).toString();
    u.active = o.value(QStringLiteral("active")).toBool();
    for (const auto& a : o.value(QStringLiteral("attributes")).toArray()) {
        const QJsonObject ao = a.toObject();
        if (!ao.value(QStringLiteral("path")).isString() ||
            !ao.value(QStringLiteral("value")).isString())
            return invalid(where +
                           QStringLiteral(".attributes: each needs a string path and value"));
        u.attributes.append({ao.value(QStringLiteral("path")).toString(),
                             ao.value(QStringLiteral("value")).toString()});
    }
    auto deactivated = optionalInstant(o, "deactivatedAt", where);
    if (!deactivated)
        return deactivated.error();
    auto softDeleted = optionalInstant(o, "softDeletedAt", where);
    if (!softDeleted)
        return softDeleted.error();
    u.deactivatedAt = *deactivated;
    u.softDeletedAt = *softDeleted;
    return u;
}

Result<ScimGroupState> groupFrom(const QJsonValue& value, const QString& where)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject() || !o.value(QStringLiteral("id")).isString() ||
        !o.value(QStringLiteral("displayName")).isString())
        return invalid(where + QStringLiteral(": needs a string id and displayName"));
    ScimGroupState g;
    g.scimId = o.value(QStringLiteral("id")).toString();
    g.displayName = o.value(QStringLiteral("displayName")).toString();
    const QJsonObject members = o.value(QStringLiteral("members")).toObject();
    for (auto it = members.begin(); it != members.end(); ++it) {
        if (!it.value().isString())
            return invalid(QStringLiteral("%1.members.%2: not a string").arg(where, it.key()));
        g.members.insert(it.key(), it.value().toString());
    }
    return g;
}

} // namespace

QJsonObject ScimClientState::toJson() const
{
    QJsonObject u;
    for (auto it = users.begin(); it != users.end(); ++it)
        u.insert(it.key(), userJson(it.value()));
    QJsonObject g;
    for (auto it = groups.begin(); it != groups.end(); ++it)
        g.insert(it.key(), groupJson(it.value()));
    return {{QStringLiteral("version"), kStateVersion},
            {QStringLiteral("profile"), profile},
            {QStringLiteral("users"), u},
            {QStringLiteral("groups"), g}};
}

Result<ScimClientState> ScimClientState::fromJson(const QJsonObject& json)
{
    if (json.value(QStringLiteral("version")).toInt() != kStateVersion)
        return invalid(QStringLiteral("version: expected %1").arg(kStateVersion));
    ScimClientState state;
    state.profile = json.value(QStringLiteral("profile")).toString();
    const QJsonObject users = json.value(QStringLiteral("users")).toObject();
    for (auto it = users.begin(); it != users.end(); ++it) {
        auto u = userFrom(it.value(), QStringLiteral("users.") + it.key());
        if (!u)
            return u.error();
        state.users.insert(it.key(), *u);
    }
    const QJsonObject groups = json.value(QStringLiteral("groups")).toObject();
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        auto g = groupFrom(it.value(), QStringLiteral("groups.") + it.key());
        if (!g)
            return g.error();
        state.groups.insert(it.key(), *g);
    }
    return state;
}

Result<ScimClientState> loadScimClientState(const QString& path)
{
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (!doc.isObject())
        return invalid(QStringLiteral("%1: not a JSON object (%2)")
                           .arg(path, parseError.error == QJsonParseError::NoError
                                          ? QStringLiteral("wrong type")
                                          : parseError.errorString()));
    auto state = ScimClientState::fromJson(doc.object());
    if (!state)
        return state.error().prefixed(path);
    return state;
}

Result<void> saveScimClientState(const ScimClientState& state, const QString& path)
{
    return writeFileAtomic(path, QJsonDocument(state.toJson()).toJson(QJsonDocument::Indented));
}

} // namespace jh::scim
