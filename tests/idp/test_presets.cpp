// Presets: every built-in preset loads from the compiled-in resources and
// cites its sources; each documented vendor default is what the file says;
// broken preset files (tests/data/presets/Broken*.yaml) are rejected naming
// file, line and field, and load once the defect is undone; the diff of two
// presets shows the known differences and a preset's diff with itself is empty.
#include "common/file_io.h"
#include "idp/preset_catalog.h"
#include "idp/preset_diff.h"
#include "support/fixtures.h"

#include <QRegularExpression>
#include <QTest>

using namespace jh;
using namespace jh::idp;

Q_DECLARE_METATYPE(jh::idp::SignMode)
Q_DECLARE_METATYPE(jh::idp::GroupEncoding)
Q_DECLARE_METATYPE(jh::idp::GroupOverage)

class TestPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyBuiltInPresetLoadsAndCitesSources();
    void builtInPresetsStateTheVendorDefaults_data();
    void builtInPresetsStateTheVendorDefaults();
    void brokenPresetNamesLineAndField_data();
    void brokenPresetNamesLineAndField();
    void brokenPresetWithTheDefectUndoneLoads_data();
    void brokenPresetWithTheDefectUndoneLoads();
    void userPresetFileJoinsTheCatalog();
    void diffOfTwoPresetsShowsKnownDifferences();
    void diffOfAPresetWithItselfIsEmpty();

private:
    PresetCatalog m_catalog;
};

namespace {
QString fixture(const QString& name)
{
    return test::dataPath(QStringLiteral("presets/%1.yaml").arg(name));
}

const PresetDifference* findField(const QList<PresetDifference>& diff, const QString& field)
{
    for (const PresetDifference& d : diff)
        if (d.field == field)
            return &d;
    return nullptr;
}
} // namespace

void TestPresets::initTestCase()
{
    auto catalog = PresetCatalog::builtIn();
    QVERIFY2(catalog, catalog ? "" : qPrintable(catalog.error().message));
    m_catalog = *catalog;
}

void TestPresets::everyBuiltInPresetLoadsAndCitesSources()
{
    QCOMPARE(m_catalog.ids(),
             (QStringList{QStringLiteral("adfs"), QStringLiteral("entra"), QStringLiteral("google"),
                          QStringLiteral("okta"), QStringLiteral("pingfederate")}));
    for (const Preset& p : m_catalog.presets) {
        QVERIFY2(!p.name.isEmpty() && !p.summary.isEmpty(), qPrintable(p.id));
        QVERIFY2(p.sources.size() >= 3, qPrintable(p.id));
        for (const QString& s : p.sources)
            QVERIFY2(s.startsWith(QLatin1String("https://")),
                     qPrintable(p.id + QStringLiteral(": ") + s));
        QVERIFY2(!p.defaults.issuerTemplate.isEmpty(), qPrintable(p.id));
        QVERIFY2(!p.defaults.authnContextClass.isEmpty(), qPrintable(p.id));
        QVERIFY2(!p.attributes.isEmpty(), qPrintable(p.id));
        QVERIFY2(p.groups.enabled, qPrintable(p.id));
    }
    QVERIFY(!m_catalog.find(QStringLiteral("onelogin")));
}

void TestPresets::builtInPresetsStateTheVendorDefaults_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<SignMode>("sign");
    QTest::addColumn<int>("validity");
    QTest::addColumn<int>("notBeforeSkew");
    QTest::addColumn<QString>("nameIdFormat");
    QTest::addColumn<GroupEncoding>("encoding");
    QTest::addColumn<int>("groupLimit");
    QTest::addColumn<GroupOverage>("overage");
    const QString email = QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    const QString unspecified =
        QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
    QTest::newRow("entra signs the assertion, 70 min, GUID groups, link past 150")
        << QStringLiteral("entra") << SignMode::Assertion << 4200 << 0 << email << GroupEncoding::Id
        << 150 << GroupOverage::LinkClaim;
    QTest::newRow("okta signs both, 5 min either side, named groups, no limit")
        << QStringLiteral("okta") << SignMode::Both << 300 << 300 << unspecified
        << GroupEncoding::DisplayName << 0 << GroupOverage::None;
    QTest::newRow("google signs the assertion, named groups cut at 75")
        << QStringLiteral("google") << SignMode::Assertion << 300 << 300 << unspecified
        << GroupEncoding::DisplayName << 75 << GroupOverage::Truncate;
    QTest::newRow("pingfederate signs the response, memberOf DNs")
        << QStringLiteral("pingfederate") << SignMode::Response << 300 << 300 << unspecified
        << GroupEncoding::DistinguishedName << 0 << GroupOverage::None;
    QTest::newRow("adfs signs the assertion, 60 min, no skew")
        << QStringLiteral("adfs") << SignMode::Assertion << 3600 << 0 << email
        << GroupEncoding::DisplayName << 0 << GroupOverage::None;
}

void TestPresets::builtInPresetsStateTheVendorDefaults()
{
    QFETCH(QString, id);
    const Preset* p = m_catalog.find(id);
    QVERIFY(p);
    QTEST(p->defaults.sign, "sign");
    QTEST(p->defaults.validitySeconds, "validity");
    QTEST(p->defaults.notBeforeSkewSeconds, "notBeforeSkew");
    QTEST(p->nameId.format, "nameIdFormat");
    QTEST(p->groups.encoding, "encoding");
    QTEST(p->groups.limit, "groupLimit");
    QTEST(p->groups.overage, "overage");
    QCOMPARE(p->defaults.signatureAlgorithm, QStringLiteral("rsa-sha256"));
}

namespace {
void brokenRows()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line"); // 0: any line
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("brokenText");
    QTest::addColumn<QString>("fixedText");
    auto row = [](const char* name, int line, const char* field, const char* message,
                  const char* broken, const char* fixed) {
        QTest::newRow(name) << QString::fromLatin1(name) << line << QString::fromLatin1(field)
                            << QString::fromLatin1(message) << QString::fromLatin1(broken)
                            << QString::fromLatin1(fixed);
    };
    row("BrokenUnknownKey", 19, "attributes[0].sorce", "unknown key", "sorce:", "source:");
    row("BrokenUnknownSignMode", 7, "issuance.sign", "unknown sign mode 'everything'", "everything",
        "assertion");
    row("BrokenUnknownSource", 15, "nameId.source", "unknown source 'mail'", "source: mail",
        "source: email");
    row("BrokenBadRegex", 25, "groups.filter.pattern", "invalid regular expression", "Eng(.*",
        "Eng.*");
    row("BrokenUnknownPlaceholder", 11, "issuance.issuer", "unknown placeholder {appKey}",
        "{appKey}", "{appId}");
    row("BrokenNoSources", 4, "sources", "name at least one public source", "sources: []",
        "sources:\n  - https://example.com/docs");
    row("BrokenUnknownAlgorithm", 8, "issuance.signatureAlgorithm",
        "unknown signature algorithm 'rsa-md5'", "rsa-md5", "rsa-sha256");
    row("BrokenOverageWithoutLimit", 21, "groups.limit", "an overage rule needs a limit above 0",
        "limit: 0", "limit: 10");
    row("BrokenValidityNotNumber", 10, "issuance.validitySeconds",
        "expected a whole number, found 'five minutes'", "five minutes", "300");
    row("BrokenMalformedYaml", 0, "", "malformed YAML", "[Fixture IdP", "Fixture IdP");
}
} // namespace

void TestPresets::brokenPresetNamesLineAndField_data()
{
    brokenRows();
}

void TestPresets::brokenPresetNamesLineAndField()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const QString path = fixture(file);
    auto p = PresetCatalog::loadFile(path);
    QVERIFY(!p);
    QCOMPARE(p.error().id, QStringLiteral("preset.invalid"));
    const QString text = p.error().message;
    if (line > 0) {
        const QString where = QStringLiteral("%1:%2: %3: ").arg(path).arg(line).arg(field);
        QVERIFY2(text.startsWith(where),
                 qPrintable(QStringLiteral("got: ") + text + QStringLiteral("\nwanted: ") + where));
    } else {
        QVERIFY2(QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(path) +
                                    QStringLiteral(":\\d+: "))
                     .match(text)
                     .hasMatch(),
                 qPrintable(text));
    }
    QVERIFY2(text.contains(message), qPrintable(text));
}

void TestPresets::brokenPresetWithTheDefectUndoneLoads_data()
{
    brokenRows();
}

void TestPresets::brokenPresetWithTheDefectUndoneLoads()
{
    QFETCH(QString, file);
    QFETCH(QString, brokenText);
    QFETCH(QString, fixedText);
    QString text = QString::fromUtf8(*readFile(fixture(file)));
    QVERIFY2(text.contains(brokenText), "the row's broken text is not in the fixture");
    text.replace(brokenText, fixedText);
    auto p = parsePreset(text.toUtf8(), file);
    QVERIFY2(p, p ? "" : qPrintable(p.error().message));
    QCOMPARE(*p, *PresetCatalog::loadFile(fixture(QStringLiteral("Valid"))));
}

void TestPresets::userPresetFileJoinsTheCatalog()
{
    auto p = PresetCatalog::loadFile(fixture(QStringLiteral("Valid")));
    QVERIFY2(p, p ? "" : qPrintable(p.error().message));
    QCOMPARE(p->groups.filter.type, GroupFilterType::Regex);
    QCOMPARE(p->issuerVariables.first(),
             (std::pair{QStringLiteral("appId"), QStringLiteral("app1")}));
    PresetCatalog catalog = m_catalog;
    catalog.add(*p);
    QCOMPARE(catalog.presets.size(), 6);
    QVERIFY(catalog.find(QStringLiteral("fixture")));
    p->name = QStringLiteral("Renamed");
    catalog.add(*p);
    QCOMPARE(catalog.presets.size(), 6);
    QCOMPARE(catalog.find(QStringLiteral("fixture"))->name, QStringLiteral("Renamed"));
}

void TestPresets::diffOfTwoPresetsShowsKnownDifferences()
{
    const auto diff = diffPresets(*m_catalog.find(QStringLiteral("okta")),
                                  *m_catalog.find(QStringLiteral("entra")));
    struct Expected
    {
        const char* field;
        const char* left;
        const char* right;
    };
    const Expected expected[] = {
        {"issuance.sign", "both", "assertion"},
        {"issuance.validitySeconds", "300", "4200"},
        {"issuance.issuer", "http://www.okta.com/{appId}", "https://sts.windows.net/{tenantId}/"},
        {"nameId.source", "username", "upn"},
        {"attribute[email].name", "email",
         "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"},
        {"attribute[email].valueType", "xs:string", "(none)"},
        {"groups.encoding", "displayName", "id"},
        {"groups.limit", "(none)", "150"},
        {"groups.filter.pattern", ".*", "(absent)"},
        {"attribute[tenantId].name", "(absent)",
         "http://schemas.microsoft.com/identity/claims/tenantid"},
        {"guests.upnForm", "plain", "external"},
    };
    for (const Expected& e : expected) {
        const PresetDifference* d = findField(diff, QString::fromLatin1(e.field));
        QVERIFY2(d, e.field);
        QCOMPARE(d->left, QString::fromLatin1(e.left));
        QCOMPARE(d->right, QString::fromLatin1(e.right));
    }
    QVERIFY(!findField(diff, QStringLiteral("issuance.signatureAlgorithm"))); // both rsa-sha256
}

void TestPresets::diffOfAPresetWithItselfIsEmpty()
{
    for (const Preset& p : m_catalog.presets)
        QVERIFY2(diffPresets(p, p).isEmpty(), qPrintable(p.id));
    // A reloaded copy is the same preset.
    QVERIFY(diffPresets(*PresetCatalog::loadFile(QStringLiteral(":/presets/entra.yaml")),
                        *m_catalog.find(QStringLiteral("entra")))
                .isEmpty());
}

QTEST_GUILESS_MAIN(TestPresets)
#include "test_presets.moc"
