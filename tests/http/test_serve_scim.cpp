// `jitharness serve scim` as a user runs it: it prints where it listens and
// the token (made up when none is given), answers SCIM over HTTP with that
// token only, logs each exchange on stdout with the --now time, and stops
// with exit 0 on SIGTERM or SIGINT. Bad usage, a port in use or an unusable
// policy is exit 2 with a message, and leaves no store behind; idp, sp and
// op are not served yet and say so.
#include "http/http_scim_transport.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace jh;

namespace {

const QString kNow = QStringLiteral("2026-03-02T09:30:00Z");

scim::ScimRequest get(const QString& path)
{
    scim::ScimRequest r;
    r.method = "GET";
    r.path = path;
    return r;
}

// A running `serve scim`, up to its banner.
struct Server
{
    QProcess process;
    QByteArray out;
    QString baseUrl;
    QString storePath;
    QByteArray token; // as printed; empty when given with --token

    bool start(const QStringList& args)
    {
        process.setProgram(test::cliPath());
        process.setArguments(args);
        process.start();
        if (!process.waitForStarted(10000))
            return false;
        while (!out.contains("Ctrl+C stops the server.\n")) {
            if (process.state() != QProcess::Running || !process.waitForReadyRead(20000))
                return false;
            out += process.readAllStandardOutput();
        }
        const auto banner =
            QRegularExpression(QStringLiteral("SCIM 2.0 at (http://127\\.0\\.0\\.1:\\d+/scim/v2) "
                                              "\\(store (.*)\\)\n"))
                .match(QString::fromUtf8(out));
        const auto made = QRegularExpression(QStringLiteral("bearer token: (\\S+)  \\(made up"))
                              .match(QString::fromUtf8(out));
        baseUrl = banner.captured(1);
        storePath = banner.captured(2);
        token = made.captured(1).toLatin1();
        return banner.hasMatch();
    }
    // Stops it with `signal`; what it printed until then.
    bool stop(int signal)
    {
        ::kill(pid_t(process.processId()), signal);
        if (!process.waitForFinished(20000))
            return false;
        out += process.readAllStandardOutput();
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
    ~Server()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
};

QByteArray said(const test::CliRun& r)
{
    return "exit " + QByteArray::number(r.exitCode) + "\nstdout: " + r.out + "\nstderr: " + r.err;
}

} // namespace

class TestServeScim : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString newStore()
    {
        return m_dir.filePath(QStringLiteral("%1-accounts.sqlite").arg(++m_files));
    }

private Q_SLOTS:
    void servesUntilStopped_data()
    {
        QTest::addColumn<QByteArray>("givenToken"); // empty: let it make one up
        QTest::addColumn<int>("signal");
        QTest::newRow("given token, SIGTERM") << QByteArray("cli-token-1") << int(SIGTERM);
        QTest::newRow("made-up token, SIGINT") << QByteArray() << int(SIGINT);
    }
    void servesUntilStopped()
    {
        QFETCH(QByteArray, givenToken);
        QFETCH(int, signal);
        const QString store = newStore();
        QStringList args{QStringLiteral("serve"),   QStringLiteral("scim"),
                         QStringLiteral("--port"),  QStringLiteral("0"),
                         QStringLiteral("--store"), store,
                         QStringLiteral("--now"),   kNow};
        if (!givenToken.isEmpty())
            args << QStringLiteral("--token") << QString::fromLatin1(givenToken);
        Server server;
        QVERIFY2(server.start(args),
                 (server.out + server.process.readAllStandardError()).constData());
        QCOMPARE(server.storePath, store);
        QCOMPARE(server.token.isEmpty(), !givenToken.isEmpty());
        if (givenToken.isEmpty())
            QVERIFY2(server.token.size() >= 40,
                     server.token.constData()); // 32 random bytes, base64url
        const QByteArray token = givenToken.isEmpty() ? server.token : givenToken;

        http::HttpScimTransport withToken(QUrl(server.baseUrl), token);
        http::HttpScimTransport withoutToken(QUrl(server.baseUrl), {});
        auto refused = withoutToken.send(get(QStringLiteral("/Users")));
        QVERIFY(refused.ok());
        QCOMPARE(refused->status, 401);
        auto config = withToken.send(get(QStringLiteral("/ServiceProviderConfig")));
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
        QCOMPARE(config->status, 200);

        QVERIFY2(server.stop(signal),
                 (server.out + server.process.readAllStandardError()).constData());
        QVERIFY2(server.out.contains("2026-03-02T09:30:00.000Z GET /scim/v2/Users 401 in 0 B out "),
                 server.out.constData());
        QVERIFY2(server.out.contains(
                     "2026-03-02T09:30:00.000Z GET /scim/v2/ServiceProviderConfig 200 in 0 B out "),
                 server.out.constData());
        QVERIFY2(server.out.endsWith("stopped\n"), server.out.constData());
        if (!givenToken.isEmpty())
            QVERIFY2(!server.out.contains(givenToken), server.out.constData());
        QVERIFY(QFile::exists(store));
    }

    void badUsageIsExitTwoAndCreatesNothing_data()
    {
        QTest::addColumn<QStringList>("args"); // after "serve"; --store is added
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const QStringList& args, const char* message) {
            QTest::newRow(name) << args << QString::fromUtf8(message);
        };
        row("idp", {QStringLiteral("idp")}, "issue 9");
        row("sp", {QStringLiteral("sp")}, "issue 9");
        row("op", {QStringLiteral("op")}, "issue 9");
        row("all", {QStringLiteral("all")}, "issue 9");
        row("nothing to serve", {}, "missing argument");
        row("something unknown", {QStringLiteral("ldap")}, "'ldap' is not something to serve");
        row("port out of range",
            {QStringLiteral("scim"), QStringLiteral("--port"), QStringLiteral("70000")},
            "--port: '70000'");
        row("port not a number",
            {QStringLiteral("scim"), QStringLiteral("--port"), QStringLiteral("http")},
            "--port: 'http'");
        row("no body at all",
            {QStringLiteral("scim"), QStringLiteral("--max-body"), QStringLiteral("0")},
            "--max-body: '0'");
        row("an empty token", {QStringLiteral("scim"), QStringLiteral("--token"), QString()},
            "may not be empty");
        row("--now not an instant",
            {QStringLiteral("scim"), QStringLiteral("--now"), QStringLiteral("yesterday")},
            "--now: 'yesterday'");
        row("a policy that is not there",
            {QStringLiteral("scim"), QStringLiteral("--policy"),
             QStringLiteral("/nonexistent/jit-policy.yaml")},
            "/nonexistent/jit-policy.yaml");
    }
    void badUsageIsExitTwoAndCreatesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString store = newStore();
        const test::CliRun r = test::runCli(QStringList{QStringLiteral("serve")} + args +
                                            QStringList{QStringLiteral("--store"), store});
        QVERIFY2(r.exitCode == 2, said(r).constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), said(r).constData());
        QVERIFY(!QFile::exists(store));
    }

    void portInUseIsExitTwo()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        const QString store = newStore();
        const test::CliRun r =
            test::runCli({QStringLiteral("serve"), QStringLiteral("scim"), QStringLiteral("--port"),
                          QString::number(taken.serverPort()), QStringLiteral("--store"), store});
        QVERIFY2(r.exitCode == 2, said(r).constData());
        QVERIFY2(r.err.contains("127.0.0.1:" + QByteArray::number(taken.serverPort())),
                 said(r).constData());
        QVERIFY(!QFile::exists(store));
    }

    void help()
    {
        const test::CliRun r = test::runCli(
            {QStringLiteral("serve"), QStringLiteral("scim"), QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0, said(r).constData());
        QVERIFY2(r.out.startsWith("Usage: jitharness serve scim"), said(r).constData());
        for (const char* option :
             {"--port", "--store", "--token", "--policy", "--max-body", "--now"})
            QVERIFY2(r.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestServeScim)
#include "test_serve_scim.moc"
