// Inside the account store: one connection, its cached prepared statements,
// and the conversions between rows and the account types. Private to
// core/jit; the public face is account_store.h.
#pragma once

#include "common/result.h"
#include "jit/account.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>
#include <array>
#include <memory>
#include <mutex>
#include <optional>

namespace jh::jit {

struct StoreOptions;

// Every statement the store runs after opening, each prepared once per
// connection on first use.
enum class Stmt
{
    Begin,
    Commit,
    Rollback,
    AccountById,
    AccountByLink,
    AccountsByEmailFold,
    AccountsByUserNameFold,
    AccountsByEmailSkeleton,
    AccountsByUserNameSkeleton,
    AllAccounts,
    InsertAccount,
    UpdateAccount,
    UpdateAccountKeepingKeys,
    AccountKeys,
    LinkedAccount,
    InsertLink,
    LinksOf,
    InsertAudit,
    AllAudit,
    AuditOf,
    ReplaySeen,
    ReplayPurge,
    ReplayRemember,
    ScimAttributesOf,
    AllScimAttributes,
    SetScimAttributes,
    DeleteScimAttributes,
    GroupById,
    AllGroups,
    InsertGroup,
    UpdateGroup,
    DeleteGroup,
    MembersOf,
    AllMembers,
    InsertMember,
    DeleteMember,
    DeleteMembers,
    GroupIdsOf,
    DeleteMemberships,
    Counts,
};
inline constexpr std::size_t kStmtCount = std::size_t(Stmt::Counts) + 1;

class StoreImpl
{
public:
    StoreImpl(const QString& path, const StoreOptions& options);
    ~StoreImpl(); // finalizes the statements, closes and removes the connection
    StoreImpl(const StoreImpl&) = delete;
    StoreImpl& operator=(const StoreImpl&) = delete;

    // Binds `args` in order and runs `s`. The query is left positioned before
    // its first row; callers that read call finish() (select() does).
    Result<QSqlQuery*> run(Stmt s, const QVariantList& args = {});

    // Runs `s` and converts each row with `fromRow(const QSqlQuery&) -> Result<T>`.
    template <typename T, typename FromRow>
    Result<QList<T>> select(Stmt s, const QVariantList& args, FromRow fromRow);

    Error fail(const QSqlError& e, const QString& doing) const;

    QString path;
    QString connectionName;
    QSqlDatabase db;
    int busyTimeoutMs = 5000;
    int schemaVersion = 0;
    bool inTransaction = false;
    // Writers of this process to this file queue here: SQLite's own busy
    // handler sleeps (1 ms, 2 ms, 5 ms ...) between retries, which two
    // threads writing one file would otherwise pay on most logins. Other
    // processes still meet the busy timeout.
    std::shared_ptr<std::timed_mutex> writers;
    std::unique_lock<std::timed_mutex> writing;

private:
    std::array<std::optional<QSqlQuery>, kStmtCount> m_statements;
};

// Row <-> value conversions (store_rows.cpp). Column orders match the
// statements in store_impl.cpp.
// Insert / update order, without id. Without `withKeys`, the fold and
// skeleton columns are left out: an update that keeps the user name and
// e-mail then leaves their four indexes alone.
QVariantList accountValues(const Account& a, bool withKeys = true);
Result<Account> accountFromRow(const QSqlQuery& q, const QString& path);
Result<Link> linkFromRow(const QSqlQuery& q);
Result<AuditEntry> auditFromRow(const QSqlQuery& q, const QString& path);
// id, display_name, external_id, attributes, created, updated; no members.
Result<SpGroup> groupFromRow(const QSqlQuery& q, const QString& path);
// The account columns in select order, optionally qualified ("a.id, a.status, ...").
QString accountColumns(const QString& qualifier = {});
// The columns accountValues() fills, in its order.
QStringList accountWriteColumns(bool withKeys = true);

template <typename T, typename FromRow>
Result<QList<T>> StoreImpl::select(Stmt s, const QVariantList& args, FromRow fromRow)
{
    Result<QSqlQuery*> ran = run(s, args);
    if (!ran)
        return ran.error();
    QSqlQuery& q = **ran;
    QList<T> out;
    while (q.next()) {
        Result<T> row = fromRow(q);
        if (!row) {
            q.finish();
            return row.error();
        }
        out.append(std::move(*row));
    }
    const QSqlError error = q.lastError();
    q.finish();
    if (error.isValid())
        return fail(error, QStringLiteral("reading rows"));
    return out;
}

} // namespace jh::jit
