// The JIT policy file: every key read, every mistake refused with
// jit.policy-invalid naming file, line and field (and the file that fixes the
// mistake loads); describe() names every setting and marks the departures
// from the defaults; the mapping a policy file yields, on its own or over a
// built-in preset's defaults.
#include "idp/preset_catalog.h"
#include "jit/jit_policy.h"
#include "support/fixtures.h"

#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using namespace jh::jit;

namespace {

const QString kFile = QStringLiteral("policy.yaml");

const QByteArray kEveryKey = R"(# every key, none at its default
unknownSubject: allowed-domains
allowedDomains: [contoso.example, Fabrikam.example]
sync: first-login
removeRoles: false
linkByVerifiedEmail: true
linkProvisioned: false
transient: session
keyByEmail: true
inactive: reactivate
missingGroups: remove-roles
mapping:
  preset: okta
  maxValueLength: 4096
  claims:
    email: [mail, email]
    department: [dept]
  roles:
    - issuer: http://www.okta.com/exk1contosoharness7
      group: Engineering
      role: engineer
    - issuer: https://sts.windows.net/t/
      group: 6f1c9a52-0000-4000-8000-000000000001
      role: admin
)";

} // namespace

class TestJitPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyKeyIsRead();
    void emptyMappingAndDefaults();
    void badFileNamesLineAndField_data();
    void badFileNamesLineAndField();
    void unreadableFileIsAnIoError();
    void sampleFileLoadsWithTheDefaults();
    void describeMarksChangedSettings();
    void mappingWithoutPresetIsOnlyTheGivenClaims();
    void mappingOverPresetReplacesTheRuleForTheSameField();

private:
    idp::PresetCatalog m_catalog;
};

void TestJitPolicy::initTestCase()
{
    auto catalog = idp::PresetCatalog::builtIn();
    QVERIFY2(catalog, catalog ? "" : qPrintable(catalog.error().message));
    m_catalog = *catalog;
}

void TestJitPolicy::everyKeyIsRead()
{
    auto s = parseJitSettings(kEveryKey, kFile);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    const JitPolicy& p = s->policy;
    QCOMPARE(p.unknownSubject, UnknownSubject::CreateAllowedDomains);
    QCOMPARE(p.allowedDomains,
             (QStringList{QStringLiteral("contoso.example"), QStringLiteral("Fabrikam.example")}));
    QCOMPARE(p.sync, SyncMode::FirstLogin);
    QCOMPARE(p.removeRoles, false);
    QCOMPARE(p.linkByVerifiedEmail, true);
    QCOMPARE(p.linkProvisioned, false);
    QCOMPARE(p.transient, TransientPolicy::SessionOnly);
    QCOMPARE(p.keyByEmail, true);
    QCOMPARE(p.inactive, InactivePolicy::Reactivate);
    QCOMPARE(p.missingGroups, MissingGroups::RemoveRoles);
    QCOMPARE(s->mappingPreset, QStringLiteral("okta"));
    QCOMPARE(s->maxValueLength, std::optional<int>(4096));
    QCOMPARE(s->claims,
             (QList<ClaimRule>{
                 {QStringLiteral("email"), {QStringLiteral("mail"), QStringLiteral("email")}},
                 {QStringLiteral("department"), {QStringLiteral("dept")}}}));
    QCOMPARE(s->roles, (QList<RoleRule>{{QStringLiteral("http://www.okta.com/exk1contosoharness7"),
                                         QStringLiteral("Engineering"), QStringLiteral("engineer")},
                                        {QStringLiteral("https://sts.windows.net/t/"),
                                         QStringLiteral("6f1c9a52-0000-4000-8000-000000000001"),
                                         QStringLiteral("admin")}}));

    // Every setting departs from the default, and says so.
    const QStringList lines = p.describe();
    QCOMPARE(lines.size(), 9);
    for (const QString& line : lines)
        QVERIFY2(line.endsWith(QLatin1String("(changed from default)")), qPrintable(line));
}

void TestJitPolicy::emptyMappingAndDefaults()
{
    auto s = parseJitSettings("sync: every-login\n", kFile);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    const JitPolicy d;
    QCOMPARE(s->policy.describe(), d.describe());
    QVERIFY(s->mappingPreset.isEmpty());
    QVERIFY(!s->maxValueLength);
    QVERIFY(s->claims.isEmpty());
    QVERIFY(s->roles.isEmpty());
}

void TestJitPolicy::badFileNamesLineAndField_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where"); // "file:line: field"
    QTest::addColumn<QString>("what");  // part of the message after it
    QTest::addColumn<QByteArray>("fixed");

    QTest::newRow("unknown key") << QByteArray("sync: never\nremoveRole: false\n")
                                 << QStringLiteral("policy.yaml:2: removeRole")
                                 << QStringLiteral("unknown key")
                                 << QByteArray("sync: never\nremoveRoles: false\n");
    QTest::newRow("unknown key in mapping")
        << QByteArray("mapping:\n  claim:\n    email: [mail]\n")
        << QStringLiteral("policy.yaml:2: mapping.claim") << QStringLiteral("unknown key")
        << QByteArray("mapping:\n  claims:\n    email: [mail]\n");
    QTest::newRow("bad enum value")
        << QByteArray("removeRoles: true\nsync: sometimes\n")
        << QStringLiteral("policy.yaml:2: sync") << QStringLiteral("'sometimes' is not one of")
        << QByteArray("removeRoles: true\nsync: never\n");
    QTest::newRow("bad enum value, case")
        << QByteArray("unknownSubject: Create\n") << QStringLiteral("policy.yaml:1: unknownSubject")
        << QStringLiteral("is not one of") << QByteArray("unknownSubject: create\n");
    QTest::newRow("bad boolean") << QByteArray("keyByEmail: yes\n")
                                 << QStringLiteral("policy.yaml:1: keyByEmail")
                                 << QStringLiteral("expected true or false")
                                 << QByteArray("keyByEmail: true\n");
    QTest::newRow("allowed-domains without allowedDomains")
        << QByteArray("sync: never\nunknownSubject: allowed-domains\n")
        << QStringLiteral("policy.yaml:2: allowedDomains") << QStringLiteral("required")
        << QByteArray(
               "sync: never\nunknownSubject: allowed-domains\nallowedDomains: [a.example]\n");
    QTest::newRow("allowed-domains with an empty list")
        << QByteArray("unknownSubject: allowed-domains\nallowedDomains: []\n")
        << QStringLiteral("policy.yaml:1: allowedDomains") << QStringLiteral("required")
        << QByteArray("unknownSubject: allowed-domains\nallowedDomains: [a.example]\n");
    QTest::newRow("allowed domain written as an address")
        << QByteArray(
               "unknownSubject: allowed-domains\nallowedDomains: [a.example, '@b.example']\n")
        << QStringLiteral("policy.yaml:2: allowedDomains[1]")
        << QStringLiteral("'@b.example' is not a domain name")
        << QByteArray("unknownSubject: allowed-domains\nallowedDomains: [a.example, b.example]\n");
    QTest::newRow("allowed domain as a wildcard")
        << QByteArray("unknownSubject: allowed-domains\nallowedDomains: ['*.a.example']\n")
        << QStringLiteral("policy.yaml:2: allowedDomains[0]") << QStringLiteral("no wildcards")
        << QByteArray("unknownSubject: allowed-domains\nallowedDomains: [sub.a.example]\n");
    QTest::newRow("claims for a non-profile field")
        << QByteArray("mapping:\n  claims:\n    email: [mail]\n    phone: [tel]\n")
        << QStringLiteral("policy.yaml:4: mapping.claims.phone")
        << QStringLiteral("not a profile field")
        << QByteArray("mapping:\n  claims:\n    email: [mail]\n    jobTitle: [tel]\n");
    QTest::newRow("empty claim list")
        << QByteArray("mapping:\n  claims:\n    email: []\n")
        << QStringLiteral("policy.yaml:3: mapping.claims.email")
        << QStringLiteral("list the claims") << QByteArray("mapping:\n  claims:\n    email: [m]\n");
    QTest::newRow("claim list left empty")
        << QByteArray("mapping:\n  claims:\n    email:\n")
        << QStringLiteral("policy.yaml:3: mapping.claims.email")
        << QStringLiteral("list the claims") << QByteArray("mapping:\n  claims:\n    email: [m]\n");
    QTest::newRow("claims not a list") << QByteArray("mapping:\n  claims:\n    email: mail\n")
                                       << QStringLiteral("policy.yaml:3: mapping.claims.email")
                                       << QStringLiteral("expected a list")
                                       << QByteArray("mapping:\n  claims:\n    email: [mail]\n");
    QTest::newRow("duplicate claim field")
        << QByteArray("mapping:\n  claims:\n    email: [mail]\n    email: [email]\n")
        << QStringLiteral("policy.yaml:4: mapping.claims.email") << QStringLiteral("twice")
        << QByteArray("mapping:\n  claims:\n    email: [mail, email]\n");
    QTest::newRow("duplicate top-level key")
        << QByteArray("sync: never\nsync: first-login\n") << QStringLiteral("policy.yaml:2: sync")
        << QStringLiteral("twice") << QByteArray("sync: first-login\n");
    QTest::newRow("role entry missing issuer")
        << QByteArray("mapping:\n  roles:\n    - group: Engineering\n      role: engineer\n")
        << QStringLiteral("policy.yaml:3: mapping.roles[0].issuer") << QStringLiteral("required")
        << QByteArray("mapping:\n  roles:\n    - issuer: https://i.example/\n      group: "
                      "Engineering\n      role: engineer\n");
    QTest::newRow("role entry with an empty role")
        << QByteArray("mapping:\n  roles:\n    - issuer: https://i.example/\n      group: g\n"
                      "      role: \"\"\n")
        << QStringLiteral("policy.yaml:5: mapping.roles[0].role") << QStringLiteral("empty")
        << QByteArray("mapping:\n  roles:\n    - issuer: https://i.example/\n      group: g\n"
                      "      role: r\n");
    QTest::newRow("roles not a list")
        << QByteArray("mapping:\n  roles:\n    issuer: https://i.example/\n")
        << QStringLiteral("policy.yaml:3: mapping.roles") << QStringLiteral("expected a list")
        << QByteArray("mapping:\n  roles: []\n");
    QTest::newRow("maxValueLength zero")
        << QByteArray("mapping:\n  maxValueLength: 0\n")
        << QStringLiteral("policy.yaml:2: mapping.maxValueLength") << QStringLiteral("out of range")
        << QByteArray("mapping:\n  maxValueLength: 1\n");
    QTest::newRow("maxValueLength over 1 MiB")
        << QByteArray("mapping:\n  maxValueLength: 1048577\n")
        << QStringLiteral("policy.yaml:2: mapping.maxValueLength") << QStringLiteral("out of range")
        << QByteArray("mapping:\n  maxValueLength: 1048576\n");
    QTest::newRow("maxValueLength not a number")
        << QByteArray("mapping:\n  maxValueLength: lots\n")
        << QStringLiteral("policy.yaml:2: mapping.maxValueLength") << QStringLiteral("whole number")
        << QByteArray("mapping:\n  maxValueLength: 100\n");
    QTest::newRow("not a mapping")
        << QByteArray("- sync\n- never\n") << QStringLiteral("policy.yaml:1")
        << QStringLiteral("expected a mapping") << QByteArray("sync: never\n");
    QTest::newRow("malformed YAML")
        << QByteArray("sync: [never\n") << QStringLiteral("policy.yaml:2")
        << QStringLiteral("malformed YAML") << QByteArray("sync: never\n");
}

void TestJitPolicy::badFileNamesLineAndField()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, what);
    QFETCH(QByteArray, fixed);

    auto s = parseJitSettings(text, kFile);
    QVERIFY(!s);
    QCOMPARE(s.error().id, QStringLiteral("jit.policy-invalid"));
    QVERIFY2(s.error().message.startsWith(where + QStringLiteral(": ")),
             qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(what), qPrintable(s.error().message));

    // The passing twin: the same file with the defect undone.
    auto ok = parseJitSettings(fixed, kFile);
    QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
}

void TestJitPolicy::unreadableFileIsAnIoError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto s = loadJitSettings(dir.filePath(QStringLiteral("missing.yaml")));
    QVERIFY(!s);
    QVERIFY2(s.error().id.startsWith(QLatin1String("io.")), qPrintable(s.error().id));
    QVERIFY(s.error().message.contains(QLatin1String("missing.yaml")));
}

void TestJitPolicy::sampleFileLoadsWithTheDefaults()
{
    auto s = loadJitSettings(test::sourcePath(QStringLiteral("samples/jit-policy.yaml")));
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->policy.describe(), JitPolicy().describe()); // "every setting ... its default"
    QCOMPARE(s->maxValueLength, std::optional<int>(1024));
    QCOMPARE(s->roles.size(), 8);
    for (const RoleRule& r : s->roles)
        QVERIFY(!r.issuer.isEmpty() && !r.group.isEmpty() && !r.role.isEmpty());
}

void TestJitPolicy::describeMarksChangedSettings()
{
    const QString marker = QStringLiteral("(changed from default)");
    const QStringList defaults = JitPolicy().describe();
    QCOMPARE(defaults.size(), 9);
    for (const QString& line : defaults)
        QVERIFY2(!line.contains(marker), qPrintable(line));
    QVERIFY(defaults.contains(QStringLiteral("unknown subject: create")));
    QVERIFY(defaults.contains(QStringLiteral("sync: every-login")));
    QVERIFY(defaults.contains(QStringLiteral("role removal at re-login: on")));
    QVERIFY(defaults.contains(QStringLiteral("accounts keyed by: issuer + subject")));

    JitPolicy p;
    p.sync = SyncMode::Never;
    p.removeRoles = false;
    const QStringList changed = p.describe();
    QCOMPARE(changed.size(), defaults.size());
    for (qsizetype i = 0; i < changed.size(); ++i) {
        const bool isChanged = changed[i].startsWith(QLatin1String("sync:")) ||
                               changed[i].startsWith(QLatin1String("role removal"));
        QCOMPARE(changed[i].contains(marker), isChanged);
        if (!isChanged)
            QCOMPARE(changed[i], defaults[i]);
    }
    QVERIFY(changed.contains(QStringLiteral("sync: never ") + marker));
    QVERIFY(changed.contains(QStringLiteral("role removal at re-login: off ") + marker));

    JitPolicy domains;
    domains.unknownSubject = UnknownSubject::CreateAllowedDomains;
    domains.allowedDomains = {QStringLiteral("contoso.example"),
                              QStringLiteral("fabrikam.example")};
    QCOMPARE(
        domains.describe().first(),
        QStringLiteral("unknown subject: allowed-domains (contoso.example, fabrikam.example) ") +
            marker);
}

void TestJitPolicy::mappingWithoutPresetIsOnlyTheGivenClaims()
{
    auto s = parseJitSettings(kEveryKey, kFile);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    const AttributeMapping m = s->mappingFor(nullptr);
    QCOMPARE(m.claims, s->claims);
    QCOMPARE(m.roles, s->roles);
    QCOMPARE(m.maxValueLength, 4096);
    QVERIFY(m.groupsClaim.isEmpty());
    QVERIFY(m.overageClaim.isEmpty());
    QVERIFY(m.emailVerifiedClaim.isEmpty());

    // Without maxValueLength, the mapping's own default stands.
    JitSettings bare;
    QCOMPARE(bare.mappingFor(nullptr), AttributeMapping());
}

void TestJitPolicy::mappingOverPresetReplacesTheRuleForTheSameField()
{
    const idp::Preset* okta = m_catalog.find(QStringLiteral("okta"));
    QVERIFY(okta);
    const AttributeMapping defaults = defaultMapping(*okta);
    const auto ruleFor = [](const AttributeMapping& m, const QString& field) -> qsizetype {
        for (qsizetype i = 0; i < m.claims.size(); ++i)
            if (m.claims[i].field == field)
                return i;
        return -1;
    };
    const qsizetype emailAt = ruleFor(defaults, QStringLiteral("email"));
    QVERIFY2(emailAt >= 0, "okta's defaults map the e-mail");
    QVERIFY(ruleFor(defaults, QStringLiteral("department")) < 0);
    QVERIFY(!defaults.groupsClaim.isEmpty());

    auto s = parseJitSettings(kEveryKey, kFile);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    const AttributeMapping m = s->mappingFor(okta);

    // The e-mail rule is replaced in place, the department rule added, every
    // other default kept as it was.
    AttributeMapping expected = defaults;
    expected.claims[emailAt] = {QStringLiteral("email"),
                                {QStringLiteral("mail"), QStringLiteral("email")}};
    expected.claims.append({QStringLiteral("department"), {QStringLiteral("dept")}});
    expected.roles = s->roles;
    expected.maxValueLength = 4096;
    QCOMPARE(m.claims, expected.claims);
    QCOMPARE(m, expected);
    QCOMPARE(ruleFor(m, QStringLiteral("email")), emailAt);

    // Without a policy file's claims, the preset's defaults are what apply.
    JitSettings bare;
    QCOMPARE(bare.mappingFor(okta), defaults);
}

QTEST_GUILESS_MAIN(TestJitPolicy)
#include "test_jit_policy.moc"
