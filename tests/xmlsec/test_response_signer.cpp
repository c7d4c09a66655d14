// Golden round trips of the signing step: spec -> write -> sign (-> encrypt)
// -> serialize -> parse -> (decrypt) -> verify -> read -> compare, for every
// sign mode and key type; and the failing twins: a tampered byte, the wrong
// certificate, an algorithm that does not fit the key.
#include "idp/response_signer.h"
#include "idp/self_check.h"
#include "support/fixtures.h"
#include "support/saml_fixtures.h"

#include <QTest>

using namespace jh;
using crypto::KeyType;
using idp::SignMode;

namespace {

idp::ResponseSigner testSigner()
{
    return idp::ResponseSigner(
        [](KeyType t) -> Result<crypto::KeyPair> { return test::testIdpKey(t); });
}

idp::SigningOptions options(SignMode mode, KeyType key, const QString& alg)
{
    idp::SigningOptions o;
    o.mode = mode;
    o.key = key;
    o.signatureAlgorithm = alg;
    return o;
}

} // namespace

class TestResponseSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<SignMode>("mode");
        QTest::addColumn<KeyType>("key");
        QTest::addColumn<QString>("alg");
        QTest::addColumn<bool>("encrypt");
        QTest::addColumn<QStringList>("signedElements");
        const QStringList a{QStringLiteral("Assertion")}, r{QStringLiteral("Response")};
        const QStringList both{QStringLiteral("Response"), QStringLiteral("Assertion")};
        for (bool enc : {false, true}) {
            const char* e = enc ? " encrypted" : "";
            QTest::addRow("rsa assertion%s", e)
                << SignMode::Assertion << KeyType::Rsa << "rsa-sha256" << enc << a;
            QTest::addRow("rsa response%s", e)
                << SignMode::Response << KeyType::Rsa << "rsa-sha256" << enc << r;
            QTest::addRow("rsa both%s", e)
                << SignMode::Both << KeyType::Rsa << "rsa-sha256" << enc << both;
            QTest::addRow("rsa none%s", e)
                << SignMode::None << KeyType::Rsa << "rsa-sha256" << enc << QStringList();
            QTest::addRow("ec assertion%s", e)
                << SignMode::Assertion << KeyType::Ec << "ecdsa-sha256" << enc << a;
            QTest::addRow("ec response%s", e)
                << SignMode::Response << KeyType::Ec << "ecdsa-sha256" << enc << r;
            QTest::addRow("ec both%s", e)
                << SignMode::Both << KeyType::Ec << "ecdsa-sha256" << enc << both;
        }
        QTest::addRow("rsa-sha1 legacy")
            << SignMode::Both << KeyType::Rsa << "rsa-sha1" << false << both;
        QTest::addRow("rsa-sha512")
            << SignMode::Both << KeyType::Rsa << "rsa-sha512" << false << both;
    }

    void roundTrip()
    {
        QFETCH(SignMode, mode);
        QFETCH(KeyType, key);
        QFETCH(QString, alg);
        QFETCH(bool, encrypt);
        QFETCH(QStringList, signedElements);

        const auto spec = test::sampleSpec();
        const auto sp = test::testSpKey();
        idp::EncryptionOptions enc;
        enc.enabled = encrypt;
        auto out = testSigner().render(spec, options(mode, key, alg), enc, sp.certificate());
        QVERIFY2(out.ok(), out.ok() ? "" : qPrintable(out.error().message));

        const auto idpKey = test::testIdpKey(key);
        auto opened = idp::selfCheck(out->xml, idpKey.certificate(), &sp);
        QVERIFY2(opened.failures.isEmpty(), qPrintable(opened.failures.join(QLatin1Char('\n'))));
        QCOMPARE(opened.encrypted, encrypt);
        QCOMPARE(opened.verified, signedElements);
        QCOMPARE(out->xml.contains("<saml:Assertion"), !encrypt);
        QCOMPARE(opened.read.subject.nameId, spec.subject.nameId);
        QCOMPARE(opened.read.subject.format, spec.subject.format);
        QCOMPARE(opened.read.attributes, spec.attributes);
        QCOMPARE(opened.read.conditions.audiences, spec.conditions.audiences);
        QCOMPARE(opened.read.conditions.notOnOrAfter, spec.conditions.notOnOrAfter);
        QCOMPARE(opened.read.confirmation.recipient, spec.confirmation.recipient);
        QCOMPARE(opened.read.confirmation.inResponseTo, spec.confirmation.inResponseTo);
        QCOMPARE(opened.read.authn.sessionIndex, spec.authn.sessionIndex);
        QCOMPARE(opened.read.destination, spec.destination);
        QCOMPARE(opened.read.issuer, spec.issuer);
    }

    void tamperedAssertionFailsVerification_data()
    {
        QTest::addColumn<SignMode>("mode");
        QTest::newRow("assertion signed") << SignMode::Assertion;
        QTest::newRow("response signed") << SignMode::Response;
    }

    void tamperedAssertionFailsVerification()
    {
        QFETCH(SignMode, mode);
        auto out = testSigner().render(test::sampleSpec(),
                                       options(mode, KeyType::Rsa, QStringLiteral("rsa-sha256")));
        QVERIFY(out.ok());
        QByteArray tampered = out->xml;
        tampered.replace("alice@contoso.example</saml:NameID>",
                         "mallory@contoso.example</saml:NameID>");
        QVERIFY(tampered != out->xml);
        auto opened = idp::selfCheck(tampered, test::testIdpKey(KeyType::Rsa).certificate());
        QVERIFY(opened.verified.isEmpty());
        QCOMPARE(opened.failures.size(), 1);
    }

    void otherCertificateFailsVerification()
    {
        auto out =
            testSigner().render(test::sampleSpec(), options(SignMode::Assertion, KeyType::Rsa,
                                                            QStringLiteral("rsa-sha256")));
        QVERIFY(out.ok());
        auto opened = idp::selfCheck(out->xml, test::testSpKey().certificate());
        QVERIFY(opened.verified.isEmpty());
        QVERIFY(!opened.failures.isEmpty());
    }

    void algorithmMustFitKey_data()
    {
        QTest::addColumn<KeyType>("key");
        QTest::addColumn<QString>("alg");
        QTest::addColumn<bool>("ok");
        QTest::newRow("rsa key, rsa-sha256") << KeyType::Rsa << "rsa-sha256" << true;
        QTest::newRow("ec key, rsa-sha256") << KeyType::Ec << "rsa-sha256" << false;
        QTest::newRow("rsa key, ecdsa-sha256") << KeyType::Rsa << "ecdsa-sha256" << false;
        QTest::newRow("unknown algorithm") << KeyType::Rsa << "hmac-sha256" << false;
    }

    void algorithmMustFitKey()
    {
        QFETCH(KeyType, key);
        QFETCH(QString, alg);
        QFETCH(bool, ok);
        auto out = testSigner().render(test::sampleSpec(), options(SignMode::Assertion, key, alg));
        QCOMPARE(out.ok(), ok);
        if (!ok)
            QCOMPARE(out.error().id, QStringLiteral("idp.signing"));
    }

    void keyInfoCanBeLeftOut()
    {
        auto o = options(SignMode::Assertion, KeyType::Rsa, QStringLiteral("rsa-sha256"));
        o.keyInfoCertificate = false;
        auto out = testSigner().render(test::sampleSpec(), o);
        QVERIFY(out.ok());
        QVERIFY(!out->xml.contains("X509Certificate"));
        auto opened = idp::selfCheck(out->xml, test::testIdpKey(KeyType::Rsa).certificate());
        QCOMPARE(opened.verified, QStringList{QStringLiteral("Assertion")});
    }

    void encryptionNeedsRecipient()
    {
        idp::EncryptionOptions enc;
        enc.enabled = true;
        auto out = testSigner().render(
            test::sampleSpec(),
            options(SignMode::Assertion, KeyType::Rsa, QStringLiteral("rsa-sha256")), enc, nullptr);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().id, QStringLiteral("idp.encryption"));
    }

    void legacyCbcEncryption()
    {
        idp::EncryptionOptions enc;
        enc.enabled = true;
        enc.blockCipher = QStringLiteral("aes128-cbc");
        const auto sp = test::testSpKey();
        auto out = testSigner().render(
            test::sampleSpec(),
            options(SignMode::Assertion, KeyType::Rsa, QStringLiteral("rsa-sha256")), enc,
            sp.certificate());
        QVERIFY(out.ok());
        QVERIFY(out->xml.contains("xmlenc#aes128-cbc"));
    }
};

QTEST_GUILESS_MAIN(TestResponseSigner)
#include "test_response_signer.moc"
