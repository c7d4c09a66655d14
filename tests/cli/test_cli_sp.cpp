// `jitharness sp verify` as scripts use it: exit 0 accepted, 1 rejected,
// 2 bad usage or unreadable input; the report as text, JSON and JUnit; the
// three input forms (base64, XML, SAMLResponse= form body).
#include "common/file_io.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using test::runCli;

class TestCliSp : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_response; // base64, issued for the sample SP at fixedNow, answering _req1
    QString m_idpMetadata;

    QString file(const QString& name) const { return m_dir.filePath(name); }

    QStringList verifyArgs(const QString& input) const
    {
        return {QStringLiteral("sp"),
                QStringLiteral("verify"),
                input,
                QStringLiteral("--idp-metadata"),
                m_idpMetadata,
                QStringLiteral("--sp-metadata"),
                test::sourcePath(QStringLiteral("samples/sp-metadata.xml")),
                QStringLiteral("--in-response-to"),
                QStringLiteral("_req1"),
                QStringLiteral("--now"),
                QStringLiteral("2026-03-02T09:31:00Z")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_response = file(QStringLiteral("response.b64"));
        m_idpMetadata = file(QStringLiteral("idp.xml"));
        const auto issued = runCli(
            {QStringLiteral("idp"), QStringLiteral("issue"), QStringLiteral("--person"),
             QStringLiteral("alice"), QStringLiteral("--preset"), QStringLiteral("okta"),
             QStringLiteral("--sp-metadata"),
             test::sourcePath(QStringLiteral("samples/sp-metadata.xml")),
             QStringLiteral("--key-dir"), test::testKeyDir(), QStringLiteral("--in-response-to"),
             QStringLiteral("_req1"), QStringLiteral("--now"),
             QStringLiteral("2026-03-02T09:30:00Z"), QStringLiteral("--out"), m_response});
        QVERIFY2(issued.exitCode == 0, issued.err.constData());
        const auto md =
            runCli({QStringLiteral("idp"), QStringLiteral("metadata"), QStringLiteral("--preset"),
                    QStringLiteral("okta"), QStringLiteral("--key-dir"), test::testKeyDir(),
                    QStringLiteral("--out"), m_idpMetadata});
        QCOMPARE(md.exitCode, 0);
    }

    void acceptedWithEveryInputForm_data()
    {
        QTest::addColumn<QString>("form");
        QTest::newRow("base64") << "base64";
        QTest::newRow("xml") << "xml";
        QTest::newRow("form body") << "form";
    }

    void acceptedWithEveryInputForm()
    {
        QFETCH(QString, form);
        const QByteArray b64 = readFile(m_response).value().trimmed();
        QString input = m_response;
        if (form == QLatin1String("xml")) {
            input = file(QStringLiteral("response.xml"));
            QVERIFY(writeFileAtomic(input, QByteArray::fromBase64(b64)).ok());
        } else if (form == QLatin1String("form")) {
            input = file(QStringLiteral("body.txt"));
            QVERIFY(writeFileAtomic(input, "RelayState=x&SAMLResponse=" + b64.toPercentEncoding())
                        .ok());
        }
        const auto r = runCli(verifyArgs(input));
        QVERIFY2(r.exitCode == 0, r.out.right(600).constData());
        QVERIFY(r.out.contains("ACCEPTED: alice@contoso.example"));
    }

    void rejectedIsExitOneWithTheCheck()
    {
        const auto r = runCli(verifyArgs(m_response)
                              << QStringLiteral("--now") << QStringLiteral("2026-03-02T10:00:00Z"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("FAIL  cond.not-on-or-after"));
        QVERIFY(r.out.contains("REJECTED"));
    }

    void jsonAndJunit()
    {
        const QString junit = file(QStringLiteral("report.xml"));
        const auto r = runCli(verifyArgs(m_response)
                              << QStringLiteral("--json") << QStringLiteral("--junit") << junit
                              << QStringLiteral("--in-response-to") << QStringLiteral("_other"));
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("accepted")).toBool(), false);
        QVERIFY(o.value(QStringLiteral("failed"))
                    .toArray()
                    .contains(QStringLiteral("resp.in-response-to")));
        QVERIFY(!o.value(QStringLiteral("checks")).toArray().isEmpty());
        const QByteArray xml = readFile(junit).value();
        QVERIFY(xml.contains("<testsuite"));
        QVERIFY(xml.contains("<failure"));
        QVERIFY(xml.contains("resp.in-response-to"));
    }

    void relaxationIsEchoed()
    {
        const auto r =
            runCli(verifyArgs(m_response) << QStringLiteral("--allow") << QStringLiteral("sha1"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("RELAXED: sha1"));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no file") << QStringList{QStringLiteral("sp"), QStringLiteral("verify")}
                                 << "missing";
        QTest::newRow("missing file")
            << verifyArgs(QStringLiteral("/nonexistent/r.b64")) << "/nonexistent/r.b64";
        QTest::newRow("unknown relaxation")
            << (verifyArgs(m_response) << QStringLiteral("--allow") << QStringLiteral("everything"))
            << "everything";
        QTest::newRow("no trusted IdP")
            << QStringList{QStringLiteral("sp"), QStringLiteral("verify"),
                           m_response,           QStringLiteral("--sp-entity"),
                           QStringLiteral("a"),  QStringLiteral("--acs"),
                           QStringLiteral("b")}
            << "trusted IdP";
        QTest::newRow("bad require")
            << (verifyArgs(m_response) << QStringLiteral("--require") << QStringLiteral("nothing"))
            << "--require";
        QTest::newRow("bad IdP metadata")
            << QStringList{QStringLiteral("sp"),
                           QStringLiteral("verify"),
                           m_response,
                           QStringLiteral("--idp-metadata"),
                           test::sourcePath(QStringLiteral("samples/sp-metadata.xml")),
                           QStringLiteral("--sp-entity"),
                           QStringLiteral("a"),
                           QStringLiteral("--acs"),
                           QStringLiteral("b")}
            << "IDPSSODescriptor";
    }

    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
    }

    void garbageIsARejectionNotACrash()
    {
        const QString junk = file(QStringLiteral("junk.txt"));
        QVERIFY(writeFileAtomic(junk, "%%% not a SAML message %%%").ok());
        const auto r = runCli(verifyArgs(junk));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("FAIL  decode.base64"));
    }
};

QTEST_GUILESS_MAIN(TestCliSp)
#include "test_cli_sp.moc"
