// SCIM User updates in process (RFC 7644 §3.5): PUT replaces the User and
// PATCH applies its operations in the forms Okta and Entra send, each with a
// new ETag, If-Match honoured and one audit entry by actor "scim" (updated,
// suspended or reactivated). A PATCH that changes nothing writes nothing;
// every refused update (a bad message, path, target or value, a taken
// userName, a failed precondition, an unknown id) leaves the store exactly
// as it was, even when good operations came before the bad one.
//
// Discovery and routing: test_scim_discovery.cpp; Users made, read and
// deleted: test_scim_users.cpp; lists: test_scim_user_list.cpp; Groups and
// roles from membership: test_scim_groups.cpp; PATCH, resource checks and
// projection as units: test_scim_patch.cpp. The fixture:
// support/scim_fixture.h.
#include "jit/account_store.h"
#include "scim/scim_service.h"
#include "support/jit_printers.h"
#include "support/scim_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace jh;
using namespace jh::scim;
using namespace jh::test;

using Sp = ScimSp;

class TestScimUserUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // PUT /Users/{id}
    void putReplacesTheUser();
    void putRefusals_data();
    void putRefusals();

    // PATCH /Users/{id}
    void patchUserApplies_data();
    void patchUserApplies();
    void patchUserRefusals_data();
    void patchUserRefusals();
    void patchSuspendsAndReactivates();
    void noOpPatchWritesNothing_data();
    void noOpPatchWritesNothing();
};

// ---- PUT /Users/{id}

void TestScimUserUpdate::putReplacesTheUser()
{
    Sp sp;
    const qint64 id = sp.create(j(kBjensen));
    const ScimResponse before = sp.get(userPath(id));
    sp.clock.advance(120);

    ScimRequest put =
        request("PUT", userPath(id),
                j("{'schemas': ['" USER_URN "'], 'id': '999', 'meta': {'version': 'W/\\'x\\''},"
                  " 'userName': 'bjensen@example.com',"
                  " 'name': {'givenName': 'Barbara', 'familyName': 'Jensen-Smith'},"
                  " 'emails': [{'value': 'bj@new.example', 'type': 'work', 'primary': true}],"
                  " 'nickName': 'Babs', 'active': true}"));
    put.ifMatch = before.etag;
    const ScimResponse r = sp.send(put);
    CHECK_STATUS(r, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("id")).toString(), QString::number(id));
    QVERIFY(r.etag != before.etag);
    QCOMPARE(
        QString::fromLatin1(r.etag),
        o.value(QStringLiteral("meta")).toObject().value(QStringLiteral("version")).toString());
    QVERIFY(r.location.isEmpty());
    const QJsonObject meta = o.value(QStringLiteral("meta")).toObject();
    QCOMPARE(meta.value(QStringLiteral("created")).toString(), s("2026-03-02T09:30:00Z"));
    QCOMPARE(meta.value(QStringLiteral("lastModified")).toString(), s("2026-03-02T09:32:00Z"));
    // Replaced, not merged: what the PUT left out is gone.
    for (const char* gone : {"title", "displayName", "phoneNumbers", "externalId", ENT_URN})
        QVERIFY2(!o.contains(s(gone)), gone);
    QCOMPARE(o.value(QStringLiteral("nickName")).toString(), s("Babs"));
    QCOMPARE(jsonText(o.value(QStringLiteral("schemas"))), jsonText(parsed("['" USER_URN "']")));

    const jit::Account a = sp.account(id);
    QCOMPARE(a.profile.familyName, s("Jensen-Smith"));
    QCOMPARE(a.profile.email, s("bj@new.example"));
    QCOMPARE(a.profile.jobTitle, QString());
    QCOMPARE(a.profile.department, QString());
    QCOMPARE(a.profile.employeeId, QString());
    QCOMPARE(a.externalId, QString());
    QCOMPARE(a.updated, sp.clock.now());
    QCOMPARE(jsonText(sp.get(userPath(id)).json()), jsonText(o));

    const jit::AuditEntry last = sp.store.audit()->last();
    QCOMPARE(last.actor, jit::Actor::Scim);
    QCOMPARE(last.action, s("updated"));
    QCOMPARE(last.accountId, id);
    QCOMPARE(last.messageId, s("SCIM PUT /Users/1"));
    QVERIFY(last.diff.contains(jit::FieldChange{s("familyName"), s("Jensen"), s("Jensen-Smith")}));

    // PUT active false: suspended.
    const ScimResponse off =
        sp.put(userPath(id), j("{'schemas': ['" USER_URN
                               "'], 'userName': 'bjensen@example.com', 'active': false}"));
    CHECK_STATUS(off, 200);
    QCOMPARE(sp.account(id).status, jit::AccountStatus::Suspended);
    QCOMPARE(sp.store.audit()->last().action, s("suspended"));
}

void TestScimUserUpdate::putRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("ifMatch"); // "current": the current version
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType");
    const QByteArray good =
        j("{'schemas': ['" USER_URN "'], 'userName': 'bjensen@example.com', 'title': 'New'}");
    QTest::newRow("passing twin") << s("/Users/1") << QByteArray("current") << good << 200
                                  << QString();
    QTest::newRow("If-Match another version")
        << s("/Users/1") << QByteArray("W/\"0123456789abcdef\"") << good << 412 << QString();
    QTest::newRow("If-Match a list without the version")
        << s("/Users/1") << QByteArray("W/\"a\", W/\"b\"") << good << 412 << QString();
    QTest::newRow("userName taken")
        << s("/Users/1") << QByteArray()
        << j("{'schemas': ['" USER_URN "'], 'userName': 'OTHER@example.com'}") << 409
        << s("uniqueness");
    QTest::newRow("unknown id") << s("/Users/77") << QByteArray() << good << 404 << QString();
    QTest::newRow("malformed JSON")
        << s("/Users/1") << QByteArray() << QByteArray("{") << 400 << s("invalidSyntax");
    QTest::newRow("wrong schema URN")
        << s("/Users/1") << QByteArray()
        << j("{'schemas': ['" GROUP_URN "'], 'userName': 'bjensen@example.com'}") << 400
        << s("invalidSyntax");
    QTest::newRow("unknown attribute")
        << s("/Users/1") << QByteArray()
        << j("{'schemas': ['" USER_URN "'], 'userName': 'bjensen@example.com', 'shoe': 1}") << 400
        << s("invalidValue");
    QTest::newRow("missing userName")
        << s("/Users/1") << QByteArray() << j("{'schemas': ['" USER_URN "'], 'title': 'x'}") << 400
        << s("invalidValue");
}

void TestScimUserUpdate::putRefusals()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, ifMatch);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    Sp sp;
    sp.create(j(kBjensen));
    sp.create(j("{'schemas': ['" USER_URN "'], 'userName': 'other@example.com'}"));
    const Snapshot before = snapshot(sp.store);
    ScimRequest req = request("PUT", path, body);
    req.ifMatch = ifMatch == "current" ? sp.get(QStringLiteral("/Users/1")).etag : ifMatch;
    const ScimResponse r = sp.send(req);
    CHECK_STATUS(r, status);
    if (status == 200) {
        QCOMPARE(sp.account(1).profile.jobTitle, s("New"));
        return;
    }
    QCOMPARE(r.scimType(), scimType);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QString::number(status));
    checkUntouched(sp.store, before);
}

// ---- PATCH /Users/{id}

void TestScimUserUpdate::patchUserApplies_data()
{
    QTest::addColumn<QByteArray>("operations");
    QTest::addColumn<QByteArray>("expected"); // top-level key -> value; null: absent
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("field"); // a profile field the PATCH set; empty: none
    QTest::addColumn<QString>("value");
    const auto row = [](const char* name, const char* ops, const char* expected,
                        const char* action = "updated", const char* field = "",
                        const char* value = "") {
        QTest::newRow(name) << j(ops) << j(expected) << s(action) << s(field) << s(value);
    };
    const char* const nameWith = "{'name': {'familyName': 'Jensen', 'formatted': 'Ms. Barbara "
                                 "Jensen', 'givenName': 'Babs'}}";
    row("replace by sub-attribute path",
        "[{'op': 'replace', 'path': 'name.givenName', 'value': 'Babs'}]", nameWith, "updated",
        "givenName", "Babs");
    row("add a new sub-attribute", "[{'op': 'add', 'path': 'name.middleName', 'value': 'J'}]",
        "{'name': {'familyName': 'Jensen', 'formatted': 'Ms. Barbara Jensen',"
        " 'givenName': 'Barbara', 'middleName': 'J'}}");
    row("replace without path",
        "[{'op': 'replace', 'value': {'displayName': 'BJ', 'title': 'Guide'}}]",
        "{'displayName': 'BJ', 'title': 'Guide'}", "updated", "jobTitle", "Guide");
    row("add without path merges a complex value",
        "[{'op': 'add', 'value': {'name': {'middleName': 'Jane'}}}]",
        "{'name': {'familyName': 'Jensen', 'formatted': 'Ms. Barbara Jensen',"
        " 'givenName': 'Barbara', 'middleName': 'Jane'}}");
    row("replace of a complex attribute keeps sub-attributes not named",
        "[{'op': 'replace', 'path': 'name', 'value': {'givenName': 'Babs'}}]", nameWith);
    row("path-less dotted key (Entra)",
        "[{'op': 'replace', 'value': {'name.familyName': 'Smith'}}]",
        "{'name': {'familyName': 'Smith', 'formatted': 'Ms. Barbara Jensen',"
        " 'givenName': 'Barbara'}}",
        "updated", "familyName", "Smith");
    const char* const opsDepartment = "{'" ENT_URN "': {'costCenter': '4130', 'department': "
                                      "'Ops', 'employeeNumber': '701984'}}";
    row("path-less URN-qualified key (Entra)",
        "[{'op': 'replace', 'value': {'" ENT_URN ":department': 'Ops'}}]", opsDepartment, "updated",
        "department", "Ops");
    row("path-less extension object",
        "[{'op': 'replace', 'value': {'" ENT_URN "': {'department': 'Ops'}}}]", opsDepartment,
        "updated", "department", "Ops");
    row("extension attribute path",
        "[{'op': 'replace', 'path': '" ENT_URN ":department', 'value': 'Ops'}]", opsDepartment,
        "updated", "department", "Ops");
    row("bare extension URN path",
        "[{'op': 'add', 'path': '" ENT_URN "', 'value': {'costCenter': '9'}}]",
        "{'" ENT_URN "': {'costCenter': '9', 'department': 'Tour Operations',"
        " 'employeeNumber': '701984'}}");
    row("remove a bare extension URN", "[{'op': 'remove', 'path': '" ENT_URN "'}]",
        "{'" ENT_URN "': null, 'schemas': ['" USER_URN "']}", "updated", "department", "");
    row("remove an extension attribute", "[{'op': 'remove', 'path': '" ENT_URN ":costCenter'}]",
        "{'" ENT_URN "': {'department': 'Tour Operations', 'employeeNumber': '701984'}}");
    row("add to a multi-valued attribute",
        "[{'op': 'add', 'path': 'emails', 'value': [{'value': 'b@other.org', 'type': 'other'}]}]",
        "{'emails': [{'primary': true, 'type': 'work', 'value': 'bjensen@example.com'},"
        " {'type': 'home', 'value': 'babs@jensen.org'}, {'type': 'other', 'value': "
        "'b@other.org'}]}");
    row("replace a multi-valued attribute",
        "[{'op': 'replace', 'path': 'emails', 'value': [{'value': 'new@x.org', 'type': 'work',"
        " 'primary': true}]}]",
        "{'emails': [{'primary': true, 'type': 'work', 'value': 'new@x.org'}]}", "updated", "email",
        "new@x.org");
    row("value filter then sub-attribute",
        "[{'op': 'replace', 'path': 'emails[type eq \\'work\\'].value', 'value': "
        "'bj@new.example'}]",
        "{'emails': [{'primary': true, 'type': 'work', 'value': 'bj@new.example'},"
        " {'type': 'home', 'value': 'babs@jensen.org'}]}",
        "updated", "email", "bj@new.example");
    row("value filter with and",
        "[{'op': 'replace', 'path': 'emails[type eq \\'work\\' and primary eq true].value',"
        " 'value': 'x@y.org'}]",
        "{'emails': [{'primary': true, 'type': 'work', 'value': 'x@y.org'},"
        " {'type': 'home', 'value': 'babs@jensen.org'}]}",
        "updated", "email", "x@y.org");
    row("value filter replaces into the element",
        "[{'op': 'replace', 'path': 'emails[type eq \\'home\\']', 'value': {'display': 'Home'}}]",
        "{'emails': [{'primary': true, 'type': 'work', 'value': 'bjensen@example.com'},"
        " {'display': 'Home', 'type': 'home', 'value': 'babs@jensen.org'}]}");
    row("remove by value filter", "[{'op': 'remove', 'path': 'emails[type eq \\'home\\']'}]",
        "{'emails': [{'primary': true, 'type': 'work', 'value': 'bjensen@example.com'}]}");
    row("remove a sub-attribute by value filter",
        "[{'op': 'remove', 'path': 'emails[type eq \\'work\\'].primary'}]",
        "{'emails': [{'type': 'work', 'value': 'bjensen@example.com'},"
        " {'type': 'home', 'value': 'babs@jensen.org'}]}",
        "updated", "email", "bjensen@example.com");
    row("add through a filter makes the element",
        "[{'op': 'add', 'path': 'phoneNumbers[type eq \\'mobile\\'].value', 'value': "
        "'555-0199'}]",
        "{'phoneNumbers': [{'type': 'work', 'value': '555-555-8377'},"
        " {'type': 'mobile', 'value': '555-0199'}]}");
    row("remove values listed in value (Entra)",
        "[{'op': 'Remove', 'path': 'emails', 'value': [{'value': 'babs@jensen.org'}]}]",
        "{'emails': [{'primary': true, 'type': 'work', 'value': 'bjensen@example.com'}]}");
    row("remove a whole multi-valued attribute", "[{'op': 'remove', 'path': 'phoneNumbers'}]",
        "{'phoneNumbers': null}");
    row("remove a single attribute", "[{'op': 'remove', 'path': 'title'}]", "{'title': null}",
        "updated", "jobTitle", "");
    row("remove a whole complex attribute", "[{'op': 'remove', 'path': 'name'}]", "{'name': null}",
        "updated", "givenName", "");
    row("Replace capitalised (Entra)", "[{'op': 'Replace', 'path': 'title', 'value': 'Chief'}]",
        "{'title': 'Chief'}", "updated", "jobTitle", "Chief");
    row("Add capitalised (Entra)", "[{'op': 'Add', 'path': 'nickName', 'value': 'Babs'}]",
        "{'nickName': 'Babs'}");
    row("Remove capitalised (Entra)", "[{'op': 'Remove', 'path': 'title'}]", "{'title': null}",
        "updated", "jobTitle", "");
    row("active False as a string (Entra)",
        "[{'op': 'Replace', 'path': 'active', 'value': 'False'}]", "{'active': false}",
        "suspended");
    row("path-less active False as a string (Entra)",
        "[{'op': 'Replace', 'value': {'active': 'False'}}]", "{'active': false}", "suspended");
    row("path-less active false (Okta)", "[{'op': 'replace', 'value': {'active': false}}]",
        "{'active': false}", "suspended");
    row("externalId", "[{'op': 'replace', 'path': 'externalId', 'value': 'new-ext'}]",
        "{'externalId': 'new-ext'}");
    row("userName", "[{'op': 'replace', 'path': 'userName', 'value': 'babs@example.com'}]",
        "{'userName': 'babs@example.com'}", "updated", "userName", "babs@example.com");
    row("core URN-qualified path",
        "[{'op': 'replace', 'path': '" USER_URN ":title', 'value': 'X'}]", "{'title': 'X'}",
        "updated", "jobTitle", "X");
    row("attribute path in another case",
        "[{'op': 'replace', 'path': 'DISPLAYNAME', 'value': 'x'}]", "{'displayName': 'x'}",
        "updated", "displayName", "x");
    row("several operations in order",
        "[{'op': 'replace', 'path': 'title', 'value': 'A'},"
        " {'op': 'replace', 'path': 'title', 'value': 'B'},"
        " {'op': 'remove', 'path': 'phoneNumbers'},"
        " {'op': 'add', 'path': 'nickName', 'value': 'N'}]",
        "{'title': 'B', 'phoneNumbers': null, 'nickName': 'N'}", "updated", "jobTitle", "B");
    row("add a kept complex attribute",
        "[{'op': 'add', 'path': 'addresses', 'value': [{'locality': 'Paris', 'type': 'work'}]}]",
        "{'addresses': [{'locality': 'Paris', 'type': 'work'}]}");
}

void TestScimUserUpdate::patchUserApplies()
{
    QFETCH(QByteArray, operations);
    QFETCH(QByteArray, expected);
    QFETCH(QString, action);
    QFETCH(QString, field);
    QFETCH(QString, value);
    Sp sp;
    const qint64 id = sp.create(j(kBjensen));
    const ScimResponse before = sp.get(userPath(id));
    const qint64 auditBefore = sp.store.counts()->audit;
    sp.clock.advance(60);

    const QByteArray body =
        "{\"schemas\": [\"" PATCH_URN "\"], \"Operations\": " + operations + "}";
    const ScimResponse r = sp.patch(userPath(id), body);
    CHECK_STATUS(r, 200);
    const QJsonObject o = r.json();
    const QJsonObject want = QJsonDocument::fromJson(expected).object();
    QVERIFY2(!want.isEmpty(), expected.constData());
    for (auto it = want.begin(); it != want.end(); ++it) {
        if (it.value().isNull())
            QVERIFY2(!o.contains(it.key()),
                     qPrintable(it.key() + QStringLiteral(" is still there")));
        else
            QCOMPARE(jsonText(o.value(it.key())), jsonText(it.value()));
    }
    // What was not named is unchanged.
    const QJsonObject old = before.json();
    for (auto it = old.begin(); it != old.end(); ++it)
        if (!want.contains(it.key()) && it.key() != QLatin1String("meta") &&
            it.key() != QLatin1String("active") && it.key() != QLatin1String("schemas"))
            QCOMPARE(jsonText(o.value(it.key())), jsonText(it.value()));
    QVERIFY(r.etag != before.etag);
    QCOMPARE(jsonText(sp.get(userPath(id)).json()), jsonText(o));

    const jit::Account a = sp.account(id);
    QCOMPARE(a.status, action == QLatin1String("suspended") ? jit::AccountStatus::Suspended
                                                            : jit::AccountStatus::Active);
    if (!field.isEmpty())
        QCOMPARE(jit::profileValue(a.profile, field).value_or(s("(no such field)")), value);
    QCOMPARE(a.updated, sp.clock.now());

    const QList<jit::AuditEntry> audit = *sp.store.audit();
    QCOMPARE(audit.size(), auditBefore + 1);
    QCOMPARE(audit.last().actor, jit::Actor::Scim);
    QCOMPARE(audit.last().action, action);
    QCOMPARE(audit.last().accountId, id);
    QCOMPARE(audit.last().messageId, s("SCIM PATCH /Users/1"));
    QVERIFY2(std::any_of(audit.last().reasons.begin(), audit.last().reasons.end(),
                         [](const QString& reason) {
                             return reason.startsWith(QLatin1String("SCIM PATCH"));
                         }),
             qPrintable(audit.last().reasons.join(u';')));
}

void TestScimUserUpdate::patchUserRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("ifMatch");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType");
    const QString user = s("/Users/1");
    const auto ops = [&](const char* name, const char* operations, const char* scimType) {
        QTest::newRow(name) << user << QByteArray() << patchBody(operations) << 400 << s(scimType);
    };
    const auto whole = [&](const char* name, const QByteArray& body, const char* scimType) {
        QTest::newRow(name) << user << QByteArray() << body << 400 << s(scimType);
    };
    // The message
    whole("malformed JSON", QByteArray("{\"schemas\": ["), "invalidSyntax");
    whole("not an object", j("[{'op': 'replace'}]"), "invalidSyntax");
    whole("no PatchOp schema",
          j("{'schemas': ['" USER_URN "'], 'Operations': [{'op': 'replace', 'path': 'title',"
            " 'value': 'x'}]}"),
          "invalidSyntax");
    whole("no schemas", j("{'Operations': [{'op': 'replace', 'path': 'title', 'value': 'x'}]}"),
          "invalidSyntax");
    whole("no Operations", j("{'schemas': ['" PATCH_URN "']}"), "invalidSyntax");
    whole("Operations not an array",
          j("{'schemas': ['" PATCH_URN "'], 'Operations': {'op': 'replace'}}"), "invalidSyntax");
    ops("empty Operations", "[]", "invalidSyntax");
    ops("unknown op", "[{'op': 'move', 'path': 'title', 'value': 'x'}]", "invalidSyntax");
    ops("missing op", "[{'path': 'title', 'value': 'x'}]", "invalidSyntax");
    ops("op not a string", "[{'op': 1, 'path': 'title', 'value': 'x'}]", "invalidSyntax");
    ops("operation not an object", "['replace']", "invalidSyntax");
    // The path
    ops("unknown attribute path", "[{'op': 'replace', 'path': 'shoeSize', 'value': 42}]",
        "invalidPath");
    ops("unknown sub-attribute path", "[{'op': 'replace', 'path': 'name.shoe', 'value': 'x'}]",
        "invalidPath");
    ops("unknown schema in path",
        "[{'op': 'replace', 'path': 'urn:example:params:scim:schemas:Shoe:2.0:User:size',"
        " 'value': 'x'}]",
        "invalidPath");
    ops("unknown enterprise attribute path",
        "[{'op': 'replace', 'path': '" ENT_URN ":floor', 'value': 3}]", "invalidPath");
    ops("unparseable path",
        "[{'op': 'replace', 'path': 'emails[type eq \\'work\\'', 'value': 'x'}]", "invalidPath");
    ops("filter on a single-valued attribute",
        "[{'op': 'replace', 'path': 'name[givenName eq \\'x\\']', 'value': {}}]", "invalidPath");
    ops("sub-attribute of a multi-valued attribute without filter",
        "[{'op': 'replace', 'path': 'emails.value', 'value': 'x'}]", "invalidPath");
    ops("path not a string", "[{'op': 'replace', 'path': 5, 'value': 'x'}]", "invalidPath");
    ops("path-less value with an unknown key", "[{'op': 'replace', 'value': {'shoeSize': 1}}]",
        "invalidPath");
    // Nothing to act on
    ops("replace through a filter matching nothing",
        "[{'op': 'replace', 'path': 'emails[type eq \\'fax\\'].value', 'value': 'x'}]", "noTarget");
    ops("replace an element through a filter matching nothing",
        "[{'op': 'replace', 'path': 'emails[type eq \\'fax\\']', 'value': {'value': 'x'}}]",
        "noTarget");
    ops("remove without path", "[{'op': 'remove'}]", "noTarget");
    ops("remove without path but with a value", "[{'op': 'remove', 'value': {'title': 'x'}}]",
        "noTarget");
    // Read-only targets
    ops("path id", "[{'op': 'replace', 'path': 'id', 'value': '9'}]", "mutability");
    ops("path meta", "[{'op': 'replace', 'path': 'meta', 'value': {}}]", "mutability");
    ops("path meta.created", "[{'op': 'replace', 'path': 'meta.created', 'value': 'x'}]",
        "mutability");
    ops("path groups", "[{'op': 'add', 'path': 'groups', 'value': [{'value': '1'}]}]",
        "mutability");
    ops("path groups by filter", "[{'op': 'remove', 'path': 'groups[value eq \\'1\\']'}]",
        "mutability");
    // Values
    ops("active a number", "[{'op': 'replace', 'path': 'active', 'value': 5}]", "invalidValue");
    ops("active a string that is no boolean",
        "[{'op': 'replace', 'path': 'active', 'value': 'maybe'}]", "invalidValue");
    ops("userName an array", "[{'op': 'replace', 'path': 'userName', 'value': []}]",
        "invalidValue");
    ops("emails a string", "[{'op': 'replace', 'path': 'emails', 'value': 'x'}]", "invalidValue");
    ops("name a string", "[{'op': 'replace', 'path': 'name', 'value': 'x'}]", "invalidValue");
    ops("unknown sub-attribute in a value",
        "[{'op': 'replace', 'path': 'name', 'value': {'shoe': 'x'}}]", "invalidValue");
    ops("path-less value not an object", "[{'op': 'replace', 'value': 'x'}]", "invalidValue");
    ops("add without value", "[{'op': 'add', 'path': 'title'}]", "invalidValue");
    ops("remove userName", "[{'op': 'remove', 'path': 'userName'}]", "invalidValue");
    ops("blank userName", "[{'op': 'replace', 'path': 'userName', 'value': '  '}]", "invalidValue");
    ops("a second primary e-mail",
        "[{'op': 'add', 'path': 'emails', 'value': [{'value': 'x@y.org', 'primary': true}]}]",
        "invalidValue");
    // One bad operation undoes the good ones before it
    ops("good operation, then a bad one",
        "[{'op': 'replace', 'path': 'title', 'value': 'ok'},"
        " {'op': 'replace', 'path': 'shoeSize', 'value': 1}]",
        "invalidPath");
    // Conflicts and preconditions
    QTest::newRow("userName taken")
        << user << QByteArray()
        << patchBody("[{'op': 'replace', 'path': 'userName', 'value': 'Other@Example.com'}]") << 409
        << s("uniqueness");
    QTest::newRow("If-Match another version")
        << user << QByteArray("W/\"0123456789abcdef\"")
        << patchBody("[{'op': 'replace', 'path': 'title', 'value': 'x'}]") << 412 << QString();
    QTest::newRow("unknown id") << s("/Users/77") << QByteArray()
                                << patchBody("[{'op': 'replace', 'path': 'title', 'value': 'x'}]")
                                << 404 << QString();
}

void TestScimUserUpdate::patchUserRefusals()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, ifMatch);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    Sp sp;
    sp.create(j(kBjensen));
    sp.create(j("{'schemas': ['" USER_URN "'], 'userName': 'other@example.com'}"));
    const Snapshot before = snapshot(sp.store);
    ScimRequest req = request("PATCH", path, body);
    req.ifMatch = ifMatch;
    const ScimResponse r = sp.send(req);
    CHECK_STATUS(r, status);
    QCOMPARE(r.scimType(), scimType);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QString::number(status));
    QVERIFY(!r.json().value(QStringLiteral("detail")).toString().isEmpty());
    checkUntouched(sp.store, before);
}

void TestScimUserUpdate::patchSuspendsAndReactivates()
{
    Sp sp;
    const qint64 id = sp.create(j(kBjensen));
    CHECK_STATUS(
        sp.patch(userPath(id), patchBody("[{'op': 'replace', 'value': {'active': false}}]")), 200);
    QCOMPARE(sp.account(id).status, jit::AccountStatus::Suspended);
    QCOMPARE(sp.store.audit()->last().action, s("suspended"));
    QVERIFY(sp.store.audit()->last().diff.contains(
        jit::FieldChange{s("status"), s("active"), s("suspended")}));
    // A suspended User is still a User: found, and can be reactivated.
    CHECK_STATUS(sp.get(userPath(id)), 200);
    const ScimResponse on =
        sp.patch(userPath(id), patchBody("[{'op': 'Replace', 'path': 'active', 'value': 'True'}]"));
    CHECK_STATUS(on, 200);
    QCOMPARE(on.json().value(QStringLiteral("active")), QJsonValue(true));
    QCOMPARE(sp.account(id).status, jit::AccountStatus::Active);
    QCOMPARE(sp.store.audit()->last().action, s("reactivated"));
}

void TestScimUserUpdate::noOpPatchWritesNothing_data()
{
    QTest::addColumn<QByteArray>("operations");
    QTest::newRow("replace with the same value")
        << j("[{'op': 'replace', 'path': 'title', 'value': 'Tour Guide'}]");
    QTest::newRow("add an element already there")
        << j("[{'op': 'add', 'path': 'emails', 'value': [{'primary': true, 'type': 'work',"
             " 'value': 'bjensen@example.com'}]}]");
    QTest::newRow("remove through a filter matching nothing")
        << j("[{'op': 'remove', 'path': 'emails[type eq \\'fax\\']'}]");
    QTest::newRow("active true when active")
        << j("[{'op': 'replace', 'path': 'active', 'value': true}]");
    QTest::newRow("active True as a string when active")
        << j("[{'op': 'Replace', 'path': 'active', 'value': 'True'}]");
    QTest::newRow("path-less replace with the same values")
        << j("[{'op': 'replace', 'value': {'displayName': 'Babs Jensen', 'name.givenName':"
             " 'Barbara'}}]");
    QTest::newRow("remove an attribute that is not there")
        << j("[{'op': 'remove', 'path': 'nickName'}]");
    QTest::newRow("replace then put back")
        << j("[{'op': 'replace', 'path': 'title', 'value': 'X'},"
             " {'op': 'replace', 'path': 'title', 'value': 'Tour Guide'}]");
}

void TestScimUserUpdate::noOpPatchWritesNothing()
{
    QFETCH(QByteArray, operations);
    Sp sp;
    const qint64 id = sp.create(j(kBjensen));
    const ScimResponse before = sp.get(userPath(id));
    const Snapshot stored = snapshot(sp.store);
    sp.clock.advance(60);
    const QByteArray body =
        "{\"schemas\": [\"" PATCH_URN "\"], \"Operations\": " + operations + "}";
    const ScimResponse r = sp.patch(userPath(id), body);
    CHECK_STATUS(r, 200);
    QCOMPARE(jsonText(r.json()), jsonText(before.json()));
    QCOMPARE(r.etag, before.etag);
    checkUntouched(sp.store, stored);
}

QTEST_GUILESS_MAIN(TestScimUserUpdate)
#include "test_scim_user_update.moc"
