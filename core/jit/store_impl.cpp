#include "jit/store_impl.h"

#include "jit/account_store.h"
#include "jit/store_sql.h"

#include <atomic>

namespace jh::jit {
namespace {

struct StatementDef
{
    QString doing; // for error messages: "<file>: <doing>: <SQLite's words>"
    QString sql;
};

QString placeholders(qsizetype n)
{
    QStringList marks(n, QStringLiteral("?"));
    return marks.join(QStringLiteral(", "));
}

QString selectAccounts(const QString& where)
{
    return QStringLiteral("SELECT ") + accountColumns() + QStringLiteral(" FROM accounts ") + where;
}

const QString kGroupColumns =
    QStringLiteral("id, display_name, external_id, attributes, created, updated");

const QString kAuditColumns =
    QStringLiteral("seq, at, actor, action, account_id, diff, reasons, message_id");

StatementDef statementDef(Stmt s)
{
    using L = QLatin1String;
    switch (s) {
    case Stmt::Begin:
        return {L("starting a transaction"), L("BEGIN IMMEDIATE")};
    case Stmt::Commit:
        return {L("committing"), L("COMMIT")};
    case Stmt::Rollback:
        return {L("rolling back"), L("ROLLBACK")};
    case Stmt::AccountById:
        return {L("reading an account"), selectAccounts(L("WHERE id = ?"))};
    case Stmt::AccountByLink:
        return {L("finding the linked account"),
                QStringLiteral("SELECT ") + accountColumns(L("a")) +
                    L(" FROM links l JOIN accounts a ON a.id = l.account_id"
                      " WHERE l.issuer = ? AND l.subject = ? AND l.name_id_format = ?")};
    case Stmt::AccountsByEmailFold:
        return {L("finding accounts by e-mail"),
                selectAccounts(L("WHERE email_fold = ? ORDER BY id"))};
    case Stmt::AccountsByUserNameFold:
        return {L("finding accounts by user name"),
                selectAccounts(L("WHERE user_name_fold = ? ORDER BY id"))};
    case Stmt::AccountsByEmailSkeleton:
        return {L("finding accounts by e-mail look-alike"),
                selectAccounts(L("WHERE email_skeleton = ? ORDER BY id"))};
    case Stmt::AccountsByUserNameSkeleton:
        return {L("finding accounts by user name look-alike"),
                selectAccounts(L("WHERE user_name_skeleton = ? ORDER BY id"))};
    case Stmt::AllAccounts:
        return {L("listing accounts"), selectAccounts(L("ORDER BY id"))};
    case Stmt::InsertAccount: {
        const QStringList columns = accountWriteColumns();
        return {L("inserting an account"), QStringLiteral("INSERT INTO accounts (") +
                                               columns.join(L(", ")) + L(") VALUES (") +
                                               placeholders(columns.size()) + L(")")};
    }
    case Stmt::UpdateAccount:
    case Stmt::UpdateAccountKeepingKeys: {
        const QStringList columns = accountWriteColumns(s == Stmt::UpdateAccount);
        return {L("updating an account"), QStringLiteral("UPDATE accounts SET ") +
                                              columns.join(L(" = ?, ")) + L(" = ? WHERE id = ?")};
    }
    case Stmt::AccountKeys:
        return {L("reading an account"), L("SELECT user_name, email FROM accounts WHERE id = ?")};
    case Stmt::LinkedAccount:
        return {L("reading a link"), L("SELECT account_id FROM links WHERE issuer = ? AND "
                                       "subject = ? AND name_id_format = ?")};
    case Stmt::InsertLink:
        return {L("adding a link"), L("INSERT INTO links (issuer, subject, name_id_format, "
                                      "account_id, created) VALUES (?, ?, ?, ?, ?)")};
    case Stmt::LinksOf:
        return {L("listing links"),
                L("SELECT issuer, subject, name_id_format, account_id, created FROM links "
                  "WHERE account_id = ? ORDER BY created, issuer, subject, name_id_format")};
    case Stmt::InsertAudit:
        return {L("appending to the audit log"),
                L("INSERT INTO audit (at, actor, action, account_id, diff, reasons, "
                  "message_id) VALUES (?, ?, ?, ?, ?, ?, ?)")};
    case Stmt::AllAudit:
        return {L("reading the audit log"),
                QStringLiteral("SELECT ") + kAuditColumns + L(" FROM audit ORDER BY seq")};
    case Stmt::AuditOf:
        return {L("reading the audit log"), QStringLiteral("SELECT ") + kAuditColumns +
                                                L(" FROM audit WHERE account_id = ? ORDER BY seq")};
    case Stmt::ReplaySeen:
        return {L("checking the replay cache"),
                L("SELECT 1 FROM replay_cache WHERE issuer = ? AND assertion_id = ? AND "
                  "not_after > ?")};
    case Stmt::ReplayPurge:
        return {L("purging the replay cache"), L("DELETE FROM replay_cache WHERE not_after <= ?")};
    case Stmt::ReplayRemember:
        return {L("remembering an assertion"),
                L("INSERT INTO replay_cache (issuer, assertion_id, not_after) VALUES (?, ?, ?) "
                  "ON CONFLICT (issuer, assertion_id) DO UPDATE SET "
                  "not_after = max(not_after, excluded.not_after)")};
    case Stmt::ScimAttributesOf:
        return {L("reading SCIM attributes"),
                L("SELECT attributes FROM scim_attributes WHERE account_id = ?")};
    case Stmt::AllScimAttributes:
        return {L("reading SCIM attributes"),
                L("SELECT account_id, attributes FROM scim_attributes ORDER BY account_id")};
    case Stmt::SetScimAttributes:
        return {L("keeping SCIM attributes"),
                L("INSERT INTO scim_attributes (account_id, attributes) VALUES (?, ?) "
                  "ON CONFLICT (account_id) DO UPDATE SET attributes = excluded.attributes")};
    case Stmt::DeleteScimAttributes:
        return {L("dropping SCIM attributes"),
                L("DELETE FROM scim_attributes WHERE account_id = ?")};
    case Stmt::GroupById:
        return {L("reading a group"),
                QStringLiteral("SELECT ") + kGroupColumns + L(" FROM sp_groups WHERE id = ?")};
    case Stmt::AllGroups:
        return {L("listing groups"),
                QStringLiteral("SELECT ") + kGroupColumns + L(" FROM sp_groups ORDER BY id")};
    case Stmt::InsertGroup:
        return {L("inserting a group"),
                L("INSERT INTO sp_groups (display_name, external_id, attributes, created, "
                  "updated) VALUES (?, ?, ?, ?, ?)")};
    case Stmt::UpdateGroup:
        return {L("updating a group"),
                L("UPDATE sp_groups SET display_name = ?, external_id = ?, attributes = ?, "
                  "created = ?, updated = ? WHERE id = ?")};
    case Stmt::DeleteGroup:
        return {L("deleting a group"), L("DELETE FROM sp_groups WHERE id = ?")};
    case Stmt::MembersOf:
        return {L("reading group members"),
                L("SELECT account_id FROM sp_group_members WHERE group_id = ? "
                  "ORDER BY account_id")};
    case Stmt::AllMembers:
        return {L("reading group members"), L("SELECT group_id, account_id FROM sp_group_members "
                                              "ORDER BY group_id, account_id")};
    case Stmt::InsertMember:
        return {L("adding a group member"),
                L("INSERT INTO sp_group_members (group_id, account_id) VALUES (?, ?)")};
    case Stmt::DeleteMember:
        return {L("removing a group member"),
                L("DELETE FROM sp_group_members WHERE group_id = ? AND account_id = ?")};
    case Stmt::DeleteMembers:
        return {L("clearing group members"), L("DELETE FROM sp_group_members WHERE group_id = ?")};
    case Stmt::GroupIdsOf:
        return {L("reading an account's groups"),
                L("SELECT group_id FROM sp_group_members WHERE account_id = ? "
                  "ORDER BY group_id")};
    case Stmt::DeleteMemberships:
        return {L("leaving groups"), L("DELETE FROM sp_group_members WHERE account_id = ?")};
    case Stmt::Counts:
        return {L("counting rows"),
                L("SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM links), "
                  "(SELECT count(*) FROM audit), (SELECT count(*) FROM replay_cache), "
                  "(SELECT count(*) FROM sp_groups), (SELECT count(*) FROM sp_group_members)")};
    }
    return {};
}

QString newConnectionName()
{
    static std::atomic<quint64> next{0};
    return QStringLiteral("jh.jit.store.%1").arg(next.fetch_add(1));
}

} // namespace

StoreImpl::StoreImpl(const QString& p, const StoreOptions& options)
    : path(p), connectionName(newConnectionName()),
      db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName)),
      busyTimeoutMs(options.busyTimeoutMs)
{
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
}

StoreImpl::~StoreImpl()
{
    // Statements first: SQLite will not close a connection that still has
    // prepared statements, and Qt will not remove one still referenced.
    for (auto& statement : m_statements)
        statement.reset();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName);
}

Error StoreImpl::fail(const QSqlError& e, const QString& doing) const
{
    return storeError(e, path, doing, busyTimeoutMs);
}

Result<QSqlQuery*> StoreImpl::run(Stmt s, const QVariantList& args)
{
    std::optional<QSqlQuery>& slot = m_statements[std::size_t(s)];
    if (!slot) {
        const StatementDef def = statementDef(s);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.prepare(def.sql))
            return fail(q.lastError(), def.doing);
        slot.emplace(std::move(q));
    }
    QSqlQuery& q = *slot;
    for (qsizetype i = 0; i < args.size(); ++i) {
        // SQLite converts text to UTF-8, which has no form for a lone
        // surrogate: such a value would come back altered. Refused instead.
        if (args[i].typeId() == QMetaType::QString &&
            !static_cast<const QString*>(args[i].constData())->isValidUtf16())
            return makeError("store.invalid",
                             path + QStringLiteral(": ") + statementDef(s).doing +
                                 QStringLiteral(": value %1 is not valid UTF-16 (a lone "
                                                "surrogate) and cannot be stored unaltered")
                                     .arg(i + 1));
        q.bindValue(int(i), args[i]);
    }
    if (!q.exec()) {
        const QSqlError error = q.lastError();
        q.finish();
        return fail(error, statementDef(s).doing);
    }
    return &q;
}

} // namespace jh::jit
