// The account store: the SP's accounts, their links and the append-only audit
// log (and the SP's replay cache) in one SQLite file, through Qt Sql. Every
// change happens inside transact(): one BEGIN IMMEDIATE ... COMMIT, so a
// login's account changes and its audit entries land together or not at all.
//
// Threads: each AccountStore owns its own database connection, and Qt Sql
// connections belong to the thread that made them. Open one store per thread
// (or per process) and use it only there; several stores on one file are
// fine — SQLite's WAL mode lets readers run beside the one writer, and a
// writer waits up to the busy timeout for another to finish.
//
// Times are never read here: every time stored comes from the caller's clock.
// Text is stored exactly as given — markup, newlines, formulas, control
// characters and NUL included, always as bound values — except a string that
// is not valid UTF-16 (a lone surrogate), which is refused (store.invalid)
// rather than stored altered.
#pragma once

#include "common/result.h"
#include "jit/account.h"

#include <QHash>
#include <memory>
#include <optional>
#include <type_traits>

namespace jh::jit {

class StoreImpl;

struct StoreOptions
{
    // How long a write waits for another connection's write to finish before
    // failing with store.locked.
    int busyTimeoutMs = 5000;
    // Run PRAGMA quick_check on open. It reads the whole file (measured:
    // 25-70 ms for a 9-15 MB store, against 1.5-6 ms for a plain open), so it is
    // off by default; it always runs before a migration. The header and
    // schema are checked on every open regardless.
    bool checkIntegrity = false;
    // Tests only: stop migrating at this schema version (0: the current one),
    // to make a file as an older jitharness left it.
    int schemaVersion = 0;
};

struct StoreCounts
{
    qint64 accounts = 0;
    qint64 links = 0;
    qint64 audit = 0;
    qint64 replay = 0; // remembered assertions, expired ones included until purged
    qint64 groups = 0;
    qint64 memberships = 0;

    bool operator==(const StoreCounts&) const = default;
};

// The operations allowed inside a transaction. Lives only for the duration of
// the transact() call that hands it out.
class StoreTx
{
public:
    StoreTx(const StoreTx&) = delete;
    StoreTx& operator=(const StoreTx&) = delete;

    Result<std::optional<Account>> accountById(qint64 id);
    Result<std::optional<Account>> accountByLink(const QString& issuer, const QString& subject,
                                                 const QString& nameIdFormat);
    // Accounts whose e-mail / user name folds (or, for the skeleton variants,
    // looks) the same as the argument, by id. The argument is folded here;
    // an empty one matches nothing.
    Result<QList<Account>> accountsByEmailFold(const QString& email);
    Result<QList<Account>> accountsByUserNameFold(const QString& userName);
    Result<QList<Account>> accountsByEmailSkeleton(const QString& email);
    Result<QList<Account>> accountsByUserNameSkeleton(const QString& userName);

    // Inserts `a` (its id is ignored) and returns the new id. Roles are
    // stored in normalizedRoles() form. created and updated must be valid.
    // Error: store.invalid.
    Result<qint64> insertAccount(const Account& a);
    // Replaces every stored value of account a.id. Error: store.not-found.
    Result<void> updateAccount(const Account& a);
    // Errors: store.duplicate-link (the key is already linked, to any account),
    // store.constraint (no such account).
    Result<void> addLink(const Link& link);
    Result<QList<Link>> linksOf(qint64 accountId);
    // Appends and returns the entry's seq (e.seq is ignored). at must be valid
    // and action non-empty. Error: store.invalid.
    Result<qint64> appendAudit(const AuditEntry& e);

    // SCIM: the attributes kept beside an account (an empty object when none),
    // and replacing them (an empty object removes the row).
    Result<QJsonObject> scimAttributes(qint64 accountId);
    Result<void> setScimAttributes(qint64 accountId, const QJsonObject& attributes);

    // The SP's groups. Members are stored sorted and unique; an unknown
    // account id fails with store.constraint. Errors: store.not-found for an
    // update or delete of a missing group.
    Result<std::optional<SpGroup>> groupById(qint64 id);
    Result<QList<SpGroup>> groups(); // by id
    Result<qint64> insertGroup(const SpGroup& g);
    Result<void> updateGroup(const SpGroup& g); // members included
    Result<void> deleteGroup(qint64 id);
    // The ids of the groups `accountId` belongs to, ascending.
    Result<QList<qint64>> groupIdsOf(qint64 accountId);
    // Takes the account out of every group; returns the groups it was in.
    Result<QList<qint64>> removeFromAllGroups(qint64 accountId);

    // True when (issuer, assertionId) was remembered with an expiry after
    // `now`. Purges expired entries on the way.
    Result<bool> seenAssertion(const QString& issuer, const QString& assertionId,
                               const QDateTime& now);
    // Keeps the pair until `until` (the later expiry wins if already kept).
    Result<void> rememberAssertion(const QString& issuer, const QString& assertionId,
                                   const QDateTime& until);

private:
    friend class AccountStore;
    explicit StoreTx(StoreImpl& d) : m_d(d) {}

    StoreImpl& m_d;
};

class AccountStore
{
public:
    // Opens or creates the store at `path` (":memory:" for a private in-memory
    // one) and migrates it to the current schema. A file that fails a check is
    // left byte for byte as it was. Errors, each naming the file:
    // store.unreadable, store.corrupt, store.locked, store.not-a-store (an
    // SQLite file of some other program), store.newer-schema.
    static Result<AccountStore> open(const QString& path, const StoreOptions& options = {});

    // A moved-from store may only be destroyed or assigned to.
    AccountStore(AccountStore&& other) noexcept;
    AccountStore& operator=(AccountStore&& other) noexcept;
    ~AccountStore(); // closes and removes the connection

    const QString& path() const;
    // The file's schema version (kStoreSchemaVersion unless opened with the test hook).
    int schemaVersion() const;

    // Runs `body(StoreTx&)`, which returns a Result<T>, inside BEGIN IMMEDIATE
    // ... COMMIT. An error from the body, or from SQLite, rolls everything
    // back and is returned. Not re-entrant (store.nested).
    template <typename F> auto transact(F&& body) -> std::invoke_result_t<F&, StoreTx&>;

    // Reads outside a transaction, each a consistent snapshot of its own.
    Result<std::optional<Account>> account(qint64 id);
    Result<QList<Account>> accounts(); // by id
    Result<QList<Link>> linksOf(qint64 accountId);
    Result<QList<AuditEntry>> audit(std::optional<qint64> accountId = std::nullopt); // by seq
    Result<StoreCounts> counts();
    // SCIM reads: every account's kept attributes (accounts without any are
    // left out), one account's, the groups with their members, one group.
    Result<QHash<qint64, QJsonObject>> allScimAttributes();
    Result<QJsonObject> scimAttributes(qint64 accountId);
    Result<QList<SpGroup>> groups();
    Result<std::optional<SpGroup>> group(qint64 id);
    // Was (issuer, assertionId) used with an expiry after `now`? A plain read
    // (no write lock, no purge), for the SP's replay check before a login.
    Result<bool> assertionUsed(const QString& issuer, const QString& assertionId,
                               const QDateTime& now);
    // PRAGMA quick_check. Error: store.corrupt, listing what SQLite found.
    Result<void> checkIntegrity();

private:
    explicit AccountStore(std::unique_ptr<StoreImpl> d);
    Result<void> begin();
    Result<void> commit(); // rolls back if COMMIT fails
    void rollback();

    std::unique_ptr<StoreImpl> m_d;
};

template <typename F> auto AccountStore::transact(F&& body) -> std::invoke_result_t<F&, StoreTx&>
{
    using R = std::invoke_result_t<F&, StoreTx&>;
    if (Result<void> begun = begin(); !begun)
        return R(begun.error());
    // Core code does not throw, but a body that does must not leave the
    // connection inside an open transaction.
    struct RollbackUnlessDone
    {
        AccountStore* store;
        bool done = false;
        ~RollbackUnlessDone()
        {
            if (!done)
                store->rollback();
        }
    } guard{this};
    StoreTx tx(*m_d);
    R result = body(tx);
    if (!result.ok())
        return result; // the guard rolls back
    guard.done = true;
    if (Result<void> committed = commit(); !committed)
        return R(committed.error());
    return result;
}

} // namespace jh::jit
