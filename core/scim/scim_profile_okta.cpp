// Okta's SCIM 2.0 client, as Okta documents it in "SCIM 2.0 protocol
// reference": https://developer.okta.com/docs/reference/scim/scim-20/
// (source: okta/okta-developer-docs,
// packages/@okta/vuepress-site/docs/reference/scim/scim-20/index.md). What it
// sends, by section of that page:
// - Create Users: GET /Users?filter=userName eq "..."&startIndex=1&count=100
//   (a 404 means "not found" as well as an empty list), then POST /Users with
//   the app profile, "locale": "en-US", "groups": [], a placeholder
//   "password" and "active": true. A user found by the lookup is linked and
//   gets the app profile (the update below).
// - Update a specific User (PUT): GET /Users/{id}, change the attributes
//   that changed, PUT the whole body back. (OktaUpdate::Patch instead sends
//   one "replace" with a value object, the form Okta uses for deactivation;
//   Okta documents PATCH only for (de)activation and password sync.)
// - Update a specific User (PATCH): deactivation and activation are
//   {"op": "replace", "value": {"active": false|true}} with no path.
// - Delete Users: Okta never sends DELETE for a user. Deactivated or removed
//   from the app: active false. The current page says no event is sent for a
//   suspended user; an earlier revision listed suspension with deactivation
//   (ScimClientOptions::oktaDeactivateSuspended).
// - Group Push: POST /Groups {"displayName", "members": []}; on every
//   membership change first the name PATCH ({"op": "replace", "value":
//   {"id", "displayName"}} — "The group name update operation is triggered
//   each time there is a group membership update operation") and then one
//   PATCH removing members by members[value eq "..."] and adding the new
//   ones in one "add" with {"value", "display"}; an unlinked group with
//   "Delete the group in the target app" is DELETE /Groups/{id}.
#include "scim/scim_client_session.h"

#include <QCryptographicHash>

namespace jh::scim {
namespace {

QString usersPath(const QString& id = {})
{
    return id.isEmpty() ? QStringLiteral("/Users") : QStringLiteral("/Users/") + id;
}

QString groupsPath(const QString& id = {})
{
    return id.isEmpty() ? QStringLiteral("/Groups") : QStringLiteral("/Groups/") + id;
}

// Okta sends a random password that "acts as a placeholder for legacy
// provisioning platforms"; a digest of the person id keeps runs repeatable.
QString placeholderPassword(const QString& personId)
{
    const QByteArray digest =
        QCryptographicHash::hash(personId.toUtf8(), QCryptographicHash::Sha256);
    const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString password;
    for (int i = 0; i < 8; ++i)
        password += QLatin1Char(alphabet[static_cast<unsigned char>(digest.at(i)) % 36]);
    return password;
}

QJsonObject createBody(const idp::Person& p, const ScimAttributes& attributes)
{
    QJsonObject body{{QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kUserSchema)}},
                     {QStringLiteral("locale"), QStringLiteral("en-US")},
                     {QStringLiteral("groups"), QJsonArray{}},
                     {QStringLiteral("password"), placeholderPassword(p.id)},
                     {QStringLiteral("active"), true}};
    for (const ScimAttribute& a : attributes)
        setScimValue(body, a.path, a.value);
    return body;
}

QJsonObject activeOp(bool active)
{
    return patchBody(
        {patchOp(QStringLiteral("replace"), {}, QJsonObject{{QStringLiteral("active"), active}})});
}

class OktaDriver final : public ProfileDriver
{
public:
    void syncUser(PushSession& s, const QString& personId, const idp::Person* person) override
    {
        auto& users = s.state().users;
        if (!users.contains(personId)) {
            // Okta provisions on assignment, which only an active person gets.
            if (!person || person->status != idp::PersonStatus::Active)
                return;
            if (!provision(s, *person))
                return;
        }
        ScimUserState& st = users[personId];
        if (!keepsActive(s, person)) {
            if (st.active && setActive(s, personId, st, false))
                ++s.summary().deactivated;
            return;
        }
        if (!st.active) {
            if (!setActive(s, personId, st, true))
                return;
            ++s.summary().reactivated;
        }
        const ScimAttributes wanted = oktaAttributes(*person);
        if (wanted != st.attributes)
            update(s, *person, st, wanted);
    }

    void syncGroup(PushSession& s, const idp::Group& group,
                   const QMap<QString, QString>& members) override
    {
        auto& groups = s.state().groups;
        if (!groups.contains(group.id) && !createGroup(s, group))
            return;
        ScimGroupState& st = groups[group.id];
        const bool membersChanged = st.members != members;
        if (!membersChanged && st.displayName == group.displayName)
            return;
        bool changed = renameGroup(s, group, st);
        if (membersChanged)
            changed = updateMembers(s, group, st, members) || changed;
        if (changed)
            ++s.summary().groupsUpdated;
    }

    void deleteGroup(PushSession& s, const QString& groupId) override
    {
        auto& groups = s.state().groups;
        const auto answer = s.send(QStringLiteral("group-delete"), groupId,
                                   deleteRequest(groupsPath(groups.value(groupId).scimId)), {404});
        if (!answer || !s.lastOk())
            return;
        groups.remove(groupId);
        if (answer->status != 404)
            ++s.summary().groupsDeleted;
    }

private:
    bool keepsActive(const PushSession& s, const idp::Person* person) const
    {
        if (!person || person->status == idp::PersonStatus::Left)
            return false;
        return person->status == idp::PersonStatus::Active || !s.options().oktaDeactivateSuspended;
    }

    // Looks the person up by userName; creates or links them. True when the
    // state now has an entry for them.
    bool provision(PushSession& s, const idp::Person& p)
    {
        const ScimAttributes wanted = oktaAttributes(p);
        const auto found = s.send(
            QStringLiteral("lookup"), p.id,
            getRequest(usersPath(), {{QStringLiteral("filter"),
                                      QStringLiteral("userName eq ") + filterLiteral(p.username)},
                                     {QStringLiteral("startIndex"), QStringLiteral("1")},
                                     {QStringLiteral("count"), QStringLiteral("100")}}),
            {404});
        if (!found || !s.lastOk())
            return false;
        const std::optional<QJsonObject> existing =
            found->status == 404 ? std::nullopt : firstListed(*found);
        if (existing) {
            const QString id = existing->value(QStringLiteral("id")).toString();
            if (id.isEmpty()) {
                s.failLast(QStringLiteral("the matching user has no id"));
                return false;
            }
            // Linked: the update that follows sends the whole app profile.
            s.state().users.insert(p.id, {id, activeOf(*existing), {}, {}, {}});
            return true;
        }
        const auto created = s.send(QStringLiteral("create"), p.id,
                                    bodyRequest("POST", usersPath(), createBody(p, wanted)));
        if (!created || !s.lastOk())
            return false;
        const QString id = created->json().value(QStringLiteral("id")).toString();
        if (id.isEmpty()) {
            s.failLast(QStringLiteral("the created user has no id"));
            return false;
        }
        s.state().users.insert(p.id, {id, true, wanted, {}, {}});
        ++s.summary().created;
        return true;
    }

    bool setActive(PushSession& s, const QString& personId, ScimUserState& st, bool active)
    {
        const auto answer =
            s.send(active ? QStringLiteral("reactivate") : QStringLiteral("deactivate"), personId,
                   bodyRequest("PATCH", usersPath(st.scimId), activeOp(active)));
        if (!answer || !s.lastOk())
            return false;
        st.active = active;
        st.deactivatedAt = active ? QDateTime() : s.now();
        return true;
    }

    void update(PushSession& s, const idp::Person& p, ScimUserState& st,
                const ScimAttributes& wanted)
    {
        QJsonObject body;
        if (s.options().oktaUpdate == OktaUpdate::Put) {
            const auto current =
                s.send(QStringLiteral("get"), p.id, getRequest(usersPath(st.scimId)));
            if (!current || !s.lastOk())
                return;
            body = current->json();
            if (body.isEmpty()) {
                s.failLast(QStringLiteral("the answer is not a User"));
                return;
            }
            for (const ScimAttribute& a : wanted)
                if (attributeValue(st.attributes, a.path) != a.value || st.attributes.isEmpty())
                    setScimValue(body, a.path, a.value);
        } else {
            // Whole top-level attributes: a partial "name" could clear the
            // other half on a server that replaces complex values whole.
            const QJsonObject full = createBody(p, wanted);
            QJsonObject value;
            for (const ScimAttribute& a : wanted) {
                const QString top = topLevelAttribute(a.path);
                if (attributeValue(st.attributes, a.path) != a.value && full.contains(top))
                    value.insert(top, full.value(top));
            }
            body = patchBody({patchOp(QStringLiteral("replace"), {}, value)});
        }
        const char* method = s.options().oktaUpdate == OktaUpdate::Put ? "PUT" : "PATCH";
        const auto answer =
            s.send(QStringLiteral("update"), p.id, bodyRequest(method, usersPath(st.scimId), body));
        if (!answer || !s.lastOk())
            return;
        st.attributes = wanted;
        ++s.summary().updated;
    }

    bool createGroup(PushSession& s, const idp::Group& group)
    {
        const QJsonObject body{
            {QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kGroupSchema)}},
            {QStringLiteral("displayName"), group.displayName},
            {QStringLiteral("members"), QJsonArray{}}};
        const auto answer = s.send(QStringLiteral("group-create"), group.id,
                                   bodyRequest("POST", groupsPath(), body));
        if (!answer || !s.lastOk())
            return false;
        const QString id = answer->json().value(QStringLiteral("id")).toString();
        if (id.isEmpty()) {
            s.failLast(QStringLiteral("the created group has no id"));
            return false;
        }
        s.state().groups.insert(group.id, {id, group.displayName, {}});
        ++s.summary().groupsCreated;
        return true;
    }

    bool renameGroup(PushSession& s, const idp::Group& group, ScimGroupState& st)
    {
        const QJsonObject value{{QStringLiteral("id"), st.scimId},
                                {QStringLiteral("displayName"), group.displayName}};
        const auto answer =
            s.send(QStringLiteral("group-rename"), group.id,
                   bodyRequest("PATCH", groupsPath(st.scimId),
                               patchBody({patchOp(QStringLiteral("replace"), {}, value)})));
        if (!answer || !s.lastOk())
            return false;
        const bool renamed = st.displayName != group.displayName;
        st.displayName = group.displayName;
        return renamed;
    }

    bool updateMembers(PushSession& s, const idp::Group& group, ScimGroupState& st,
                       const QMap<QString, QString>& members)
    {
        QJsonArray ops;
        for (auto it = st.members.begin(); it != st.members.end(); ++it)
            if (members.value(it.key()) != it.value())
                ops.append(
                    patchOp(QStringLiteral("remove"),
                            QStringLiteral("members[value eq %1]").arg(filterLiteral(it.value())),
                            QJsonValue::Undefined));
        QJsonArray added;
        for (auto it = members.begin(); it != members.end(); ++it)
            if (st.members.value(it.key()) != it.value())
                added.append(QJsonObject{{QStringLiteral("value"), it.value()},
                                         {QStringLiteral("display"),
                                          attributeValue(s.state().users.value(it.key()).attributes,
                                                         QStringLiteral("userName"))}});
        if (!added.isEmpty())
            ops.append(patchOp(QStringLiteral("add"), QStringLiteral("members"), added));
        const auto answer = s.send(QStringLiteral("group-members"), group.id,
                                   bodyRequest("PATCH", groupsPath(st.scimId), patchBody(ops)));
        if (!answer || !s.lastOk())
            return false;
        st.members = members;
        return true;
    }
};

} // namespace

std::unique_ptr<ProfileDriver> makeOktaDriver()
{
    return std::make_unique<OktaDriver>();
}

} // namespace jh::scim
