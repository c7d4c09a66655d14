// What both SCIM client profiles share: a second push of an unchanged
// directory sends nothing, the state survives its JSON round trip and
// refuses malformed JSON, a refused request or an unusable answer is a
// failed step recorded in the report (and retried by the next push), and a
// server that never answers stops the push at the first request.
#include "scim_client_fakes.h"

#include <QTemporaryDir>

using namespace jh;
using namespace jh::scim;
using namespace jh::scim::fake;

class TestScimClient : public QObject
{
    Q_OBJECT

    ManualClock m_clock{test::fixedNow()};

private Q_SLOTS:
    void init() { m_clock.set(test::fixedNow()); }

    // A second push of an unchanged directory sends nothing, for both
    // profiles: neither Okta nor Entra revisits an unchanged person.
    void secondPushSendsNothing_data()
    {
        QTest::addColumn<int>("profile");
        QTest::newRow("okta") << int(ScimProfile::Okta);
        QTest::newRow("entra") << int(ScimProfile::Entra);
    }

    void secondPushSendsNothing()
    {
        QFETCH(int, profile);
        ScimClientOptions options;
        options.profile = ScimProfile(profile);
        FakeServer server;
        ScimClientState state;
        const idp::Directory d = sampleDirectory();
        const PushReport first = push(d, state, server, m_clock, options);
        QVERIFY(first.succeeded());
        QCOMPARE(first.summary.created, 11); // 13 people; gus and uma are not active
        QCOMPARE(first.summary.groupsCreated, d.groups().size());
        server.requests.clear();
        m_clock.advance(86400);
        const PushReport second = push(d, state, server, m_clock, options);
        QCOMPARE(server.lines(), QStringList());
        QCOMPARE(second.exchanges.size(), 0);
    }

    void stateRoundTrip()
    {
        FakeServer server;
        ScimClientState state;
        idp::Directory d = sampleDirectory();
        push(d, state, server, m_clock, entra());
        editAlice(d, [](idp::Person& p) { p.status = idp::PersonStatus::Left; });
        push(d, state, server, m_clock, entra());
        QVERIFY(state.users.value(str("alice")).softDeletedAt.isValid());

        auto back = ScimClientState::fromJson(state.toJson());
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QCOMPARE(*back, state);

        QTemporaryDir dir;
        const QString path = dir.filePath(str("state.json"));
        QVERIFY(saveScimClientState(state, path));
        auto loaded = loadScimClientState(path);
        QVERIFY(loaded);
        QCOMPARE(*loaded, state);
    }

    void stateInvalid_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::newRow("no version") << obj("{'users': {}}");
        QTest::newRow("user id not a string")
            << obj("{'version': 1, 'users': {'alice': {'id': 7, 'active': true}}}");
        QTest::newRow("bad instant")
            << obj("{'version': 1, 'users': {'alice': {'id': 'u1', 'active': false,"
                   " 'softDeletedAt': 'last tuesday'}}}");
        QTest::newRow("member not a string")
            << obj("{'version': 1, 'groups': {'g': {'id': 'g1', 'displayName': 'G',"
                   " 'members': {'alice': 1}}}}");
    }

    void stateInvalid()
    {
        QFETCH(QJsonObject, json);
        auto state = ScimClientState::fromJson(json);
        QVERIFY(!state);
        QCOMPARE(state.error().id, str("scim.state-invalid"));
    }

    void stateOfOtherProfileRefused()
    {
        FakeServer server;
        ScimClientState state;
        push(aliceDirectory(), state, server, m_clock, okta());
        auto report = pushDirectory(aliceDirectory(), state, server, m_clock, entra());
        QVERIFY(!report);
        QCOMPARE(report.error().id, str("scim.state-profile"));
    }

    // A refused request is a failed step with what the server said; the push
    // goes on, the state keeps only what was accepted, and the next push
    // tries again.
    void refusedStepRecorded()
    {
        FakeServer server;
        server.script = [](const ScimRequest& r) -> std::optional<ScimResponse> {
            if (r.method == "POST" && r.path == QLatin1String("/Users"))
                return errorResponse(409, str("uniqueness"), str("userName is taken"));
            return std::nullopt;
        };
        ScimClientState state;
        const idp::Directory d = aliceDirectory();
        const PushReport report = push(d, state, server, m_clock, okta());
        QVERIFY(!report.succeeded());
        QCOMPARE(report.summary.failed, 1);
        const ScimExchangeRecord& refused = report.exchanges.at(1);
        QCOMPARE(refused.action, str("create"));
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.scimType, str("uniqueness"));
        QVERIFY(!refused.ok);
        QVERIFY(!state.users.contains(str("alice")));
        QCOMPARE(report.summary.groupsCreated, 1); // the push went on
        QCOMPARE(exchangeLine(refused), str("POST /Users -> 409 (uniqueness)"));
        const QJsonObject json = report.toJson();
        QCOMPARE(json.value(str("summary")).toObject().value(str("failed")).toInt(), 1);
        QCOMPARE(json.value(str("exchanges")).toArray().at(1).toObject().value(str("scimType")),
                 QJsonValue(str("uniqueness")));

        server.script = nullptr;
        server.requests.clear();
        const PushReport retry = push(d, state, server, m_clock, okta());
        QVERIFY(retry.succeeded());
        QCOMPARE(retry.summary.created, 1);
    }

    // A 2xx answer the client cannot use is a failed step too.
    void createWithoutIdFails()
    {
        FakeServer server;
        server.script = [](const ScimRequest& r) -> std::optional<ScimResponse> {
            if (r.method != "POST")
                return std::nullopt;
            ScimResponse ok;
            ok.status = 201;
            ok.body = "{}";
            return ok;
        };
        ScimClientState state;
        const PushReport report = push(aliceDirectory(), state, server, m_clock, entra());
        QCOMPARE(report.exchanges.at(1).error, str("the created user has no id"));
        QVERIFY(!report.exchanges.at(1).ok);
        QVERIFY(state.users.isEmpty());
    }

    // No HTTP answer at all stops the push at that request.
    void deadServerAborts()
    {
        FakeServer server;
        server.down = true;
        ScimClientState state;
        const PushReport report = push(sampleDirectory(), state, server, m_clock, okta());
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(report.aborted.has_value());
        QCOMPARE(report.aborted->id, str("transport.failed"));
        QCOMPARE(report.exchanges.size(), 1);
        QCOMPARE(report.exchanges.first().status, 0);
        QVERIFY(state.users.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestScimClient)
#include "test_scim_client.moc"
