// /Groups: the SP's groups. Membership changes flow into the members'
// roles (syncRoles) in the same transaction.
#include "scim/scim_group.h"
#include "scim/scim_meta.h"
#include "scim/scim_patch.h"
#include "scim/scim_service_impl.h"

#include <QSet>

namespace jh::scim {
namespace {

using jit::SpGroup;

Error noSuchGroup(const QString& id)
{
    return notFound(QStringLiteral("no Group with id \"%1\"").arg(id));
}

QString nameOf(const jit::Account& a)
{
    return a.profile.displayName.isEmpty() ? a.profile.userName : a.profile.displayName;
}

// The display names of those of `ids` that are Users (accounts not
// deleted). A member whose account was deleted by other means than SCIM (an
// admin, a clean-up job) is no longer shown, and drops out at the next write.
Result<QHash<qint64, QString>> liveNames(jit::StoreTx& tx, const QList<qint64>& ids)
{
    QHash<qint64, QString> names;
    for (const qint64 id : ids) {
        auto a = tx.accountById(id);
        if (!a)
            return a.error();
        if (*a && (*a)->status != jit::AccountStatus::Deleted)
            names.insert(id, nameOf(**a));
    }
    return names;
}

SpGroup live(SpGroup g, const QHash<qint64, QString>& names)
{
    g.members.removeIf([&](qint64 id) { return !names.contains(id); });
    return g;
}

// Every member a client adds must be a User here (invalidValue naming it).
Result<QHash<qint64, QString>> checkedNames(jit::StoreTx& tx, const QList<qint64>& members)
{
    auto names = liveNames(tx, members);
    if (!names)
        return names;
    for (const qint64 id : members)
        if (!names->contains(id))
            return makeError("scim.invalidValue",
                             QStringLiteral("members: there is no User with id \"%1\"").arg(id));
    return names;
}

// displayName is unique here, compared case-insensitively: role rules and
// the clients' look-ups (filter=displayName eq "...") name groups by it.
Result<void> checkUnique(jit::StoreTx& tx, const QString& displayName, qint64 self)
{
    auto all = tx.groups();
    if (!all)
        return all.error();
    for (const SpGroup& g : *all)
        if (g.id != self && g.displayName.compare(displayName, Qt::CaseInsensitive) == 0)
            return makeError("scim.uniqueness",
                             QStringLiteral("displayName \"%1\" is already taken by Group %2")
                                 .arg(displayName)
                                 .arg(g.id));
    return {};
}

Result<void> auditGroup(jit::StoreTx& tx, ServiceContext& ctx, const QString& action,
                        const QStringList& reasons)
{
    jit::AuditEntry e;
    e.at = ctx.clock.now();
    e.actor = jit::Actor::Scim;
    e.action = action;
    e.reasons = reasons;
    e.messageId = ctx.messageId();
    auto r = tx.appendAudit(e);
    if (!r)
        return r.error();
    return {};
}

QList<qint64> changedMembers(const QList<qint64>& before, const QList<qint64>& after)
{
    const QSet<qint64> a(before.begin(), before.end());
    const QSet<qint64> b(after.begin(), after.end());
    QList<qint64> out = QList<qint64>((a - b).begin(), (a - b).end());
    const QSet<qint64> added = b - a;
    out.append(QList<qint64>(added.begin(), added.end()));
    std::sort(out.begin(), out.end());
    return out;
}

QString describe(const SpGroup& g)
{
    return QStringLiteral("group %1 \"%2\"").arg(g.id).arg(g.displayName);
}

QList<qint64> sortedUnique(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

// A group as stored, as shown (members whose accounts are gone left out)
// and rendered, read inside the caller's transaction. nullopt: no such group.
struct LoadedGroup
{
    SpGroup stored;
    SpGroup shown;
    QHash<qint64, QString> names;
    QJsonObject resource;
};

Result<std::optional<LoadedGroup>> loadGroup(jit::StoreTx& tx, ServiceContext& ctx, qint64 id)
{
    auto g = tx.groupById(id);
    if (!g)
        return g.error();
    if (!*g)
        return std::optional<LoadedGroup>();
    auto names = liveNames(tx, (*g)->members);
    if (!names)
        return names.error();
    LoadedGroup l{**g, live(**g, *names), *names, {}};
    l.resource = renderGroup(l.shown, l.names, ctx.options.baseUrl);
    return std::optional<LoadedGroup>(std::move(l));
}

ScimResponse getGroup(ServiceContext& ctx, const QString& idText)
{
    const auto id = idFrom(idText);
    if (!id)
        return errorFor(noSuchGroup(idText));
    auto rendered = ctx.store.transact([&](jit::StoreTx& tx) -> Result<QJsonObject> {
        auto loaded = loadGroup(tx, ctx, *id);
        if (!loaded)
            return loaded.error();
        if (!*loaded)
            return noSuchGroup(idText);
        return (*loaded)->resource;
    });
    if (!rendered)
        return errorFor(rendered.error());
    if (auto unchanged = notModified(ctx.request, *rendered))
        return *unchanged;
    return resourceResponse(200, *rendered, requestProjection(ctx.request), groupSchemas());
}

ScimResponse listGroups(ServiceContext& ctx)
{
    auto params = listParams(ctx.request, ctx.options.maxResults, groupSchemas());
    if (!params)
        return errorFor(params.error());
    auto matched = ctx.store.transact([&](jit::StoreTx& tx) -> Result<QList<QJsonObject>> {
        auto groups = tx.groups();
        if (!groups)
            return groups.error();
        QHash<qint64, QString> names;
        if (!groups->isEmpty()) {
            auto accounts = ctx.store.accounts();
            if (!accounts)
                return accounts.error();
            for (const jit::Account& a : *accounts)
                if (a.status != jit::AccountStatus::Deleted)
                    names.insert(a.id, nameOf(a));
        }
        QList<QJsonObject> out;
        for (const SpGroup& g : *groups) {
            const QJsonObject r = renderGroup(live(g, names), names, ctx.options.baseUrl);
            if (!params->filter || matches(*params->filter, r))
                out.append(r);
        }
        return out;
    });
    if (!matched)
        return errorFor(matched.error());
    return listResponse(*matched, *params, groupSchemas());
}

ScimResponse createGroup(ServiceContext& ctx)
{
    auto body = bodyObject(ctx.request.body);
    if (!body)
        return errorFor(body.error());
    auto checked = checkResource(*body, groupSchemas(), ctx.checkOptions());
    if (!checked)
        return errorFor(checked.error());
    auto fields = groupFields(*checked);
    if (!fields)
        return errorFor(fields.error());
    auto created = ctx.store.transact([&](jit::StoreTx& tx) -> Result<QJsonObject> {
        if (auto unique = checkUnique(tx, fields->displayName, 0); !unique)
            return unique.error();
        auto names = checkedNames(tx, fields->members);
        if (!names)
            return names.error();
        SpGroup g;
        g.displayName = fields->displayName;
        g.externalId = fields->externalId;
        g.attributes = fields->kept;
        g.members = sortedUnique(fields->members);
        g.created = g.updated = ctx.clock.now();
        auto id = tx.insertGroup(g);
        if (!id)
            return id.error();
        g.id = *id;
        const QString what = describe(g);
        if (auto r = auditGroup(tx, ctx, QStringLiteral("group created"),
                                {what + QStringLiteral(" with %1 members").arg(g.members.size())});
            !r)
            return r.error();
        if (auto r = syncRoles(tx, ctx, g.members, QStringLiteral("joined ") + what); !r)
            return r.error();
        return renderGroup(g, *names, ctx.options.baseUrl);
    });
    if (!created)
        return errorFor(created.error());
    return resourceResponse(201, *created, requestProjection(ctx.request), groupSchemas());
}

template <typename Next>
ScimResponse replaceGroup(ServiceContext& ctx, const QString& idText, Next next)
{
    const auto id = idFrom(idText);
    if (!id)
        return errorFor(noSuchGroup(idText));
    auto updated = ctx.store.transact([&](jit::StoreTx& tx) -> Result<QJsonObject> {
        auto loaded = loadGroup(tx, ctx, *id);
        if (!loaded)
            return loaded.error();
        if (!*loaded)
            return noSuchGroup(idText);
        const SpGroup& cur = (*loaded)->stored;
        if (auto ok = checkIfMatch(ctx.request, (*loaded)->resource); !ok)
            return ok.error();
        auto resource = next((*loaded)->shown);
        if (!resource)
            return resource.error();
        auto fields = groupFields(*resource);
        if (!fields)
            return fields.error();
        if (fields->displayName.compare(cur.displayName, Qt::CaseInsensitive) != 0) {
            if (auto unique = checkUnique(tx, fields->displayName, cur.id); !unique)
                return unique.error();
        }
        auto names = checkedNames(tx, fields->members);
        if (!names)
            return names.error();
        SpGroup after = cur;
        after.displayName = fields->displayName;
        after.externalId = fields->externalId;
        after.attributes = fields->kept;
        after.members = sortedUnique(fields->members);
        if (after == cur)
            return (*loaded)->resource;
        after.updated = ctx.clock.now();
        if (auto r = tx.updateGroup(after); !r)
            return r.error();
        const QList<qint64> moved = changedMembers(cur.members, after.members);
        const QString what = describe(after);
        if (auto r = auditGroup(tx, ctx, QStringLiteral("group updated"),
                                {what + QStringLiteral(": %1 members now, %2 joined or left")
                                            .arg(after.members.size())
                                            .arg(moved.size())});
            !r)
            return r.error();
        // A rename or new externalId can change what every member is granted.
        const bool keyChanged =
            after.displayName != cur.displayName || after.externalId != cur.externalId;
        const QList<qint64> affected =
            keyChanged ? sortedUnique(cur.members + after.members) : moved;
        if (auto r = syncRoles(tx, ctx, affected, QStringLiteral("membership of ") + what); !r)
            return r.error();
        return renderGroup(after, *names, ctx.options.baseUrl);
    });
    if (!updated)
        return errorFor(updated.error());
    return resourceResponse(200, *updated, requestProjection(ctx.request), groupSchemas());
}

ScimResponse putGroup(ServiceContext& ctx, const QString& idText)
{
    auto body = bodyObject(ctx.request.body);
    if (!body)
        return errorFor(body.error());
    auto checked = checkResource(*body, groupSchemas(), ctx.checkOptions());
    if (!checked)
        return errorFor(checked.error());
    return replaceGroup(ctx, idText, [&](const SpGroup&) { return Result<QJsonObject>(*checked); });
}

ScimResponse patchGroup(ServiceContext& ctx, const QString& idText)
{
    auto body = bodyObject(ctx.request.body);
    if (!body)
        return errorFor(body.error());
    return replaceGroup(ctx, idText, [&](const SpGroup& cur) -> Result<QJsonObject> {
        auto patched = applyPatch(writableGroup(cur), QString::number(cur.id), *body,
                                  groupSchemas(), ctx.options.maxPatchOperations);
        if (!patched)
            return patched.error();
        return checkResource(patched->resource, groupSchemas(), ctx.checkOptions());
    });
}

ScimResponse deleteGroup(ServiceContext& ctx, const QString& idText)
{
    const auto id = idFrom(idText);
    if (!id)
        return errorFor(noSuchGroup(idText));
    auto done = ctx.store.transact([&](jit::StoreTx& tx) -> Result<bool> {
        auto loaded = loadGroup(tx, ctx, *id);
        if (!loaded)
            return loaded.error();
        if (!*loaded)
            return noSuchGroup(idText);
        const SpGroup& g = (*loaded)->stored;
        if (auto ok = checkIfMatch(ctx.request, (*loaded)->resource); !ok)
            return ok.error();
        if (auto r = tx.deleteGroup(*id); !r)
            return r.error();
        const QString what = describe(g);
        if (auto r = auditGroup(tx, ctx, QStringLiteral("group deleted"), {what}); !r)
            return r.error();
        if (auto r = syncRoles(tx, ctx, g.members, QStringLiteral("deleted ") + what); !r)
            return r.error();
        return true;
    });
    if (!done)
        return errorFor(done.error());
    return noContent();
}

} // namespace

ScimResponse handleGroups(ServiceContext& ctx, const QStringList& segments)
{
    static const ResourceHandlers groups{"Groups", groupSchemas(), listGroups, createGroup,
                                         getGroup, putGroup,       patchGroup, deleteGroup};
    return dispatch(ctx, segments, groups);
}

} // namespace jh::scim
