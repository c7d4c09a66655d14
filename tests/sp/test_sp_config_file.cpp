// The SP configuration file: the bundled sample reads as documented, each
// setting lands in SpConfig, and every kind of mistake is refused with the
// file, line and field — never half-read.
#include "sp/sp_config_file.h"
#include "support/fixtures.h"

#include <QTest>

using namespace jh;

namespace {

// A complete configuration whose paths resolve against samples/.
const char kValid[] = R"(sp:
  metadata: sp-metadata.xml
  decryptionKey: test-keys/TEST-ONLY-sp-rsa.key.pem
  decryptionCertificate: test-keys/TEST-ONLY-sp-rsa.crt.pem
idp:
  entityId: https://idp.example.test/saml
  signingCertificates: [test-keys/TEST-ONLY-idp-rsa.crt.pem]
)";

Result<sp::SpConfig> parse(const QByteArray& text)
{
    return sp::parseSpConfig(text, QStringLiteral("sp.yaml"),
                             test::sourcePath(QStringLiteral("samples")));
}

} // namespace

class TestSpConfigFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleFile()
    {
        auto cfg = sp::loadSpConfig(test::sourcePath(QStringLiteral("samples/sp-config.yaml")));
        QVERIFY2(cfg.ok(), cfg.ok() ? "" : qPrintable(cfg.error().message));
        QCOMPARE(cfg->entityId, QStringLiteral("https://sp.jitharness.test/metadata"));
        QCOMPARE(cfg->acsUrls, QStringList{QStringLiteral("http://127.0.0.1:7001/sp/acs")});
        QCOMPARE(cfg->idp.entityId, QStringLiteral("http://www.okta.com/exk1contosoharness7"));
        QCOMPARE(cfg->idp.signingCertificates.size(), 2);
        QVERIFY(cfg->decryptionKey && cfg->decryptionKey->certificate());
        QCOMPARE(cfg->require, sp::SignRequirement::Assertion);
        QCOMPARE(cfg->clockSkewSeconds, 180);
        QCOMPARE(cfg->replayWindowSeconds, 86400);
        QVERIFY(cfg->relaxations.isEmpty());
        QVERIFY(!cfg->allowedSignatureAlgorithms().contains(QStringLiteral("rsa-sha1")));
    }

    void settings()
    {
        auto cfg = parse(QByteArray(kValid) + R"(require: both
signatureAlgorithms: [rsa-sha512]
digestAlgorithms: [sha512]
clockSkew: 30
replayWindow: 600
nameIdFormats: [urn:oasis:names:tc:SAML:2.0:nameid-format:persistent]
maxMessageBytes: 4096
allow: [sha1, unsolicited]
)");
        QVERIFY2(cfg.ok(), cfg.ok() ? "" : qPrintable(cfg.error().message));
        QCOMPARE(cfg->require, sp::SignRequirement::Both);
        QCOMPARE(cfg->signatureAlgorithms, QStringList{QStringLiteral("rsa-sha512")});
        QCOMPARE(cfg->digestAlgorithms, QStringList{QStringLiteral("sha512")});
        QCOMPARE(cfg->clockSkewSeconds, 30);
        QCOMPARE(cfg->replayWindowSeconds, 600);
        QCOMPARE(cfg->nameIdFormats.size(), 1);
        QCOMPARE(cfg->maxMessageBytes, 4096);
        QVERIFY(cfg->relaxed(sp::Relaxation::Sha1));
        QVERIFY(cfg->relaxed(sp::Relaxation::Unsolicited));
        // The relaxation is what lets SHA-1 in, and the report says so.
        QVERIFY(cfg->allowedSignatureAlgorithms().contains(QStringLiteral("rsa-sha1")));
        QVERIFY(cfg->describe().join(QLatin1Char('\n')).contains(QStringLiteral("RELAXED: sha1")));
    }

    void explicitEntityAndAcsWithoutMetadata()
    {
        auto cfg = parse(R"(sp:
  entityId: https://app.example.com
  acs: [https://app.example.com/acs, https://app.example.com/acs2]
idp:
  entityId: https://idp.example.test/saml
  signingCertificates: [test-keys/TEST-ONLY-idp-ec.crt.pem]
)");
        QVERIFY2(cfg.ok(), cfg.ok() ? "" : qPrintable(cfg.error().message));
        QCOMPARE(cfg->entityId, QStringLiteral("https://app.example.com"));
        QCOMPARE(cfg->acsUrls.size(), 2);
        QVERIFY(!cfg->decryptionKey);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where"); // "line: field"
        QTest::addColumn<QString>("says");

        const QByteArray v(kValid);
        QTest::newRow("not yaml") << QByteArray("sp: [unclosed\n") << "sp.yaml:"
                                  << "malformed YAML";
        QTest::newRow("empty") << QByteArray("\n") << "sp.yaml: "
                               << "empty";
        QTest::newRow("unknown key") << v + "skew: 5\n"
                                     << "sp.yaml:8: skew"
                                     << "unknown key";
        QTest::newRow("key twice") << v + "clockSkew: 5\nclockSkew: 6\n"
                                   << "sp.yaml:9: clockSkew"
                                   << "given twice";
        QTest::newRow("no sp") << QByteArray("idp:\n  entityId: x\n") << "sp.yaml:1: sp"
                               << "required";
        QTest::newRow("no idp") << QByteArray("sp:\n  entityId: x\n  acs: [y]\n")
                                << "sp.yaml:1: idp"
                                << "required";
        QTest::newRow("incomplete")
            << QByteArray("sp:\n  entityId: x\nidp:\n  entityId: y\n") << "sp.yaml:1: "
            << "missing an ACS URL, the trusted IdP's signing certificate";
        QTest::newRow("unknown sp key")
            << QByteArray(kValid).replace("  metadata:", "  metdata:") << "sp.yaml:2: sp.metdata"
            << "unknown key";
        QTest::newRow("missing metadata file")
            << QByteArray(kValid).replace("sp-metadata.xml", "nope.xml") << "sp.yaml:2: sp.metadata"
            << "nope.xml";
        QTest::newRow("missing certificate")
            << QByteArray(kValid).replace("TEST-ONLY-idp-rsa.crt.pem", "gone.pem")
            << "sp.yaml:7: idp.signingCertificates[0]"
            << "gone.pem";
        QTest::newRow("certificate that is a key")
            << QByteArray(kValid).replace("TEST-ONLY-idp-rsa.crt.pem", "TEST-ONLY-idp-rsa.key.pem")
            << "sp.yaml:7: idp.signingCertificates[0]"
            << "TEST-ONLY-idp-rsa.key.pem";
        QTest::newRow("key and certificate do not match")
            << QByteArray(kValid).replace("TEST-ONLY-sp-rsa.crt.pem", "TEST-ONLY-idp-rsa.crt.pem")
            << "sp.yaml:3: sp.decryptionKey"
            << "";
        QTest::newRow("certificate without key")
            << QByteArray(kValid).replace("  decryptionKey: test-keys/TEST-ONLY-sp-rsa.key.pem\n",
                                          "")
            << "sp.yaml:3: sp.decryptionCertificate"
            << "needs decryptionKey";
        QTest::newRow("empty acs")
            << QByteArray(kValid).replace("  metadata: sp-metadata.xml\n",
                                          "  metadata: sp-metadata.xml\n  acs: []\n")
            << "sp.yaml:3: sp.acs"
            << "must not be empty";
        QTest::newRow("require") << QByteArray(kValid) + "require: maybe\n"
                                 << "sp.yaml:8: require"
                                 << "'maybe' is not assertion, response or both";
        QTest::newRow("sha1 listed") << QByteArray(kValid) + "signatureAlgorithms: [rsa-sha1]\n"
                                     << "sp.yaml:8: signatureAlgorithms[0]"
                                     << "add 'sha1' to allow";
        QTest::newRow("sha1 digest") << QByteArray(kValid) + "digestAlgorithms: [sha256, sha1]\n"
                                     << "sp.yaml:8: digestAlgorithms[1]"
                                     << "relaxation";
        QTest::newRow("hmac") << QByteArray(kValid) + "signatureAlgorithms: [hmac-sha256]\n"
                              << "sp.yaml:8: signatureAlgorithms[0]"
                              << "never accepted";
        QTest::newRow("md5") << QByteArray(kValid) + "digestAlgorithms: [md5]\n"
                             << "sp.yaml:8: digestAlgorithms[0]"
                             << "never accepted";
        QTest::newRow("unknown algorithm")
            << QByteArray(kValid) + "signatureAlgorithms: [rsa-pss]\n"
            << "sp.yaml:8: signatureAlgorithms[0]"
            << "unknown algorithm 'rsa-pss'";
        QTest::newRow("digest as signature")
            << QByteArray(kValid) + "signatureAlgorithms: [sha256]\n"
            << "sp.yaml:8: signatureAlgorithms[0]"
            << "unknown algorithm 'sha256'";
        QTest::newRow("empty algorithm list") << QByteArray(kValid) + "digestAlgorithms: []\n"
                                              << "sp.yaml:8: digestAlgorithms"
                                              << "must not be empty";
        QTest::newRow("skew not a number") << QByteArray(kValid) + "clockSkew: 3m\n"
                                           << "sp.yaml:8: clockSkew"
                                           << "whole number";
        QTest::newRow("skew negative") << QByteArray(kValid) + "clockSkew: -1\n"
                                       << "sp.yaml:8: clockSkew"
                                       << "out of range";
        QTest::newRow("tiny message limit") << QByteArray(kValid) + "maxMessageBytes: 10\n"
                                            << "sp.yaml:8: maxMessageBytes"
                                            << "out of range";
        QTest::newRow("unknown relaxation") << QByteArray(kValid) + "allow: [sha1, everything]\n"
                                            << "sp.yaml:8: allow[1]"
                                            << "unknown relaxation 'everything'";
        QTest::newRow("allow not a list") << QByteArray(kValid) + "allow: sha1\n"
                                          << "sp.yaml:8: allow"
                                          << "expected a list";
    }

    void refused()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QFETCH(QString, says);
        auto cfg = parse(text);
        QVERIFY(!cfg.ok());
        QCOMPARE(cfg.error().id, QStringLiteral("sp.config-invalid"));
        QVERIFY2(cfg.error().message.startsWith(where), qPrintable(cfg.error().message));
        QVERIFY2(cfg.error().message.contains(says), qPrintable(cfg.error().message));
    }

    void unreadableFile()
    {
        auto cfg = sp::loadSpConfig(QStringLiteral("/nonexistent/sp.yaml"));
        QVERIFY(!cfg.ok());
        QVERIFY(cfg.error().message.contains(QStringLiteral("/nonexistent/sp.yaml")));
    }
};

QTEST_GUILESS_MAIN(TestSpConfigFile)
#include "test_sp_config_file.moc"
