// The account store's SCIM side: groups round trip with their members
// (sorted, unique), are updated and deleted whole, and refuse what they cannot
// hold (a member that is no account, a group without a name, a group that is
// not there) without writing anything; SCIM attributes kept beside an account
// round trip and an empty object removes them; a v2 file (as the previous
// jitharness left it) migrates to v3 with its rows.
#include "jit/account_store.h"
#include "jit/store_schema.h"
#include "support/fixtures.h"
#include "support/jit_printers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using namespace jh::jit;

namespace {

const QString kIssuer = QStringLiteral("https://idp.example/");

AccountStore openOrDie(const QString& path, const StoreOptions& options = {})
{
    auto store = AccountStore::open(path, options);
    if (!store)
        qFatal("open %s: %s", qPrintable(path), qPrintable(store.error().message));
    return std::move(store).value();
}

template <typename T> T orDie(Result<T> r, const char* what)
{
    if (!r)
        qFatal("%s: %s", what, qPrintable(r.error().message));
    return std::move(r).value();
}

void orDie(Result<void> r, const char* what)
{
    if (!r)
        qFatal("%s: %s", what, qPrintable(r.error().message));
}

// All six counts, so that a difference in groups or memberships shows.
QString countsText(const StoreCounts& c)
{
    return QStringLiteral("accounts=%1 links=%2 audit=%3 replay=%4 groups=%5 memberships=%6")
        .arg(c.accounts)
        .arg(c.links)
        .arg(c.audit)
        .arg(c.replay)
        .arg(c.groups)
        .arg(c.memberships);
}

QString groupText(const std::optional<SpGroup>& g)
{
    if (!g)
        return QStringLiteral("(none)");
    QStringList members;
    for (const qint64 id : g->members)
        members.append(QString::number(id));
    return QStringLiteral("%1 \"%2\" ext=%3 attrs=%4 members=[%5] %6 %7")
        .arg(g->id)
        .arg(g->displayName, g->externalId,
             QString::fromUtf8(QJsonDocument(g->attributes).toJson(QJsonDocument::Compact)),
             members.join(u','), g->created.toString(Qt::ISODateWithMs),
             g->updated.toString(Qt::ISODateWithMs));
}

Account person(const QString& userName, const QDateTime& at)
{
    Account a;
    a.provisionedBy = Provisioning::Scim;
    a.profile.userName = userName;
    a.profile.email = userName + QStringLiteral("@x.example");
    a.created = at;
    a.updated = at;
    return a;
}

qint64 insertOrDie(AccountStore& store, const Account& a)
{
    return orDie(store.transact([&](StoreTx& tx) { return tx.insertAccount(a); }),
                 "insert account");
}

SpGroup group(const QString& name, QList<qint64> members, const QDateTime& at)
{
    SpGroup g;
    g.displayName = name;
    g.externalId = QStringLiteral("ext-") + name;
    g.attributes = QJsonObject{{QStringLiteral("note"), QStringLiteral("kept as sent")},
                               {QStringLiteral("tags"), QJsonArray{1, 2}}};
    g.members = std::move(members);
    g.created = at;
    g.updated = at;
    return g;
}

qint64 insertGroupOrDie(AccountStore& store, const SpGroup& g)
{
    return orDie(store.transact([&](StoreTx& tx) { return tx.insertGroup(g); }), "insert group");
}

// What a store holds, to show that a refused write left it as it was.
struct Snapshot
{
    StoreCounts counts;
    QList<SpGroup> groups;
    QHash<qint64, QJsonObject> kept;
    QList<AuditEntry> audit;
};

Snapshot snapshot(AccountStore& store)
{
    return {orDie(store.counts(), "counts"), orDie(store.groups(), "groups"),
            orDie(store.allScimAttributes(), "SCIM attributes"), orDie(store.audit(), "audit")};
}

void checkUntouched(AccountStore& store, const Snapshot& before)
{
    const Snapshot after = snapshot(store);
    QCOMPARE(countsText(after.counts), countsText(before.counts));
    QCOMPARE(after.groups.size(), before.groups.size());
    for (qsizetype i = 0; i < before.groups.size(); ++i)
        QCOMPARE(groupText(after.groups[i]), groupText(before.groups[i]));
    QVERIFY(after.kept == before.kept);
    QCOMPARE(after.audit, before.audit);
}

// A second connection to the file, as another tool would have.
class RawDb
{
public:
    explicit RawDb(const QString& path)
        : m_name(QStringLiteral("raw-groups.%1").arg(++s_count)),
          m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name))
    {
        m_db.setDatabaseName(path);
        if (!m_db.open())
            qFatal("raw open %s: %s", qPrintable(path), qPrintable(m_db.lastError().text()));
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
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

} // namespace

class TestStoreGroups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void groupRoundTripsWithMembersSortedAndUnique();
    void groupWithoutMembersRoundTrips();
    void updateReplacesFieldsAndMembers();
    void deleteRemovesTheGroupAndItsMembershipsOnly();
    void missingGroupIsNotFound_data();
    void missingGroupIsNotFound();
    void unknownMemberIsAConstraintAndWritesNothing_data();
    void unknownMemberIsAConstraintAndWritesNothing();
    void groupWithoutNameOrTimesIsInvalid_data();
    void groupWithoutNameOrTimesIsInvalid();
    void groupIdsOfAndRemoveFromAllGroups();
    void scimAttributesRoundTripAndEmptyRemovesThem();
    void scimAttributesOfNoAccountAreAConstraint();
    void version2FileIsMigratedToVersion3WithItsRows();

private:
    QString storePath() const { return m_dir->filePath(QStringLiteral("store.db")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStoreGroups::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStoreGroups::groupRoundTripsWithMembersSortedAndUnique()
{
    AccountStore store = openOrDie(storePath());
    const QDateTime at = test::fixedNow();
    const qint64 a = insertOrDie(store, person(QStringLiteral("a"), at));
    const qint64 b = insertOrDie(store, person(QStringLiteral("b"), at));
    const qint64 c = insertOrDie(store, person(QStringLiteral("c"), at));

    const SpGroup written = group(QStringLiteral("Admins"), {c, a, c, b}, at);
    const qint64 id = insertGroupOrDie(store, written);
    QCOMPARE(id, 1);

    SpGroup expected = written;
    expected.id = id;
    expected.members = {a, b, c};
    auto read = store.group(id);
    QVERIFY(read.ok());
    QCOMPARE(groupText(*read), groupText(expected));
    QVERIFY(**read == expected);
    auto inTx = store.transact([&](StoreTx& tx) { return tx.groupById(id); });
    QVERIFY(inTx.ok());
    QVERIFY(*inTx == std::optional<SpGroup>(expected));
    QCOMPARE(store.groups()->size(), 1);
    QVERIFY(store.groups()->first() == expected);

    const StoreCounts counts = *store.counts();
    QCOMPARE(counts.groups, 1);
    QCOMPARE(counts.memberships, 3);
    QCOMPARE(counts.accounts, 3);

    // The same rows seen by a reopened store.
    AccountStore reopened = openOrDie(storePath());
    QVERIFY(*reopened.group(id) == std::optional<SpGroup>(expected));
}

void TestStoreGroups::groupWithoutMembersRoundTrips()
{
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    SpGroup g = group(QStringLiteral("Empty"), {}, test::fixedNow());
    g.externalId.clear();
    g.attributes = {};
    const qint64 id = insertGroupOrDie(store, g);
    g.id = id;
    QCOMPARE(groupText(*store.group(id)), groupText(g));
    QCOMPARE(store.counts()->memberships, 0);
    QVERIFY(!store.group(id + 1)->has_value());
}

void TestStoreGroups::updateReplacesFieldsAndMembers()
{
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const QDateTime at = test::fixedNow();
    const qint64 a = insertOrDie(store, person(QStringLiteral("a"), at));
    const qint64 b = insertOrDie(store, person(QStringLiteral("b"), at));
    const qint64 c = insertOrDie(store, person(QStringLiteral("c"), at));
    const qint64 id = insertGroupOrDie(store, group(QStringLiteral("Admins"), {a, b}, at));
    const qint64 other = insertGroupOrDie(store, group(QStringLiteral("Other"), {a}, at));

    SpGroup changed = store.group(id)->value();
    changed.displayName = QStringLiteral("Operators");
    changed.externalId.clear();
    changed.attributes = QJsonObject{{QStringLiteral("note"), QStringLiteral("renamed")}};
    changed.members = {c, b, c};
    changed.updated = at.addSecs(3600);
    orDie(store.transact([&](StoreTx& tx) { return tx.updateGroup(changed); }), "update");

    changed.members = {b, c};
    QCOMPARE(groupText(*store.group(id)), groupText(changed));
    QCOMPARE(store.counts()->memberships, 3); // b, c here; a in Other
    QCOMPARE(store.group(other)->value().members, QList<qint64>{a});

    // Members emptied.
    changed.members = {};
    orDie(store.transact([&](StoreTx& tx) { return tx.updateGroup(changed); }), "update");
    QCOMPARE(groupText(*store.group(id)), groupText(changed));
    QCOMPARE(store.counts()->memberships, 1);
}

void TestStoreGroups::deleteRemovesTheGroupAndItsMembershipsOnly()
{
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const QDateTime at = test::fixedNow();
    const qint64 a = insertOrDie(store, person(QStringLiteral("a"), at));
    const qint64 b = insertOrDie(store, person(QStringLiteral("b"), at));
    const qint64 id = insertGroupOrDie(store, group(QStringLiteral("Admins"), {a, b}, at));
    const qint64 other = insertGroupOrDie(store, group(QStringLiteral("Other"), {b}, at));

    orDie(store.transact([&](StoreTx& tx) { return tx.deleteGroup(id); }), "delete");
    QVERIFY(!store.group(id)->has_value());
    const StoreCounts counts = *store.counts();
    QCOMPARE(counts.groups, 1);
    QCOMPARE(counts.memberships, 1);
    QCOMPARE(counts.accounts, 2); // the members stay
    QCOMPARE(store.group(other)->value().members, QList<qint64>{b});

    // A group id is not reused after a delete.
    const qint64 next = insertGroupOrDie(store, group(QStringLiteral("Admins"), {}, at));
    QVERIFY(next > other);
}

void TestStoreGroups::missingGroupIsNotFound_data()
{
    QTest::addColumn<bool>("update"); // false: delete
    QTest::addColumn<qint64>("id");
    QTest::newRow("update of a group never made") << true << qint64(42);
    QTest::newRow("delete of a group never made") << false << qint64(42);
    QTest::newRow("update of a deleted group") << true << qint64(1);
    QTest::newRow("delete of a deleted group") << false << qint64(1);
}

void TestStoreGroups::missingGroupIsNotFound()
{
    QFETCH(bool, update);
    QFETCH(qint64, id);
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const QDateTime at = test::fixedNow();
    const qint64 a = insertOrDie(store, person(QStringLiteral("a"), at));
    const qint64 made = insertGroupOrDie(store, group(QStringLiteral("Gone"), {a}, at));
    orDie(store.transact([&](StoreTx& tx) { return tx.deleteGroup(made); }), "delete");
    insertGroupOrDie(store, group(QStringLiteral("Kept"), {a}, at));
    const Snapshot before = snapshot(store);

    SpGroup g = group(QStringLiteral("Ghost"), {a}, at);
    g.id = id;
    auto r = store.transact([&](StoreTx& tx) -> Result<void> {
        return update ? tx.updateGroup(g) : tx.deleteGroup(id);
    });
    QVERIFY(!r);
    QCOMPARE(r.error().id, QStringLiteral("store.not-found"));
    QVERIFY2(r.error().message.contains(QString::number(id)), qPrintable(r.error().message));
    checkUntouched(store, before);
}

void TestStoreGroups::unknownMemberIsAConstraintAndWritesNothing_data()
{
    QTest::addColumn<bool>("update"); // false: insert

    QTest::newRow("insert with a member that is no account") << false;
    QTest::newRow("update with a member that is no account") << true;
}

void TestStoreGroups::unknownMemberIsAConstraintAndWritesNothing()
{
    QFETCH(bool, update);
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const QDateTime at = test::fixedNow();
    const qint64 a = insertOrDie(store, person(QStringLiteral("a"), at));
    const qint64 existing = insertGroupOrDie(store, group(QStringLiteral("Admins"), {a}, at));
    const Snapshot before = snapshot(store);

    SpGroup g = group(update ? QStringLiteral("Admins") : QStringLiteral("New"), {a, 999}, at);
    g.id = existing;
    auto r = store.transact([&](StoreTx& tx) -> Result<void> {
        if (update)
            return tx.updateGroup(g);
        auto id = tx.insertGroup(g);
        if (!id)
            return id.error();
        return {};
    });
    QVERIFY(!r);
    QCOMPARE(r.error().id, QStringLiteral("store.constraint"));
    checkUntouched(store, before);

    // The passing twin: the same write with known members only.
    g.members = {a};
    g.displayName = QStringLiteral("Renamed");
    auto ok = store.transact([&](StoreTx& tx) -> Result<void> {
        if (update)
            return tx.updateGroup(g);
        auto id = tx.insertGroup(g);
        if (!id)
            return id.error();
        return {};
    });
    QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
}

void TestStoreGroups::groupWithoutNameOrTimesIsInvalid_data()
{
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<bool>("created");
    QTest::addColumn<bool>("updated");
    QTest::newRow("no display name") << QString() << true << true;
    QTest::newRow("no created time") << QStringLiteral("G") << false << true;
    QTest::newRow("no updated time") << QStringLiteral("G") << true << false;
}

void TestStoreGroups::groupWithoutNameOrTimesIsInvalid()
{
    QFETCH(QString, displayName);
    QFETCH(bool, created);
    QFETCH(bool, updated);
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const qint64 existing =
        insertGroupOrDie(store, group(QStringLiteral("Existing"), {}, test::fixedNow()));
    const Snapshot before = snapshot(store);

    SpGroup g = group(displayName, {}, test::fixedNow());
    if (!created)
        g.created = QDateTime();
    if (!updated)
        g.updated = QDateTime();
    auto inserted = store.transact([&](StoreTx& tx) { return tx.insertGroup(g); });
    QVERIFY(!inserted);
    QCOMPARE(inserted.error().id, QStringLiteral("store.invalid"));
    g.id = existing;
    auto replaced = store.transact([&](StoreTx& tx) { return tx.updateGroup(g); });
    QVERIFY(!replaced);
    QCOMPARE(replaced.error().id, QStringLiteral("store.invalid"));
    checkUntouched(store, before);
}

void TestStoreGroups::groupIdsOfAndRemoveFromAllGroups()
{
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const QDateTime at = test::fixedNow();
    const qint64 a = insertOrDie(store, person(QStringLiteral("a"), at));
    const qint64 b = insertOrDie(store, person(QStringLiteral("b"), at));
    const qint64 g1 = insertGroupOrDie(store, group(QStringLiteral("One"), {a, b}, at));
    const qint64 g2 = insertGroupOrDie(store, group(QStringLiteral("Two"), {b}, at));
    const qint64 g3 = insertGroupOrDie(store, group(QStringLiteral("Three"), {a, b}, at));

    auto ids = store.transact([&](StoreTx& tx) { return tx.groupIdsOf(b); });
    QVERIFY(ids.ok());
    QCOMPARE(*ids, (QList<qint64>{g1, g2, g3}));

    auto left = store.transact([&](StoreTx& tx) { return tx.removeFromAllGroups(b); });
    QVERIFY(left.ok());
    QCOMPARE(*left, (QList<qint64>{g1, g2, g3}));
    QCOMPARE(store.group(g1)->value().members, QList<qint64>{a});
    QVERIFY(store.group(g2)->value().members.isEmpty());
    QCOMPARE(store.group(g3)->value().members, QList<qint64>{a});
    QCOMPARE(store.counts()->memberships, 2);
    QCOMPARE(store.counts()->groups, 3); // groups stay, even empty

    // Again: in no group now, nothing to remove.
    auto again = store.transact([&](StoreTx& tx) { return tx.removeFromAllGroups(b); });
    QVERIFY(again.ok());
    QVERIFY(again->isEmpty());
    QVERIFY(store.transact([&](StoreTx& tx) { return tx.groupIdsOf(b); })->isEmpty());
}

void TestStoreGroups::scimAttributesRoundTripAndEmptyRemovesThem()
{
    AccountStore store = openOrDie(storePath());
    const QDateTime at = test::fixedNow();
    const qint64 a = insertOrDie(store, person(QStringLiteral("a"), at));
    const qint64 b = insertOrDie(store, person(QStringLiteral("b"), at));

    QCOMPARE(*store.scimAttributes(a), QJsonObject());
    QVERIFY(store.allScimAttributes()->isEmpty());

    const QJsonObject kept{
        {QStringLiteral("phoneNumbers"),
         QJsonArray{QJsonObject{{QStringLiteral("value"), QStringLiteral("555-0100")},
                                {QStringLiteral("type"), QStringLiteral("work")}}}},
        {QStringLiteral("nickName"), QStringLiteral("<b>Al</b>\n=1+1")},
        {QStringLiteral("loginCount"), 3},
    };
    orDie(store.transact([&](StoreTx& tx) { return tx.setScimAttributes(a, kept); }), "set");
    QCOMPARE(*store.scimAttributes(a), kept);
    QCOMPARE(*store.transact([&](StoreTx& tx) { return tx.scimAttributes(a); }), kept);
    QCOMPARE(*store.scimAttributes(b), QJsonObject());
    auto all = store.allScimAttributes();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 1); // b has none, and is left out
    QCOMPARE(all->value(a), kept);

    // Replaced whole, not merged.
    const QJsonObject next{{QStringLiteral("nickName"), QStringLiteral("Al")}};
    orDie(store.transact([&](StoreTx& tx) { return tx.setScimAttributes(a, next); }), "set");
    QCOMPARE(*openOrDie(storePath()).scimAttributes(a), next);

    // An empty object removes the row.
    orDie(store.transact([&](StoreTx& tx) { return tx.setScimAttributes(a, {}); }), "clear");
    QCOMPARE(*store.scimAttributes(a), QJsonObject());
    QVERIFY(store.allScimAttributes()->isEmpty());
    RawDb raw(storePath());
    QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM scim_attributes")).toInt(), 0);
}

void TestStoreGroups::scimAttributesOfNoAccountAreAConstraint()
{
    AccountStore store = openOrDie(QStringLiteral(":memory:"));
    const Snapshot before = snapshot(store);
    auto r = store.transact([&](StoreTx& tx) {
        return tx.setScimAttributes(
            77, QJsonObject{{QStringLiteral("nickName"), QStringLiteral("nobody")}});
    });
    QVERIFY(!r);
    QCOMPARE(r.error().id, QStringLiteral("store.constraint"));
    checkUntouched(store, before);
}

void TestStoreGroups::version2FileIsMigratedToVersion3WithItsRows()
{
    const QDateTime at = test::fixedNow();
    Account alice = person(QStringLiteral("alice"), at);
    alice.provisionedBy = Provisioning::Jit;
    alice.roles = {QStringLiteral("user")};
    qint64 id = 0;
    {
        StoreOptions v2;
        v2.schemaVersion = 2;
        AccountStore old = openOrDie(storePath(), v2);
        QCOMPARE(old.schemaVersion(), 2);
        id = orDie(old.transact([&](StoreTx& tx) -> Result<qint64> {
            auto made = tx.insertAccount(alice);
            if (!made)
                return made;
            if (auto r = tx.addLink({kIssuer, QStringLiteral("s-1"), QString(), *made, at}); !r)
                return r.error();
            AuditEntry e;
            e.at = at;
            e.action = QStringLiteral("created");
            e.accountId = *made;
            e.messageId = QStringLiteral("_msg-1");
            if (auto seq = tx.appendAudit(e); !seq)
                return seq.error();
            if (auto r = tx.rememberAssertion(kIssuer, QStringLiteral("_a1"), at.addSecs(300)); !r)
                return r.error();
            return made;
        }),
                   "provision on v2");
    }
    {
        RawDb raw(storePath());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 2);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN "
                                          "('scim_attributes', 'sp_groups', "
                                          "'sp_group_members')"))
                     .toInt(),
                 0);
    }

    AccountStore store = openOrDie(storePath());
    QCOMPARE(store.schemaVersion(), 3);
    QCOMPARE(kStoreSchemaVersion, 3);
    QCOMPARE(countsText(*store.counts()), countsText(StoreCounts{1, 1, 1, 1, 0, 0}));
    Account expected = alice;
    expected.id = id;
    QCOMPARE(store.account(id)->value(), expected);
    QCOMPARE(store.audit()->first().messageId, QStringLiteral("_msg-1"));
    QVERIFY(*store.assertionUsed(kIssuer, QStringLiteral("_a1"), at));
    {
        RawDb raw(storePath());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 3);
    }

    // The new tables work on the migrated file.
    const qint64 g = insertGroupOrDie(store, group(QStringLiteral("Admins"), {id}, at));
    orDie(store.transact([&](StoreTx& tx) {
        return tx.setScimAttributes(
            id, QJsonObject{{QStringLiteral("nickName"), QStringLiteral("Al")}});
    }),
          "set SCIM attributes");
    QCOMPARE(store.group(g)->value().members, QList<qint64>{id});
    QCOMPARE(countsText(*store.counts()), countsText(StoreCounts{1, 1, 1, 1, 1, 1}));
}

QTEST_GUILESS_MAIN(TestStoreGroups)
#include "test_store_groups.moc"
