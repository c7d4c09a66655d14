// Rows <-> values for the account store. Profile columns are derived from
// kProfileFields (userName -> user_name), so the field table stays the one
// list of profile fields; a field added there without a migration adding its
// column fails loudly when the statements are prepared.
#include "jit/store_impl.h"
#include "jit/store_sql.h"
#include "jit/text_fold.h"

#include <QJsonDocument>

namespace jh::jit {
namespace {

QString snakeCase(QLatin1String camel)
{
    QString out;
    for (const char c : camel) {
        if (c >= 'A' && c <= 'Z') {
            out += QLatin1Char('_');
            out += QLatin1Char(char(c - 'A' + 'a'));
        } else {
            out += QLatin1Char(c);
        }
    }
    return out;
}

const QStringList& profileColumns()
{
    static const QStringList columns = [] {
        QStringList out;
        for (const ProfileField& f : kProfileFields)
            out.append(snakeCase(f.name));
        return out;
    }();
    return columns;
}

// Select order: id, status, provisioned_by, profile..., roles, external_id,
// created, updated, last_login.
constexpr int kFirstProfileColumn = 3;
constexpr int kAfterProfile = kFirstProfileColumn + int(kProfileFields.size());

Error damaged(const QString& path, const QString& what)
{
    return makeError("store.corrupt", path + QStringLiteral(": ") + what);
}

} // namespace

QString accountColumns(const QString& qualifier)
{
    QStringList columns{QStringLiteral("id"), QStringLiteral("status"),
                        QStringLiteral("provisioned_by")};
    columns += profileColumns();
    columns += {QStringLiteral("roles"), QStringLiteral("external_id"), QStringLiteral("created"),
                QStringLiteral("updated"), QStringLiteral("last_login")};
    if (!qualifier.isEmpty()) {
        for (QString& c : columns)
            c = qualifier + QLatin1Char('.') + c;
    }
    return columns.join(QStringLiteral(", "));
}

QStringList accountWriteColumns(bool withKeys)
{
    QStringList columns{QStringLiteral("status"), QStringLiteral("provisioned_by")};
    columns += profileColumns();
    if (withKeys)
        columns += {QStringLiteral("user_name_fold"), QStringLiteral("email_fold"),
                    QStringLiteral("user_name_skeleton"), QStringLiteral("email_skeleton")};
    columns += {QStringLiteral("roles"), QStringLiteral("external_id"), QStringLiteral("created"),
                QStringLiteral("updated"), QStringLiteral("last_login")};
    return columns;
}

QVariantList accountValues(const Account& a, bool withKeys)
{
    QVariantList v;
    v.reserve(2 + qsizetype(kProfileFields.size()) + 9);
    v << accountStatusName(a.status) << provisioningName(a.provisionedBy);
    for (const ProfileField& f : kProfileFields)
        v << textValue(a.profile.*(f.member));
    if (withKeys) {
        v << textValue(foldForComparison(a.profile.userName))
          << textValue(foldForComparison(a.profile.email))
          << textValue(confusableSkeleton(a.profile.userName))
          << textValue(confusableSkeleton(a.profile.email));
    }
    v << listJson(normalizedRoles(a.roles)) << textValue(a.externalId) << timeValue(a.created)
      << timeValue(a.updated) << timeValue(a.lastLogin);
    return v;
}

Result<Account> accountFromRow(const QSqlQuery& q, const QString& path)
{
    Account a;
    a.id = q.value(0).toLongLong();
    const QString status = q.value(1).toString();
    const QString provisioning = q.value(2).toString();
    const auto s = accountStatusFromName(status);
    const auto p = provisioningFromName(provisioning);
    if (!s || !p)
        return damaged(path, QStringLiteral("account %1 has an unknown status or provisioning "
                                            "('%2', '%3')")
                                 .arg(a.id)
                                 .arg(status, provisioning));
    a.status = *s;
    a.provisionedBy = *p;
    for (int i = 0; i < int(kProfileFields.size()); ++i)
        a.profile.*(kProfileFields[std::size_t(i)].member) =
            q.value(kFirstProfileColumn + i).toString();
    const auto roles = listFromJson(q.value(kAfterProfile).toString());
    if (!roles)
        return damaged(path, QStringLiteral("account %1 has unreadable roles").arg(a.id));
    a.roles = *roles;
    a.externalId = q.value(kAfterProfile + 1).toString();
    a.created = timeFromValue(q.value(kAfterProfile + 2));
    a.updated = timeFromValue(q.value(kAfterProfile + 3));
    a.lastLogin = timeFromValue(q.value(kAfterProfile + 4));
    return a;
}

Result<Link> linkFromRow(const QSqlQuery& q)
{
    return Link{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                q.value(3).toLongLong(), timeFromValue(q.value(4))};
}

Result<AuditEntry> auditFromRow(const QSqlQuery& q, const QString& path)
{
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.at = timeFromValue(q.value(1));
    const auto actor = actorFromName(q.value(2).toString());
    const auto diff = changesFromJson(q.value(5).toString());
    const auto reasons = listFromJson(q.value(6).toString());
    if (!actor || !diff || !reasons)
        return damaged(path, QStringLiteral("audit entry %1 is unreadable").arg(e.seq));
    e.actor = *actor;
    e.action = q.value(3).toString();
    e.accountId = q.value(4).toLongLong(); // NULL reads as 0: no account
    e.diff = *diff;
    e.reasons = *reasons;
    e.messageId = q.value(7).toString();
    return e;
}

Result<SpGroup> groupFromRow(const QSqlQuery& q, const QString& path)
{
    SpGroup g;
    g.id = q.value(0).toLongLong();
    g.displayName = q.value(1).toString();
    g.externalId = q.value(2).toString();
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(q.value(3).toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return damaged(path, QStringLiteral("group %1 has unreadable attributes").arg(g.id));
    g.attributes = doc.object();
    g.created = timeFromValue(q.value(4));
    g.updated = timeFromValue(q.value(5));
    return g;
}

} // namespace jh::jit
