// The `jitharness idp` command line as scripts outside the project use it:
// what each subcommand prints, its exit codes (0 ok, 2 bad usage or
// unreadable input), messages that name the file and field, and no output
// file left behind when it fails.
#include "common/file_io.h"
#include "idp/self_check.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using test::runCli;

namespace {

QStringList issueArgs(const QString& preset = QStringLiteral("okta"))
{
    return {QStringLiteral("idp"),
            QStringLiteral("issue"),
            QStringLiteral("--person"),
            QStringLiteral("alice"),
            QStringLiteral("--preset"),
            preset,
            QStringLiteral("--sp-metadata"),
            test::sourcePath(QStringLiteral("samples/sp-metadata.xml")),
            QStringLiteral("--key-dir"),
            test::testKeyDir(),
            QStringLiteral("--directory"),
            test::sourcePath(QStringLiteral("samples/directory.yaml"))};
}

} // namespace

class TestCliIdp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void issueEveryPreset_data()
    {
        QTest::addColumn<QString>("preset");
        for (const char* p : {"okta", "entra", "pingfederate", "google", "adfs"})
            QTest::newRow(p) << QString::fromLatin1(p);
    }

    void issueEveryPreset()
    {
        QFETCH(QString, preset);
        const auto r = runCli(issueArgs(preset)
                              << QStringLiteral("--now") << QStringLiteral("2026-03-02T09:30:00Z"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto xml = QByteArray::fromBase64Encoding(r.out.trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(xml);
        const auto check =
            idp::selfCheck(xml.decoded, test::testIdpKey(crypto::KeyType::Rsa).certificate());
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char('\n'))));
        QVERIFY(!check.verified.isEmpty());
        QCOMPARE(check.read.issueInstant, test::fixedNow());
        QCOMPARE(check.read.conditions.audiences,
                 QStringList{QStringLiteral("https://sp.jitharness.test/metadata")});
        QCOMPARE(check.read.destination, QStringLiteral("http://127.0.0.1:7001/sp/acs"));
    }

    void xmlFormatAndOutFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("r.xml"));
        const auto r = runCli(issueArgs() << QStringLiteral("--format") << QStringLiteral("xml")
                                          << QStringLiteral("--out") << out
                                          << QStringLiteral("--sign") << QStringLiteral("both")
                                          << QStringLiteral("--key") << QStringLiteral("ec"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        const QByteArray xml = readFile(out).value();
        QVERIFY(xml.startsWith("<?xml"));
        const auto check = idp::selfCheck(xml, test::testIdpKey(crypto::KeyType::Ec).certificate());
        QCOMPARE(check.verified,
                 (QStringList{QStringLiteral("Response"), QStringLiteral("Assertion")}));
        QVERIFY(xml.contains("ecdsa-sha256"));
    }

    void encryptWithMetadata()
    {
        const auto r = runCli(issueArgs() << QStringLiteral("--encrypt") << QStringLiteral("--sign")
                                          << QStringLiteral("assertion")
                                          << QStringLiteral("--format") << QStringLiteral("xml"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("EncryptedAssertion"));
        QVERIFY(!r.out.contains("<saml:Assertion"));
        const auto sp = test::testSpKey();
        const auto check =
            idp::selfCheck(r.out, test::testIdpKey(crypto::KeyType::Rsa).certificate(), &sp);
        QVERIFY2(check.ok() && check.decrypted, qPrintable(check.failures.join(QLatin1Char('\n'))));
        QCOMPARE(check.verified, QStringList{QStringLiteral("Assertion")});
    }

    void reportIsReadable()
    {
        const auto r = runCli(issueArgs(QStringLiteral("entra")) << QStringLiteral("--report"));
        QCOMPARE(r.exitCode, 0);
        for (const char* s : {"Person", "Preset", "NameID", "Audience", "Signatures verified",
                              "Result                 ok"})
            QVERIFY2(r.out.contains(s), s);
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        const QString dir = test::sourcePath(QStringLiteral("samples/directory.yaml"));
        const QStringList base{QStringLiteral("idp"),         QStringLiteral("issue"),
                               QStringLiteral("--directory"), dir,
                               QStringLiteral("--key-dir"),   test::testKeyDir()};
        const QStringList sp{QStringLiteral("--audience"), QStringLiteral("https://sp"),
                             QStringLiteral("--acs"), QStringLiteral("https://sp/acs")};
        const QStringList who{QStringLiteral("--person"), QStringLiteral("alice"),
                              QStringLiteral("--preset"), QStringLiteral("okta")};
        QTest::newRow("no person")
            << (base + QStringList{QStringLiteral("--preset"), QStringLiteral("okta")} + sp)
            << "--person";
        QTest::newRow("no preset")
            << (base + QStringList{QStringLiteral("--person"), QStringLiteral("alice")} + sp)
            << "--preset";
        QTest::newRow("no SP") << (base + who) << "--sp-metadata";
        QTest::newRow("unknown person")
            << (base + sp +
                QStringList{QStringLiteral("--person"), QStringLiteral("zed"),
                            QStringLiteral("--preset"), QStringLiteral("okta")})
            << "zed";
        QTest::newRow("unknown preset")
            << (base + sp +
                QStringList{QStringLiteral("--person"), QStringLiteral("alice"),
                            QStringLiteral("--preset"), QStringLiteral("shibboleth")})
            << "shibboleth";
        QTest::newRow("bad sign mode")
            << (base + who + sp + QStringList{QStringLiteral("--sign"), QStringLiteral("all")})
            << "--sign";
        QTest::newRow("bad key") << (base + who + sp +
                                     QStringList{QStringLiteral("--key"), QStringLiteral("dsa")})
                                 << "--key";
        QTest::newRow("alg does not fit key")
            << (base + who + sp +
                QStringList{QStringLiteral("--key"), QStringLiteral("ec"),
                            QStringLiteral("--sig-alg"), QStringLiteral("rsa-sha256")})
            << "rsa-sha256";
        QTest::newRow("bad now")
            << (base + who + sp + QStringList{QStringLiteral("--now"), QStringLiteral("tomorrow")})
            << "--now";
        QTest::newRow("bad validity")
            << (base + who + sp + QStringList{QStringLiteral("--validity"), QStringLiteral("-5")})
            << "--validity";
        QTest::newRow("encrypt without metadata")
            << (base + who + sp + QStringList{QStringLiteral("--encrypt")})
            << "encryption certificate";
        QTest::newRow("attr without value")
            << (base + who + sp + QStringList{QStringLiteral("--attr"), QStringLiteral("role")})
            << "NAME=VALUE";
        QTest::newRow("drop unknown attr")
            << (base + who + sp +
                QStringList{QStringLiteral("--drop-attr"), QStringLiteral("shoeSize")})
            << "shoeSize";
        QTest::newRow("bad format")
            << (base + who + sp + QStringList{QStringLiteral("--format"), QStringLiteral("json")})
            << "--format";
        QTest::newRow("unknown option")
            << (base + who + sp + QStringList{QStringLiteral("--frobnicate")}) << "frobnicate";
        QTest::newRow("missing directory")
            << QStringList{QStringLiteral("idp"), QStringLiteral("issue"),
                           QStringLiteral("--directory"), QStringLiteral("/nonexistent/dir.yaml")} +
                   who + sp
            << "/nonexistent/dir.yaml";
        for (const char* f : {"BrokenNoAcs.xml", "BrokenDoctype.xml", "BrokenNotWellFormed.xml",
                              "BrokenCertificate.xml"}) {
            const QString path = test::dataPath(QStringLiteral("metadata/") + QLatin1String(f));
            QTest::addRow("metadata %s", f)
                << (base + who + QStringList{QStringLiteral("--sp-metadata"), path}) << path;
        }
        const QDir directoryData(test::dataPath(QStringLiteral("directory")));
        for (const QString& f : directoryData.entryList({QStringLiteral("Broken*.yaml")})) {
            const QString path = directoryData.filePath(f);
            QTest::addRow("directory %s", qPrintable(f))
                << (QStringList{QStringLiteral("idp"), QStringLiteral("issue"),
                                QStringLiteral("--directory"), path, QStringLiteral("--key-dir"),
                                test::testKeyDir()} +
                    who + sp)
                << path + QLatin1Char(':');
        }
        const QDir presetData(test::dataPath(QStringLiteral("presets")));
        for (const QString& f : presetData.entryList({QStringLiteral("Broken*.yaml")})) {
            const QString path = presetData.filePath(f);
            QTest::addRow("preset %s", qPrintable(f))
                << (base + who + sp + QStringList{QStringLiteral("--preset-file"), path})
                << path + QLatin1Char(':');
        }
        QTest::newRow("metadata and flags")
            << (base + who + sp +
                QStringList{QStringLiteral("--sp-metadata"),
                            test::sourcePath(QStringLiteral("samples/sp-metadata.xml"))})
            << "not both";
        QTest::newRow("unknown subcommand")
            << QStringList{QStringLiteral("idp"), QStringLiteral("sing")} << "sing";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("ipd")} << "ipd";
    }

    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("never-written.txt"));
        const auto r = runCli(args << QStringLiteral("--out") << out);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(out));
    }

    void presetFileAddsAPreset()
    {
        const auto r = runCli(issueArgs(QStringLiteral("fixture"))
                              << QStringLiteral("--preset-file")
                              << test::dataPath(QStringLiteral("presets/Valid.yaml"))
                              << QStringLiteral("--format") << QStringLiteral("xml"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("<saml:Attribute Name=\"mail\""));
        const auto list = runCli({QStringLiteral("idp"), QStringLiteral("presets"),
                                  QStringLiteral("--preset-file"),
                                  test::dataPath(QStringLiteral("presets/Valid.yaml"))});
        QVERIFY(list.out.contains("fixture"));
    }

    void damagedKeyDirIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(writeFileAtomic(dir.filePath(QStringLiteral("idp-rsa.key.pem")), "not a key").ok());
        QVERIFY(
            writeFileAtomic(dir.filePath(QStringLiteral("idp-rsa.crt.pem")), "not a cert").ok());
        auto args = issueArgs();
        args[args.indexOf(QStringLiteral("--key-dir")) + 1] = dir.path();
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("idp-rsa.key.pem"), r.err.constData());
        QCOMPARE(readFile(dir.filePath(QStringLiteral("idp-rsa.key.pem"))).value(),
                 QByteArray("not a key"));
    }

    void freshKeyDirIsFilledAndReused()
    {
        QTemporaryDir dir;
        const auto first =
            runCli({QStringLiteral("idp"), QStringLiteral("cert"), QStringLiteral("--key"),
                    QStringLiteral("ec"), QStringLiteral("--key-dir"), dir.path()});
        QCOMPARE(first.exitCode, 0);
        QVERIFY(first.out.startsWith("-----BEGIN CERTIFICATE-----"));
        const auto second =
            runCli({QStringLiteral("idp"), QStringLiteral("cert"), QStringLiteral("--key"),
                    QStringLiteral("ec"), QStringLiteral("--key-dir"), dir.path()});
        QCOMPARE(second.out, first.out);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("idp-ec.key.pem"))));
    }

    void metadataNamesThePresetIssuer()
    {
        const auto md =
            runCli({QStringLiteral("idp"), QStringLiteral("metadata"), QStringLiteral("--preset"),
                    QStringLiteral("entra"), QStringLiteral("--key-dir"), test::testKeyDir(),
                    QStringLiteral("--directory"),
                    test::sourcePath(QStringLiteral("samples/directory.yaml"))});
        QCOMPARE(md.exitCode, 0);
        QVERIFY(md.out.contains("entityID=\"https://sts.windows.net/"));
        QCOMPARE(md.out.count("<md:KeyDescriptor use=\"signing\">"), 2);
        QVERIFY(
            md.out.contains(test::testIdpKey(crypto::KeyType::Ec).certificateBase64().toLatin1()));
        const auto issued = runCli(issueArgs(QStringLiteral("entra"))
                                   << QStringLiteral("--format") << QStringLiteral("xml"));
        const qsizetype at = md.out.indexOf("entityID=\"") + 10;
        const QByteArray entity = md.out.mid(at, md.out.indexOf('"', at) - at);
        QVERIFY(issued.out.contains("<saml:Issuer>" + entity + "</saml:Issuer>"));
    }

    void presetsListAndDiff()
    {
        const auto list =
            runCli({QStringLiteral("idp"), QStringLiteral("presets"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray presets = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(presets.size(), 5);
        for (const auto& p : presets)
            QVERIFY(!p.toObject().value(QStringLiteral("sources")).toArray().isEmpty());
        const auto diff =
            runCli({QStringLiteral("idp"), QStringLiteral("presets"), QStringLiteral("diff"),
                    QStringLiteral("okta"), QStringLiteral("entra")});
        QCOMPARE(diff.exitCode, 0);
        QVERIFY(diff.out.contains("difference(s) between okta and entra"));
        const auto same =
            runCli({QStringLiteral("idp"), QStringLiteral("presets"), QStringLiteral("diff"),
                    QStringLiteral("okta"), QStringLiteral("okta")});
        QVERIFY(same.out.contains("0 difference(s)"));
        const auto bad = runCli({QStringLiteral("idp"), QStringLiteral("presets"),
                                 QStringLiteral("diff"), QStringLiteral("okta")});
        QCOMPARE(bad.exitCode, 2);
    }

    void people()
    {
        const auto r = runCli({QStringLiteral("idp"), QStringLiteral("people"),
                               QStringLiteral("--json"), QStringLiteral("--directory"),
                               test::sourcePath(QStringLiteral("samples/directory.yaml"))});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray people = QJsonDocument::fromJson(r.out).array();
        QVERIFY(people.size() >= 10);
        bool sawAlice = false;
        for (const auto& p : people)
            sawAlice = sawAlice || p.toObject().value(QStringLiteral("id")).toString() ==
                                       QLatin1String("alice");
        QVERIFY(sawAlice);
        const auto builtIn = runCli({QStringLiteral("idp"), QStringLiteral("people")});
        QCOMPARE(builtIn.exitCode, 0);
        QVERIFY(builtIn.out.contains("alice"));
    }

    void helpEverywhere_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top") << QStringList{QStringLiteral("--help")};
        QTest::newRow("idp") << QStringList{QStringLiteral("idp"), QStringLiteral("--help")};
        for (const char* s : {"issue", "metadata", "cert", "presets", "people"})
            QTest::newRow(s) << QStringList{QStringLiteral("idp"), QString::fromLatin1(s),
                                            QStringLiteral("--help")};
    }

    void helpEverywhere()
    {
        QFETCH(QStringList, args);
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("sage"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliIdp)
#include "test_cli_idp.moc"
