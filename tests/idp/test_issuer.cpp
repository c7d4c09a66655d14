// Golden round trips of the whole IdP: for every preset, sign mode and key
// type, person -> preset -> spec -> signed Response -> parse -> verify ->
// read back, and what was read equals what was meant. Plus the request
// errors and the notes that flag deviations.
#include "idp/directory_file.h"
#include "idp/issuer.h"
#include "idp/self_check.h"
#include "support/fixtures.h"

#include <QTest>

using namespace jh;
using crypto::KeyType;
using idp::SignMode;

class TestIssuer : public QObject
{
    Q_OBJECT

    idp::Directory m_directory;
    idp::PresetCatalog m_presets;
    std::unique_ptr<idp::ResponseSigner> m_signer;
    std::unique_ptr<ManualClock> m_clock;

    idp::IssueRequest request(const QString& preset,
                              const QString& person = QStringLiteral("alice")) const
    {
        idp::IssueRequest r;
        r.personId = person;
        r.presetId = preset;
        r.sp.audience = QStringLiteral("https://sp.example.test");
        r.sp.acsUrl = QStringLiteral("https://sp.example.test/acs");
        r.inResponseTo = QStringLiteral("_authnrequest1");
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_directory =
            idp::loadDirectory(test::sourcePath(QStringLiteral("samples/directory.yaml"))).value();
        m_presets = idp::PresetCatalog::builtIn().value();
        m_signer = std::make_unique<idp::ResponseSigner>(
            [](KeyType t) -> Result<crypto::KeyPair> { return test::testIdpKey(t); });
        m_clock = std::make_unique<ManualClock>(test::fixedNow());
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<SignMode>("mode");
        QTest::addColumn<KeyType>("key");
        QTest::addColumn<QStringList>("verified");
        const QStringList presets{QStringLiteral("adfs"), QStringLiteral("entra"),
                                  QStringLiteral("google"), QStringLiteral("okta"),
                                  QStringLiteral("pingfederate")};
        for (const QString& p : presets) {
            for (KeyType k : {KeyType::Rsa, KeyType::Ec}) {
                const char* kn = k == KeyType::Rsa ? "rsa" : "ec";
                QTest::addRow("%s assertion %s", qPrintable(p), kn)
                    << p << SignMode::Assertion << k << QStringList{QStringLiteral("Assertion")};
                QTest::addRow("%s response %s", qPrintable(p), kn)
                    << p << SignMode::Response << k << QStringList{QStringLiteral("Response")};
                QTest::addRow("%s both %s", qPrintable(p), kn)
                    << p << SignMode::Both << k
                    << QStringList{QStringLiteral("Response"), QStringLiteral("Assertion")};
            }
        }
    }

    void roundTrip()
    {
        QFETCH(QString, preset);
        QFETCH(SignMode, mode);
        QFETCH(KeyType, key);
        QFETCH(QStringList, verified);
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto r = request(preset);
        r.sign = mode;
        r.key = key;
        auto issued = issuer.issue(r);
        QVERIFY2(issued.ok(), issued.ok() ? "" : qPrintable(issued.error().message));
        const auto check =
            idp::selfCheck(issued->response.xml, test::testIdpKey(key).certificate());
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char('\n'))));
        QCOMPARE(check.verified, verified);
        QCOMPARE(check.read, issued->spec);
        QCOMPARE(issued->signing.signatureAlgorithm.startsWith(QLatin1String("ecdsa-")),
                 key == KeyType::Ec);
    }

    void windowsFollowThePreset()
    {
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        for (const idp::Preset& p : m_presets.presets) {
            auto spec = issuer.buildSpec(request(p.id));
            QVERIFY(spec.ok());
            QCOMPARE(spec->issueInstant, test::fixedNow());
            QCOMPARE(spec->conditions.notBefore,
                     test::fixedNow().addSecs(-p.defaults.notBeforeSkewSeconds));
            QCOMPARE(spec->conditions.notOnOrAfter,
                     test::fixedNow().addSecs(p.defaults.validitySeconds));
            QCOMPARE(spec->confirmation.notOnOrAfter,
                     test::fixedNow().addSecs(p.defaults.confirmationSeconds));
            QCOMPARE(spec->authn.classRef, p.defaults.authnContextClass);
            QCOMPARE(spec->confirmation.inResponseTo, QStringLiteral("_authnrequest1"));
            QCOMPARE(spec->inResponseTo, QStringLiteral("_authnrequest1"));
        }
    }

    void validityOverride()
    {
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto r = request(QStringLiteral("okta"));
        r.validitySeconds = 60;
        auto spec = issuer.buildSpec(r);
        QCOMPARE(spec->conditions.notOnOrAfter, test::fixedNow().addSecs(60));
        QCOMPARE(spec->confirmation.notOnOrAfter, test::fixedNow().addSecs(60));
    }

    void idpInitiatedHasNoInResponseTo()
    {
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto r = request(QStringLiteral("okta"));
        r.inResponseTo.clear();
        auto issued = issuer.issue(r);
        QVERIFY(issued.ok());
        QVERIFY(!issued->response.xml.contains("InResponseTo"));
    }

    void idsAreFreshAndNcNames()
    {
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto a = issuer.buildSpec(request(QStringLiteral("okta")));
        auto b = issuer.buildSpec(request(QStringLiteral("okta")));
        QVERIFY(a->responseId != b->responseId);
        QVERIFY(a->assertionId != a->responseId);
        QVERIFY(a->assertionId.startsWith(QLatin1Char('_')));
        QCOMPARE(a->assertionId.size(), 41);
    }

    void requestErrors_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("withSp");
        QTest::addColumn<QString>("errorId");
        QTest::newRow("all good") << "alice"
                                  << "okta" << true << QString();
        QTest::newRow("unknown person") << "zed"
                                        << "okta" << true << "idp.unknown-person";
        QTest::newRow("unknown preset") << "alice"
                                        << "keycloak" << true << "idp.unknown-preset";
        QTest::newRow("no SP") << "alice"
                               << "okta" << false << "idp.request";
    }

    void requestErrors()
    {
        QFETCH(QString, person);
        QFETCH(QString, preset);
        QFETCH(bool, withSp);
        QFETCH(QString, errorId);
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto r = request(preset, person);
        if (!withSp)
            r.sp = {};
        auto issued = issuer.issue(r);
        QCOMPARE(issued.ok(), errorId.isEmpty());
        if (!errorId.isEmpty())
            QCOMPARE(issued.error().id, errorId);
    }

    void overrides()
    {
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto r = request(QStringLiteral("okta"));
        r.overrides.attributes = {
            {QStringLiteral("email"), {QStringLiteral("x@example.test")}},
            {QStringLiteral("role"), {QStringLiteral("admin"), QStringLiteral("owner")}}};
        r.overrides.dropAttributes = {QStringLiteral("lastName")};
        r.overrides.nameId = QStringLiteral("mallory");
        QStringList notes;
        auto spec = issuer.buildSpec(r, &notes);
        QVERIFY2(spec.ok(), spec.ok() ? "" : qPrintable(spec.error().message));
        QCOMPARE(spec->subject.nameId, QStringLiteral("mallory"));
        auto find = [&](const QString& n) -> const saml::Attribute* {
            for (const auto& a : spec->attributes)
                if (a.name == n)
                    return &a;
            return nullptr;
        };
        QVERIFY(!find(QStringLiteral("lastName")));
        QCOMPARE(find(QStringLiteral("email"))->values,
                 QStringList{QStringLiteral("x@example.test")});
        const saml::Attribute* role = find(QStringLiteral("role"));
        QVERIFY(role);
        QCOMPARE(role->values.size(), 2);
        // A new attribute is shaped like the preset's own ones.
        QCOMPARE(role->nameFormat, find(QStringLiteral("email"))->nameFormat);
        QCOMPARE(role->valueType, find(QStringLiteral("email"))->valueType);
        QCOMPARE(notes.filter(QStringLiteral("override:")).size(), 4);
    }

    void droppingAnAbsentAttributeIsAnError()
    {
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto r = request(QStringLiteral("okta"));
        r.overrides.dropAttributes = {QStringLiteral("shoeSize")};
        auto spec = issuer.buildSpec(r);
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().id, QStringLiteral("idp.request"));
        QVERIFY(spec.error().message.contains(QStringLiteral("shoeSize")));
    }

    void wantAssertionsSignedIsNotedNotFixed_data()
    {
        QTest::addColumn<SignMode>("mode");
        QTest::addColumn<bool>("noted");
        QTest::newRow("assertion signed") << SignMode::Assertion << false;
        QTest::newRow("both signed") << SignMode::Both << false;
        QTest::newRow("response only") << SignMode::Response << true;
        QTest::newRow("unsigned") << SignMode::None << true;
    }

    void wantAssertionsSignedIsNotedNotFixed()
    {
        QFETCH(SignMode, mode);
        QFETCH(bool, noted);
        idp::Issuer issuer(m_directory, m_presets, *m_signer, *m_clock);
        auto r = request(QStringLiteral("okta"));
        r.sp.wantAssertionsSigned = true;
        r.sign = mode;
        auto issued = issuer.issue(r);
        QVERIFY(issued.ok());
        QCOMPARE(issued->signing.mode, mode);
        QCOMPARE(
            issued->notes.join(QLatin1Char('\n')).contains(QStringLiteral("WantAssertionsSigned")),
            noted);
    }
};

QTEST_GUILESS_MAIN(TestIssuer)
#include "test_issuer.moc"
