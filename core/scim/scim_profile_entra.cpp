// Microsoft Entra ID's provisioning service as a SCIM client. Sources:
// [T] "Tutorial: Develop and plan provisioning for a SCIM endpoint in
//     Microsoft Entra ID", section "SCIM protocol requests and responses":
//     https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
// [K] "Known issues and resolutions with SCIM 2.0 protocol compliance", flag
//     aadOptscim062020:
//     https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
// [H] "How Application Provisioning works", Incremental cycles:
//     https://learn.microsoft.com/en-us/entra/identity/app-provisioning/how-provisioning-works
// [N] "Known issues for provisioning", Null attribute can't be provisioned:
//     https://learn.microsoft.com/en-us/entra/identity/app-provisioning/known-issues
// (sources: MicrosoftDocs/entra-docs, docs/identity/app-provisioning/*.md.)
//
// What it sends:
// - Only people changed since the last cycle are processed [H]. Each is
//   first looked up by its matching attributes — GET /Users?filter=userName
//   eq "..." by default, no paging parameters [T] — and then created
//   (POST, [T] Create User: both schemas, externalId, userName, "active":
//   true, emails[type eq "work"], "meta": {"resourceType": "User"}, name
//   with formatted, "roles": []), or updated by one PATCH of the attributes
//   whose value differs from the server's, never by PUT. An empty source
//   value is skipped, on create and on update [N].
// - PATCH without the flag [K]: one operation per attribute, op "Replace"
//   (or "Add" when the server has no value), paths such as
//   emails[type eq "work"].value and urn:...:enterprise:2.0:User:department,
//   "active" as the string "True"/"False". With the flag: lowercase ops,
//   value paths still one per operation, the other replaced attributes in
//   one {"op": "replace", "value": {"displayName": ..., "name.givenName": ...}},
//   "active" a boolean.
// - Disabled (suspended) or soft-deleted (left) in Entra: deactivated by
//   PATCH active [H]. Hard-deleted: DELETE /Users/{id} [T]; "users are
//   hard-deleted 30 days after they're soft-deleted" [H]. A person gone from
//   the directory file counts as soft-deleted when first missed.
// - Groups [T]: GET /Groups?excludedAttributes=members&filter=displayName eq
//   "...", POST /Groups with the ADSCIM group schema, externalId (the group's
//   object id) and no members, then PATCH "Add" members with
//   {"$ref": null, "value"}; "Replace" displayName; removal as "Remove" path
//   members with the values, or with the flag one "remove" per
//   members[value eq "..."] [K]; DELETE /Groups/{id}.
#include "scim/scim_client_session.h"

namespace jh::scim {
namespace {

constexpr char kAdScimGroupSchema[] =
    "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

QString usersPath(const QString& id = {})
{
    return id.isEmpty() ? QStringLiteral("/Users") : QStringLiteral("/Users/") + id;
}

QString groupsPath(const QString& id = {})
{
    return id.isEmpty() ? QStringLiteral("/Groups") : QStringLiteral("/Groups/") + id;
}

QString matchPath(EntraMatch m)
{
    switch (m) {
    case EntraMatch::UserName:
        return QStringLiteral("userName");
    case EntraMatch::ExternalId:
        return QStringLiteral("externalId");
    case EntraMatch::WorkEmail:
        return QString::fromLatin1(kWorkEmailPath);
    }
    return {};
}

QJsonObject createBody(const ScimAttributes& attributes)
{
    QJsonObject body{
        {QStringLiteral("schemas"),
         QJsonArray{QString::fromLatin1(kUserSchema), QString::fromLatin1(kEnterpriseUserSchema)}},
        {QStringLiteral("active"), true},
        {QStringLiteral("meta"),
         QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("User")}}},
        {QStringLiteral("roles"), QJsonArray{}}};
    for (const ScimAttribute& a : attributes)
        setScimValue(body, a.path, a.value); // an empty value is left out
    return body;
}

// What the server holds for a user, as far as the comparison needs.
struct Target
{
    QString id;
    bool active = true;
    ScimAttributes attributes;
};

class EntraDriver final : public ProfileDriver
{
public:
    void syncUser(PushSession& s, const QString& personId, const idp::Person* person) override
    {
        auto& users = s.state().users;
        const bool wanted = person && person->status == idp::PersonStatus::Active;
        const bool softDeleted = !person || person->status == idp::PersonStatus::Left;
        const auto known = users.find(personId);
        if (known == users.end() && !wanted)
            return; // never provisioned and not in scope
        const ScimAttributes attributes =
            person ? entraAttributes(*person, s.directory().tenant()) : known->attributes;
        if (known != users.end() && known->attributes == attributes && known->active == wanted) {
            markSoftDelete(s, *known, softDeleted);
            return; // unchanged since the last cycle: Entra does not look
        }
        std::optional<Target> target;
        if (!lookUp(s, personId, attributes, target))
            return;
        if (!target && known != users.end())
            target = Target{known->scimId, known->active, known->attributes};
        if (!target) {
            if (wanted)
                create(s, personId, attributes);
            else
                users.remove(personId);
            return;
        }
        QJsonArray ops = wanted ? attributeOps(s, attributes, target->attributes) : QJsonArray{};
        if (wanted != target->active)
            ops.append(activeOp(s, wanted));
        if (!ops.isEmpty()) {
            const auto answer = s.send(operationName(wanted, target->active), personId,
                                       bodyRequest("PATCH", usersPath(target->id), patchBody(ops)));
            if (!answer || !s.lastOk())
                return;
            count(s, wanted, *target, ops.size());
        }
        ScimUserState& st = users[personId];
        if (st.active != wanted || st.scimId.isEmpty())
            st.deactivatedAt = wanted ? QDateTime() : s.now();
        st.scimId = target->id;
        st.active = wanted;
        st.attributes = attributes;
        markSoftDelete(s, st, softDeleted);
    }

    void syncGroup(PushSession& s, const idp::Group& group,
                   const QMap<QString, QString>& members) override
    {
        auto& groups = s.state().groups;
        const auto known = groups.constFind(group.id);
        if (known != groups.constEnd() && known->displayName == group.displayName &&
            known->members == members)
            return;
        const auto found =
            s.send(QStringLiteral("group-lookup"), group.id,
                   getRequest(groupsPath(),
                              {{QStringLiteral("excludedAttributes"), QStringLiteral("members")},
                               {QStringLiteral("filter"), QStringLiteral("displayName eq ") +
                                                              filterLiteral(group.displayName)}}));
        if (!found || !s.lastOk())
            return;
        const std::optional<QJsonObject> existing = firstListed(*found);
        if (existing && known == groups.constEnd()) {
            const QString id = existing->value(QStringLiteral("id")).toString();
            if (id.isEmpty()) {
                s.failLast(QStringLiteral("the matching group has no id"));
                return;
            }
            // Linked: the server's members are unknown (excluded), so all are added.
            groups.insert(group.id,
                          {id, existing->value(QStringLiteral("displayName")).toString(), {}});
        } else if (!existing && known == groups.constEnd() && !createGroup(s, group)) {
            return;
        }
        ScimGroupState& st = groups[group.id];
        bool changed = false;
        if (st.displayName != group.displayName)
            changed = renameGroup(s, group, st);
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

    void finish(PushSession& s) override
    {
        auto& users = s.state().users;
        for (const QString& personId : users.keys()) {
            const ScimUserState st = users.value(personId);
            if (!st.softDeletedAt.isValid() ||
                s.now() < st.softDeletedAt.addDays(s.options().entraDeleteAfterDays))
                continue;
            std::optional<Target> target;
            if (!lookUp(s, personId, st.attributes, target))
                continue;
            const QString id = target ? target->id : st.scimId;
            const auto answer =
                s.send(QStringLiteral("delete"), personId, deleteRequest(usersPath(id)), {404});
            if (!answer || !s.lastOk())
                continue;
            users.remove(personId);
            if (answer->status != 404)
                ++s.summary().deleted;
        }
    }

private:
    static bool compliant(const PushSession& s) { return s.options().entraCompliantPatch; }

    // Capitalised without the flag, as Entra sends them [T][K].
    static QString op(const PushSession& s, const char* lower)
    {
        QString name = QString::fromLatin1(lower);
        if (!compliant(s))
            name[0] = name[0].toUpper();
        return name;
    }

    static QJsonObject activeOp(const PushSession& s, bool active)
    {
        const QJsonValue value =
            compliant(s) ? QJsonValue(active)
                         : QJsonValue(active ? QStringLiteral("True") : QStringLiteral("False"));
        return patchOp(op(s, "replace"), QStringLiteral("active"), value);
    }

    static QJsonArray attributeOps(const PushSession& s, const ScimAttributes& wanted,
                                   const ScimAttributes& current)
    {
        QJsonArray ops;
        QJsonObject replaced;
        for (const ScimAttribute& a : wanted) {
            const QString now = attributeValue(current, a.path);
            if (a.value.isEmpty() || a.value == now)
                continue;
            const bool add = now.isEmpty();
            if (compliant(s) && !add && !a.path.contains(QLatin1Char('[')))
                replaced.insert(a.path, a.value);
            else
                ops.append(patchOp(op(s, add ? "add" : "replace"), a.path, a.value));
        }
        if (!replaced.isEmpty())
            ops.append(patchOp(op(s, "replace"), {}, replaced));
        return ops;
    }

    static QString operationName(bool wanted, bool wasActive)
    {
        if (wanted == wasActive)
            return QStringLiteral("update");
        return wanted ? QStringLiteral("reactivate") : QStringLiteral("deactivate");
    }

    static void count(PushSession& s, bool wanted, const Target& before, qsizetype ops)
    {
        if (wanted && !before.active)
            ++s.summary().reactivated;
        if (!wanted && before.active)
            ++s.summary().deactivated;
        if (wanted && ops > (before.active ? 0 : 1))
            ++s.summary().updated;
    }

    static void markSoftDelete(const PushSession& s, ScimUserState& st, bool softDeleted)
    {
        if (!softDeleted)
            st.softDeletedAt = QDateTime();
        else if (!st.softDeletedAt.isValid())
            st.softDeletedAt = s.now();
    }

    // Tries each matching attribute in turn. False: the push cannot go on
    // with this person (a failed or missing answer); `found` stays empty when
    // no attribute matched.
    static bool lookUp(PushSession& s, const QString& personId, const ScimAttributes& attributes,
                       std::optional<Target>& found)
    {
        for (EntraMatch m : s.options().entraMatching) {
            const QString path = matchPath(m);
            const QString value = attributeValue(attributes, path);
            if (value.isEmpty())
                continue;
            const auto answer = s.send(
                QStringLiteral("lookup"), personId,
                getRequest(usersPath(), {{QStringLiteral("filter"),
                                          path + QStringLiteral(" eq ") + filterLiteral(value)}}));
            if (!answer || !s.lastOk())
                return false;
            if (const std::optional<QJsonObject> user = firstListed(*answer)) {
                Target t{user->value(QStringLiteral("id")).toString(), activeOf(*user), {}};
                if (t.id.isEmpty()) {
                    s.failLast(QStringLiteral("the matching user has no id"));
                    return false;
                }
                for (const ScimAttribute& a : attributes)
                    t.attributes.append({a.path, scimValue(*user, a.path)});
                found = t;
                return true;
            }
        }
        return true;
    }

    static void create(PushSession& s, const QString& personId, const ScimAttributes& attributes)
    {
        const auto answer = s.send(QStringLiteral("create"), personId,
                                   bodyRequest("POST", usersPath(), createBody(attributes)));
        if (!answer || !s.lastOk())
            return;
        const QString id = answer->json().value(QStringLiteral("id")).toString();
        if (id.isEmpty()) {
            s.failLast(QStringLiteral("the created user has no id"));
            return;
        }
        s.state().users.insert(personId, {id, true, attributes, {}, {}});
        ++s.summary().created;
    }

    static bool createGroup(PushSession& s, const idp::Group& group)
    {
        const QJsonObject body{
            {QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kGroupSchema),
                                                   QString::fromLatin1(kAdScimGroupSchema)}},
            {QStringLiteral("externalId"), group.id},
            {QStringLiteral("displayName"), group.displayName},
            {QStringLiteral("meta"),
             QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Group")}}}};
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

    static bool renameGroup(PushSession& s, const idp::Group& group, ScimGroupState& st)
    {
        const QJsonObject body = patchBody(
            {patchOp(op(s, "replace"), QStringLiteral("displayName"), group.displayName)});
        const auto answer = s.send(QStringLiteral("group-rename"), group.id,
                                   bodyRequest("PATCH", groupsPath(st.scimId), body));
        if (!answer || !s.lastOk())
            return false;
        st.displayName = group.displayName;
        return true;
    }

    static QJsonObject memberValue(const PushSession& s, const QString& scimId)
    {
        QJsonObject v{{QStringLiteral("value"), scimId}};
        if (!compliant(s))
            v.insert(QStringLiteral("$ref"), QJsonValue::Null);
        return v;
    }

    // One PATCH adding, one removing; true when any was accepted.
    static bool updateMembers(PushSession& s, const idp::Group& group, ScimGroupState& st,
                              const QMap<QString, QString>& members)
    {
        QJsonArray added;
        for (auto it = members.begin(); it != members.end(); ++it)
            if (st.members.value(it.key()) != it.value())
                added.append(memberValue(s, it.value()));
        QJsonArray removeOps;
        QJsonArray removed;
        QStringList removedIds;
        for (auto it = st.members.begin(); it != st.members.end(); ++it) {
            if (members.value(it.key()) == it.value())
                continue;
            removedIds << it.key();
            if (compliant(s))
                removeOps.append(
                    patchOp(QStringLiteral("remove"),
                            QStringLiteral("members[value eq %1]").arg(filterLiteral(it.value())),
                            QJsonValue::Undefined));
            else
                removed.append(memberValue(s, it.value()));
        }
        if (!removed.isEmpty())
            removeOps.append(patchOp(op(s, "remove"), QStringLiteral("members"), removed));
        bool changed = false;
        if (!added.isEmpty()) {
            const QJsonObject body =
                patchBody({patchOp(op(s, "add"), QStringLiteral("members"), added)});
            const auto answer = s.send(QStringLiteral("group-members"), group.id,
                                       bodyRequest("PATCH", groupsPath(st.scimId), body));
            if (!answer)
                return false;
            if (s.lastOk()) {
                for (auto it = members.begin(); it != members.end(); ++it)
                    st.members.insert(it.key(), it.value());
                changed = true;
            }
        }
        if (!removeOps.isEmpty()) {
            const auto answer =
                s.send(QStringLiteral("group-members"), group.id,
                       bodyRequest("PATCH", groupsPath(st.scimId), patchBody(removeOps)));
            if (!answer)
                return changed;
            if (s.lastOk()) {
                for (const QString& id : removedIds)
                    if (!members.contains(id))
                        st.members.remove(id);
                changed = true;
            }
        }
        return changed;
    }
};

} // namespace

std::unique_ptr<ProfileDriver> makeEntraDriver()
{
    return std::make_unique<EntraDriver>();
}

} // namespace jh::scim
