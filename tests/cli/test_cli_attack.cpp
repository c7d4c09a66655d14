// `jitharness attack` as scripts and CI use it: the whole catalogue against
// the strict SP holds (exit 0); a relaxation shows what it lets through
// (exit 1); --out writes messages a user's own SP (here: `sp verify`)
// judges the same way; JSON and JUnit carry one row per fault; usage
// mistakes exit 2.
#include "common/file_io.h"
#include "idp/fault_catalog.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace jh;
using test::runCli;

namespace {

const QString kNow = QStringLiteral("2026-03-02T09:30:00Z");

QStringList attackArgs(const QStringList& more = {})
{
    return QStringList{QStringLiteral("attack"), QStringLiteral("--key-dir"), test::testKeyDir(),
                       QStringLiteral("--now"), kNow} +
           more;
}

QJsonObject jsonOf(const test::CliRun& run)
{
    return QJsonDocument::fromJson(run.out).object();
}

QJsonObject caseOf(const QJsonObject& result, const QString& fault)
{
    for (const QJsonValue& v : result.value(QStringLiteral("cases")).toArray())
        if (v[QStringLiteral("fault")].toString() == fault)
            return v.toObject();
    return {};
}

} // namespace

class TestCliAttack : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void strictSpHolds_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("defaults") << QStringList{};
        QTest::newRow("sample config") << QStringList{
            QStringLiteral("--sp"), test::sourcePath(QStringLiteral("samples/sp-config.yaml"))};
        QTest::newRow("ec, both signed")
            << QStringList{QStringLiteral("--key"), QStringLiteral("ec"), QStringLiteral("--sign"),
                           QStringLiteral("both")};
        QTest::newRow("encrypted, entra") << QStringList{
            QStringLiteral("--encrypt"), QStringLiteral("--preset"), QStringLiteral("entra")};
        // The SP wants both signed: the valid message follows it, and the faults
        // that sign only the assertion are not judged rather than miscounted.
        QTest::newRow("sp requires both")
            << QStringList{QStringLiteral("--require"), QStringLiteral("both")};
    }

    void strictSpHolds()
    {
        QFETCH(QStringList, options);
        const auto run = runCli(attackArgs(options + QStringList{QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, (run.err + run.out.right(2000)).constData());
        const QJsonObject result = jsonOf(run);
        QVERIFY(result.value(QStringLiteral("held")).toBool());
        const QJsonArray cases = result.value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), idp::faultCatalog().size());
        for (const QJsonValue& v : cases) {
            const QString verdict = v[QStringLiteral("verdict")].toString();
            const QString expected = v[QStringLiteral("expected")].toString();
            const QString got = v[QStringLiteral("got")].toString();
            if (verdict == QLatin1String("not-judged"))
                continue;
            if (expected == QLatin1String("accept"))
                QCOMPARE(got, QStringLiteral("accepted"));
            else if (verdict != QLatin1String("caught-elsewhere"))
                QCOMPARE(got, expected);
            QVERIFY2(
                verdict == QLatin1String("caught") || verdict == QLatin1String("accepted") ||
                    verdict == QLatin1String("caught-elsewhere"),
                qPrintable(v[QStringLiteral("fault")].toString() + QLatin1Char(' ') + verdict));
        }
        const QJsonObject counts = result.value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("FOOLED")).toInt(), 0);
        QVERIFY(counts.value(QStringLiteral("caught")).toInt() >= 25);
    }

    void relaxationsShowWhatGetsThrough_data()
    {
        QTest::addColumn<QString>("relaxation");
        QTest::addColumn<QString>("fault");
        QTest::newRow("sha1") << "sha1"
                              << "sha1";
        QTest::newRow("no-audience") << "no-audience"
                                     << "missing-audience";
        QTest::newRow("unsolicited") << "unsolicited"
                                     << "unsolicited";
    }

    void relaxationsShowWhatGetsThrough()
    {
        QFETCH(QString, relaxation);
        QFETCH(QString, fault);
        QVERIFY(idp::findFault(fault));
        const auto run = runCli(attackArgs(
            {QStringLiteral("--allow"), relaxation, QStringLiteral("--fault"), fault,
             QStringLiteral("--fault"), QStringLiteral("expired"), QStringLiteral("--json")}));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject result = jsonOf(run);
        QCOMPARE(result.value(QStringLiteral("cases")).toArray().size(), 2);
        QCOMPARE(caseOf(result, fault).value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("FOOLED"));
        QCOMPARE(
            caseOf(result, QStringLiteral("expired")).value(QStringLiteral("verdict")).toString(),
            QStringLiteral("caught"));
        QVERIFY(result.value(QStringLiteral("configuration"))
                    .toVariant()
                    .toStringList()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("RELAXED: ") + relaxation));
        // The same run without the relaxation holds.
        const auto strict = runCli(attackArgs({QStringLiteral("--fault"), fault}));
        QCOMPARE(strict.exitCode, 0);
    }

    void textReport()
    {
        const auto run = runCli(attackArgs({QStringLiteral("--kind"), QStringLiteral("wrapping")}));
        QCOMPARE(run.exitCode, 0);
        const QString text = QString::fromUtf8(run.out);
        QVERIFY(text.contains(QStringLiteral("strict: no relaxations")));
        QVERIFY(text.contains(QStringLiteral("xsw1")));
        QVERIFY(text.contains(QStringLiteral("The SP held")));
        QVERIFY(!text.contains(QStringLiteral("expired"))); // only the kind asked for
    }

    void outWritesMessagesAnSpJudgesTheSameWay()
    {
        const QString dir = m_dir.filePath(QStringLiteral("out"));
        const QString junit = m_dir.filePath(QStringLiteral("attack.xml"));
        const QString config = test::sourcePath(QStringLiteral("samples/sp-config.yaml"));
        const auto run = runCli(attackArgs({QStringLiteral("--sp"), config, QStringLiteral("--out"),
                                            dir, QStringLiteral("--junit"), junit}));
        QVERIFY2(run.exitCode == 0, run.err.constData());

        auto index = readFile(QDir(dir).filePath(QStringLiteral("index.json")));
        QVERIFY(index.ok());
        const QJsonObject result = QJsonDocument::fromJson(*index).object();
        QCOMPARE(result.value(QStringLiteral("cases")).toArray().size(),
                 idp::faultCatalog().size());
        const QString request =
            result[QStringLiteral("base")][QStringLiteral("inResponseTo")].toString();
        QVERIFY(!request.isEmpty());

        // A few faults, fed to `sp verify` as a user would feed their own SP.
        for (const QString& fault : {QStringLiteral("xsw3"), QStringLiteral("wrong-audience"),
                                     QStringLiteral("unsigned"), QStringLiteral("doctype-xxe")}) {
            const QJsonObject row = caseOf(result, fault);
            QVERIFY2(!row.isEmpty(), qPrintable(fault));
            for (const QString& ext : {QStringLiteral(".xml"), QStringLiteral(".b64")})
                QVERIFY2(QFile::exists(QDir(dir).filePath(fault + ext)), qPrintable(fault + ext));
            const QStringList verify{QStringLiteral("sp"),
                                     QStringLiteral("verify"),
                                     QStringLiteral("--sp"),
                                     config,
                                     QStringLiteral("--in-response-to"),
                                     request,
                                     QStringLiteral("--now"),
                                     kNow,
                                     QStringLiteral("--json")};
            const auto faulted = runCli(
                QStringList{verify.mid(0, 2)} +
                QStringList{QDir(dir).filePath(fault + QStringLiteral(".b64"))} + verify.mid(2));
            QCOMPARE(faulted.exitCode, 1);
            const QJsonObject report = QJsonDocument::fromJson(faulted.out).object();
            QString first;
            for (const QJsonValue& c : report.value(QStringLiteral("checks")).toArray())
                if (first.isEmpty() &&
                    c[QStringLiteral("outcome")].toString() == QLatin1String("fail"))
                    first = c[QStringLiteral("id")].toString();
            QCOMPARE(first, row.value(QStringLiteral("expected")).toString());

            const auto twin =
                runCli(QStringList{verify.mid(0, 2)} +
                       QStringList{QDir(dir).filePath(fault + QStringLiteral(".twin.b64"))} +
                       verify.mid(2));
            QVERIFY2(twin.exitCode == 0, twin.out.right(1500).constData());
        }

        auto xml = readFile(junit);
        QVERIFY(xml.ok());
        QXmlStreamReader junitXml(*xml);
        qsizetype testcases = 0;
        while (!junitXml.atEnd()) {
            if (junitXml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (junitXml.name() == QLatin1String("testsuite")) {
                QCOMPARE(junitXml.attributes().value(QLatin1String("tests")).toInt(),
                         idp::faultCatalog().size());
                QCOMPARE(junitXml.attributes().value(QLatin1String("failures")).toString(),
                         QStringLiteral("0"));
            }
            if (junitXml.name() == QLatin1String("testcase"))
                ++testcases;
        }
        QVERIFY2(!junitXml.hasError(), qPrintable(junitXml.errorString()));
        QCOMPARE(testcases, idp::faultCatalog().size());
    }

    void foreignEncryptionIsNotJudged()
    {
        // The user's SP (its metadata names an encryption certificate whose key
        // we do not hold): the encrypted faults are written, not judged.
        const auto run = runCli(attackArgs(
            {QStringLiteral("--sp-metadata"),
             test::sourcePath(QStringLiteral("samples/sp-metadata.xml")), QStringLiteral("--kind"),
             QStringLiteral("encryption"), QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = jsonOf(run);
        QVERIFY(result.value(QStringLiteral("counts"))[QStringLiteral("not-judged")].toInt() > 0);
        for (const QJsonValue& v : result.value(QStringLiteral("cases")).toArray())
            QVERIFY(v[QStringLiteral("verdict")].toString() == QLatin1String("not-judged") ||
                    v[QStringLiteral("verdict")].toString() == QLatin1String("caught"));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown fault")
            << QStringList{QStringLiteral("--fault"), QStringLiteral("xsw9")}
            << "unknown fault 'xsw9'";
        QTest::newRow("unknown kind")
            << QStringList{QStringLiteral("--kind"), QStringLiteral("magic")}
            << "no fault of kind 'magic'";
        QTest::newRow("unknown relaxation")
            << QStringList{QStringLiteral("--allow"), QStringLiteral("everything")}
            << "unknown relaxation 'everything'";
        QTest::newRow("sp trusts another idp")
            << QStringList{QStringLiteral("--sp"),
                           test::sourcePath(QStringLiteral("samples/sp-config.yaml")),
                           QStringLiteral("--preset"), QStringLiteral("entra")}
            << "the SP trusts IdP 'http://www.okta.com/exk1contosoharness7'";
        QTest::newRow("sp trusts another key")
            << QStringList{QStringLiteral("--idp-cert"),
                           test::sourcePath(
                               QStringLiteral("samples/test-keys/TEST-ONLY-sp-rsa.crt.pem"))}
            << "trusts none of this IdP's signing certificates";
        QTest::newRow("bad config file")
            << QStringList{QStringLiteral("--sp"),
                           test::sourcePath(QStringLiteral("samples/directory.yaml"))}
            << "directory.yaml:";
        QTest::newRow("unknown person")
            << QStringList{QStringLiteral("--person"), QStringLiteral("nobody")} << "nobody";
        QTest::newRow("sign none")
            << QStringList{QStringLiteral("--sign"), QStringLiteral("none")} << "--sign";
    }

    void badUsage()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        const QString out = m_dir.filePath(QStringLiteral("never"));
        const auto run = runCli(attackArgs(options + QStringList{QStringLiteral("--out"), out}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliAttack)
#include "test_cli_attack.moc"
