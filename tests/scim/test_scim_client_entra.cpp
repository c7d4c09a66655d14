// Entra ID's SCIM client against a recording fake server: the requests of
// Microsoft's SCIM tutorial and compatibility notes — lookups by the
// matching attributes, create with both schemas, PATCH with and without
// aadOptscim062020 ("Replace", "False" as a string, value paths, a value
// object), null values never sent, the hard DELETE on day 30 and not 29,
// and groups created empty then filled. Sources, as in
// core/scim/scim_profile_entra.cpp: [T] the SCIM endpoint tutorial, [K] the
// SCIM 2.0 compliance known issues (aadOptscim062020), [H] "How Application
// Provisioning works", [N] the provisioning known issues.
#include "scim_client_fakes.h"

using namespace jh;
using namespace jh::scim;
using namespace jh::scim::fake;

class TestScimClientEntra : public QObject
{
    Q_OBJECT

    ManualClock m_clock{test::fixedNow()};

private Q_SLOTS:
    void init() { m_clock.set(test::fixedNow()); }

    // Entra, [T] "Create User" and "Create Group": the userName lookup with
    // no paging, the POST with both schemas, "roles": [] and name.formatted;
    // the group looked up without members, created empty with the ADSCIM
    // schema, then "Add" members with "$ref": null.
    void entra_hire()
    {
        FakeServer server;
        ScimClientState state;
        const PushReport report = push(aliceDirectory(), state, server, m_clock, entra());
        QCOMPARE(server.lines(),
                 QStringList({str("GET /Users?filter=") + str(kAliceFilter), str("POST /Users"),
                              str("GET /Groups?excludedAttributes=members&filter=displayName eq "
                                  "\"All Staff\""),
                              str("POST /Groups"), str("PATCH /Groups/g2")}));
        QCOMPARE(bodyOf(server.requests.at(1)),
                 obj("{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:User',"
                     "             'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],"
                     " 'externalId': 'alice', 'userName': 'alice@contoso.example',"
                     " 'active': true, 'displayName': 'Alice Martin',"
                     " 'emails': [{'primary': true, 'type': 'work',"
                     "             'value': 'alice.martin@contoso.example'}],"
                     " 'meta': {'resourceType': 'User'},"
                     " 'name': {'formatted': 'Alice Martin', 'familyName': 'Martin',"
                     "          'givenName': 'Alice'},"
                     " 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':"
                     "     {'department': 'Engineering'},"
                     " 'roles': []}"));
        QCOMPARE(
            bodyOf(server.requests.at(3)),
            obj("{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group',"
                "  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],"
                " 'externalId': '3541eb9d-4724-5cea-b2ef-8fe38e1b5b16',"
                " 'displayName': 'All Staff', 'meta': {'resourceType': 'Group'}}"));
        QCOMPARE(bodyOf(server.requests.at(4)),
                 obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                     " 'Operations': [{'op': 'Add', 'path': 'members',"
                     "                 'value': [{'$ref': null, 'value': 'u1'}]}]}"));
        QVERIFY(report.succeeded());
    }

    // [T] "Update User [Multi-valued properties]" and [K] "Requests to
    // replace multiple attributes", with and without the flag.
    void entra_update_data()
    {
        QTest::addColumn<bool>("compliant");
        QTest::addColumn<QJsonObject>("patch");
        QTest::newRow("default: one Replace per attribute")
            << false
            << obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                   " 'Operations': ["
                   "  {'op': 'Replace', 'path': 'emails[type eq \\'work\\'].value',"
                   "   'value': 'alice.king@contoso.example'},"
                   "  {'op': 'Replace', 'path': 'name.familyName', 'value': 'King'},"
                   "  {'op': 'Replace', 'path': 'name.formatted', 'value': 'Alice King'}]}");
        QTest::newRow("aadOptscim062020: value path apart, the rest in one value object")
            << true
            << obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                   " 'Operations': ["
                   "  {'op': 'replace', 'path': 'emails[type eq \\'work\\'].value',"
                   "   'value': 'alice.king@contoso.example'},"
                   "  {'op': 'replace', 'value': {'name.familyName': 'King',"
                   "                               'name.formatted': 'Alice King'}}]}");
    }

    void entra_update()
    {
        QFETCH(bool, compliant);
        QFETCH(QJsonObject, patch);
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, entra(compliant));
        server.requests.clear();
        editAlice(d, [](idp::Person& p) {
            p.familyName = str("King");
            p.email = str("alice.king@contoso.example");
        });
        const PushReport report = push(d, state, server, m_clock, entra(compliant));
        QCOMPARE(server.lines(), QStringList({str("GET /Users?filter=") + str(kAliceFilter),
                                              str("PATCH /Users/u1")}));
        QCOMPARE(bodyOf(server.requests.at(1)), patch);
        QCOMPARE(report.summary.updated, 1);
    }

    // Entra compares with what the server holds: a value the server lacks is
    // "Add" ([K] "add a single-value string attribute"); a value the
    // directory lost is not sent at all ([N] null attributes are skipped).
    void entra_addAndNull()
    {
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, entra());
        server.users[str("u1")].remove(str("displayName"));
        editAlice(d, [](idp::Person& p) {
            p.department.clear();
            p.displayName = str("Alice M.");
        });
        server.requests.clear();
        push(d, state, server, m_clock, entra());
        QCOMPARE(
            bodyOf(server.requests.at(1)),
            obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                " 'Operations': [{'op': 'Add', 'path': 'displayName', 'value': 'Alice M.'}]}"));
    }

    void entra_leaver_data()
    {
        QTest::addColumn<bool>("compliant");
        QTest::addColumn<QJsonObject>("disable");
        QTest::addColumn<QJsonObject>("removeMember");
        QTest::newRow("default: 'False' as a string, Remove with value")
            << false
            << obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                   " 'Operations': [{'op': 'Replace', 'path': 'active', 'value': 'False'}]}")
            << obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                   " 'Operations': [{'op': 'Remove', 'path': 'members',"
                   "                 'value': [{'$ref': null, 'value': 'u1'}]}]}");
        QTest::newRow("aadOptscim062020: a boolean, remove by value filter")
            << true
            << obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                   " 'Operations': [{'op': 'replace', 'path': 'active', 'value': false}]}")
            << obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                   " 'Operations': [{'op': 'remove', 'path': 'members[value eq \\'u1\\']'}]}");
    }

    void entra_leaver()
    {
        QFETCH(bool, compliant);
        QFETCH(QJsonObject, disable);
        QFETCH(QJsonObject, removeMember);
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, entra(compliant));
        server.requests.clear();
        editAlice(d, [](idp::Person& p) { p.status = idp::PersonStatus::Left; });
        const PushReport report = push(d, state, server, m_clock, entra(compliant));
        QCOMPARE(server.lines(),
                 QStringList({str("GET /Users?filter=") + str(kAliceFilter), str("PATCH /Users/u1"),
                              str("GET /Groups?excludedAttributes=members&filter=displayName eq "
                                  "\"All Staff\""),
                              str("PATCH /Groups/g2")}));
        QCOMPARE(bodyOf(server.requests.at(1)), disable);
        QCOMPARE(bodyOf(server.requests.at(3)), removeMember);
        QCOMPARE(report.summary.deactivated, 1);
        QCOMPARE(state.users.value(str("alice")).softDeletedAt, m_clock.now());
    }

    // [H]: hard-deleted 30 days after the soft delete. The delay counts from
    // the push that first saw the person leave; a person who vanished from
    // the directory file is treated the same way.
    void entra_deleteAfterDelay_data()
    {
        QTest::addColumn<bool>("vanish");
        QTest::newRow("status left") << false;
        QTest::newRow("gone from the directory") << true;
    }

    void entra_deleteAfterDelay()
    {
        QFETCH(bool, vanish);
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, entra());
        if (vanish)
            d.removePerson(str("alice"));
        else
            editAlice(d, [](idp::Person& p) { p.status = idp::PersonStatus::Left; });
        push(d, state, server, m_clock, entra());
        QVERIFY(server.users.contains(str("u1")));
        QCOMPARE(server.users.value(str("u1")).value(str("active")), QJsonValue(false));

        server.requests.clear();
        m_clock.advance(29 * 86400);
        push(d, state, server, m_clock, entra());
        QCOMPARE(server.lines(), QStringList());

        m_clock.advance(86400);
        const PushReport report = push(d, state, server, m_clock, entra());
        QCOMPARE(server.lines(), QStringList({str("GET /Users?filter=") + str(kAliceFilter),
                                              str("DELETE /Users/u1")}));
        QCOMPARE(report.summary.deleted, 1);
        QVERIFY(!server.users.contains(str("u1")));
        QVERIFY(!state.users.contains(str("alice")));

        server.requests.clear();
        m_clock.advance(86400);
        push(d, state, server, m_clock, entra());
        QCOMPARE(server.lines(), QStringList());
    }

    // Coming back within the 30 days restores the user and stops the clock.
    void entra_returnBeforeDelete()
    {
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, entra());
        editAlice(d, [](idp::Person& p) { p.status = idp::PersonStatus::Left; });
        push(d, state, server, m_clock, entra());
        m_clock.advance(10 * 86400);
        editAlice(d, [](idp::Person& p) { p.status = idp::PersonStatus::Active; });
        server.requests.clear();
        const PushReport report = push(d, state, server, m_clock, entra());
        QCOMPARE(bodyOf(server.requests.at(1)),
                 obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                     " 'Operations': [{'op': 'Replace', 'path': 'active', 'value': 'True'}]}"));
        QCOMPARE(report.summary.reactivated, 1);
        QVERIFY(!state.users.value(str("alice")).softDeletedAt.isValid());
        m_clock.advance(60 * 86400);
        push(d, state, server, m_clock, entra());
        QVERIFY(server.users.contains(str("u1")));
    }

    // Entra tries its matching attributes in order (its matching precedence).
    void entra_matchingPrecedence()
    {
        FakeServer server;
        server.addUser(str("u7"), obj("{'userName': 'amartin', 'externalId': 'alice',"
                                      " 'active': true}"));
        ScimClientOptions options = entra();
        options.entraMatching = {EntraMatch::UserName, EntraMatch::ExternalId};
        options.pushGroups = false;
        ScimClientState state;
        push(aliceDirectory(), state, server, m_clock, options);
        QCOMPARE(server.lines(), QStringList({str("GET /Users?filter=") + str(kAliceFilter),
                                              str("GET /Users?filter=externalId eq \"alice\""),
                                              str("PATCH /Users/u7")}));
        QCOMPARE(state.users.value(str("alice")).scimId, str("u7"));
    }

    void guestMailNickname()
    {
        const idp::Directory d = sampleDirectory();
        QCOMPARE(entraMailNickname(*d.person(str("bob")), d.tenant()),
                 str("bob_fabrikam.example#EXT#"));
        QCOMPARE(
            attributeValue(entraAttributes(*d.person(str("bob")), d.tenant()), str("userName")),
            str("bob@fabrikam.example"));
    }
};

QTEST_GUILESS_MAIN(TestScimClientEntra)
#include "test_scim_client_entra.moc"
