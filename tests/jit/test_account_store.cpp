// The account store: a new file gets the current schema and an old one is
// migrated with its rows; a file that is damaged, locked, newer or someone
// else's is refused with its name and left byte for byte as it was; a failed
// transaction writes nothing; the audit log refuses edits even from other
// tools; hostile values come back exactly as they went in; two writers on
// one file both succeed.
#include "jit/account_store.h"
#include "jit/store_schema.h"
#include "jit/text_fold.h"
#include "support/fixtures.h"
#include "support/jit_printers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace jh;
using namespace jh::jit;

namespace {

const QString kIssuer = QStringLiteral("https://idp.example/");

// A second connection to the same file, as another tool or process would
// have: raw SQL, no store code in the way.
class RawDb
{
public:
    explicit RawDb(const QString& path)
        : m_name(QStringLiteral("raw.%1").arg(++s_count)),
          m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name))
    {
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=100"));
        if (!m_db.open())
            qFatal("raw open %s: %s", qPrintable(path), qPrintable(m_db.lastError().text()));
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    // Runs `sql`; returns SQLite's error text, empty on success.
    QString exec(const QString& sql)
    {
        QSqlQuery q(m_db);
        return q.exec(sql) ? QString() : q.lastError().text();
    }
    QVariant value(const QString& sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
};

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

AccountStore openOrDie(const QString& path, const StoreOptions& options = {})
{
    auto store = AccountStore::open(path, options);
    if (!store)
        qFatal("open %s: %s", qPrintable(path), qPrintable(store.error().message));
    return std::move(store).value();
}

Account person(const QString& userName, const QString& email, const QDateTime& at)
{
    Account a;
    a.profile.userName = userName;
    a.profile.email = email;
    a.profile.givenName = QStringLiteral("Alice");
    a.profile.familyName = QStringLiteral("Liddell");
    a.roles = {QStringLiteral("user")};
    a.created = at;
    a.updated = at;
    return a;
}

// A first login's writes: the account, its link and an audit entry.
Result<qint64> provision(StoreTx& tx, const Account& a, const QString& subject)
{
    auto id = tx.insertAccount(a);
    if (!id)
        return id;
    if (auto r = tx.addLink({kIssuer, subject, QString(), *id, a.created}); !r)
        return r.error();
    AuditEntry e;
    e.at = a.created;
    e.action = QStringLiteral("created");
    e.accountId = *id;
    e.diff = diffAccounts(Account(), a);
    e.messageId = QStringLiteral("_msg-") + subject;
    if (auto seq = tx.appendAudit(e); !seq)
        return seq.error();
    return id;
}

qint64 provisionOrDie(AccountStore& store, const Account& a, const QString& subject)
{
    auto id = store.transact([&](StoreTx& tx) { return provision(tx, a, subject); });
    if (!id)
        qFatal("provision: %s", qPrintable(id.error().message));
    return *id;
}

} // namespace

class TestAccountStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void newFileHasTheCurrentSchema();
    void eachStoreHasItsOwnConnectionUntilDestroyed();
    void inMemoryStoreWorks();
    void version1FileIsMigratedWithItsRows();
    void newerSchemaIsRefusedUntouched();
    void someoneElsesDatabaseIsRefusedUntouched();
    void damagedFileIsRefusedUntouched_data();
    void damagedFileIsRefusedUntouched();
    void damagedPageIsFoundByTheIntegrityCheck();
    void damagedOldFileIsNotMigrated();
    void unusablePathIsUnreadable_data();
    void unusablePathIsUnreadable();
    void lockedFileIsRefusedAtOpen();
    void lockedStoreRefusesATransactionAndWritesNothing();

    void accountRoundTripsWithRolesNormalised();
    void timesAndListsAreStoredReadably();
    void failedTransactionWritesNothing_data();
    void failedTransactionWritesNothing();
    void transactIsNotReentrant();
    void auditLogRefusesEditsFromAnyConnection_data();
    void auditLogRefusesEditsFromAnyConnection();
    void auditEntriesComeBackInOrderAndByAccount();
    void linkKeyIsUnique();
    void updateNeedsAnExistingAccount();
    void foldCollisionsAreFound_data();
    void foldCollisionsAreFound();
    void hostileValuesAreStoredLiterally_data();
    void hostileValuesAreStoredLiterally();
    void loneSurrogateIsRefusedNotAltered();
    void replayCacheRemembersUntilExpiry();
    void twoStoresInTwoThreadsWriteConcurrently();

private:
    QString storePath(const QString& name = QStringLiteral("store.db")) const
    {
        return m_dir->filePath(name);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAccountStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAccountStore::newFileHasTheCurrentSchema()
{
    {
        AccountStore store = openOrDie(storePath());
        QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
        QCOMPARE(store.counts()->accounts, 0);
    }
    RawDb raw(storePath());
    QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), kStoreSchemaVersion);
    QCOMPARE(raw.value(QStringLiteral("PRAGMA application_id")).toInt(), kStoreApplicationId);
    QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    for (const char* table : {"accounts", "links", "audit", "replay_cache"}) {
        const QString sql =
            QStringLiteral(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                .arg(QLatin1String(table));
        QVERIFY2(raw.value(sql).toInt() == 1, table);
    }
}

void TestAccountStore::eachStoreHasItsOwnConnectionUntilDestroyed()
{
    const qsizetype before = QSqlDatabase::connectionNames().size();
    {
        AccountStore a = openOrDie(storePath());
        AccountStore b = openOrDie(storePath());
        QCOMPARE(QSqlDatabase::connectionNames().size(), before + 2);
        AccountStore moved = std::move(a); // moving hands the connection over
        QCOMPARE(QSqlDatabase::connectionNames().size(), before + 2);
        QVERIFY(moved.counts().ok());
    }
    QCOMPARE(QSqlDatabase::connectionNames().size(), before);
}

void TestAccountStore::inMemoryStoreWorks()
{
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const qint64 id = provisionOrDie(
        store, person(QStringLiteral("alice"), QStringLiteral("alice@x.example"), test::fixedNow()),
        QStringLiteral("s-1"));
    QCOMPARE(id, 1);
    QCOMPARE(*store.counts(), (StoreCounts{1, 1, 1, 0, 0, 0}));
    // A second in-memory store is a different database.
    AccountStore other = openOrDie(QStringLiteral(":memory:"));
    QCOMPARE(other.counts()->accounts, 0);
}

void TestAccountStore::version1FileIsMigratedWithItsRows()
{
    const Account alice =
        person(QStringLiteral("alice"), QStringLiteral("alice@x.example"), test::fixedNow());
    qint64 id = 0;
    {
        StoreOptions v1;
        v1.schemaVersion = 1;
        AccountStore old = openOrDie(storePath(), v1);
        QCOMPARE(old.schemaVersion(), 1);
        id = provisionOrDie(old, alice, QStringLiteral("s-1"));
    }
    {
        RawDb raw(storePath());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 1);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = "
                                          "'replay_cache'"))
                     .toInt(),
                 0);
    }
    AccountStore store = openOrDie(storePath());
    QCOMPARE(store.schemaVersion(), kStoreSchemaVersion);
    QCOMPARE(*store.counts(), (StoreCounts{1, 1, 1, 0, 0, 0}));
    Account expected = alice;
    expected.id = id;
    QCOMPARE(store.account(id)->value(), expected);
    QCOMPARE(store.audit()->first().messageId, QStringLiteral("_msg-s-1"));
    // The new table works.
    auto seen = store.transact([](StoreTx& tx) -> Result<bool> {
        if (auto r =
                tx.rememberAssertion(kIssuer, QStringLiteral("_a"), test::fixedNow().addSecs(60));
            !r)
            return r.error();
        return tx.seenAssertion(kIssuer, QStringLiteral("_a"), test::fixedNow());
    });
    QVERIFY2(seen.ok(), seen.ok() ? "" : qPrintable(seen.error().message));
    QVERIFY(*seen);
}

void TestAccountStore::newerSchemaIsRefusedUntouched()
{
    {
        AccountStore store = openOrDie(storePath());
        provisionOrDie(store, person(QStringLiteral("a"), QString(), test::fixedNow()),
                       QStringLiteral("s"));
    }
    {
        RawDb raw(storePath()); // what a future jitharness would leave
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA user_version = 7")), QString());
    }
    const QByteArray before = fileHash(storePath());
    auto store = AccountStore::open(storePath());
    QVERIFY(!store);
    QCOMPARE(store.error().id, QStringLiteral("store.newer-schema"));
    QVERIFY2(store.error().message.contains(
                 QStringLiteral("schema version 7 is newer than this jitharness (%1)")
                     .arg(kStoreSchemaVersion)),
             qPrintable(store.error().message));
    QVERIFY(store.error().message.startsWith(storePath()));
    QCOMPARE(fileHash(storePath()), before);
}

void TestAccountStore::someoneElsesDatabaseIsRefusedUntouched()
{
    {
        RawDb raw(storePath());
        QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")), QString());
    }
    const QByteArray before = fileHash(storePath());
    auto store = AccountStore::open(storePath());
    QVERIFY(!store);
    QCOMPARE(store.error().id, QStringLiteral("store.not-a-store"));
    QCOMPARE(fileHash(storePath()), before);
}

void TestAccountStore::damagedFileIsRefusedUntouched_data()
{
    // A real store's bytes, to cut and spoil.
    QByteArray good;
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("good.db"));
        {
            AccountStore store = openOrDie(path);
            provisionOrDie(store, person(QStringLiteral("a"), QString(), test::fixedNow()),
                           QStringLiteral("s"));
        }
        good = fileBytes(path);
    }
    QVERIFY(good.size() >= 4096);

    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text file") << QByteArray("accounts:\n  - alice\n");
    QTest::newRow("truncated header") << good.left(10);
    QTest::newRow("header only") << good.left(100);
    QTest::newRow("cut mid-page") << good.left(good.size() - 1000);
    QTest::newRow("first page only, cut") << good.left(600);
    QByteArray random(8192, '\0');
    QRandomGenerator rng(5);
    for (char& c : random)
        c = char(rng.bounded(256));
    QTest::newRow("random bytes") << random;
    QByteArray badPageSize = good;
    badPageSize[16] = 0x03; // 0x0300 = 768: not a power of two
    badPageSize[17] = 0x00;
    QTest::newRow("bad page size") << badPageSize;
}

void TestAccountStore::damagedFileIsRefusedUntouched()
{
    QFETCH(QByteArray, bytes);
    writeBytes(storePath(), bytes);
    auto store = AccountStore::open(storePath());
    QVERIFY(!store);
    QCOMPARE(store.error().id, QStringLiteral("store.corrupt"));
    QVERIFY2(store.error().message.startsWith(storePath()), qPrintable(store.error().message));
    QCOMPARE(fileBytes(storePath()), bytes);
}

void TestAccountStore::damagedPageIsFoundByTheIntegrityCheck()
{
    {
        AccountStore store = openOrDie(storePath());
        for (int i = 0; i < 200; ++i) {
            provisionOrDie(store,
                           person(QStringLiteral("user%1").arg(i),
                                  QStringLiteral("user%1@x.example").arg(i), test::fixedNow()),
                           QStringLiteral("s-%1").arg(i));
        }
    }
    QByteArray bytes = fileBytes(storePath());
    const int pageSize = 4096;
    QVERIFY(bytes.size() > 8 * pageSize);
    // Spoil pages 3 to 5, past the schema page: the header still looks fine.
    for (int i = 2 * pageSize; i < 5 * pageSize; ++i)
        bytes[i] = char(0xA5);
    writeBytes(storePath(), bytes);

    StoreOptions checked;
    checked.checkIntegrity = true;
    auto store = AccountStore::open(storePath(), checked);
    QVERIFY(!store);
    QCOMPARE(store.error().id, QStringLiteral("store.corrupt"));
    QCOMPARE(fileBytes(storePath()), bytes);

    // Without the check on open, the damage is still reported as such when met.
    auto unchecked = AccountStore::open(storePath());
    if (unchecked) {
        const auto integrity = unchecked->checkIntegrity();
        QVERIFY(!integrity);
        QCOMPARE(integrity.error().id, QStringLiteral("store.corrupt"));
    } else {
        QCOMPARE(unchecked.error().id, QStringLiteral("store.corrupt"));
    }
}

void TestAccountStore::damagedOldFileIsNotMigrated()
{
    {
        StoreOptions v1;
        v1.schemaVersion = 1;
        AccountStore store = openOrDie(storePath(), v1);
        for (int i = 0; i < 200; ++i) {
            provisionOrDie(store,
                           person(QStringLiteral("user%1").arg(i), QString(), test::fixedNow()),
                           QStringLiteral("s-%1").arg(i));
        }
    }
    QByteArray bytes = fileBytes(storePath());
    const int pageSize = 4096;
    QVERIFY(bytes.size() > 8 * pageSize);
    for (int i = 3 * pageSize; i < 4 * pageSize; ++i)
        bytes[i] = char(0x5A);
    writeBytes(storePath(), bytes);

    auto store = AccountStore::open(storePath()); // no checkIntegrity: migrating checks anyway
    QVERIFY(!store);
    QCOMPARE(store.error().id, QStringLiteral("store.corrupt"));
    QCOMPARE(fileBytes(storePath()), bytes);
}

void TestAccountStore::unusablePathIsUnreadable_data()
{
    QTest::addColumn<QString>("relative");
    QTest::newRow("a folder") << QStringLiteral("folder");
    QTest::newRow("missing folder") << QStringLiteral("missing/store.db");
}

void TestAccountStore::unusablePathIsUnreadable()
{
    QFETCH(QString, relative);
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("folder")));
    auto store = AccountStore::open(storePath(relative));
    QVERIFY(!store);
    QCOMPARE(store.error().id, QStringLiteral("store.unreadable"));
    QVERIFY(store.error().message.startsWith(storePath(relative)));
    QVERIFY(!QFile::exists(storePath(QStringLiteral("missing"))));
}

void TestAccountStore::lockedFileIsRefusedAtOpen()
{
    // A database another program has open in rollback-journal mode, holding
    // an exclusive lock: not even the schema version can be read.
    RawDb other(storePath());
    QCOMPARE(other.exec(QStringLiteral("PRAGMA journal_mode = DELETE")).isEmpty(), true);
    QCOMPARE(other.exec(QStringLiteral("CREATE TABLE t (x)")), QString());
    QCOMPARE(other.exec(QStringLiteral("DROP TABLE t")), QString());
    QCOMPARE(other.exec(QStringLiteral("BEGIN EXCLUSIVE")), QString());
    const QByteArray before = fileHash(storePath());

    StoreOptions impatient;
    impatient.busyTimeoutMs = 100;
    auto store = AccountStore::open(storePath(), impatient);
    QVERIFY(!store);
    QCOMPARE(store.error().id, QStringLiteral("store.locked"));
    QVERIFY2(store.error().message.contains(QStringLiteral("100 ms")),
             qPrintable(store.error().message));
    QCOMPARE(fileHash(storePath()), before);

    QCOMPARE(other.exec(QStringLiteral("ROLLBACK")), QString());
    QVERIFY(AccountStore::open(storePath(), impatient).ok());
}

void TestAccountStore::lockedStoreRefusesATransactionAndWritesNothing()
{
    StoreOptions impatient;
    impatient.busyTimeoutMs = 100;
    AccountStore store = openOrDie(storePath(), impatient);
    provisionOrDie(store, person(QStringLiteral("a"), QString(), test::fixedNow()),
                   QStringLiteral("s-1"));
    const StoreCounts before = *store.counts();

    RawDb other(storePath());
    QCOMPARE(other.exec(QStringLiteral("BEGIN EXCLUSIVE")), QString());
    const Account b = person(QStringLiteral("b"), QString(), test::fixedNow());
    auto locked =
        store.transact([&](StoreTx& tx) { return provision(tx, b, QStringLiteral("s-2")); });
    QVERIFY(!locked);
    QCOMPARE(locked.error().id, QStringLiteral("store.locked"));
    QCOMPARE(*store.counts(), before); // readers still read beside the writer
    QCOMPARE(other.exec(QStringLiteral("ROLLBACK")), QString());

    QVERIFY(
        store.transact([&](StoreTx& tx) { return provision(tx, b, QStringLiteral("s-2")); }).ok());
    QCOMPARE(store.counts()->accounts, before.accounts + 1);
}

void TestAccountStore::accountRoundTripsWithRolesNormalised()
{
    AccountStore store = openOrDie(storePath());
    Account a = person(QStringLiteral("alice"), QStringLiteral("alice@x.example"),
                       test::fixedNow().addMSecs(250));
    a.status = AccountStatus::Suspended;
    a.provisionedBy = Provisioning::SelfRegistration;
    a.profile.displayName = QStringLiteral("Alice L.");
    a.profile.department = QStringLiteral("Finance");
    a.profile.jobTitle = QStringLiteral("Analyst");
    a.profile.employeeId = QStringLiteral("E-0042");
    a.roles = {QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("b"), QString()};
    a.externalId = QStringLiteral("ext-1");
    a.lastLogin = test::fixedNow().addDays(1);
    const qint64 id = provisionOrDie(store, a, QStringLiteral("s-1"));

    Account expected = a;
    expected.id = id;
    expected.roles = {QStringLiteral("a"), QStringLiteral("b")};
    QCOMPARE(store.account(id)->value(), expected);
    QCOMPARE(store.accounts()->size(), 1);
    QCOMPARE(store.accounts()->first(), expected);
    QVERIFY(!store.account(id + 1)->has_value());

    auto byLink = store.transact(
        [](StoreTx& tx) { return tx.accountByLink(kIssuer, QStringLiteral("s-1"), QString()); });
    QCOMPARE(byLink->value(), expected);
    const QList<Link> links = *store.linksOf(id);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first(), (Link{kIssuer, QStringLiteral("s-1"), QString(), id, a.created}));

    // A never-signed-in account keeps a null last login.
    Account fresh = person(QStringLiteral("bob"), QString(), test::fixedNow());
    const qint64 bob = provisionOrDie(store, fresh, QStringLiteral("s-2"));
    QVERIFY(store.account(bob)->value().lastLogin.isNull());
}

void TestAccountStore::timesAndListsAreStoredReadably()
{
    {
        AccountStore store = openOrDie(storePath());
        Account a = person(QStringLiteral("alice"), QString(), test::fixedNow().addMSecs(7));
        a.roles = {QStringLiteral("viewer"), QStringLiteral("admin")};
        provisionOrDie(store, a, QStringLiteral("s-1"));
    }
    RawDb raw(storePath());
    QCOMPARE(raw.value(QStringLiteral("SELECT created FROM accounts")).toString(),
             QStringLiteral("2026-03-02T09:30:00.007Z"));
    QCOMPARE(raw.value(QStringLiteral("SELECT roles FROM accounts")).toString(),
             QStringLiteral(R"(["admin","viewer"])"));
    QVERIFY(raw.value(QStringLiteral("SELECT last_login FROM accounts")).isNull());
    QCOMPARE(raw.value(QStringLiteral("SELECT account_id IS NOT NULL FROM audit")).toInt(), 1);
}

void TestAccountStore::failedTransactionWritesNothing_data()
{
    QTest::addColumn<QString>("failure");
    QTest::newRow("the body returns an error") << QStringLiteral("body");
    QTest::newRow("a duplicate link after the insert") << QStringLiteral("duplicate-link");
    QTest::newRow("an invalid audit entry") << QStringLiteral("invalid-audit");
    QTest::newRow("a link to no account") << QStringLiteral("dangling-link");
}

void TestAccountStore::failedTransactionWritesNothing()
{
    QFETCH(QString, failure);
    AccountStore store = openOrDie(storePath());
    provisionOrDie(store, person(QStringLiteral("a"), QString(), test::fixedNow()),
                   QStringLiteral("taken"));
    const StoreCounts before = *store.counts();
    const QList<AuditEntry> auditBefore = *store.audit();

    auto r = store.transact([&](StoreTx& tx) -> Result<qint64> {
        auto id = provision(tx, person(QStringLiteral("b"), QString(), test::fixedNow()),
                            failure == QLatin1String("duplicate-link") ? QStringLiteral("taken")
                                                                       : QStringLiteral("new"));
        if (!id)
            return id;
        if (failure == QLatin1String("invalid-audit"))
            return tx.appendAudit(AuditEntry{}).error();
        if (failure == QLatin1String("dangling-link")) {
            if (auto l =
                    tx.addLink({kIssuer, QStringLiteral("x"), QString(), 999, test::fixedNow()});
                !l)
                return l.error();
        }
        return makeError("test.refused", QStringLiteral("the body changed its mind"));
    });
    QVERIFY(!r);
    const QString expected =
        failure == QLatin1String("body")             ? QStringLiteral("test.refused")
        : failure == QLatin1String("duplicate-link") ? QStringLiteral("store.duplicate-link")
        : failure == QLatin1String("invalid-audit")  ? QStringLiteral("store.invalid")
                                                     : QStringLiteral("store.constraint");
    QCOMPARE(r.error().id, expected);
    QCOMPARE(*store.counts(), before);
    QCOMPARE(*store.audit(), auditBefore);
    // The store is usable afterwards: the failed transaction is closed.
    QVERIFY(store.transact([](StoreTx& tx) { return tx.accountById(1); }).ok());
}

void TestAccountStore::transactIsNotReentrant()
{
    AccountStore store = openOrDie(storePath());
    auto outer = store.transact([&](StoreTx&) -> Result<int> {
        auto inner = store.transact([](StoreTx&) { return Result<int>(1); });
        if (!inner)
            return inner.error();
        return 2;
    });
    QVERIFY(!outer);
    QCOMPARE(outer.error().id, QStringLiteral("store.nested"));
    QVERIFY(store.transact([](StoreTx&) { return Result<int>(3); }).ok());
}

void TestAccountStore::auditLogRefusesEditsFromAnyConnection_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("update") << QStringLiteral("UPDATE audit SET action = 'nothing happened'");
    QTest::newRow("delete") << QStringLiteral("DELETE FROM audit");
    QTest::newRow("delete one") << QStringLiteral("DELETE FROM audit WHERE seq = 1");
    QTest::newRow("replace") << QStringLiteral(
        "REPLACE INTO audit (seq, at, actor, action) VALUES (1, 'x', 'jit', 'forged')");
    QTest::newRow("upsert") << QStringLiteral(
        "INSERT INTO audit (seq, at, actor, action) VALUES (1, 'x', 'jit', 'forged') "
        "ON CONFLICT (seq) DO UPDATE SET action = excluded.action");
}

void TestAccountStore::auditLogRefusesEditsFromAnyConnection()
{
    QFETCH(QString, sql);
    AccountStore store = openOrDie(storePath());
    provisionOrDie(store, person(QStringLiteral("a"), QString(), test::fixedNow()),
                   QStringLiteral("s"));
    const QList<AuditEntry> before = *store.audit();

    RawDb raw(storePath());
    const QString error = raw.exec(sql);
    QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
    QCOMPARE(*store.audit(), before);
    // Its passing twin: appending is what the log is for.
    QCOMPARE(raw.exec(QStringLiteral("INSERT INTO audit (at, actor, action) VALUES "
                                     "('2026-03-02T09:30:00.000Z', 'admin', 'noted')")),
             QString());
    QCOMPARE(store.audit()->size(), before.size() + 1);
}

void TestAccountStore::auditEntriesComeBackInOrderAndByAccount()
{
    AccountStore store = openOrDie(storePath());
    const qint64 a = provisionOrDie(store, person(QStringLiteral("a"), QString(), test::fixedNow()),
                                    QStringLiteral("s-a"));
    const qint64 b = provisionOrDie(store, person(QStringLiteral("b"), QString(), test::fixedNow()),
                                    QStringLiteral("s-b"));
    AuditEntry denied;
    denied.at = test::fixedNow().addSecs(5);
    denied.actor = Actor::Jit;
    denied.action = QStringLiteral("denied");
    denied.reasons = {QStringLiteral("unknown subject"), QStringLiteral("policy: deny")};
    denied.messageId = QStringLiteral("_m3");
    AuditEntry cleanup;
    cleanup.at = test::fixedNow().addDays(30);
    cleanup.actor = Actor::Cleanup;
    cleanup.action = QStringLiteral("suspended");
    cleanup.accountId = a;
    cleanup.diff = {
        {QStringLiteral("status"), QStringLiteral("active"), QStringLiteral("suspended")}};
    auto seqs = store.transact([&](StoreTx& tx) -> Result<QList<qint64>> {
        auto s1 = tx.appendAudit(denied);
        if (!s1)
            return s1.error();
        auto s2 = tx.appendAudit(cleanup);
        if (!s2)
            return s2.error();
        return QList<qint64>{*s1, *s2};
    });
    QVERIFY(seqs.ok());
    QCOMPARE(*seqs, (QList<qint64>{3, 4}));

    const QList<AuditEntry> all = *store.audit();
    QCOMPARE(all.size(), 4);
    for (qsizetype i = 0; i < all.size(); ++i)
        QCOMPARE(all[i].seq, i + 1);
    denied.seq = 3;
    cleanup.seq = 4;
    QCOMPARE(all[2], denied);
    QCOMPARE(all[3], cleanup);
    QCOMPARE(all[2].accountId, 0);

    const QList<AuditEntry> ofA = *store.audit(a);
    QCOMPARE(ofA.size(), 2);
    QCOMPARE(ofA[0].action, QStringLiteral("created"));
    QCOMPARE(ofA[1], cleanup);
    QCOMPARE(store.audit(b)->size(), 1);
}

void TestAccountStore::linkKeyIsUnique()
{
    AccountStore store = openOrDie(storePath());
    const qint64 victim = provisionOrDie(
        store, person(QStringLiteral("v"), QString(), test::fixedNow()), QStringLiteral("sub"));
    const qint64 other = provisionOrDie(
        store, person(QStringLiteral("o"), QString(), test::fixedNow()), QStringLiteral("sub-o"));
    const QString persistent =
        QStringLiteral("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");

    auto link = [&](const QString& issuer, const QString& subject, const QString& format) {
        return store.transact([&](StoreTx& tx) {
            return tx.addLink({issuer, subject, format, other, test::fixedNow()});
        });
    };
    const auto same = link(kIssuer, QStringLiteral("sub"), QString());
    QVERIFY(!same);
    QCOMPARE(same.error().id, QStringLiteral("store.duplicate-link"));
    QVERIFY2(same.error().message.contains(QStringLiteral("account %1").arg(victim)),
             qPrintable(same.error().message));
    // Its passing twins: the key is the whole triple.
    QVERIFY(link(QStringLiteral("https://other-idp.example/"), QStringLiteral("sub"), QString()));
    QVERIFY(link(kIssuer, QStringLiteral("sub"), persistent));
    QVERIFY(link(kIssuer, QStringLiteral("SUB"), QString())); // subjects compare exactly

    auto found = store.transact([&](StoreTx& tx) -> Result<QList<qint64>> {
        QList<qint64> ids;
        for (const auto& [issuer, subject, format] :
             {std::tuple{kIssuer, QStringLiteral("sub"), QString()},
              std::tuple{QStringLiteral("https://other-idp.example/"), QStringLiteral("sub"),
                         QString()},
              std::tuple{kIssuer, QStringLiteral("sub"), persistent},
              std::tuple{kIssuer, QStringLiteral("nobody"), QString()}}) {
            auto a = tx.accountByLink(issuer, subject, format);
            if (!a)
                return a.error();
            ids.append(a->has_value() ? a->value().id : 0);
        }
        return ids;
    });
    QCOMPARE(*found, (QList<qint64>{victim, other, other, 0}));
    QCOMPARE(store.linksOf(other)->size(), 4);
}

void TestAccountStore::updateNeedsAnExistingAccount()
{
    AccountStore store = openOrDie(storePath());
    const qint64 id = provisionOrDie(
        store, person(QStringLiteral("a"), QStringLiteral("a@x.example"), test::fixedNow()),
        QStringLiteral("s"));
    Account a = store.account(id)->value();
    a.profile.email = QStringLiteral("A.New@X.example");
    a.roles = {QStringLiteral("admin")};
    a.updated = test::fixedNow().addDays(1);
    a.lastLogin = a.updated;
    QVERIFY(store.transact([&](StoreTx& tx) { return tx.updateAccount(a); }));
    QCOMPARE(store.account(id)->value(), a);
    // The fold columns follow the new e-mail.
    auto found = store.transact(
        [](StoreTx& tx) { return tx.accountsByEmailFold(QStringLiteral("a.new@x.example")); });
    QCOMPARE(found->size(), 1);

    a.id = 42;
    const auto missing = store.transact([&](StoreTx& tx) { return tx.updateAccount(a); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().id, QStringLiteral("store.not-found"));

    Account timeless;
    const auto invalid = store.transact([&](StoreTx& tx) { return tx.insertAccount(timeless); });
    QVERIFY(!invalid);
    QCOMPARE(invalid.error().id, QStringLiteral("store.invalid"));
}

void TestAccountStore::foldCollisionsAreFound_data()
{
    QTest::addColumn<QString>("probe");
    QTest::addColumn<bool>("sameFold");
    QTest::addColumn<bool>("sameSkeleton");
    QTest::newRow("identical") << QStringLiteral("alice@x.example") << true << true;
    QTest::newRow("case") << QStringLiteral("ALICE@X.Example") << true << true;
    QTest::newRow("full-width letters")
        << QStringLiteral("\uFF41\uFF4C\uFF49\uFF43\uFF45@x.example") << true << true;
    QTest::newRow("Cyrillic a") << QStringLiteral("\u0430lice@x.example") << false << true;
    QTest::newRow("Greek capital epsilon, upper case")
        << QStringLiteral("ALICE@X.EXAMPLE").replace(QLatin1Char('E'), QChar(0x0395)) << false
        << true;
    QTest::newRow("someone else") << QStringLiteral("alicia@x.example") << false << false;
    QTest::newRow("digit one for l") << QStringLiteral("a1ice@x.example") << false << false;
}

void TestAccountStore::foldCollisionsAreFound()
{
    QFETCH(QString, probe);
    QFETCH(bool, sameFold);
    QFETCH(bool, sameSkeleton);
    AccountStore store = openOrDie(storePath());
    const qint64 alice = provisionOrDie(
        store, person(QStringLiteral("Alice"), QStringLiteral("Alice@X.example"), test::fixedNow()),
        QStringLiteral("s"));

    auto ids = [](const Result<QList<Account>>& r) {
        QList<qint64> out;
        for (const Account& a : r.value())
            out.append(a.id);
        return out;
    };
    const QList<qint64> hit{alice};
    const QList<qint64> miss;
    auto byEmail = store.transact([&](StoreTx& tx) { return tx.accountsByEmailFold(probe); });
    QCOMPARE(ids(byEmail), sameFold ? hit : miss);
    auto byLooks = store.transact([&](StoreTx& tx) { return tx.accountsByEmailSkeleton(probe); });
    QCOMPARE(ids(byLooks), sameSkeleton ? hit : miss);

    // The same for user names: the local part is the probe's.
    const QString user = probe.section(QLatin1Char('@'), 0, 0);
    auto byUser = store.transact([&](StoreTx& tx) { return tx.accountsByUserNameFold(user); });
    QCOMPARE(ids(byUser), sameFold ? hit : miss);
    auto byUserLooks =
        store.transact([&](StoreTx& tx) { return tx.accountsByUserNameSkeleton(user); });
    QCOMPARE(ids(byUserLooks), sameSkeleton ? hit : miss);
    QCOMPARE(hasMixedScripts(probe), sameSkeleton && !sameFold);
}

void TestAccountStore::hostileValuesAreStoredLiterally_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("markup") << QStringLiteral("<script>alert('x')</script>&amp;<![CDATA[x]]>");
    QTest::newRow("newlines") << QStringLiteral("line 1\nline 2\r\nline 3\r");
    QTest::newRow("spreadsheet formula") << QStringLiteral("=cmd|' /C calc'!A0");
    QTest::newRow("SQL") << QStringLiteral("x'); DROP TABLE accounts; --");
    QTest::newRow("JSON") << QStringLiteral(R"(","before":"admin"}]\u0000)");
    QTest::newRow("control characters") << QStringLiteral("\x01\x07\x1b[31mred\x7f\t");
    QTest::newRow("NUL inside") << QString::fromUtf16(u"a\u0000b", 3);
    QTest::newRow("NUL only") << QString(1, QChar(0));
    QTest::newRow("bidi override and emoji") << QStringLiteral("\u202Egnp.exe \U0001F600");
    QTest::newRow("one megabyte") << QString(1024 * 1024, QLatin1Char('x')) + QStringLiteral("!");
    QTest::newRow("empty") << QString();
}

void TestAccountStore::hostileValuesAreStoredLiterally()
{
    QFETCH(QString, value);
    AccountStore store = openOrDie(storePath());
    Account a = person(QStringLiteral("plain"), QString(), test::fixedNow());
    for (const ProfileField& f : kProfileFields)
        a.profile.*(f.member) = value;
    a.externalId = value;
    a.roles = {value, QStringLiteral("user")};
    const Link link{value, value, value, 0, test::fixedNow()};
    AuditEntry e;
    e.at = test::fixedNow();
    e.action = value.isEmpty() ? QStringLiteral("created") : value;
    e.diff = {{value, value, value}};
    e.reasons = {value, value};
    e.messageId = value;

    auto written = store.transact([&](StoreTx& tx) -> Result<qint64> {
        auto id = tx.insertAccount(a);
        if (!id)
            return id;
        Link l = link;
        l.accountId = *id;
        if (auto r = tx.addLink(l); !r)
            return r.error();
        AuditEntry entry = e;
        entry.accountId = *id;
        if (auto r = tx.appendAudit(entry); !r)
            return r.error();
        return id;
    });
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));

    Account expected = a;
    expected.id = *written;
    expected.roles = normalizedRoles(a.roles);
    const Account got = store.account(*written)->value();
    QCOMPARE(got.profile.email.size(), value.size());
    QCOMPARE(got, expected);
    auto byLink =
        store.transact([&](StoreTx& tx) { return tx.accountByLink(value, value, value); });
    QCOMPARE(byLink->value().id, *written);
    AuditEntry expectedEntry = e;
    expectedEntry.seq = 1;
    expectedEntry.accountId = *written;
    QCOMPARE(store.audit()->first(), expectedEntry);
    QCOMPARE(*store.counts(), (StoreCounts{1, 1, 1, 0, 0, 0}));
    // The JSON columns stay valid JSON for any other reader of the file.
    RawDb raw(storePath());
    QCOMPARE(raw.value(QStringLiteral("SELECT json_valid(roles) FROM accounts")).toInt(), 1);
    QCOMPARE(raw.value(QStringLiteral("SELECT json_valid(diff) AND json_valid(reasons) FROM audit"))
                 .toInt(),
             1);
}

void TestAccountStore::loneSurrogateIsRefusedNotAltered()
{
    // UTF-8 (SQLite's storage) has no form for it; storing would alter it.
    AccountStore store = openOrDie(storePath());
    Account a = person(QStringLiteral("a"), QString(), test::fixedNow());
    a.profile.displayName = QStringLiteral("x") + QChar(0xD800) + QStringLiteral("y");
    auto r = store.transact([&](StoreTx& tx) { return provision(tx, a, QStringLiteral("s")); });
    QVERIFY(!r);
    QCOMPARE(r.error().id, QStringLiteral("store.invalid"));
    QCOMPARE(*store.counts(), StoreCounts{});
    // Its passing twin: a proper surrogate pair (an emoji) is fine.
    a.profile.displayName = QStringLiteral("x\U0001F600y");
    QVERIFY(store.transact([&](StoreTx& tx) { return provision(tx, a, QStringLiteral("s")); }));
}

void TestAccountStore::replayCacheRemembersUntilExpiry()
{
    AccountStore store = openOrDie(storePath());
    const QDateTime t = test::fixedNow();
    const QString id = QStringLiteral("_assertion-1");
    auto seen = [&](const QString& issuer, const QString& assertion, const QDateTime& now) {
        auto r =
            store.transact([&](StoreTx& tx) { return tx.seenAssertion(issuer, assertion, now); });
        if (!r)
            qFatal("seen: %s", qPrintable(r.error().message));
        return *r;
    };
    auto remember = [&](const QString& assertion, const QDateTime& until) {
        QVERIFY(store.transact(
            [&](StoreTx& tx) { return tx.rememberAssertion(kIssuer, assertion, until); }));
    };

    QVERIFY(!seen(kIssuer, id, t));
    remember(id, t.addSecs(300));
    QVERIFY(seen(kIssuer, id, t));
    QVERIFY(seen(kIssuer, id, t.addSecs(299)));
    QVERIFY(!seen(QStringLiteral("https://other.example/"), id, t)); // per issuer
    QVERIFY(!seen(kIssuer, QStringLiteral("_assertion-2"), t));
    // Remembering again never shortens the horizon.
    remember(id, t.addSecs(60));
    QVERIFY(seen(kIssuer, id, t.addSecs(120)));
    remember(QStringLiteral("_assertion-3"), t.addSecs(600));
    QCOMPARE(store.counts()->replay, 2);

    // At its expiry the entry is gone, and purged from the file.
    QVERIFY(!seen(kIssuer, id, t.addSecs(300)));
    QCOMPARE(store.counts()->replay, 1);
    QVERIFY(seen(kIssuer, QStringLiteral("_assertion-3"), t.addSecs(300)));
    // Across store objects on the file: another process sees it too.
    AccountStore second = openOrDie(storePath());
    auto elsewhere = second.transact([&](StoreTx& tx) {
        return tx.seenAssertion(kIssuer, QStringLiteral("_assertion-3"), t.addSecs(301));
    });
    QVERIFY(*elsewhere);
}

void TestAccountStore::twoStoresInTwoThreadsWriteConcurrently()
{
    constexpr int kLogins = 150;
    const QString path = storePath();
    auto writer = [path](const QString& prefix, QStringList* errors) {
        // Opening in the thread, at the same moment, also races the migration.
        auto store = AccountStore::open(path);
        if (!store) {
            errors->append(store.error().message);
            return;
        }
        for (int i = 0; i < kLogins; ++i) {
            const QString name = prefix + QString::number(i);
            const Account a = person(name, name + QStringLiteral("@x.example"), test::fixedNow());
            auto r = store->transact([&](StoreTx& tx) { return provision(tx, a, name); });
            if (!r)
                errors->append(r.error().message);
        }
    };
    QStringList errorsA, errorsB;
    std::unique_ptr<QThread> a(QThread::create(writer, QStringLiteral("a-"), &errorsA));
    std::unique_ptr<QThread> b(QThread::create(writer, QStringLiteral("b-"), &errorsB));
    a->start();
    b->start();
    QVERIFY(a->wait(60000));
    QVERIFY(b->wait(60000));
    QVERIFY2(errorsA.isEmpty(), qPrintable(errorsA.join(QLatin1Char('\n'))));
    QVERIFY2(errorsB.isEmpty(), qPrintable(errorsB.join(QLatin1Char('\n'))));

    AccountStore store = openOrDie(path);
    QCOMPARE(*store.counts(), (StoreCounts{2 * kLogins, 2 * kLogins, 2 * kLogins, 0, 0, 0}));
}

QTEST_GUILESS_MAIN(TestAccountStore)
#include "test_account_store.moc"
