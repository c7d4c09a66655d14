// SCIM Users in process (RFC 7643, RFC 7644 §3.3, §3.4.1, §3.6): POST
// answers 201 with Location and ETag and writes the account in one
// transaction with an audit entry by actor "scim"; GET answers the stored
// User (a JIT-made account too) and 304 to a matching If-None-Match; DELETE
// marks the account deleted and frees its userName. Every refused request
// (malformed JSON, a wrong schema URN, an unknown attribute, a taken
// userName, an unknown id, ...) answers with the right status and scimType
// and leaves the store exactly as it was: counts, accounts, kept attributes,
// groups and the audit log.
//
// Discovery and routing: test_scim_discovery.cpp; PUT and PATCH:
// test_scim_user_update.cpp; lists: test_scim_user_list.cpp; Groups and roles
// from membership: test_scim_groups.cpp; PATCH, resource checks and
// projection as units: test_scim_patch.cpp. The fixture:
// support/scim_fixture.h.
#include "jit/account_store.h"
#include "scim/scim_service.h"
#include "support/fixtures.h"
#include "support/jit_printers.h"
#include "support/scim_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace jh;
using namespace jh::scim;
using namespace jh::test;

using Sp = ScimSp;

class TestScimUsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // POST /Users
    void createUserAnswers201WithLocationAndEtag();
    void createUserChecksTheBody_data();
    void createUserChecksTheBody();
    void duplicateUserNameIsAConflict_data();
    void duplicateUserNameIsAConflict();
    void stringBooleansCanBeRefused();

    // GET /Users/{id}
    void getUserAnswersTheStoredUser();
    void jitMadeAccountIsAUser();
    void unknownUserIsNotFound_data();
    void unknownUserIsNotFound();
    void ifNoneMatchAnswers304_data();
    void ifNoneMatchAnswers304();

    // DELETE /Users/{id}
    void deleteUserMarksTheAccountDeleted();
    void deleteRefusals_data();
    void deleteRefusals();
};

// ---- POST /Users

void TestScimUsers::createUserAnswers201WithLocationAndEtag()
{
    Sp sp;
    const ScimResponse r = sp.post(QStringLiteral("/Users"), j(kBjensen));
    CHECK_STATUS(r, 201);
    QCOMPARE(r.contentType, QByteArray(kScimContentType));
    const QJsonObject o = r.json();
    const QString id = o.value(QStringLiteral("id")).toString();
    QCOMPARE(id, s("1"));
    const QJsonObject meta = o.value(QStringLiteral("meta")).toObject();
    QCOMPARE(QString::fromUtf8(r.location), kBase + QStringLiteral("/Users/1"));
    QCOMPARE(meta.value(QStringLiteral("location")).toString(), kBase + QStringLiteral("/Users/1"));
    QVERIFY(!r.etag.isEmpty());
    QVERIFY2(r.etag.startsWith("W/\""), r.etag.constData());
    QCOMPARE(QString::fromLatin1(r.etag), meta.value(QStringLiteral("version")).toString());
    QCOMPARE(meta.value(QStringLiteral("resourceType")).toString(), s("User"));
    QCOMPARE(meta.value(QStringLiteral("created")).toString(), s("2026-03-02T09:30:00Z"));
    QCOMPARE(meta.value(QStringLiteral("lastModified")).toString(), s("2026-03-02T09:30:00Z"));

    // The body: as sent, less the write-only password, with id and meta.
    QCOMPARE(o.value(QStringLiteral("userName")).toString(), s("bjensen@example.com"));
    QCOMPARE(o.value(QStringLiteral("active")), QJsonValue(true));
    QVERIFY(!o.contains(QStringLiteral("password")));
    QCOMPARE(jsonText(o.value(QStringLiteral("name"))),
             jsonText(parsed("{'familyName': 'Jensen', 'formatted': 'Ms. Barbara Jensen',"
                             " 'givenName': 'Barbara'}")));
    QCOMPARE(jsonText(o.value(QStringLiteral("emails"))),
             jsonText(parsed("[{'primary': true, 'type': 'work', 'value': 'bjensen@example.com'},"
                             " {'type': 'home', 'value': 'babs@jensen.org'}]")));
    QCOMPARE(jsonText(o.value(QStringLiteral("phoneNumbers"))),
             jsonText(parsed("[{'type': 'work', 'value': '555-555-8377'}]")));
    QCOMPARE(jsonText(o.value(QStringLiteral(ENT_URN))),
             jsonText(parsed("{'costCenter': '4130', 'department': 'Tour Operations',"
                             " 'employeeNumber': '701984'}")));
    QCOMPARE(jsonText(o.value(QStringLiteral("schemas"))),
             jsonText(parsed("['" USER_URN "', '" ENT_URN "']")));

    // The account: provisioned by SCIM, its own fields from the User.
    const jit::Account a = sp.account(1);
    QCOMPARE(a.provisionedBy, jit::Provisioning::Scim);
    QCOMPARE(a.status, jit::AccountStatus::Active);
    QCOMPARE(a.profile.userName, s("bjensen@example.com"));
    QCOMPARE(a.profile.email, s("bjensen@example.com"));
    QCOMPARE(a.profile.givenName, s("Barbara"));
    QCOMPARE(a.profile.familyName, s("Jensen"));
    QCOMPARE(a.profile.displayName, s("Babs Jensen"));
    QCOMPARE(a.profile.jobTitle, s("Tour Guide"));
    QCOMPARE(a.profile.department, s("Tour Operations"));
    QCOMPARE(a.profile.employeeId, s("701984"));
    QCOMPARE(a.externalId, s("bj-ext"));
    QCOMPARE(a.created, test::fixedNow());
    // The rest is kept beside it, without the password.
    const QJsonObject kept = *sp.store.scimAttributes(1);
    QVERIFY(kept.contains(QStringLiteral("phoneNumbers")));
    QVERIFY(!kept.contains(QStringLiteral("password")));

    // One audit entry by actor scim.
    const QList<jit::AuditEntry> audit = *sp.store.audit();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().actor, jit::Actor::Scim);
    QCOMPARE(audit.first().action, s("created"));
    QCOMPARE(audit.first().accountId, 1);
    QCOMPARE(audit.first().at, test::fixedNow());
    QCOMPARE(audit.first().messageId, s("SCIM POST /Users"));
    QVERIFY(!audit.first().diff.isEmpty());

    // GET answers the same representation and ETag.
    const ScimResponse got = sp.get(QStringLiteral("/Users/1"));
    CHECK_STATUS(got, 200);
    QCOMPARE(jsonText(got.json()), jsonText(o));
    QCOMPARE(got.etag, r.etag);
    QVERIFY(got.location.isEmpty());
}

void TestScimUsers::createUserChecksTheBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType");
    const auto row = [](const char* name, const char* body, int status, const char* scimType) {
        QTest::newRow(name) << j(body) << status << s(scimType);
    };
    // Accepted
    row("minimal User", "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com'}", 201, "");
    row("extension listed in schemas",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a@example.com',"
        " '" ENT_URN "': {'department': 'D'}}",
        201, "");
    row("attribute names in any case",
        "{'schemas': ['" USER_URN "'], 'USERNAME': 'a@example.com', 'Name': {'GivenName': 'A'}}",
        201, "");
    row("read-only attributes ignored",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com', 'id': '77',"
        " 'meta': {'created': 'yesterday'}, 'groups': [{'value': '5'}]}",
        201, "");
    row("null is unassigned",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com', 'title': null,"
        " 'name': {'givenName': null}}",
        201, "");
    row("one primary e-mail",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com',"
        " 'emails': [{'value': 'a@example.com', 'primary': true}, {'value': 'b@example.com',"
        " 'primary': false}]}",
        201, "");
    row("active as a string (Entra)",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com', 'active': 'False'}", 201, "");
    row("write-only password",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com', 'password': 'pw'}", 201, "");
    row("Okta's create body",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com',"
        " 'name': {'givenName': 'A', 'familyName': 'B'}, 'emails': [{'primary': true,"
        " 'value': 'a@example.com', 'type': 'work'}], 'displayName': 'A B', 'locale': 'en-US',"
        " 'externalId': '00ujl29u0le5T6Aj10h7', 'groups': [], 'password': '1mz050nq',"
        " 'active': true}",
        201, "");
    // Refused: the message's shape
    row("malformed JSON", "{'schemas': ['" USER_URN "'], 'userName': ", 400, "invalidSyntax");
    row("empty body", "", 400, "invalidSyntax");
    row("an array, not an object", "[{'schemas': ['" USER_URN "'], 'userName': 'a'}]", 400,
        "invalidSyntax");
    row("a JSON string", "'userName'", 400, "invalidSyntax");
    row("no schemas", "{'userName': 'a@example.com'}", 400, "invalidSyntax");
    row("empty schemas", "{'schemas': [], 'userName': 'a@example.com'}", 400, "invalidSyntax");
    row("schemas not an array", "{'schemas': '" USER_URN "', 'userName': 'a@example.com'}", 400,
        "invalidSyntax");
    row("schemas holding a number", "{'schemas': ['" USER_URN "', 1], 'userName': 'a'}", 400,
        "invalidSyntax");
    row("Group schema URN", "{'schemas': ['" GROUP_URN "'], 'userName': 'a@example.com'}", 400,
        "invalidSyntax");
    row("misspelt core URN",
        "{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Users'], 'userName': 'a'}", 400,
        "invalidSyntax");
    row("only the extension in schemas",
        "{'schemas': ['" ENT_URN "'], 'userName': 'a@example.com'}", 400, "invalidSyntax");
    row("extension present but not in schemas",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com',"
        " '" ENT_URN "': {'department': 'D'}}",
        400, "invalidSyntax");
    row("unknown extension object",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com',"
        " 'urn:example:params:scim:schemas:extension:Shoe:2.0:User': {'size': 42}}",
        400, "invalidSyntax");
    // Refused: the values
    row("unknown attribute", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'shoeSize': 42}", 400,
        "invalidValue");
    row("unknown sub-attribute",
        "{'schemas': ['" USER_URN "'], 'userName': 'a', 'name': {'nickname': 'x'}}", 400,
        "invalidValue");
    row("unknown sub-attribute of an e-mail",
        "{'schemas': ['" USER_URN "'], 'userName': 'a', 'emails': [{'value': 'a', 'kind': 'x'}]}",
        400, "invalidValue");
    row("unknown enterprise attribute",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a', '" ENT_URN
        "': {'floor': 3}}",
        400, "invalidValue");
    row("enterprise extension not an object",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a', '" ENT_URN "': 'Sales'}",
        400, "invalidValue");
    row("userName a number", "{'schemas': ['" USER_URN "'], 'userName': 42}", 400, "invalidValue");
    row("active a number", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'active': 1}", 400,
        "invalidValue");
    row("active a string that is no boolean",
        "{'schemas': ['" USER_URN "'], 'userName': 'a', 'active': 'yes'}", 400, "invalidValue");
    row("emails an object",
        "{'schemas': ['" USER_URN "'], 'userName': 'a', 'emails': {'value': 'a@example.com'}}", 400,
        "invalidValue");
    row("name a string", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'name': 'A B'}", 400,
        "invalidValue");
    row("e-mail value a number",
        "{'schemas': ['" USER_URN "'], 'userName': 'a', 'emails': [{'value': 7}]}", 400,
        "invalidValue");
    row("two primary e-mails",
        "{'schemas': ['" USER_URN "'], 'userName': 'a@example.com',"
        " 'emails': [{'value': 'a@example.com', 'primary': true}, {'value': 'b@example.com',"
        " 'primary': true}]}",
        400, "invalidValue");
    row("missing userName", "{'schemas': ['" USER_URN "'], 'displayName': 'A'}", 400,
        "invalidValue");
    row("blank userName", "{'schemas': ['" USER_URN "'], 'userName': '   '}", 400, "invalidValue");
    row("null userName", "{'schemas': ['" USER_URN "'], 'userName': null}", 400, "invalidValue");
}

void TestScimUsers::createUserChecksTheBody()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    Sp sp;
    sp.create(j(kBjensen));
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.post(QStringLiteral("/Users"), body);
    CHECK_STATUS(r, status);
    if (status == 201) {
        const jit::StoreCounts after = *sp.store.counts();
        QCOMPARE(after.accounts, before.counts.accounts + 1);
        QCOMPARE(after.audit, before.counts.audit + 1);
        QVERIFY(!r.json().contains(QStringLiteral("password")));
        QVERIFY(!r.json().contains(QStringLiteral("groups")));
        QCOMPARE(r.json().value(QStringLiteral("id")).toString(), s("2"));
        return;
    }
    QCOMPARE(r.scimType(), scimType);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QString::number(status));
    QVERIFY(!r.json().value(QStringLiteral("detail")).toString().isEmpty());
    QVERIFY(r.location.isEmpty());
    QVERIFY(r.etag.isEmpty());
    checkUntouched(sp.store, before);
}

void TestScimUsers::duplicateUserNameIsAConflict_data()
{
    QTest::addColumn<QString>("userName");
    QTest::addColumn<int>("status");
    QTest::newRow("same userName") << s("bjensen@example.com") << 409;
    QTest::newRow("differing only in case") << s("BJensen@Example.COM") << 409;
    QTest::newRow("a JIT-made account's") << s("jit.user@example.com") << 409;
    QTest::newRow("a JIT-made account's, in another case") << s("JIT.User@EXAMPLE.com") << 409;
    QTest::newRow("a suspended account's") << s("sus@example.com") << 409;
    QTest::newRow("a deleted account's is free") << s("gone@example.com") << 201;
    QTest::newRow("a new userName") << s("new@example.com") << 201;
}

void TestScimUsers::duplicateUserNameIsAConflict()
{
    QFETCH(QString, userName);
    QFETCH(int, status);
    Sp sp;
    sp.create(j(kBjensen));
    sp.jitAccount(QStringLiteral("jit.user@example.com"));
    sp.create(j("{'schemas': ['" USER_URN "'], 'userName': 'sus@example.com', 'active': false}"));
    const qint64 gone =
        sp.create(j("{'schemas': ['" USER_URN "'], 'userName': 'gone@example.com'}"));
    CHECK_STATUS(sp.del(userPath(gone)), 204);
    const Snapshot before = snapshot(sp.store);

    const QByteArray body = QJsonDocument(QJsonObject{
                                              {QStringLiteral("schemas"), QJsonArray{s(USER_URN)}},
                                              {QStringLiteral("userName"), userName},
                                          })
                                .toJson();
    const ScimResponse r = sp.post(QStringLiteral("/Users"), body);
    CHECK_STATUS(r, status);
    if (status == 201) {
        QCOMPARE(sp.store.counts()->accounts, before.counts.accounts + 1);
        return;
    }
    QCOMPARE(r.scimType(), s("uniqueness"));
    checkUntouched(sp.store, before);
}

void TestScimUsers::stringBooleansCanBeRefused()
{
    ScimServiceOptions strict;
    strict.acceptStringBooleans = false;
    Sp sp(strict);
    const qint64 id = sp.create(j(kBjensen));
    const Snapshot before = snapshot(sp.store);

    const ScimResponse posted =
        sp.post(QStringLiteral("/Users"),
                j("{'schemas': ['" USER_URN "'], 'userName': 'a@example.com', 'active': 'False'}"));
    CHECK_STATUS(posted, 400);
    QCOMPARE(posted.scimType(), s("invalidValue"));
    checkUntouched(sp.store, before);

    const ScimResponse patched = sp.patch(
        userPath(id), patchBody("[{'op': 'Replace', 'path': 'active', 'value': 'False'}]"));
    CHECK_STATUS(patched, 400);
    QCOMPARE(patched.scimType(), s("invalidValue"));
    checkUntouched(sp.store, before);

    // Real booleans still pass.
    const ScimResponse ok =
        sp.patch(userPath(id), patchBody("[{'op': 'replace', 'path': 'active', 'value': false}]"));
    CHECK_STATUS(ok, 200);
    QCOMPARE(sp.account(id).status, jit::AccountStatus::Suspended);

    // And by default the string is read as the boolean.
    Sp lax;
    const qint64 made = lax.create(
        j("{'schemas': ['" USER_URN "'], 'userName': 'a@example.com', 'active': 'False'}"));
    QCOMPARE(lax.account(made).status, jit::AccountStatus::Suspended);
    QCOMPARE(lax.get(userPath(made)).json().value(QStringLiteral("active")), QJsonValue(false));
}

// ---- GET /Users/{id}

void TestScimUsers::getUserAnswersTheStoredUser()
{
    Sp sp;
    const ScimResponse created = sp.post(QStringLiteral("/Users"), j(kBjensen));
    CHECK_STATUS(created, 201);
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.get(QStringLiteral("/Users/1"));
    CHECK_STATUS(r, 200);
    QCOMPARE(jsonText(r.json()), jsonText(created.json()));
    QCOMPARE(r.etag, created.etag);
    // A read writes nothing, not even an audit entry.
    checkUntouched(sp.store, before);

    // The account's own fields are the truth: a change made outside SCIM
    // (a JIT login updating the e-mail) shows, with a new version.
    sp.clock.advance(60);
    jit::Account a = sp.account(1);
    a.profile.email = QStringLiteral("barbara@example.com");
    a.updated = sp.clock.now();
    QVERIFY(sp.store.transact([&](jit::StoreTx& tx) { return tx.updateAccount(a); }).ok());
    const ScimResponse after = sp.get(QStringLiteral("/Users/1"));
    CHECK_STATUS(after, 200);
    const QJsonArray emails = after.json().value(QStringLiteral("emails")).toArray();
    QCOMPARE(emails.first().toObject().value(QStringLiteral("value")).toString(),
             s("barbara@example.com"));
    QCOMPARE(emails.at(1).toObject().value(QStringLiteral("value")).toString(),
             s("babs@jensen.org"));
    QVERIFY(after.etag != created.etag);
    QCOMPARE(after.json()
                 .value(QStringLiteral("meta"))
                 .toObject()
                 .value(QStringLiteral("lastModified"))
                 .toString(),
             s("2026-03-02T09:31:00Z"));
}

void TestScimUsers::jitMadeAccountIsAUser()
{
    Sp sp;
    const qint64 id = sp.jitAccount(QStringLiteral("jit.user@example.com"));
    const ScimResponse r = sp.get(userPath(id));
    CHECK_STATUS(r, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("userName")).toString(), s("jit.user@example.com"));
    QCOMPARE(o.value(QStringLiteral("active")), QJsonValue(true));
    QCOMPARE(jsonText(o.value(QStringLiteral("name"))),
             jsonText(parsed("{'familyName': 'User', 'givenName': 'Jit'}")));
    QCOMPARE(
        jsonText(o.value(QStringLiteral("emails"))),
        jsonText(parsed("[{'primary': true, 'type': 'work', 'value': 'jit.user@example.com'}]")));
    QCOMPARE(jsonText(o.value(QStringLiteral("schemas"))), jsonText(parsed("['" USER_URN "']")));
    // Found by the look-up a client makes before creating.
    const ScimResponse found = sp.get(QStringLiteral("/Users"),
                                      {{s("filter"), s("userName eq \"Jit.User@example.com\"")}});
    CHECK_STATUS(found, 200);
    QCOMPARE(found.json().value(QStringLiteral("totalResults")).toInt(), 1);
    QCOMPARE(namesOf(found.json()), QStringList{s("jit.user")});
}

void TestScimUsers::unknownUserIsNotFound_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("never made") << s("999");
    QTest::newRow("not numeric") << s("bjensen");
    QTest::newRow("a UUID") << s("2819c223-7f76-453a-919d-413861904646");
    QTest::newRow("zero") << s("0");
    QTest::newRow("negative") << s("-1");
    QTest::newRow("number with a sign") << s("+1");
    QTest::newRow("too long") << s("1234567890123456789012");
    QTest::newRow("deleted") << s("2");
}

void TestScimUsers::unknownUserIsNotFound()
{
    QFETCH(QString, id);
    Sp sp;
    sp.create(j(kBjensen));
    const qint64 gone = sp.create(j("{'schemas': ['" USER_URN "'], 'userName': 'gone@x.example'}"));
    QCOMPARE(gone, 2);
    CHECK_STATUS(sp.del(userPath(gone)), 204);
    const Snapshot before = snapshot(sp.store);

    const ScimResponse r = sp.get(QStringLiteral("/Users/") + id);
    CHECK_STATUS(r, 404);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), s("404"));
    QVERIFY2(r.json().value(QStringLiteral("detail")).toString().contains(id), r.body.constData());
    // The same for every other method on that id.
    CHECK_STATUS(sp.put(QStringLiteral("/Users/") + id, j(kBjensen)), 404);
    CHECK_STATUS(sp.patch(QStringLiteral("/Users/") + id,
                          patchBody("[{'op': 'replace', 'path': 'title', 'value': 'x'}]")),
                 404);
    CHECK_STATUS(sp.del(QStringLiteral("/Users/") + id), 404);
    checkUntouched(sp.store, before);
    // The passing twin.
    CHECK_STATUS(sp.get(QStringLiteral("/Users/1")), 200);
}

void TestScimUsers::ifNoneMatchAnswers304_data()
{
    QTest::addColumn<QString>("header"); // %1: the current version
    QTest::addColumn<int>("status");
    QTest::newRow("the current version") << s("%1") << 304;
    QTest::newRow("in a list") << s("W/\"0000000000000000\", %1") << 304;
    QTest::newRow("strong form of the weak tag") << s("STRONG") << 304;
    QTest::newRow("any") << s("*") << 304;
    QTest::newRow("another version") << s("W/\"0000000000000000\"") << 200;
}

void TestScimUsers::ifNoneMatchAnswers304()
{
    QFETCH(QString, header);
    QFETCH(int, status);
    Sp sp;
    const qint64 id = sp.create(j(kBjensen));
    const ScimResponse current = sp.get(userPath(id));
    const QString version = QString::fromLatin1(current.etag);
    QString value = header.contains(QLatin1String("%1")) ? header.arg(version) : header;
    if (header == QLatin1String("STRONG"))
        value = version.mid(2); // W/"abc" -> "abc": weak comparison ignores W/
    ScimRequest req = request("GET", userPath(id));
    req.ifNoneMatch = value.toLatin1();
    const ScimResponse r = sp.send(req);
    CHECK_STATUS(r, status);
    QCOMPARE(r.etag, current.etag);
    if (status == 304)
        QVERIFY(r.body.isEmpty());
    else
        QCOMPARE(jsonText(r.json()), jsonText(current.json()));
}

// ---- DELETE /Users/{id}

void TestScimUsers::deleteUserMarksTheAccountDeleted()
{
    Sp sp;
    const qint64 id = sp.create(j(kBjensen));
    sp.clock.advance(60);
    const qint64 auditBefore = sp.store.counts()->audit;

    const ScimResponse r = sp.del(userPath(id));
    CHECK_STATUS(r, 204);
    QVERIFY(r.body.isEmpty());
    QVERIFY(r.etag.isEmpty());

    // The row stays, deleted; the audit log says so.
    const jit::Account a = sp.account(id);
    QCOMPARE(a.status, jit::AccountStatus::Deleted);
    QCOMPARE(a.updated, sp.clock.now());
    QCOMPARE(sp.store.counts()->accounts, 1);
    const QList<jit::AuditEntry> audit = *sp.store.audit();
    QCOMPARE(audit.size(), auditBefore + 1);
    QCOMPARE(audit.last().actor, jit::Actor::Scim);
    QCOMPARE(audit.last().action, s("deleted"));
    QCOMPARE(audit.last().accountId, id);
    QCOMPARE(audit.last().messageId, s("SCIM DELETE /Users/1"));

    // Gone for SCIM.
    CHECK_STATUS(sp.get(userPath(id)), 404);
    const Snapshot after = snapshot(sp.store);
    CHECK_STATUS(sp.del(userPath(id)), 404);
    checkUntouched(sp.store, after);
    const ScimResponse list = sp.get(QStringLiteral("/Users"));
    QCOMPARE(list.json().value(QStringLiteral("totalResults")).toInt(), 0);
    const ScimResponse lookup =
        sp.get(QStringLiteral("/Users"), {{s("filter"), s("userName eq \"bjensen@example.com\"")}});
    QCOMPARE(lookup.json().value(QStringLiteral("totalResults")).toInt(), 0);

    // The userName is free again, for a new account.
    const ScimResponse again = sp.post(QStringLiteral("/Users"), j(kBjensen));
    CHECK_STATUS(again, 201);
    const qint64 newId = again.json().value(QStringLiteral("id")).toString().toLongLong();
    QVERIFY(newId != id);
    QCOMPARE(sp.account(newId).status, jit::AccountStatus::Active);
    QCOMPARE(sp.account(id).status, jit::AccountStatus::Deleted);
}

void TestScimUsers::deleteRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("ifMatch"); // "current": the current version
    QTest::addColumn<int>("status");
    QTest::newRow("passing twin with If-Match") << s("/Users/1") << QByteArray("current") << 204;
    QTest::newRow("If-Match another version")
        << s("/Users/1") << QByteArray("W/\"0123456789abcdef\"") << 412;
    QTest::newRow("unknown id") << s("/Users/42") << QByteArray() << 404;
    QTest::newRow("not an id") << s("/Users/bjensen") << QByteArray() << 404;
}

void TestScimUsers::deleteRefusals()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, ifMatch);
    QFETCH(int, status);
    Sp sp;
    sp.create(j(kBjensen));
    const Snapshot before = snapshot(sp.store);
    ScimRequest req = request("DELETE", path);
    req.ifMatch = ifMatch == "current" ? sp.get(QStringLiteral("/Users/1")).etag : ifMatch;
    const ScimResponse r = sp.send(req);
    CHECK_STATUS(r, status);
    if (status == 204) {
        QCOMPARE(sp.account(1).status, jit::AccountStatus::Deleted);
        return;
    }
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QString::number(status));
    checkUntouched(sp.store, before);
}

QTEST_GUILESS_MAIN(TestScimUsers)
#include "test_scim_users.moc"
