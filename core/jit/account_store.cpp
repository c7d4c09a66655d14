#include "jit/account_store.h"

#include "jit/store_impl.h"
#include "jit/store_schema.h"
#include "jit/store_sql.h"
#include "jit/text_fold.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QThread>
#include <algorithm>

namespace jh::jit {
namespace {

const QString kMemory = QStringLiteral(":memory:");

Error invalid(const QString& path, const QString& what)
{
    return makeError("store.invalid", path + QStringLiteral(": ") + what);
}

// journal_mode=WAL: readers never block the writer nor the writer them.
// synchronous=NORMAL: in WAL mode a commit is durable against a crash of the
// program, and only a power loss can lose the last commits (never corrupt).
// foreign_keys: links and audit rows must name an existing account.
// All are set after the file passed its checks: switching to WAL writes the header.
const char* const kConnectionPragmas[] = {
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
};

// Switching to WAL takes an exclusive lock, and SQLite refuses at once,
// without its busy handler, when two connections race to switch a new file.
// Retrying until the busy timeout gives the other one time to finish.
Result<void> runPragma(StoreImpl& d, const char* pragma)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        auto r = runSql(d.db, QString::fromLatin1(pragma), d.path,
                        QStringLiteral("setting up the connection"), d.busyTimeoutMs);
        if (r)
            return {};
        if (r.error().id != QLatin1String("store.locked") || waited.elapsed() >= d.busyTimeoutMs)
            return r.error();
        QThread::msleep(5);
    }
}

Result<std::optional<Account>> firstAccount(Result<QList<Account>> rows)
{
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<Account>();
    return std::optional<Account>(rows->first());
}

// One writers' mutex per store file in this process (by canonical path, so
// two spellings of one file share it).
std::shared_ptr<std::timed_mutex> writersOf(const QString& path)
{
    static std::mutex guard;
    static QHash<QString, std::weak_ptr<std::timed_mutex>> byFile;
    const QString canonical = QFileInfo(path).canonicalFilePath();
    const QString key = canonical.isEmpty() ? path : canonical;
    const std::lock_guard lock(guard);
    std::shared_ptr<std::timed_mutex> m = byFile.value(key).lock();
    if (!m) {
        m = std::make_shared<std::timed_mutex>();
        byFile.insert(key, m);
    }
    return m;
}

} // namespace

// ---- opening and closing

AccountStore::AccountStore(std::unique_ptr<StoreImpl> d) : m_d(std::move(d)) {}
AccountStore::AccountStore(AccountStore&& other) noexcept = default;
AccountStore& AccountStore::operator=(AccountStore&& other) noexcept = default;
AccountStore::~AccountStore() = default;

Result<AccountStore> AccountStore::open(const QString& path, const StoreOptions& options)
{
    if (path != kMemory) {
        if (Result<void> file = checkStoreFile(path); !file)
            return file.error();
    }
    auto d = std::make_unique<StoreImpl>(path, options);
    if (!d->db.isValid())
        return makeError("store.unreadable",
                         path + QStringLiteral(": Qt's SQLite driver (QSQLITE) is not available"));
    if (!d->db.open())
        return makeError("store.unreadable",
                         path + QStringLiteral(": cannot open: ") + d->db.lastError().text());

    // Nothing below writes until the file is known to be ours and not newer.
    Result<SchemaState> state = readSchemaState(d->db, path, d->busyTimeoutMs);
    if (!state)
        return state.error();
    if (Result<void> ok = checkSchemaState(*state, path); !ok)
        return ok.error();
    const int target = options.schemaVersion > 0 ? options.schemaVersion : kStoreSchemaVersion;
    // quick_check reads the whole file (about 5 ms per MB here), so it runs
    // when asked, and before a migration writes into an existing file.
    const bool migrating = state->objectCount > 0 && state->version < target;
    if ((options.checkIntegrity && state->objectCount > 0) || migrating) {
        if (Result<void> ok = quickCheck(d->db, path, d->busyTimeoutMs); !ok)
            return ok.error();
    }

    for (const char* pragma : kConnectionPragmas) {
        if (Result<void> r = runPragma(*d, pragma); !r)
            return r.error();
    }
    if (Result<void> migrated = migrateSchema(d->db, path, target, d->busyTimeoutMs); !migrated)
        return migrated.error();
    d->schemaVersion = std::max(target, state->version);
    return AccountStore(std::move(d));
}

const QString& AccountStore::path() const
{
    return m_d->path;
}

int AccountStore::schemaVersion() const
{
    return m_d->schemaVersion;
}

Result<void> AccountStore::checkIntegrity()
{
    return quickCheck(m_d->db, m_d->path, m_d->busyTimeoutMs);
}

// ---- transactions

Result<void> AccountStore::begin()
{
    if (m_d->inTransaction)
        return makeError("store.nested",
                         m_d->path + QStringLiteral(": a transaction is already open on this "
                                                    "store (transact() is not re-entrant)"));
    if (m_d->path != QLatin1String(":memory:")) {
        if (!m_d->writers)
            m_d->writers = writersOf(m_d->path);
        m_d->writing = std::unique_lock(*m_d->writers, std::defer_lock);
        if (!m_d->writing.try_lock_for(std::chrono::milliseconds(m_d->busyTimeoutMs)))
            return makeError("store.locked",
                             m_d->path + QStringLiteral(": another writer of this process held "
                                                        "the store for more than %1 ms")
                                             .arg(m_d->busyTimeoutMs));
    }
    Result<QSqlQuery*> r = m_d->run(Stmt::Begin);
    if (!r) {
        if (m_d->writing.owns_lock())
            m_d->writing.unlock();
        return r.error();
    }
    m_d->inTransaction = true;
    return {};
}

Result<void> AccountStore::commit()
{
    Result<QSqlQuery*> r = m_d->run(Stmt::Commit);
    if (!r) {
        rollback();
        return r.error();
    }
    m_d->inTransaction = false;
    if (m_d->writing.owns_lock())
        m_d->writing.unlock();
    return {};
}

void AccountStore::rollback()
{
    // A failed ROLLBACK leaves nothing to do: SQLite has already rolled back
    // whatever it could not keep.
    (void)m_d->run(Stmt::Rollback);
    m_d->inTransaction = false;
    if (m_d->writing.owns_lock())
        m_d->writing.unlock();
}

// ---- reads outside a transaction: each statement is its own snapshot

Result<std::optional<Account>> AccountStore::account(qint64 id)
{
    return StoreTx(*m_d).accountById(id);
}

Result<QList<Account>> AccountStore::accounts()
{
    const QString& path = m_d->path;
    return m_d->select<Account>(Stmt::AllAccounts, {},
                                [&](const QSqlQuery& q) { return accountFromRow(q, path); });
}

Result<QList<Link>> AccountStore::linksOf(qint64 accountId)
{
    return StoreTx(*m_d).linksOf(accountId);
}

Result<QList<AuditEntry>> AccountStore::audit(std::optional<qint64> accountId)
{
    const QString& path = m_d->path;
    const auto fromRow = [&](const QSqlQuery& q) {
        return auditFromRow(q, path);
    };
    if (accountId)
        return m_d->select<AuditEntry>(Stmt::AuditOf, {*accountId}, fromRow);
    return m_d->select<AuditEntry>(Stmt::AllAudit, {}, fromRow);
}

Result<bool> AccountStore::assertionUsed(const QString& issuer, const QString& assertionId,
                                         const QDateTime& now)
{
    if (!now.isValid())
        return invalid(m_d->path, QStringLiteral("the replay check needs the current time"));
    auto rows = m_d->select<bool>(Stmt::ReplaySeen,
                                  {textValue(issuer), textValue(assertionId), timeValue(now)},
                                  [](const QSqlQuery&) { return Result<bool>(true); });
    if (!rows)
        return rows.error();
    return !rows->isEmpty();
}

Result<StoreCounts> AccountStore::counts()
{
    auto rows = m_d->select<StoreCounts>(Stmt::Counts, {}, [](const QSqlQuery& q) {
        return Result<StoreCounts>(StoreCounts{q.value(0).toLongLong(), q.value(1).toLongLong(),
                                               q.value(2).toLongLong(), q.value(3).toLongLong(),
                                               q.value(4).toLongLong(), q.value(5).toLongLong()});
    });
    if (!rows)
        return rows.error();
    return rows->value(0);
}

// ---- inside a transaction

Result<std::optional<Account>> StoreTx::accountById(qint64 id)
{
    const QString& path = m_d.path;
    return firstAccount(m_d.select<Account>(
        Stmt::AccountById, {id}, [&](const QSqlQuery& q) { return accountFromRow(q, path); }));
}

Result<std::optional<Account>> StoreTx::accountByLink(const QString& issuer, const QString& subject,
                                                      const QString& nameIdFormat)
{
    const QString& path = m_d.path;
    return firstAccount(m_d.select<Account>(
        Stmt::AccountByLink, {textValue(issuer), textValue(subject), textValue(nameIdFormat)},
        [&](const QSqlQuery& q) { return accountFromRow(q, path); }));
}

namespace {

Result<QList<Account>> accountsByKey(StoreImpl& d, Stmt s, const QString& key)
{
    if (key.isEmpty())
        return QList<Account>();
    return d.select<Account>(s, {key},
                             [&](const QSqlQuery& q) { return accountFromRow(q, d.path); });
}

} // namespace

Result<QList<Account>> StoreTx::accountsByEmailFold(const QString& email)
{
    return accountsByKey(m_d, Stmt::AccountsByEmailFold, foldForComparison(email));
}

Result<QList<Account>> StoreTx::accountsByUserNameFold(const QString& userName)
{
    return accountsByKey(m_d, Stmt::AccountsByUserNameFold, foldForComparison(userName));
}

Result<QList<Account>> StoreTx::accountsByEmailSkeleton(const QString& email)
{
    return accountsByKey(m_d, Stmt::AccountsByEmailSkeleton, confusableSkeleton(email));
}

Result<QList<Account>> StoreTx::accountsByUserNameSkeleton(const QString& userName)
{
    return accountsByKey(m_d, Stmt::AccountsByUserNameSkeleton, confusableSkeleton(userName));
}

Result<qint64> StoreTx::insertAccount(const Account& a)
{
    if (!a.created.isValid() || !a.updated.isValid())
        return invalid(m_d.path, QStringLiteral("an account needs created and updated times"));
    Result<QSqlQuery*> r = m_d.run(Stmt::InsertAccount, accountValues(a));
    if (!r)
        return r.error();
    const qint64 id = (*r)->lastInsertId().toLongLong();
    (*r)->finish();
    return id;
}

Result<void> StoreTx::updateAccount(const Account& a)
{
    if (!a.created.isValid() || !a.updated.isValid())
        return invalid(m_d.path, QStringLiteral("an account needs created and updated times"));
    // Most logins keep the user name and e-mail; skipping their fold and
    // skeleton columns then saves four index pages per commit.
    auto stored = m_d.select<QStringList>(Stmt::AccountKeys, {a.id}, [](const QSqlQuery& q) {
        return Result<QStringList>(QStringList{q.value(0).toString(), q.value(1).toString()});
    });
    if (!stored)
        return stored.error();
    if (stored->isEmpty())
        return makeError("store.not-found",
                         m_d.path + QStringLiteral(": no account %1 to update").arg(a.id));
    const bool keysChanged = stored->first() != QStringList{a.profile.userName, a.profile.email};
    QVariantList values = accountValues(a, keysChanged);
    values << a.id;
    Result<QSqlQuery*> r =
        m_d.run(keysChanged ? Stmt::UpdateAccount : Stmt::UpdateAccountKeepingKeys, values);
    if (!r)
        return r.error();
    (*r)->finish();
    return {};
}

Result<void> StoreTx::addLink(const Link& link)
{
    // Looked up first, so that "already linked" is told apart from "no such
    // account" without parsing SQLite's message.
    auto existing = m_d.select<qint64>(
        Stmt::LinkedAccount,
        {textValue(link.issuer), textValue(link.subject), textValue(link.nameIdFormat)},
        [](const QSqlQuery& q) { return Result<qint64>(q.value(0).toLongLong()); });
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return makeError("store.duplicate-link",
                         m_d.path + QStringLiteral(": subject '%1' of issuer '%2' (format '%3') "
                                                   "is already linked to account %4")
                                        .arg(link.subject, link.issuer, link.nameIdFormat)
                                        .arg(existing->first()));
    if (!link.created.isValid())
        return invalid(m_d.path, QStringLiteral("a link needs a created time"));
    Result<QSqlQuery*> r = m_d.run(
        Stmt::InsertLink, {textValue(link.issuer), textValue(link.subject),
                           textValue(link.nameIdFormat), link.accountId, timeValue(link.created)});
    if (!r)
        return r.error();
    (*r)->finish();
    return {};
}

Result<QList<Link>> StoreTx::linksOf(qint64 accountId)
{
    return m_d.select<Link>(Stmt::LinksOf, {accountId}, linkFromRow);
}

Result<qint64> StoreTx::appendAudit(const AuditEntry& e)
{
    if (!e.at.isValid() || e.action.isEmpty())
        return invalid(m_d.path, QStringLiteral("an audit entry needs a time and an action"));
    const QVariant account = e.accountId ? QVariant(e.accountId) : QVariant();
    Result<QSqlQuery*> r = m_d.run(
        Stmt::InsertAudit, {timeValue(e.at), actorName(e.actor), e.action, account,
                            changesJson(e.diff), listJson(e.reasons), textValue(e.messageId)});
    if (!r)
        return r.error();
    const qint64 seq = (*r)->lastInsertId().toLongLong();
    (*r)->finish();
    return seq;
}

Result<bool> StoreTx::seenAssertion(const QString& issuer, const QString& assertionId,
                                    const QDateTime& now)
{
    if (!now.isValid())
        return invalid(m_d.path, QStringLiteral("the replay check needs the current time"));
    Result<QSqlQuery*> purged = m_d.run(Stmt::ReplayPurge, {timeValue(now)});
    if (!purged)
        return purged.error();
    (*purged)->finish();
    auto rows = m_d.select<bool>(Stmt::ReplaySeen,
                                 {textValue(issuer), textValue(assertionId), timeValue(now)},
                                 [](const QSqlQuery&) { return Result<bool>(true); });
    if (!rows)
        return rows.error();
    return !rows->isEmpty();
}

Result<void> StoreTx::rememberAssertion(const QString& issuer, const QString& assertionId,
                                        const QDateTime& until)
{
    if (!until.isValid())
        return invalid(m_d.path, QStringLiteral("a remembered assertion needs an expiry"));
    Result<QSqlQuery*> r = m_d.run(Stmt::ReplayRemember,
                                   {textValue(issuer), textValue(assertionId), timeValue(until)});
    if (!r)
        return r.error();
    (*r)->finish();
    return {};
}

} // namespace jh::jit
