// Okta's SCIM client against a recording fake server: the request sequence
// and bodies of Okta's "SCIM 2.0 protocol reference" (lookup with Okta's
// paging, POST, GET + PUT or PATCH updates, deactivation by a path-less
// replace and never a DELETE, Group Push with its name PATCH on every
// membership change), and nothing for a suspended user unless told so.
#include "scim_client_fakes.h"

using namespace jh;
using namespace jh::scim;
using namespace jh::scim::fake;

class TestScimClientOkta : public QObject
{
    Q_OBJECT

    ManualClock m_clock{test::fixedNow()};

private Q_SLOTS:
    void init() { m_clock.set(test::fixedNow()); }

    // Okta, "Create Users": the lookup with Okta's paging, then the POST
    // in the documented shape; Group Push: POST with no members, then the
    // name PATCH that comes with every membership PATCH, then the add.
    void okta_hire()
    {
        FakeServer server;
        ScimClientState state;
        const PushReport report = push(aliceDirectory(), state, server, m_clock, okta());
        QCOMPARE(server.lines(), QStringList({str("GET /Users?filter=") + str(kAliceFilter) +
                                                  str("&startIndex=1&count=100"),
                                              str("POST /Users"), str("POST /Groups"),
                                              str("PATCH /Groups/g2"), str("PATCH /Groups/g2")}));
        QCOMPARE(bodyOf(server.requests.at(1)),
                 obj("{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:User',"
                     "             'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],"
                     " 'userName': 'alice@contoso.example',"
                     " 'name': {'givenName': 'Alice', 'familyName': 'Martin'},"
                     " 'emails': [{'primary': true, 'value': 'alice.martin@contoso.example',"
                     "             'type': 'work'}],"
                     " 'displayName': 'Alice Martin', 'locale': 'en-US', 'externalId': 'alice',"
                     " 'groups': [], 'password': 'hagvtoa5', 'active': true,"
                     " 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':"
                     "     {'department': 'Engineering'}}"));
        QCOMPARE(bodyOf(server.requests.at(2)),
                 obj("{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'],"
                     " 'displayName': 'All Staff', 'members': []}"));
        QCOMPARE(bodyOf(server.requests.at(3)),
                 obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                     " 'Operations': [{'op': 'replace',"
                     "                 'value': {'id': 'g2', 'displayName': 'All Staff'}}]}"));
        QCOMPARE(bodyOf(server.requests.at(4)),
                 obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                     " 'Operations': [{'op': 'add', 'path': 'members',"
                     "   'value': [{'value': 'u1', 'display': 'alice@contoso.example'}]}]}"));
        QVERIFY(report.succeeded());
        QCOMPARE(report.summary.created, 1);
        QCOMPARE(report.summary.groupsCreated, 1);
        QCOMPARE(state.users.value(str("alice")).scimId, str("u1"));
    }

    // A user the lookup finds is linked, activated if needed, and given the
    // app profile by the update flow (GET then PUT).
    void okta_linksExistingUser()
    {
        FakeServer server;
        server.addUser(str("u9"), obj("{'userName': 'alice@contoso.example', 'active': false,"
                                      " 'emails': [{'value': 'old@contoso.example',"
                                      "             'type': 'work', 'primary': true}]}"));
        ScimClientState state;
        ScimClientOptions options = okta();
        options.pushGroups = false;
        push(aliceDirectory(), state, server, m_clock, options);
        QCOMPARE(server.lines().mid(1),
                 QStringList({str("PATCH /Users/u9"), str("GET /Users/u9"), str("PUT /Users/u9")}));
        QCOMPARE(bodyOf(server.requests.at(1)),
                 obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                     " 'Operations': [{'op': 'replace', 'value': {'active': true}}]}"));
        const QJsonObject put = bodyOf(server.requests.at(3));
        QCOMPARE(put.value(str("id")).toString(), str("u9"));
        QCOMPARE(scimValue(put, str("emails[type eq \"work\"].value")),
                 str("alice.martin@contoso.example"));
        QCOMPARE(put.value(str("emails")).toArray().size(), 1);
        QCOMPARE(scimValue(put, str("name.familyName")), str("Martin"));
    }

    void okta_update_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("put (documented): GET then the whole user")
            << int(OktaUpdate::Put) << QStringList({str("GET /Users/u1"), str("PUT /Users/u1")});
        QTest::newRow("patch: one replace with the changed attributes")
            << int(OktaUpdate::Patch) << QStringList({str("PATCH /Users/u1")});
    }

    void okta_update()
    {
        QFETCH(int, method);
        QFETCH(QStringList, lines);
        ScimClientOptions options = okta();
        options.oktaUpdate = OktaUpdate(method);
        options.pushGroups = false;
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, options);
        server.requests.clear();
        editAlice(d, [](idp::Person& p) { p.familyName = str("King"); });
        const PushReport report = push(d, state, server, m_clock, options);
        QCOMPARE(server.lines(), lines);
        QCOMPARE(report.summary.updated, 1);
        const QJsonObject body = bodyOf(server.requests.constLast());
        if (options.oktaUpdate == OktaUpdate::Put) {
            QCOMPARE(body.value(str("id")).toString(), str("u1"));
            QCOMPARE(scimValue(body, str("name.familyName")), str("King"));
            QCOMPARE(body.value(str("password")).toString(), str("hagvtoa5")); // as retrieved
        } else {
            QCOMPARE(body, obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                               " 'Operations': [{'op': 'replace', 'value':"
                               "   {'name': {'givenName': 'Alice', 'familyName': 'King'}}}]}"));
        }
        QCOMPARE(
            server.users.value(str("u1")).value(str("name")).toObject().value(str("familyName")),
            QJsonValue(str("King")));
    }

    // Okta, "Delete Users": a leaver is deactivated by Okta's exact PATCH and
    // never deleted, however long the push keeps running.
    void okta_leaver()
    {
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, okta());
        server.requests.clear();
        editAlice(d, [](idp::Person& p) { p.status = idp::PersonStatus::Left; });
        PushReport report = push(d, state, server, m_clock, okta());
        QCOMPARE(server.lines(), QStringList({str("PATCH /Users/u1"), str("PATCH /Groups/g2"),
                                              str("PATCH /Groups/g2")}));
        QCOMPARE(bodyOf(server.requests.at(0)),
                 obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                     " 'Operations': [{'op': 'replace', 'value': {'active': false}}]}"));
        QCOMPARE(bodyOf(server.requests.at(2)),
                 obj("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                     " 'Operations': [{'op': 'remove', 'path': 'members[value eq \\'u1\\']'}]}"));
        QCOMPARE(report.summary.deactivated, 1);
        QCOMPARE(state.users.value(str("alice")).deactivatedAt, m_clock.now());

        server.requests.clear();
        d.removePerson(str("alice"));
        for (int day = 0; day < 400; day += 50) {
            m_clock.advance(50 * 86400);
            report = push(d, state, server, m_clock, okta());
        }
        QCOMPARE(server.lines(), QStringList());
        QVERIFY(server.users.contains(str("u1")));
    }

    void okta_suspended_data()
    {
        QTest::addColumn<bool>("deactivateSuspended");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("current reference: no event for a suspended user") << false << QStringList();
        QTest::newRow("earlier revision: suspension deactivates")
            << true
            << QStringList(
                   {str("PATCH /Users/u1"), str("PATCH /Groups/g2"), str("PATCH /Groups/g2")});
    }

    void okta_suspended()
    {
        QFETCH(bool, deactivateSuspended);
        QFETCH(QStringList, lines);
        ScimClientOptions options = okta();
        options.oktaDeactivateSuspended = deactivateSuspended;
        FakeServer server;
        ScimClientState state;
        idp::Directory d = aliceDirectory();
        push(d, state, server, m_clock, options);
        server.requests.clear();
        editAlice(d, [](idp::Person& p) { p.status = idp::PersonStatus::Suspended; });
        push(d, state, server, m_clock, options);
        QCOMPARE(server.lines(), lines);
    }
};

QTEST_GUILESS_MAIN(TestScimClientOkta)
#include "test_scim_client_okta.moc"
