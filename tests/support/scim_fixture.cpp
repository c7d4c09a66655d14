#include "support/scim_fixture.h"

#include "support/fixtures.h"
#include "support/jit_printers.h"

#include <QJsonArray>
#include <QTest>

namespace jh::test {

namespace {

// The four Users of seedFour(), in order.
const char* const kFour[] = {
    "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'alice@example.com',"
    " 'externalId': 'ext-alice', 'name': {'givenName': 'Alice', 'familyName': 'Liddell'},"
    " 'displayName': 'Alice Liddell', 'title': 'Engineer',"
    " 'emails': [{'value': 'alice@example.com', 'type': 'work', 'primary': true},"
    "            {'value': 'alice@home.example', 'type': 'home'}],"
    " '" ENT_URN "': {'department': 'Engineering', 'employeeNumber': '1001',"
    "                 'costCenter': 'CC-1'}}",
    "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'bob@example.com',"
    " 'name': {'givenName': 'Bob', 'familyName': 'Baker'}, 'title': 'Manager',"
    " 'emails': [{'value': 'bob@example.com', 'type': 'work'}],"
    " '" ENT_URN "': {'department': 'Sales', 'employeeNumber': '1002'}}",
    "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'carol@sub.example.org',"
    " 'name': {'givenName': 'Carol', 'familyName': 'Clark'}, 'title': 'Engineer',"
    " 'nickName': 'Caz', 'active': false,"
    " 'emails': [{'value': 'carol@home.example', 'type': 'home'}],"
    " '" ENT_URN "': {'department': 'Engineering'}}",
    "{'schemas': ['" USER_URN "'], 'userName': 'dave@example.com',"
    " 'name': {'givenName': 'Dave', 'familyName': 'Doe'},"
    " 'emails': [{'value': 'dave@example.com', 'type': 'work'}]}",
};

QString countsText(const jit::StoreCounts& c)
{
    return QStringLiteral("accounts=%1 links=%2 audit=%3 replay=%4 groups=%5 memberships=%6")
        .arg(c.accounts)
        .arg(c.links)
        .arg(c.audit)
        .arg(c.replay)
        .arg(c.groups)
        .arg(c.memberships);
}

template <typename T> T orDie(Result<T> r, const char* what)
{
    if (!r)
        qFatal("%s: %s", what, qPrintable(r.error().message));
    return std::move(r).value();
}

jit::AccountStore openStore()
{
    return orDie(jit::AccountStore::open(QStringLiteral(":memory:")), "open the store");
}

} // namespace

scim::ScimRequest request(const char* method, const QString& path, const QByteArray& body,
                          const Query& query)
{
    scim::ScimRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.query = query;
    return r;
}

QByteArray said(const scim::ScimResponse& r)
{
    return "HTTP " + QByteArray::number(r.status) + " " + r.body;
}

ScimSp::ScimSp(scim::ScimServiceOptions options)
    : clock(fixedNow()), store(openStore()), service(store, clock, std::move(options))
{}

scim::ScimResponse ScimSp::get(const QString& path, const Query& query)
{
    return send(request("GET", path, {}, query));
}

scim::ScimResponse ScimSp::post(const QString& path, const QByteArray& body)
{
    return send(request("POST", path, body));
}

scim::ScimResponse ScimSp::put(const QString& path, const QByteArray& body)
{
    return send(request("PUT", path, body));
}

scim::ScimResponse ScimSp::patch(const QString& path, const QByteArray& body)
{
    return send(request("PATCH", path, body));
}

scim::ScimResponse ScimSp::del(const QString& path)
{
    return send(request("DELETE", path));
}

qint64 ScimSp::createOk(const QString& path, const QByteArray& body)
{
    const scim::ScimResponse r = post(path, body);
    if (r.status != 201)
        qFatal("POST %s: %s", qPrintable(path), said(r).constData());
    return r.json().value(QStringLiteral("id")).toString().toLongLong();
}

jit::Account ScimSp::account(qint64 id)
{
    auto a = orDie(store.account(id), "read an account");
    if (!a)
        qFatal("no account %lld", id);
    return *a;
}

jit::SpGroup ScimSp::group(qint64 id)
{
    auto g = orDie(store.group(id), "read a group");
    if (!g)
        qFatal("no group %lld", id);
    return *g;
}

qint64 ScimSp::jitAccount(const QString& userName)
{
    jit::Account a;
    a.provisionedBy = jit::Provisioning::Jit;
    a.profile.userName = userName;
    a.profile.email = userName;
    a.profile.givenName = QStringLiteral("Jit");
    a.profile.familyName = QStringLiteral("User");
    a.roles = {QStringLiteral("user")};
    a.created = a.updated = clock.now();
    return orDie(store.transact([&](jit::StoreTx& tx) -> Result<qint64> {
        auto id = tx.insertAccount(a);
        if (!id)
            return id;
        if (auto r = tx.addLink({QStringLiteral("https://idp.example/"),
                                 QStringLiteral("subject-") + userName, QString(), *id, a.created});
            !r)
            return r.error();
        jit::AuditEntry e;
        e.at = a.created;
        e.action = QStringLiteral("created");
        e.accountId = *id;
        e.diff = jit::diffAccounts(jit::Account(), a);
        if (auto seq = tx.appendAudit(e); !seq)
            return seq.error();
        return id;
    }),
                 "insert a JIT account");
}

void ScimSp::seedFour()
{
    for (const char* body : kFour) {
        create(j(body));
        clock.advance(3600);
    }
}

QString userPath(qint64 id)
{
    return QStringLiteral("/Users/") + QString::number(id);
}

Snapshot snapshot(jit::AccountStore& store)
{
    return {orDie(store.counts(), "counts"), orDie(store.accounts(), "accounts"),
            orDie(store.allScimAttributes(), "SCIM attributes"), orDie(store.groups(), "groups"),
            orDie(store.audit(), "audit")};
}

void checkUntouched(jit::AccountStore& store, const Snapshot& before)
{
    const Snapshot after = snapshot(store);
    QCOMPARE(countsText(after.counts), countsText(before.counts));
    QCOMPARE(after.accounts, before.accounts);
    QVERIFY2(after.kept == before.kept, "the SCIM attributes kept beside accounts changed");
    QVERIFY2(after.groups == before.groups, "the groups changed");
    QCOMPARE(after.audit, before.audit);
}

QStringList namesOf(const QJsonObject& list)
{
    QStringList out;
    for (const QJsonValue& r : list.value(QStringLiteral("Resources")).toArray())
        out.append(r.toObject().value(QStringLiteral("userName")).toString().section(u'@', 0, 0));
    return out;
}

} // namespace jh::test
