// SCIM Groups in process (RFC 7643 §4.2, RFC 7644 §3): groups are made,
// read, listed, patched in the forms Okta and Entra send, replaced and
// deleted; membership grants roles through the role rules whose issuer is
// "scim" (the group matched by externalId, else displayName), in the same
// transaction, with an audit entry for each account whose roles changed;
// deleting a User takes it out of its groups. Every refused request answers
// with the right status and scimType and leaves the store as it was.
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

namespace {

// Admins -> admin, a group whose externalId is eng-ext -> engineer, Staff ->
// staff; a rule of another issuer, which SCIM membership must not apply.
ScimServiceOptions withRoles()
{
    ScimServiceOptions o;
    const QString scim = QString::fromLatin1(kScimRoleIssuer);
    o.roles = {
        {scim, s("Admins"), s("admin")},
        {scim, s("eng-ext"), s("engineer")},
        {scim, s("Staff"), s("staff")},
        {s("https://idp.example/"), s("Admins"), s("idp-admin")},
    };
    return o;
}

// The service with the role rules above unless told otherwise.
class Sp : public ScimSp
{
public:
    explicit Sp(ScimServiceOptions options = withRoles()) : ScimSp(std::move(options)) {}

    // alice (1), bob (2), carol (3).
    void seedUsers()
    {
        createOk(s("/Users"), j("{'schemas': ['" USER_URN "'], 'userName': 'alice@example.com',"
                                " 'displayName': 'Alice Liddell'}"));
        createOk(s("/Users"), j("{'schemas': ['" USER_URN "'], 'userName': 'bob@example.com',"
                                " 'displayName': 'Bob Baker'}"));
        createOk(s("/Users"), j("{'schemas': ['" USER_URN "'], 'userName': 'carol@example.com'}"));
    }
};

QByteArray groupBody(const char* displayName, const char* members, const char* extra = "")
{
    return j("{'schemas': ['" GROUP_URN "'], 'displayName': '") + displayName +
           "\", \"members\": " + j(members) + j(extra) + "}";
}

// members[].value of a rendered group, joined: "1,2".
QString memberValues(const QJsonObject& group)
{
    QStringList out;
    for (const QJsonValue& m : group.value(QStringLiteral("members")).toArray())
        out.append(m.toObject().value(QStringLiteral("value")).toString());
    return out.join(u',');
}

QString idsText(const QList<qint64>& ids)
{
    QStringList out;
    for (const qint64 id : ids)
        out.append(QString::number(id));
    return out.join(u',');
}

QStringList displayNames(const QJsonObject& list)
{
    QStringList out;
    for (const QJsonValue& g : list.value(QStringLiteral("Resources")).toArray())
        out.append(g.toObject().value(QStringLiteral("displayName")).toString());
    return out;
}

// Audit entries after `from` (a count), as "action account roles-diff" lines.
QStringList auditLines(jit::AccountStore& store, qsizetype from)
{
    QStringList out;
    const QList<jit::AuditEntry> all = *store.audit();
    for (qsizetype i = from; i < all.size(); ++i) {
        const jit::AuditEntry& e = all[i];
        QStringList roles;
        for (const jit::FieldChange& c : e.diff)
            if (c.field == QLatin1String("roles"))
                roles.append(c.after.isEmpty() ? u'-' + c.before : u'+' + c.after);
        out.append(QStringLiteral("%1 %2 %3 %4")
                       .arg(jit::actorName(e.actor), e.action)
                       .arg(e.accountId)
                       .arg(roles.join(u','))
                       .trimmed());
    }
    return out;
}

} // namespace

class TestScimGroups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createGroupWithMembersGrantsRoles();
    void groupIsMatchedByExternalId();
    void withoutScimRulesRolesAreLeftAlone();
    void rolesFromJitAreKeptBesideScimRoles();
    void entraGroupSchemaIsTolerated();
    void getGroupAnswersTheStoredGroup();
    void unknownGroupIsNotFound_data();
    void unknownGroupIsNotFound();
    void listFiltersAndPagesGroups_data();
    void listFiltersAndPagesGroups();
    void patchChangesMembersAndRoles_data();
    void patchChangesMembersAndRoles();
    void noOpPatchWritesNothing_data();
    void noOpPatchWritesNothing();
    void putReplacesTheGroup();
    void deleteGroupRemovesItsRoles();
    void deletingAUserRemovesItFromGroups();
    void memberDeletedOutsideScimDoesNotBreakTheGroup();
    void refusals_data();
    void refusals();
};

void TestScimGroups::createGroupWithMembersGrantsRoles()
{
    Sp sp;
    sp.seedUsers();
    const qsizetype auditBefore = sp.store.audit()->size();
    const ScimResponse r = sp.post(s("/Groups"), groupBody("Admins", "[{'value': '1'}, "
                                                                     "{'value': '2'}]"));
    CHECK_STATUS(r, 201);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("id")).toString(), s("1"));
    QCOMPARE(QString::fromUtf8(r.location), kBase + QStringLiteral("/Groups/1"));
    const QJsonObject meta = o.value(QStringLiteral("meta")).toObject();
    QCOMPARE(meta.value(QStringLiteral("location")).toString(),
             kBase + QStringLiteral("/Groups/1"));
    QCOMPARE(meta.value(QStringLiteral("resourceType")).toString(), s("Group"));
    QCOMPARE(QString::fromLatin1(r.etag), meta.value(QStringLiteral("version")).toString());
    QVERIFY(!r.etag.isEmpty());
    QCOMPARE(o.value(QStringLiteral("displayName")).toString(), s("Admins"));
    QCOMPARE(jsonText(o.value(QStringLiteral("members"))),
             jsonText(QJsonDocument::fromJson(
                          j("[{'$ref': 'http://127.0.0.1:7003/scim/v2/Users/1', 'display': "
                            "'Alice Liddell', 'type': 'User', 'value': '1'},"
                            " {'$ref': 'http://127.0.0.1:7003/scim/v2/Users/2', 'display': "
                            "'Bob Baker', 'type': 'User', 'value': '2'}]"))
                          .array()));

    const jit::SpGroup g = sp.group(1);
    QCOMPARE(g.displayName, s("Admins"));
    QCOMPARE(idsText(g.members), s("1,2"));
    QCOMPARE(g.created, test::fixedNow());
    QCOMPARE(sp.store.counts()->memberships, 2);

    // Roles from the scim rules only (not the other issuer's).
    QCOMPARE(sp.roles(1), s("admin"));
    QCOMPARE(sp.roles(2), s("admin"));
    QCOMPARE(sp.roles(3), QString());
    QCOMPARE(auditLines(sp.store, auditBefore),
             (QStringList{s("scim group created 0"), s("scim updated 1 +admin"),
                          s("scim updated 2 +admin")}));
    QCOMPARE(sp.store.audit()->last().messageId, s("SCIM POST /Groups"));

    // The Users show their group, read-only.
    const QJsonObject alice = sp.get(s("/Users/1")).json();
    QCOMPARE(jsonText(alice.value(QStringLiteral("groups"))),
             jsonText(QJsonDocument::fromJson(
                          j("[{'$ref': 'http://127.0.0.1:7003/scim/v2/Groups/1', 'display': "
                            "'Admins', 'type': 'direct', 'value': '1'}]"))
                          .array()));
    QVERIFY(!sp.get(s("/Users/3")).json().contains(QStringLiteral("groups")));
    const ScimResponse inGroup =
        sp.get(s("/Users"), {{s("filter"), s("groups[display eq \"Admins\"]")}});
    QCOMPARE(inGroup.json().value(QStringLiteral("totalResults")).toInt(), 2);
}

void TestScimGroups::groupIsMatchedByExternalId()
{
    Sp sp;
    sp.seedUsers();
    const ScimResponse r = sp.post(
        s("/Groups"), groupBody("Engineering", "[{'value': '3'}]", ", 'externalId': 'eng-ext'"));
    CHECK_STATUS(r, 201);
    QCOMPARE(r.json().value(QStringLiteral("externalId")).toString(), s("eng-ext"));
    QCOMPARE(sp.roles(3), s("engineer"));
    // Two groups, two roles.
    CHECK_STATUS(sp.post(s("/Groups"), groupBody("Admins", "[{'value': '3'}]")), 201);
    QCOMPARE(sp.roles(3), s("admin,engineer"));
}

void TestScimGroups::withoutScimRulesRolesAreLeftAlone()
{
    Sp sp{ScimServiceOptions()};
    sp.seedUsers();
    jit::Account alice = sp.account(1);
    alice.roles = {s("user")}; // as a JIT login granted it
    QVERIFY(sp.store.transact([&](jit::StoreTx& tx) { return tx.updateAccount(alice); }).ok());
    const qsizetype auditBefore = sp.store.audit()->size();
    CHECK_STATUS(sp.post(s("/Groups"), groupBody("Admins", "[{'value': '1'}]")), 201);
    QCOMPARE(sp.roles(1), s("user"));
    QCOMPARE(auditLines(sp.store, auditBefore), QStringList{s("scim group created 0")});
    CHECK_STATUS(sp.del(s("/Groups/1")), 204);
    QCOMPARE(sp.roles(1), s("user"));
}

void TestScimGroups::rolesFromJitAreKeptBesideScimRoles()
{
    // SCIM rules govern admin, engineer and staff; "user" and "idp-admin"
    // came from a JIT login's groups claim and stay whatever SCIM does.
    Sp sp;
    sp.seedUsers();
    jit::Account alice = sp.account(1);
    alice.roles = {s("idp-admin"), s("staff"), s("user")};
    QVERIFY(sp.store.transact([&](jit::StoreTx& tx) { return tx.updateAccount(alice); }).ok());
    CHECK_STATUS(sp.post(s("/Groups"), groupBody("Admins", "[{'value': '1'}]")), 201);
    // "staff" is governed and alice is in no Staff group: taken away.
    QCOMPARE(sp.roles(1), s("admin,idp-admin,user"));
    CHECK_STATUS(sp.del(s("/Groups/1")), 204);
    QCOMPARE(sp.roles(1), s("idp-admin,user"));
    // Deleting the User takes its SCIM roles with its memberships, and only those.
    CHECK_STATUS(sp.post(s("/Groups"), groupBody("Staff", "[{'value': '1'}]")), 201);
    QCOMPARE(sp.roles(1), s("idp-admin,staff,user"));
    CHECK_STATUS(sp.del(s("/Users/1")), 204);
    QCOMPARE(sp.roles(1), s("idp-admin,user"));
}

void TestScimGroups::entraGroupSchemaIsTolerated()
{
    // Entra's POST /Groups lists its ADSCIM URN beside the core one
    // (scim_resource_check.cpp): accepted, and not stored or returned.
    Sp sp;
    sp.seedUsers();
    const ScimResponse r = sp.post(
        s("/Groups"),
        j("{'schemas': ['" GROUP_URN "', "
          "'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],"
          " 'externalId': '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', 'displayName': 'Group1936',"
          " 'members': []}"));
    CHECK_STATUS(r, 201);
    QCOMPARE(jsonText(r.json().value(QStringLiteral("schemas"))),
             jsonText(QJsonArray{s(GROUP_URN)}));
    // Any other URN is still refused.
    const Snapshot before = snapshot(sp.store);
    const ScimResponse other =
        sp.post(s("/Groups"), j("{'schemas': ['" GROUP_URN "', 'urn:example:Group'],"
                                " 'displayName': 'Other'}"));
    CHECK_STATUS(other, 400);
    QCOMPARE(other.scimType(), s("invalidSyntax"));
    checkUntouched(sp.store, before);
}

void TestScimGroups::getGroupAnswersTheStoredGroup()
{
    Sp sp;
    sp.seedUsers();
    const ScimResponse created =
        sp.post(s("/Groups"), groupBody("Admins", "[{'value': '1'}]", ", 'externalId': 'adm'"));
    CHECK_STATUS(created, 201);
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.get(s("/Groups/1"));
    CHECK_STATUS(r, 200);
    QCOMPARE(jsonText(r.json()), jsonText(created.json()));
    QCOMPARE(r.etag, created.etag);

    ScimRequest cond = request("GET", s("/Groups/1"));
    cond.ifNoneMatch = created.etag;
    const ScimResponse notModified = sp.send(cond);
    CHECK_STATUS(notModified, 304);
    QVERIFY(notModified.body.isEmpty());
    cond.ifNoneMatch = "W/\"0000000000000000\"";
    CHECK_STATUS(sp.send(cond), 200);

    const ScimResponse projected = sp.get(s("/Groups/1"), {{s("attributes"), s("displayName")}});
    CHECK_STATUS(projected, 200);
    QStringList keys = projected.json().keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{s("displayName"), s("id"), s("schemas")}));
    const ScimResponse noMembers =
        sp.get(s("/Groups/1"), {{s("excludedAttributes"), s("members")}});
    QVERIFY(!noMembers.json().contains(QStringLiteral("members")));
    QCOMPARE(noMembers.json().value(QStringLiteral("externalId")).toString(), s("adm"));
    checkUntouched(sp.store, before);

    // A member's new display name shows, with a new version.
    CHECK_STATUS(sp.patch(s("/Users/1"), patchBody("[{'op': 'replace', 'path': 'displayName',"
                                                   " 'value': 'Alice L.'}]")),
                 200);
    const ScimResponse after = sp.get(s("/Groups/1"));
    QCOMPARE(after.json()
                 .value(QStringLiteral("members"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("display"))
                 .toString(),
             s("Alice L."));
}

void TestScimGroups::unknownGroupIsNotFound_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("never made") << s("999");
    QTest::newRow("not numeric") << s("admins");
    QTest::newRow("zero") << s("0");
    QTest::newRow("deleted") << s("2");
}

void TestScimGroups::unknownGroupIsNotFound()
{
    QFETCH(QString, id);
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}]"));
    sp.createOk(s("/Groups"), groupBody("Gone", "[]"));
    CHECK_STATUS(sp.del(s("/Groups/2")), 204);
    const Snapshot before = snapshot(sp.store);
    const QString path = s("/Groups/") + id;
    const ScimResponse r = sp.get(path);
    CHECK_STATUS(r, 404);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), s("404"));
    CHECK_STATUS(sp.put(path, groupBody("X", "[]")), 404);
    CHECK_STATUS(sp.patch(path, patchBody("[{'op': 'replace', 'path': 'displayName', "
                                          "'value': 'Y'}]")),
                 404);
    CHECK_STATUS(sp.del(path), 404);
    checkUntouched(sp.store, before);
    CHECK_STATUS(sp.get(s("/Groups/1")), 200);
}

void TestScimGroups::listFiltersAndPagesGroups_data()
{
    QTest::addColumn<QString>("filter"); // null: none
    QTest::addColumn<QString>("startIndex");
    QTest::addColumn<QString>("count");
    QTest::addColumn<int>("total");
    QTest::addColumn<QStringList>("names");
    const QString none;
    const auto names = [](const char* list) {
        return s(list).split(u' ', Qt::SkipEmptyParts);
    };
    QTest::newRow("all") << none << none << none << 3 << names("Admins Staff Empty");
    QTest::newRow("displayName eq, any case")
        << s("displayName eq \"admins\"") << none << none << 1 << names("Admins");
    QTest::newRow("by member") << s("members[value eq \"3\"]") << none << none << 1
                               << names("Staff");
    QTest::newRow("by member value")
        << s("members.value eq \"1\"") << none << none << 1 << names("Admins");
    QTest::newRow("by member display")
        << s("members[display eq \"Bob Baker\"]") << none << none << 1 << names("Admins");
    QTest::newRow("with members") << s("members pr") << none << none << 2 << names("Admins Staff");
    QTest::newRow("without members")
        << s("not (members pr)") << none << none << 1 << names("Empty");
    QTest::newRow("externalId") << s("externalId eq \"adm-ext\"") << none << none << 1
                                << names("Admins");
    QTest::newRow("sw") << s("displayName sw \"S\"") << none << none << 1 << names("Staff");
    QTest::newRow("or") << s("displayName eq \"Staff\" or displayName eq \"Empty\"") << none << none
                        << 2 << names("Staff Empty");
    QTest::newRow("page 2 of 1") << none << s("2") << s("1") << 3 << names("Staff");
    QTest::newRow("count 0") << none << none << s("0") << 3 << names("");
}

void TestScimGroups::listFiltersAndPagesGroups()
{
    QFETCH(QString, filter);
    QFETCH(QString, startIndex);
    QFETCH(QString, count);
    QFETCH(int, total);
    QFETCH(QStringList, names);
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}, {'value': '2'}]",
                                        ", 'externalId': 'adm-ext'"));
    sp.createOk(s("/Groups"), groupBody("Staff", "[{'value': '3'}]"));
    sp.createOk(s("/Groups"), groupBody("Empty", "[]"));
    Query query;
    if (!filter.isNull())
        query.append({s("filter"), filter});
    if (!startIndex.isNull())
        query.append({s("startIndex"), startIndex});
    if (!count.isNull())
        query.append({s("count"), count});
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.get(s("/Groups"), query);
    CHECK_STATUS(r, 200);
    QCOMPARE(displayNames(r.json()), names);
    QCOMPARE(r.json().value(QStringLiteral("totalResults")).toInt(), total);
    QCOMPARE(r.json().value(QStringLiteral("itemsPerPage")).toInt(), names.size());
    checkUntouched(sp.store, before);
}

void TestScimGroups::patchChangesMembersAndRoles_data()
{
    QTest::addColumn<QByteArray>("operations");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("members");
    QTest::addColumn<QStringList>("roles"); // alice, bob, carol
    const auto row = [](const char* name, const char* ops, const char* displayName,
                        const char* members, const char* alice, const char* bob,
                        const char* carol) {
        QTest::newRow(name) << j(ops) << s(displayName) << s(members)
                            << QStringList{s(alice), s(bob), s(carol)};
    };
    // Start: Admins with alice and bob, both "admin".
    row("add members (Okta)",
        "[{'op': 'add', 'path': 'members', 'value': [{'value': '3', 'display': "
        "'carol@example.com'}]}]",
        "Admins", "1,2,3", "admin", "admin", "admin");
    row("add members without path", "[{'op': 'add', 'value': {'members': [{'value': '3'}]}}]",
        "Admins", "1,2,3", "admin", "admin", "admin");
    row("Add capitalised (Entra)", "[{'op': 'Add', 'path': 'members', 'value': [{'value': '3'}]}]",
        "Admins", "1,2,3", "admin", "admin", "admin");
    row("remove by value filter (Okta)", "[{'op': 'remove', 'path': 'members[value eq \\'2\\']'}]",
        "Admins", "1", "admin", "", "");
    row("Remove with a value list (Entra)",
        "[{'op': 'Remove', 'path': 'members', 'value': [{'value': '2'}]}]", "Admins", "1", "admin",
        "", "");
    row("remove and add in one request (Okta)",
        "[{'op': 'remove', 'path': 'members[value eq \\'2\\']'},"
        " {'op': 'add', 'path': 'members', 'value': [{'value': '3', 'display': 'c'}]}]",
        "Admins", "1,3", "admin", "", "admin");
    row("replace members", "[{'op': 'replace', 'path': 'members', 'value': [{'value': '3'}]}]",
        "Admins", "3", "", "", "admin");
    row("remove all members", "[{'op': 'remove', 'path': 'members'}]", "Admins", "", "", "", "");
    row("rename by replace", "[{'op': 'replace', 'path': 'displayName', 'value': 'Staff'}]",
        "Staff", "1,2", "staff", "staff", "");
    row("Replace capitalised rename (Entra)",
        "[{'op': 'Replace', 'path': 'displayName', 'value': 'Staff'}]", "Staff", "1,2", "staff",
        "staff", "");
    row("rename without path", "[{'op': 'replace', 'value': {'displayName': 'Staff'}}]", "Staff",
        "1,2", "staff", "staff", "");
    row("rename with the id in the value (Okta)",
        "[{'op': 'replace', 'value': {'id': '1', 'displayName': 'Staff'}}]", "Staff", "1,2",
        "staff", "staff", "");
    row("rename to a name no rule knows",
        "[{'op': 'replace', 'path': 'displayName', 'value': 'Nobody'}]", "Nobody", "1,2", "", "",
        "");
    row("externalId that a rule knows", "[{'op': 'add', 'path': 'externalId', 'value': 'eng-ext'}]",
        "Admins", "1,2", "admin,engineer", "admin,engineer", "");
    row("rename and add in one request",
        "[{'op': 'replace', 'path': 'displayName', 'value': 'Staff'},"
        " {'op': 'add', 'path': 'members', 'value': [{'value': '3'}]}]",
        "Staff", "1,2,3", "staff", "staff", "staff");
}

void TestScimGroups::patchChangesMembersAndRoles()
{
    QFETCH(QByteArray, operations);
    QFETCH(QString, displayName);
    QFETCH(QString, members);
    QFETCH(QStringList, roles);
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}, {'value': '2'}]"));
    QCOMPARE(sp.roles(1), s("admin"));
    const ScimResponse before = sp.get(s("/Groups/1"));
    const qsizetype auditBefore = sp.store.audit()->size();
    sp.clock.advance(60);

    const QByteArray body =
        "{\"schemas\": [\"" PATCH_URN "\"], \"Operations\": " + operations + "}";
    const ScimResponse r = sp.patch(s("/Groups/1"), body);
    CHECK_STATUS(r, 200);
    QCOMPARE(r.json().value(QStringLiteral("displayName")).toString(), displayName);
    QCOMPARE(memberValues(r.json()), members);
    QVERIFY(r.etag != before.etag);
    QCOMPARE(jsonText(sp.get(s("/Groups/1")).json()), jsonText(r.json()));

    const jit::SpGroup g = sp.group(1);
    QCOMPARE(g.displayName, displayName);
    QCOMPARE(idsText(g.members), members);
    QCOMPARE(g.updated, sp.clock.now());
    QCOMPARE(sp.roles(1), roles[0]);
    QCOMPARE(sp.roles(2), roles[1]);
    QCOMPARE(sp.roles(3), roles[2]);

    // One "group updated" entry, then one per account whose roles changed.
    const QStringList lines = auditLines(sp.store, auditBefore);
    QVERIFY2(!lines.isEmpty(), "no audit entry");
    QCOMPARE(lines.first(), s("scim group updated 0"));
    const QStringList before3{s("admin"), s("admin"), s("")};
    qsizetype changed = 0;
    for (int i = 0; i < 3; ++i)
        if (roles[i] != before3[i])
            ++changed;
    QCOMPARE(lines.size(), changed + 1);
    for (const QString& line : lines.mid(1))
        QVERIFY2(line.startsWith(QLatin1String("scim updated ")), qPrintable(line));
}

void TestScimGroups::noOpPatchWritesNothing_data()
{
    QTest::addColumn<QByteArray>("operations");
    QTest::newRow("add a member already there")
        << j("[{'op': 'add', 'path': 'members', 'value': [{'value': '1'}]}]");
    QTest::newRow("add a member already there, with display (Okta)")
        << j("[{'op': 'add', 'path': 'members', 'value': [{'value': '1', 'display': 'a'}]}]");
    QTest::newRow("remove a member not there")
        << j("[{'op': 'remove', 'path': 'members[value eq \\'3\\']'}]");
    QTest::newRow("rename to the same name")
        << j("[{'op': 'replace', 'path': 'displayName', 'value': 'Admins'}]");
}

void TestScimGroups::noOpPatchWritesNothing()
{
    QFETCH(QByteArray, operations);
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}, {'value': '2'}]"));
    const ScimResponse before = sp.get(s("/Groups/1"));
    const Snapshot stored = snapshot(sp.store);
    sp.clock.advance(60);
    const QByteArray body =
        "{\"schemas\": [\"" PATCH_URN "\"], \"Operations\": " + operations + "}";
    const ScimResponse r = sp.patch(s("/Groups/1"), body);
    CHECK_STATUS(r, 200);
    QCOMPARE(jsonText(r.json()), jsonText(before.json()));
    QCOMPARE(r.etag, before.etag);
    checkUntouched(sp.store, stored);
}

void TestScimGroups::putReplacesTheGroup()
{
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"),
                groupBody("Admins", "[{'value': '1'}, {'value': '2'}]", ", 'externalId': 'adm'"));
    const ScimResponse before = sp.get(s("/Groups/1"));
    sp.clock.advance(60);
    ScimRequest put = request("PUT", s("/Groups/1"),
                              groupBody("Staff", "[{'value': '3'}, {'value': '2'}]",
                                        ", 'id': '99', 'meta': {'version': 'x'}"));
    put.ifMatch = before.etag;
    const ScimResponse r = sp.send(put);
    CHECK_STATUS(r, 200);
    QCOMPARE(r.json().value(QStringLiteral("id")).toString(), s("1"));
    QCOMPARE(r.json().value(QStringLiteral("displayName")).toString(), s("Staff"));
    QCOMPARE(memberValues(r.json()), s("2,3"));
    QVERIFY(!r.json().contains(QStringLiteral("externalId"))); // replaced, not merged
    QVERIFY(r.etag != before.etag);
    const jit::SpGroup g = sp.group(1);
    QCOMPARE(g.externalId, QString());
    QCOMPARE(idsText(g.members), s("2,3"));
    QCOMPARE(sp.roles(1), QString());
    QCOMPARE(sp.roles(2), s("staff"));
    QCOMPARE(sp.roles(3), s("staff"));
    QCOMPARE(sp.store.audit()->last().messageId, s("SCIM PUT /Groups/1"));
}

void TestScimGroups::deleteGroupRemovesItsRoles()
{
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}, {'value': '2'}]"));
    sp.createOk(s("/Groups"), groupBody("Staff", "[{'value': '1'}]"));
    QCOMPARE(sp.roles(1), s("admin,staff"));
    const qsizetype auditBefore = sp.store.audit()->size();

    const ScimResponse r = sp.del(s("/Groups/1"));
    CHECK_STATUS(r, 204);
    QVERIFY(r.body.isEmpty());
    QVERIFY(!sp.store.group(1)->has_value());
    QCOMPARE(sp.store.counts()->groups, 1);
    QCOMPARE(sp.store.counts()->memberships, 1);
    QCOMPARE(sp.store.counts()->accounts, 3);
    QCOMPARE(sp.roles(1), s("staff"));
    QCOMPARE(sp.roles(2), QString());
    QCOMPARE(auditLines(sp.store, auditBefore),
             (QStringList{s("scim group deleted 0"), s("scim updated 1 -admin"),
                          s("scim updated 2 -admin")}));

    CHECK_STATUS(sp.get(s("/Groups/1")), 404);
    const Snapshot after = snapshot(sp.store);
    CHECK_STATUS(sp.del(s("/Groups/1")), 404);
    checkUntouched(sp.store, after);
    QVERIFY(!sp.get(s("/Users/2")).json().contains(QStringLiteral("groups")));
    // The name is free again.
    CHECK_STATUS(sp.post(s("/Groups"), groupBody("Admins", "[]")), 201);
}

void TestScimGroups::deletingAUserRemovesItFromGroups()
{
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}, {'value': '2'}]"));
    sp.createOk(s("/Groups"), groupBody("Staff", "[{'value': '1'}, {'value': '3'}]"));
    QCOMPARE(sp.store.counts()->memberships, 4);

    CHECK_STATUS(sp.del(s("/Users/1")), 204);
    QCOMPARE(idsText(sp.group(1).members), s("2"));
    QCOMPARE(idsText(sp.group(2).members), s("3"));
    QCOMPARE(sp.store.counts()->memberships, 2);
    QCOMPARE(memberValues(sp.get(s("/Groups/1")).json()), s("2"));
    QCOMPARE(memberValues(sp.get(s("/Groups/2")).json()), s("3"));
    const jit::Account alice = sp.account(1);
    QCOMPARE(alice.status, jit::AccountStatus::Deleted);
    QCOMPARE(alice.roles, QStringList());
    const jit::AuditEntry last = sp.store.audit()->last();
    QCOMPARE(last.action, s("deleted"));
    QVERIFY2(last.reasons.contains(s("left group 1 \"Admins\"")),
             qPrintable(last.reasons.join(u';')));
    QVERIFY2(last.reasons.contains(s("left group 2 \"Staff\"")),
             qPrintable(last.reasons.join(u';')));
    // The others keep theirs.
    QCOMPARE(sp.roles(2), s("admin"));
    QCOMPARE(sp.roles(3), s("staff"));
    // A deleted User cannot be added back.
    const ScimResponse r = sp.patch(
        s("/Groups/1"), patchBody("[{'op': 'add', 'path': 'members', 'value': [{'value': '1'}]}]"));
    CHECK_STATUS(r, 400);
    QCOMPARE(r.scimType(), s("invalidValue"));
}

void TestScimGroups::memberDeletedOutsideScimDoesNotBreakTheGroup()
{
    // An account closed by something other than SCIM (an admin, a clean-up
    // job) keeps its membership rows; the group must still be readable and
    // writable.
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}, {'value': '2'}]"));
    jit::Account alice = sp.account(1);
    alice.status = jit::AccountStatus::Deleted;
    QVERIFY(sp.store.transact([&](jit::StoreTx& tx) { return tx.updateAccount(alice); }).ok());

    const ScimResponse got = sp.get(s("/Groups/1"));
    CHECK_STATUS(got, 200);
    QVERIFY2(!memberValues(got.json()).split(u',').contains(s("1")), got.body.constData());
    const ScimResponse listed = sp.get(s("/Groups"));
    CHECK_STATUS(listed, 200);
    QCOMPARE(listed.json().value(QStringLiteral("totalResults")).toInt(), 1);
    const ScimResponse added = sp.patch(
        s("/Groups/1"), patchBody("[{'op': 'add', 'path': 'members', 'value': [{'value': '3'}]}]"));
    CHECK_STATUS(added, 200);
    QVERIFY(memberValues(added.json()).split(u',').contains(s("3")));
}

void TestScimGroups::refusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("ifMatch");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType");
    const auto post = [](const char* name, const QByteArray& body, int status,
                         const char* scimType) {
        QTest::newRow(name) << QByteArray("POST") << s("/Groups") << QByteArray() << body << status
                            << s(scimType);
    };
    const auto patch = [](const char* name, const char* ops, int status, const char* scimType) {
        QTest::newRow(name) << QByteArray("PATCH") << s("/Groups/1") << QByteArray()
                            << patchBody(ops) << status << s(scimType);
    };
    const auto put = [](const char* name, const QByteArray& body, int status,
                        const char* scimType) {
        QTest::newRow(name) << QByteArray("PUT") << s("/Groups/1") << QByteArray() << body << status
                            << s(scimType);
    };
    // Users 1-3, user 4 deleted; group 1 Admins [1, 2], group 2 Staff [3].
    post("POST unknown member id", groupBody("New", "[{'value': '999'}]"), 400, "invalidValue");
    post("POST member not an id", groupBody("New", "[{'value': 'alice'}]"), 400, "invalidValue");
    post("POST member without value", groupBody("New", "[{'display': 'Alice'}]"), 400,
         "invalidValue");
    post("POST nested group member", groupBody("New", "[{'value': '2', 'type': 'Group'}]"), 400,
         "invalidValue");
    post("POST deleted User as member", groupBody("New", "[{'value': '4'}]"), 400, "invalidValue");
    post("POST one good and one unknown member",
         groupBody("New", "[{'value': '1'}, {'value': '999'}]"), 400, "invalidValue");
    post("POST duplicate displayName", groupBody("Admins", "[]"), 409, "uniqueness");
    post("POST duplicate displayName in another case", groupBody("ADMINS", "[]"), 409,
         "uniqueness");
    post("POST missing displayName", j("{'schemas': ['" GROUP_URN "'], 'members': []}"), 400,
         "invalidValue");
    post("POST blank displayName", groupBody(" ", "[]"), 400, "invalidValue");
    post("POST User schema", j("{'schemas': ['" USER_URN "'], 'displayName': 'New'}"), 400,
         "invalidSyntax");
    post("POST no schemas", j("{'displayName': 'New'}"), 400, "invalidSyntax");
    post("POST malformed JSON", QByteArray("{\"displayName\": "), 400, "invalidSyntax");
    post("POST unknown attribute",
         j("{'schemas': ['" GROUP_URN "'], 'displayName': 'New', 'owner': 'x'}"), 400,
         "invalidValue");
    post("POST members not an array",
         j("{'schemas': ['" GROUP_URN "'], 'displayName': 'New', 'members': {'value': '1'}}"), 400,
         "invalidValue");
    patch("PATCH add unknown member",
          "[{'op': 'add', 'path': 'members', 'value': [{'value': '999'}]}]", 400, "invalidValue");
    patch("PATCH add nested group",
          "[{'op': 'add', 'path': 'members', 'value': [{'value': '2', 'type': 'Group'}]}]", 400,
          "invalidValue");
    patch("PATCH add deleted User", "[{'op': 'add', 'path': 'members', 'value': [{'value': '4'}]}]",
          400, "invalidValue");
    patch("PATCH rename to a taken name",
          "[{'op': 'replace', 'path': 'displayName', 'value': 'staff'}]", 409, "uniqueness");
    patch("PATCH remove displayName", "[{'op': 'remove', 'path': 'displayName'}]", 400,
          "invalidValue");
    patch("PATCH replace through a filter matching nothing",
          "[{'op': 'replace', 'path': 'members[value eq \\'3\\']', 'value': {'value': '3'}}]", 400,
          "noTarget");
    patch("PATCH unknown path", "[{'op': 'replace', 'path': 'owner', 'value': 'x'}]", 400,
          "invalidPath");
    patch("PATCH rename with another id in the value",
          "[{'op': 'replace', 'value': {'id': '2', 'displayName': 'Ops'}}]", 400, "mutability");
    patch("PATCH path id", "[{'op': 'replace', 'path': 'id', 'value': '7'}]", 400, "mutability");
    patch("PATCH read-only member display",
          "[{'op': 'replace', 'path': 'members[value eq \\'1\\'].display', 'value': 'x'}]", 400,
          "mutability");
    patch("PATCH unknown op", "[{'op': 'merge', 'path': 'members', 'value': []}]", 400,
          "invalidSyntax");
    QTest::newRow("PATCH If-Match another version")
        << QByteArray("PATCH") << s("/Groups/1") << QByteArray("W/\"0123456789abcdef\"")
        << patchBody("[{'op': 'remove', 'path': 'members'}]") << 412 << QString();
    put("PUT unknown member", groupBody("Admins", "[{'value': '999'}]"), 400, "invalidValue");
    put("PUT taken name", groupBody("Staff", "[]"), 409, "uniqueness");
    put("PUT wrong schema", j("{'schemas': ['" USER_URN "'], 'displayName': 'X'}"), 400,
        "invalidSyntax");
    QTest::newRow("PUT If-Match another version")
        << QByteArray("PUT") << s("/Groups/1") << QByteArray("W/\"0123456789abcdef\"")
        << groupBody("Admins", "[]") << 412 << QString();
    QTest::newRow("DELETE If-Match another version")
        << QByteArray("DELETE") << s("/Groups/1") << QByteArray("W/\"0123456789abcdef\"")
        << QByteArray() << 412 << QString();
    QTest::newRow("DELETE unknown group") << QByteArray("DELETE") << s("/Groups/42") << QByteArray()
                                          << QByteArray() << 404 << QString();
    QTest::newRow("PUT /Groups (no id)") << QByteArray("PUT") << s("/Groups") << QByteArray()
                                         << groupBody("X", "[]") << 405 << QString();
}

void TestScimGroups::refusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, ifMatch);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    Sp sp;
    sp.seedUsers();
    sp.createOk(s("/Users"), j("{'schemas': ['" USER_URN "'], 'userName': 'gone@example.com'}"));
    CHECK_STATUS(sp.del(s("/Users/4")), 204);
    sp.createOk(s("/Groups"), groupBody("Admins", "[{'value': '1'}, {'value': '2'}]"));
    sp.createOk(s("/Groups"), groupBody("Staff", "[{'value': '3'}]"));
    const Snapshot before = snapshot(sp.store);

    ScimRequest req = request(method.constData(), path, body);
    req.ifMatch = ifMatch;
    const ScimResponse r = sp.send(req);
    CHECK_STATUS(r, status);
    QCOMPARE(r.scimType(), scimType);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QString::number(status));
    QVERIFY(!r.json().value(QStringLiteral("detail")).toString().isEmpty());
    checkUntouched(sp.store, before);
}

QTEST_GUILESS_MAIN(TestScimGroups)
#include "test_scim_groups.moc"
