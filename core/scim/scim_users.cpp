// /Users: the accounts of the store as SCIM Users (scim_service.h says
// which attributes are the account's and which are kept beside it).
#include "scim/scim_meta.h"
#include "scim/scim_patch.h"
#include "scim/scim_service_impl.h"
#include "scim/scim_user.h"

namespace jh::scim {
namespace {

using jit::Account;
using jit::AccountStatus;

struct Loaded
{
    Account account;
    QJsonObject kept;
    QList<jit::SpGroup> groups;
    QJsonObject resource; // rendered, with meta
};

QList<jit::SpGroup> groupsOf(const QList<jit::SpGroup>& all, qint64 accountId)
{
    QList<jit::SpGroup> mine;
    for (const jit::SpGroup& g : all)
        if (g.members.contains(accountId))
            mine.append(g);
    return mine;
}

Result<std::optional<Loaded>> loadUser(jit::StoreTx& tx, ServiceContext& ctx, qint64 id)
{
    auto account = tx.accountById(id);
    if (!account)
        return account.error();
    if (!*account || (*account)->status == AccountStatus::Deleted)
        return std::optional<Loaded>();
    auto kept = tx.scimAttributes(id);
    if (!kept)
        return kept.error();
    // Only this account's groups: a store may hold thousands, each with
    // thousands of members, and most requests touch one User.
    auto ids = tx.groupIdsOf(id);
    if (!ids)
        return ids.error();
    QList<jit::SpGroup> groups;
    for (const qint64 g : *ids) {
        auto group = tx.groupById(g);
        if (!group)
            return group.error();
        if (*group)
            groups.append(**group);
    }
    Loaded l{**account, *kept, groups, {}};
    l.resource = renderUser(l.account, l.kept, l.groups, ctx.options.baseUrl);
    return std::optional<Loaded>(std::move(l));
}

Error noSuchUser(const QString& id)
{
    return notFound(QStringLiteral("no User with id \"%1\"").arg(id));
}

// userName is unique among the accounts that are not deleted, compared
// folded (caseExact false). A JIT-made account counts: SCIM then finds it
// by filter and takes it over instead of making a twin.
Result<void> checkUnique(jit::StoreTx& tx, const QString& userName, qint64 self)
{
    auto same = tx.accountsByUserNameFold(userName);
    if (!same)
        return same.error();
    for (const Account& other : *same)
        if (other.id != self && other.status != AccountStatus::Deleted)
            return makeError("scim.uniqueness",
                             QStringLiteral("userName \"%1\" is already taken by User %2")
                                 .arg(userName)
                                 .arg(other.id));
    return {};
}

QString actionFor(const Account& before, const Account& after)
{
    if (before.status != after.status)
        return after.status == AccountStatus::Active ? QStringLiteral("reactivated")
                                                     : QStringLiteral("suspended");
    return QStringLiteral("updated");
}

Result<void> audit(jit::StoreTx& tx, ServiceContext& ctx, const QString& action, qint64 id,
                   const QList<jit::FieldChange>& diff, const QStringList& reasons)
{
    jit::AuditEntry e;
    e.at = ctx.clock.now();
    e.actor = jit::Actor::Scim;
    e.action = action;
    e.accountId = id;
    e.diff = diff;
    e.reasons = reasons;
    e.messageId = ctx.messageId();
    auto r = tx.appendAudit(e);
    if (!r)
        return r.error();
    return {};
}

Result<QJsonObject> checkedUser(ServiceContext& ctx, const QJsonObject& resource)
{
    return checkResource(resource, userSchemas(), ctx.checkOptions());
}

ScimResponse getUser(ServiceContext& ctx, const QString& idText)
{
    const auto id = idFrom(idText);
    if (!id)
        return errorFor(noSuchUser(idText));
    auto loaded = ctx.store.transact([&](jit::StoreTx& tx) { return loadUser(tx, ctx, *id); });
    if (!loaded)
        return errorFor(loaded.error());
    if (!*loaded)
        return errorFor(noSuchUser(idText));
    const QJsonObject& resource = (*loaded)->resource;
    if (auto unchanged = notModified(ctx.request, resource))
        return *unchanged;
    return resourceResponse(200, resource, requestProjection(ctx.request), userSchemas());
}

// `userName eq "x"` (alone): the store's user-name index finds the
// candidates, so that a client's look-up before each write (Okta, Entra) does
// not render every account.
std::optional<QString> userNameLookup(const Filter& f)
{
    const auto* c = std::get_if<Compare>(&f.root->node);
    if (!c || c->op != CompareOp::Eq || !c->value.isString() || !c->path.subAttr.isEmpty() ||
        c->path.name.compare(QLatin1String("userName"), Qt::CaseInsensitive) != 0 ||
        !(c->path.schema.isEmpty() ||
          c->path.schema.compare(QString::fromLatin1(kUserSchema), Qt::CaseInsensitive) == 0))
        return std::nullopt;
    return c->value.toString();
}

ScimResponse listUsers(ServiceContext& ctx)
{
    auto params = listParams(ctx.request, ctx.options.maxResults, userSchemas());
    if (!params)
        return errorFor(params.error());
    auto matched = ctx.store.transact([&](jit::StoreTx& tx) -> Result<QList<QJsonObject>> {
        auto groups = tx.groups();
        if (!groups)
            return groups.error();
        QList<Account> candidates;
        QHash<qint64, QJsonObject> kept;
        const auto lookup = params->filter ? userNameLookup(*params->filter) : std::nullopt;
        if (lookup) {
            auto same = tx.accountsByUserNameFold(*lookup);
            if (!same)
                return same.error();
            candidates = *same;
            for (const Account& a : candidates) {
                auto k = tx.scimAttributes(a.id);
                if (!k)
                    return k.error();
                kept.insert(a.id, *k);
            }
        } else {
            auto all = ctx.store.accounts();
            if (!all)
                return all.error();
            candidates = *all;
            auto k = ctx.store.allScimAttributes();
            if (!k)
                return k.error();
            kept = *k;
        }
        QList<QJsonObject> out;
        for (const Account& a : candidates) {
            if (a.status == AccountStatus::Deleted)
                continue;
            const QJsonObject r =
                renderUser(a, kept.value(a.id), groupsOf(*groups, a.id), ctx.options.baseUrl);
            if (!params->filter || matches(*params->filter, r))
                out.append(r);
        }
        return out;
    });
    if (!matched)
        return errorFor(matched.error());
    return listResponse(*matched, *params, userSchemas());
}

ScimResponse createUser(ServiceContext& ctx)
{
    auto body = bodyObject(ctx.request.body);
    if (!body)
        return errorFor(body.error());
    auto checked = checkedUser(ctx, *body);
    if (!checked)
        return errorFor(checked.error());
    const UserFields f = userFields(*checked);
    auto created = ctx.store.transact([&](jit::StoreTx& tx) -> Result<QJsonObject> {
        if (auto unique = checkUnique(tx, f.profile.userName, 0); !unique)
            return unique.error();
        Account a;
        a.status = f.active.value_or(true) ? AccountStatus::Active : AccountStatus::Suspended;
        a.provisionedBy = jit::Provisioning::Scim;
        a.profile = f.profile;
        a.externalId = f.externalId;
        a.created = a.updated = ctx.clock.now();
        auto id = tx.insertAccount(a);
        if (!id)
            return id.error();
        a.id = *id;
        if (auto r = tx.setScimAttributes(a.id, f.kept); !r)
            return r.error();
        if (auto r = audit(tx, ctx, QStringLiteral("created"), a.id,
                           jit::diffAccounts(Account{}, a), {QStringLiteral("SCIM POST /Users")});
            !r)
            return r.error();
        return renderUser(a, f.kept, {}, ctx.options.baseUrl);
    });
    if (!created)
        return errorFor(created.error());
    return resourceResponse(201, *created, requestProjection(ctx.request), userSchemas());
}

// PUT and PATCH: `next` turns the current state into the checked resource
// to store, inside the transaction that read it.
template <typename Next>
ScimResponse replaceUser(ServiceContext& ctx, const QString& idText, Next next)
{
    const auto id = idFrom(idText);
    if (!id)
        return errorFor(noSuchUser(idText));
    auto updated = ctx.store.transact([&](jit::StoreTx& tx) -> Result<QJsonObject> {
        auto loaded = loadUser(tx, ctx, *id);
        if (!loaded)
            return loaded.error();
        if (!*loaded)
            return noSuchUser(idText);
        const Loaded& cur = **loaded;
        if (auto ok = checkIfMatch(ctx.request, cur.resource); !ok)
            return ok.error();
        QStringList reasons;
        auto resource = next(cur, reasons);
        if (!resource)
            return resource.error();
        const UserFields f = userFields(*resource);
        if (f.profile.userName != cur.account.profile.userName) {
            if (auto unique = checkUnique(tx, f.profile.userName, *id); !unique)
                return unique.error();
        }
        Account after = cur.account;
        after.profile = f.profile;
        after.externalId = f.externalId;
        if (f.active)
            after.status = *f.active ? AccountStatus::Active : AccountStatus::Suspended;
        const QList<jit::FieldChange> diff = jit::diffAccounts(cur.account, after);
        if (diff.isEmpty() && f.kept == cur.kept)
            return cur.resource; // nothing changed: no write, no audit entry
        after.updated = ctx.clock.now();
        if (auto r = tx.updateAccount(after); !r)
            return r.error();
        if (auto r = tx.setScimAttributes(after.id, f.kept); !r)
            return r.error();
        if (diff.isEmpty())
            reasons.append(QStringLiteral("SCIM attributes kept beside the account changed"));
        if (auto r = audit(tx, ctx, actionFor(cur.account, after), after.id, diff, reasons); !r)
            return r.error();
        return renderUser(after, f.kept, cur.groups, ctx.options.baseUrl);
    });
    if (!updated)
        return errorFor(updated.error());
    return resourceResponse(200, *updated, requestProjection(ctx.request), userSchemas());
}

ScimResponse putUser(ServiceContext& ctx, const QString& idText)
{
    auto body = bodyObject(ctx.request.body);
    if (!body)
        return errorFor(body.error());
    auto checked = checkedUser(ctx, *body);
    if (!checked)
        return errorFor(checked.error());
    return replaceUser(ctx, idText, [&](const Loaded&, QStringList& reasons) {
        reasons.append(QStringLiteral("SCIM PUT: the User replaced"));
        return Result<QJsonObject>(*checked);
    });
}

ScimResponse patchUser(ServiceContext& ctx, const QString& idText)
{
    auto body = bodyObject(ctx.request.body);
    if (!body)
        return errorFor(body.error());
    return replaceUser(ctx, idText, [&](const Loaded& cur, QStringList& reasons) {
        auto patched =
            applyPatch(writableUser(cur.account, cur.kept), QString::number(cur.account.id), *body,
                       userSchemas(), ctx.options.maxPatchOperations);
        if (!patched)
            return Result<QJsonObject>(patched.error());
        for (const QString& line : patched->summary)
            reasons.append(QStringLiteral("SCIM PATCH: ") + line);
        return checkedUser(ctx, patched->resource);
    });
}

ScimResponse deleteUser(ServiceContext& ctx, const QString& idText)
{
    const auto id = idFrom(idText);
    if (!id)
        return errorFor(noSuchUser(idText));
    auto done = ctx.store.transact([&](jit::StoreTx& tx) -> Result<bool> {
        auto loaded = loadUser(tx, ctx, *id);
        if (!loaded)
            return loaded.error();
        if (!*loaded)
            return noSuchUser(idText);
        const Loaded& cur = **loaded;
        if (auto ok = checkIfMatch(ctx.request, cur.resource); !ok)
            return ok.error();
        // The row stays (status deleted): the audit log names it, and a JIT
        // login must meet a closed account, not make a fresh one.
        Account after = cur.account;
        after.status = AccountStatus::Deleted;
        after.updated = ctx.clock.now();
        QStringList reasons{QStringLiteral("SCIM DELETE /Users")};
        auto left = tx.removeFromAllGroups(after.id);
        if (!left)
            return left.error();
        for (const jit::SpGroup& g : cur.groups)
            reasons.append(QStringLiteral("left group %1 \"%2\"").arg(g.id).arg(g.displayName));
        // Leaving its groups takes the roles they granted, as a membership
        // change would; roles from elsewhere stay on the closed account.
        if (!left->isEmpty())
            after.roles = rolesAfterGroups(after.roles, {}, ctx.options.roles);
        if (auto r = tx.updateAccount(after); !r)
            return r.error();
        if (auto r = audit(tx, ctx, QStringLiteral("deleted"), after.id,
                           jit::diffAccounts(cur.account, after), reasons);
            !r)
            return r.error();
        return true;
    });
    if (!done)
        return errorFor(done.error());
    return noContent();
}

} // namespace

ScimResponse handleUsers(ServiceContext& ctx, const QStringList& segments)
{
    static const ResourceHandlers users{"Users", userSchemas(), listUsers, createUser,
                                        getUser, putUser,       patchUser, deleteUser};
    return dispatch(ctx, segments, users);
}

} // namespace jh::scim
