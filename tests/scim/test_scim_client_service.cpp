// Both SCIM client profiles against our own SCIM service — in process, over
// real HTTP on loopback, and through `jitharness scim push` against
// `jitharness serve scim` — and the account store ends as the directory says:
// every active person has an active account; under Okta a leaver's account is
// suspended and never deleted; under Entra it is suspended, then deleted 30
// days later. Every request of both vendors is accepted by the service.
#include "http/http_scim_transport.h"
#include "http/scim_http_server.h"
#include "idp/directory_file.h"
#include "jit/account_store.h"
#include "scim/scim_client.h"
#include "scim/scim_service.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace jh;
using namespace jh::scim;

namespace {

QString str(const char* text)
{
    return QString::fromUtf8(text);
}

idp::Directory sampleDirectory()
{
    auto d = idp::loadDirectory(test::sourcePath(str("samples/directory.yaml")));
    if (!d)
        qFatal("%s", qPrintable(d.error().message));
    return *d;
}

void setStatus(idp::Directory& d, const char* id, idp::PersonStatus status)
{
    idp::Person p = *d.person(str(id));
    p.status = status;
    if (!d.updatePerson(p))
        qFatal("updatePerson failed");
}

// user name -> account status name, for every account of the store.
QMap<QString, QString> accountStatuses(jit::AccountStore& store)
{
    QMap<QString, QString> out;
    auto accounts = store.accounts();
    if (!accounts)
        qFatal("%s", qPrintable(accounts.error().message));
    for (const jit::Account& a : *accounts)
        out.insert(a.profile.userName, jit::accountStatusName(a.status));
    return out;
}

// Every refused exchange, one line each, for failure messages.
QByteArray failures(const PushReport& report)
{
    QByteArray out;
    for (const ScimExchangeRecord& r : report.exchanges)
        if (!r.ok)
            out += exchangeLine(r).toUtf8() + " " + r.request.body + " <- " + r.responseBody + "\n";
    if (report.aborted)
        out += "aborted: " + report.aborted->message.toUtf8();
    return out;
}

ScimClientOptions optionsFor(ScimProfile profile)
{
    ScimClientOptions o;
    o.profile = profile;
    return o;
}

constexpr qint64 kDay = 86400;

} // namespace

class TestScimClientService : public QObject
{
    Q_OBJECT

    // Hire (the whole sample), a change, a leaver, then time: what each
    // profile leaves in the store of the service behind `transport`.
    void runLifecycle(ScimProfile profile, ScimTransport& transport, ManualClock& clock,
                      jit::AccountStore& store)
    {
        const ScimClientOptions options = optionsFor(profile);
        ScimClientState state;
        idp::Directory d = sampleDirectory();

        PushReport report = *pushDirectory(d, state, transport, clock, options);
        QVERIFY2(report.succeeded(), failures(report).constData());
        QMap<QString, QString> statuses = accountStatuses(store);
        QCOMPARE(statuses.size(), 11);
        QCOMPARE(statuses.value(str("alice@contoso.example")), str("active"));
        QVERIFY(!statuses.contains(str("uma@contoso.example"))); // left before the first push
        QVERIFY(!statuses.contains(str("gus@contoso.example"))); // suspended: not provisioned

        clock.advance(kDay);
        report = *pushDirectory(d, state, transport, clock, options);
        QCOMPARE(report.exchanges.size(), 0);

        idp::Person alice = *d.person(str("alice"));
        alice.familyName = str("King");
        alice.department = str("Platform");
        QVERIFY(d.updatePerson(alice));
        report = *pushDirectory(d, state, transport, clock, options);
        QVERIFY2(report.succeeded(), failures(report).constData());
        QCOMPARE(report.summary.updated, 1);
        auto accounts = *store.accounts();
        for (const jit::Account& a : accounts)
            if (a.profile.userName == QLatin1String("alice@contoso.example")) {
                QCOMPARE(a.profile.familyName, str("King"));
                QCOMPARE(a.profile.department, str("Platform"));
            }

        setStatus(d, "alice", idp::PersonStatus::Left);
        report = *pushDirectory(d, state, transport, clock, options);
        QVERIFY2(report.succeeded(), failures(report).constData());
        QCOMPARE(report.summary.deactivated, 1);
        QCOMPARE(accountStatuses(store).value(str("alice@contoso.example")), str("suspended"));

        clock.advance(29 * kDay);
        report = *pushDirectory(d, state, transport, clock, options);
        QCOMPARE(report.exchanges.size(), 0);
        QCOMPARE(accountStatuses(store).value(str("alice@contoso.example")), str("suspended"));

        clock.advance(kDay);
        report = *pushDirectory(d, state, transport, clock, options);
        QVERIFY2(report.succeeded(), failures(report).constData());
        const QString afterDelay = accountStatuses(store).value(str("alice@contoso.example"));
        if (profile == ScimProfile::Okta) {
            QCOMPARE(report.exchanges.size(), 0);
            QCOMPARE(afterDelay, str("suspended"));
            clock.advance(365 * kDay);
            report = *pushDirectory(d, state, transport, clock, options);
            QCOMPARE(accountStatuses(store).value(str("alice@contoso.example")), str("suspended"));
        } else {
            QCOMPARE(report.summary.deleted, 1);
            QVERIFY(afterDelay.isEmpty() || afterDelay == QLatin1String("deleted"));
        }
        for (const QString& status : accountStatuses(store))
            QVERIFY(status != QLatin1String("deleted") || profile == ScimProfile::Entra);
    }

    static void profiles()
    {
        QTest::addColumn<int>("profile");
        QTest::newRow("okta") << int(ScimProfile::Okta);
        QTest::newRow("entra") << int(ScimProfile::Entra);
    }

private Q_SLOTS:
    void inProcess_data() { profiles(); }
    void inProcess()
    {
        QFETCH(int, profile);
        ManualClock clock(test::fixedNow());
        auto store = jit::AccountStore::open(str(":memory:"));
        QVERIFY(store);
        ScimService service(*store, clock);
        InProcessTransport transport(service);
        runLifecycle(ScimProfile(profile), transport, clock, *store);
    }

    // Entra's PATCH forms with the flag are accepted too.
    void inProcessCompliantEntra()
    {
        ManualClock clock(test::fixedNow());
        auto store = jit::AccountStore::open(str(":memory:"));
        QVERIFY(store);
        ScimService service(*store, clock);
        InProcessTransport transport(service);
        ScimClientOptions options = optionsFor(ScimProfile::Entra);
        options.entraCompliantPatch = true;
        ScimClientState state;
        idp::Directory d = sampleDirectory();
        PushReport report = *pushDirectory(d, state, transport, clock, options);
        QVERIFY2(report.succeeded(), failures(report).constData());
        idp::Person alice = *d.person(str("alice"));
        alice.familyName = str("King");
        alice.email = str("alice.king@contoso.example");
        QVERIFY(d.updatePerson(alice));
        setStatus(d, "bruno", idp::PersonStatus::Left);
        report = *pushDirectory(d, state, transport, clock, options);
        QVERIFY2(report.succeeded(), failures(report).constData());
        const QMap<QString, QString> statuses = accountStatuses(*store);
        QCOMPARE(statuses.value(str("bruno@contoso.example")), str("suspended"));
    }

    void overHttp_data() { profiles(); }
    void overHttp()
    {
        QFETCH(int, profile);
        ManualClock clock(test::fixedNow());
        auto store = jit::AccountStore::open(str(":memory:"));
        QVERIFY(store);
        http::ScimHttpServer server(clock, {QByteArray("client-test-token"), 1024 * 1024});
        QVERIFY(server.listen(0));
        ScimServiceOptions serviceOptions;
        serviceOptions.baseUrl = server.baseUrl();
        ScimService service(*store, clock, serviceOptions);
        server.serve(service);
        http::HttpScimTransport transport(QUrl(server.baseUrl()), "client-test-token");
        runLifecycle(ScimProfile(profile), transport, clock, *store);
    }

    void cli_help()
    {
        const test::CliRun scim = test::runCli({str("scim"), str("--help")});
        QCOMPARE(scim.exitCode, 0);
        QVERIFY(scim.out.contains("scim push"));
        const test::CliRun push = test::runCli({str("scim"), str("push"), str("--help")});
        QCOMPARE(push.exitCode, 0);
        QVERIFY(push.out.contains("--entra-delete-after-days"));
    }

    void cli_badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const QStringList base{str("scim"),    str("push"),
                               str("--url"),   str("http://127.0.0.1:1/scim/v2"),
                               str("--token"), str("t")};
        QTest::newRow("no profile") << base << QByteArray("--profile okta|entra is required");
        QTest::newRow("unknown profile") << (base + QStringList{str("--profile"), str("onelogin")})
                                         << QByteArray("'onelogin' is not okta or entra");
        QTest::newRow("no url") << QStringList{str("scim"), str("push"),    str("--profile"),
                                               str("okta"), str("--token"), str("t")}
                                << QByteArray("--url is required");
        QTest::newRow("bad delay")
            << (base + QStringList{str("--profile"), str("entra"), str("--entra-delete-after-days"),
                                   str("-3")})
            << QByteArray("is not a number of days");
        QTest::newRow("bad --now")
            << (base + QStringList{str("--profile"), str("okta"), str("--now"), str("today")})
            << QByteArray("--now");
        QTest::newRow("unknown subcommand")
            << QStringList{str("scim"), str("pull")} << QByteArray("unknown subcommand 'pull'");
        QTest::newRow("unreadable directory")
            << (base + QStringList{str("--profile"), str("okta"), str("--directory"),
                                   str("/nonexistent/dir.yaml")})
            << QByteArray("/nonexistent/dir.yaml");
    }

    void cli_badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const test::CliRun r = test::runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    // Nothing listening: exit 2, the refused request printed, and a state
    // file that records nothing pushed.
    void cli_nothingListening()
    {
        QTemporaryDir dir;
        const QString statePath = dir.filePath(str("state.json"));
        const test::CliRun r =
            test::runCli({str("scim"), str("push"), str("--profile"), str("okta"), str("--url"),
                          str("http://127.0.0.1:1/scim/v2"), str("--token"), str("t"),
                          str("--state"), statePath});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains("GET /Users?filter=userName eq \"carol@contoso.example\""
                                "&startIndex=1&count=100 -> no answer"),
                 r.out.constData());
        auto state = loadScimClientState(statePath);
        QVERIFY(state);
        QVERIFY(state->users.isEmpty());
    }

    // The whole loop as a user runs it: `serve scim` in one process, `scim
    // push` in another, repeated with --state; exit 1 when the server refuses.
    void cli_againstServeScim()
    {
        QTemporaryDir dir;
        const QString storePath = dir.filePath(str("accounts.sqlite"));
        const QString directoryPath = dir.filePath(str("directory.yaml"));
        const QString statePath = dir.filePath(str("state.json"));
        QFile yaml(directoryPath);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("tenant: {id: 4df3f2e6-836d-5a5a-a00b-658bcef42a66, displayName: Contoso,"
                   " primaryDomain: contoso.example}\n"
                   "groups:\n  - {id: 3541eb9d-4724-5cea-b2ef-8fe38e1b5b16, displayName: Staff}\n"
                   "people:\n"
                   "  - {id: ann, username: ann@contoso.example, email: ann@contoso.example,"
                   " givenName: Ann, familyName: Lee, displayName: Ann Lee, groups: [Staff]}\n"
                   "  - {id: ben, username: ben@contoso.example, email: ben@contoso.example,"
                   " givenName: Ben, familyName: Ode, displayName: Ben Ode, groups: [Staff]}\n");
        yaml.close();

        QProcess serve;
        serve.setProgram(test::cliPath());
        serve.setArguments({str("serve"), str("scim"), str("--port"), str("0"), str("--store"),
                            storePath, str("--token"), str("cli-token")});
        serve.start();
        const auto stopServe = qScopeGuard([&serve] {
            if (serve.state() != QProcess::NotRunning) {
                serve.kill();
                serve.waitForFinished();
            }
        });
        QVERIFY(serve.waitForStarted(10000));
        QByteArray banner;
        while (!banner.contains("Ctrl+C stops the server.\n")) {
            QVERIFY2(serve.state() == QProcess::Running && serve.waitForReadyRead(20000),
                     (banner + serve.readAllStandardError()).constData());
            banner += serve.readAllStandardOutput();
        }
        const QString url = QRegularExpression(str("(http://127\\.0\\.0\\.1:\\d+/scim/v2)"))
                                .match(QString::fromUtf8(banner))
                                .captured(1);
        const QStringList push{str("scim"),    str("push"),      str("--profile"),
                               str("entra"),   str("--url"),     url,
                               str("--token"), str("cli-token"), str("--directory"),
                               directoryPath,  str("--state"),   statePath};

        test::CliRun r =
            test::runCli(push + QStringList{str("--now"), str("2026-03-02T09:30:00Z")});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(r.out.contains("POST /Users -> 201\n"), r.out.constData());
        QVERIFY2(r.out.contains("2 created"), r.out.constData());

        r = test::runCli(push +
                         QStringList{str("--now"), str("2026-03-03T09:30:00Z"), str("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.value(str("exchanges")).toArray().size(), 0);
        QCOMPARE(json.value(str("succeeded")), QJsonValue(true));

        const test::CliRun refused =
            test::runCli({str("scim"), str("push"), str("--profile"), str("okta"), str("--url"),
                          url, str("--token"), str("wrong-token"), str("--directory"),
                          directoryPath, str("--no-groups")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.out.contains("-> 401"), refused.out.constData());

        ::kill(pid_t(serve.processId()), SIGTERM);
        QVERIFY(serve.waitForFinished(20000));
        auto store = jit::AccountStore::open(storePath);
        QVERIFY(store);
        const QMap<QString, QString> statuses = accountStatuses(*store);
        QCOMPARE(statuses.value(str("ann@contoso.example")), str("active"));
        QCOMPARE(statuses.value(str("ben@contoso.example")), str("active"));

        // accounts show tells which SCIM groups an account is in, and its externalId.
        const test::CliRun shown =
            test::runCli({str("accounts"), str("show"), str("1"), str("--store"), storePath});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.out.contains("  groups:       Staff (#1)\n"), shown.out.constData());
        QVERIFY2(shown.out.contains("  externalId:  "), shown.out.constData());
        const test::CliRun json1 = test::runCli(
            {str("accounts"), str("show"), str("1"), str("--store"), storePath, str("--json")});
        const QJsonArray groups =
            QJsonDocument::fromJson(json1.out).object().value(str("groups")).toArray();
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.first().toObject().value(str("displayName")).toString(), str("Staff"));
    }
};

QTEST_GUILESS_MAIN(TestScimClientService)
#include "test_scim_client_service.moc"
