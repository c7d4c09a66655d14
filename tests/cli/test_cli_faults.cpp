// The fault catalogue on the command line, as a script outside the project
// uses it: `idp faults` (text and JSON) lists every fault with the check a
// strict SP must refuse it at, and `idp issue --fault NAME` writes the
// faulted message, says on stderr what the SP must do, and refuses unknown
// names and missing preconditions with exit code 2 and no output file.
#include "idp/fault_catalog.h"
#include "idp/self_check.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"
#include "xml/xml_parse.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using test::runCli;

namespace {

QStringList issueArgs(const QString& fault)
{
    return {QStringLiteral("idp"),
            QStringLiteral("issue"),
            QStringLiteral("--person"),
            QStringLiteral("alice"),
            QStringLiteral("--preset"),
            QStringLiteral("okta"),
            QStringLiteral("--sp-metadata"),
            test::sourcePath(QStringLiteral("samples/sp-metadata.xml")),
            QStringLiteral("--key-dir"),
            test::testKeyDir(),
            QStringLiteral("--directory"),
            test::sourcePath(QStringLiteral("samples/directory.yaml")),
            QStringLiteral("--now"),
            QStringLiteral("2026-03-02T09:30:00Z"),
            QStringLiteral("--in-response-to"),
            QStringLiteral("_req1"),
            QStringLiteral("--format"),
            QStringLiteral("xml"),
            QStringLiteral("--fault"),
            fault};
}

} // namespace

class TestCliFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listText()
    {
        const auto r = runCli({QStringLiteral("idp"), QStringLiteral("faults")});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        for (const idp::Fault& f : idp::faultCatalog()) {
            QVERIFY2(text.contains(f.name), qPrintable(f.name));
            QVERIFY2(text.contains(f.source), qPrintable(f.source));
        }
        QVERIFY(text.contains(QStringLiteral("xsw3")));
        QVERIFY(text.contains(QStringLiteral("accept")));
        QVERIFY(text.contains(QStringLiteral("%1 faults").arg(idp::faultCatalog().size())));
    }

    void listJson()
    {
        const auto r =
            runCli({QStringLiteral("idp"), QStringLiteral("faults"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QVERIFY(rows.size() >= 40);
        QCOMPARE(rows.size(), idp::faultCatalog().size());
        QSet<QString> names;
        for (const auto& v : rows) {
            const QJsonObject o = v.toObject();
            const QString name = o.value(QStringLiteral("name")).toString();
            QVERIFY(!names.contains(name));
            names.insert(name);
            const QString check = o.value(QStringLiteral("expectedCheck")).toString();
            const QString verdict = o.value(QStringLiteral("verdict")).toString();
            QVERIFY2(verdict ==
                         (check.isEmpty() ? QLatin1String("accept") : QLatin1String("reject")),
                     qPrintable(name));
            QVERIFY2(check.isEmpty() || sp::findCheck(check), qPrintable(name));
            QVERIFY(!o.value(QStringLiteral("summary")).toString().isEmpty());
            QVERIFY(!o.value(QStringLiteral("source")).toString().isEmpty());
        }
        const QJsonObject replay =
            rows.at(idp::faultNames().indexOf(QStringLiteral("replay"))).toObject();
        QVERIFY(replay.value(QStringLiteral("sendTwice")).toBool());
    }

    void issueFault_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("says");       // on stderr
        QTest::addColumn<QByteArray>("carries"); // in the XML written
        QTest::newRow("expired") << QStringLiteral("expired")
                                 << QStringLiteral("must refuse it at check cond.not-on-or-after")
                                 << QByteArray("NotOnOrAfter=\"2026-03-02T08:30:00Z\"");
        QTest::newRow("xsw3") << QStringLiteral("xsw3")
                              << QStringLiteral("structure.single-assertion")
                              << QByteArray("ID=\"_evil_assertion_ID\"");
        QTest::newRow("comment-in-nameid")
            << QStringLiteral("comment-in-nameid")
            << QStringLiteral("must accept this message and report NameID "
                              "alice@contoso.example.evil.example")
            << QByteArray("alice@contoso.example<!---->.evil.example");
        QTest::newRow("doctype-xxe") << QStringLiteral("doctype-xxe") << QStringLiteral("xml.dtd")
                                     << QByteArray("<!DOCTYPE");
        QTest::newRow("cbc-encryption")
            << QStringLiteral("cbc-encryption") << QStringLiteral("decrypt.algorithm")
            << QByteArray("http://www.w3.org/2001/04/xmlenc#aes256-cbc");
        QTest::newRow("hmac-with-public-cert")
            << QStringLiteral("hmac-with-public-cert") << QStringLiteral("sig.algorithm")
            << QByteArray("http://www.w3.org/2001/04/xmldsig-more#hmac-sha256");
        QTest::newRow("replay") << QStringLiteral("replay") << QStringLiteral("send it twice")
                                << QByteArray("<ds:SignatureValue>");
        QTest::newRow("unsolicited")
            << QStringLiteral("unsolicited") << QStringLiteral("IdP-initiated")
            << QByteArray("<samlp:Response");
    }

    void issueFault()
    {
        QFETCH(QString, fault);
        QFETCH(QString, says);
        QFETCH(QByteArray, carries);
        const auto r = runCli(issueArgs(fault));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(says), r.err.constData());
        QVERIFY2(r.out.contains(carries), r.out.left(2000).constData());
        if (fault == QLatin1String("unsolicited"))
            QVERIFY(!r.out.contains("InResponseTo"));
        // Well-formed XML, which only the DTD faults keep from a hardened parser.
        QCOMPARE(xml::parseHardened(r.out, fault).ok(), fault != QLatin1String("doctype-xxe"));
    }

    void faultedDiffersFromValid()
    {
        QStringList valid = issueArgs(QStringLiteral("expired"));
        valid.removeLast();
        valid.removeLast();
        const auto plain = runCli(valid);
        const auto faulted = runCli(issueArgs(QStringLiteral("tampered-after-signing")));
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(faulted.exitCode, 0);
        const auto key = test::testIdpKey(crypto::KeyType::Rsa);
        QVERIFY(idp::selfCheck(plain.out, key.certificate()).ok());
        const auto check = idp::selfCheck(faulted.out, key.certificate());
        QVERIFY(!check.ok());
        QCOMPARE(check.read.subject.nameId, QStringLiteral("admin@contoso.example"));
    }

    void jsonSummaryNamesTheFault()
    {
        const auto r =
            runCli(issueArgs(QStringLiteral("wrong-audience")) << QStringLiteral("--json"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("fault")).toString(), QStringLiteral("wrong-audience"));
        QCOMPARE(o.value(QStringLiteral("expectedCheck")).toString(),
                 QStringLiteral("cond.audience"));
        QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("reject"));
        QVERIFY(o.value(QStringLiteral("output"))
                    .toString()
                    .contains(QStringLiteral("https://evil.example/sp/metadata")));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown fault, with the list")
            << issueArgs(QStringLiteral("no-such-fault"))
            << QStringLiteral("unknown fault 'no-such-fault' (known: expired, ");
        QStringList noRequest = issueArgs(QStringLiteral("unsolicited"));
        noRequest.removeAt(noRequest.indexOf(QStringLiteral("--in-response-to")) + 1);
        noRequest.removeAt(noRequest.indexOf(QStringLiteral("--in-response-to")));
        QTest::newRow("needs a request") << noRequest << QStringLiteral("--in-response-to");
        QStringList noCert = issueArgs(QStringLiteral("cbc-encryption"));
        const qsizetype md = noCert.indexOf(QStringLiteral("--sp-metadata"));
        noCert.replace(md, QStringLiteral("--audience"));
        noCert.replace(md + 1, QStringLiteral("https://sp.example.test"));
        noCert << QStringLiteral("--acs") << QStringLiteral("https://sp.example.test/acs");
        QTest::newRow("needs an encryption certificate")
            << noCert << QStringLiteral("encryption certificate");
        QTest::newRow("faults takes no argument")
            << QStringList{QStringLiteral("idp"), QStringLiteral("faults"), QStringLiteral("x")}
            << QStringLiteral("unexpected argument 'x'");
    }

    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("never-written.xml"));
        const auto r = runCli(args << QStringLiteral("--out") << out);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(out));
    }

    void help()
    {
        const auto faults =
            runCli({QStringLiteral("idp"), QStringLiteral("faults"), QStringLiteral("--help")});
        QCOMPARE(faults.exitCode, 0);
        QVERIFY(faults.out.contains("Usage: jitharness idp faults"));
        const auto issue =
            runCli({QStringLiteral("idp"), QStringLiteral("issue"), QStringLiteral("--help")});
        QVERIFY(issue.out.contains("--fault <NAME>"));
        const auto idp = runCli({QStringLiteral("idp"), QStringLiteral("--help")});
        QVERIFY(idp.out.contains("faults"));
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "test_cli_faults.moc"
