// Scenario files: the three samples load with the shape they promise; a
// minimal file takes the documented defaults; every key is read; the policy
// comes from a file beside the scenario or from inline settings read by the
// policy file's own reader; scripted events are ordered and their people
// resolved; and every mistake is refused with sim.scenario-invalid naming
// file, line and field (and the file with the mistake undone loads).
#include "sim/scenario_file.h"
#include "support/fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using namespace jh::sim;

namespace {

const QString kFile = QStringLiteral("scenario.yaml");

Result<Scenario> parse(const QByteArray& text)
{
    return parseScenario(text, kFile, QStringLiteral("/nonexistent"));
}

QStringList strategyNames(const Scenario& s)
{
    QStringList out;
    for (const Strategy& st : s.strategies)
        out << st.name();
    return out;
}

const QStringList kAllSix{QStringLiteral("self-registration"),
                          QStringLiteral("scim-preprovision"),
                          QStringLiteral("jit"),
                          QStringLiteral("jit-scim-offboard"),
                          QStringLiteral("jit-cleanup"),
                          QStringLiteral("jit-csv-offboard")};

const QByteArray kEveryKey = R"(title: Every key
description: all of them
start: 2026-02-01
days: 90
seed: 18446744073709551615
organisation:
  name: Tiny
  tenantId: 0b8f2a4e-1111-4c2d-9e0f-2a3b4c5d6e7f
  headCount: 10
  emailDomain: tiny.example
  usernamePattern: "{g}{family}{n}"
  departments:
    - {name: A, share: 0.7, groups: [GA, All]}
    - {name: B, share: 0.3}
  groups:
    - {name: Admins, share: 0.1}
hr:
  hireRate: 0.3
  leaveRate: 0.2
  seasonality: [0, 0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 0.5]
  transferRate: 0.1
  renameRate: 0.05
  emailChangeRate: 0.04
  contractorWaves:
    - {start: 2026-03-01, count: 5, days: 30, department: B}
  events:
    - {date: 2026-03-10, kind: leave, person: ann}
    - {date: 2026-02-02, kind: hire, person: ann, department: A}
    - {date: 2026-02-20, kind: transfer, person: ann, department: B}
    - {date: 2026-02-20, kind: rename, person: ann}
    - {date: 2026-02-25, kind: email-change, person: ann}
signIns:
  workingDayProbability: 0.5
  neverAdopt: 0.25
  workingDays: [sun, mon]
  holidays: [2026-02-16, 12-25, {from: 2026-03-02, to: 2026-03-03}, {from: 12-30, to: 01-02}]
  sessionHours: 1.5
idp:
  preset: entra
  entityId: https://sts.windows.net/tiny/
sp:
  policy:
    sync: first-login
    removeRoles: false
    mapping:
      roles:
        - {issuer: https://sts.windows.net/tiny/, group: GA, role: a}
billing:
  seatPrice: 4.5
  currency: EUR
  rule: non-deleted
strategies:
  jit-csv-offboard: {cadenceDays: 30, delayDays: 0}
  jit-cleanup: {inactivityDays: 14, intervalDays: 1}
  scim-preprovision: {profile: okta, syncIntervalHours: 24}
  jit-scim-offboard:
  jit:
)";

} // namespace

class TestScenarioFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesLoad_data();
    void samplesLoad();
    void minimalFileTakesTheDefaults();
    void everyKeyIsRead();
    void strategiesAsNamesTakeDefaults();
    void scimProfileFollowsTheIdp();
    void policyFileIsResolvedBesideTheScenario();
    void inlinePolicyErrorsKeepTheScenarioLine_data();
    void inlinePolicyErrorsKeepTheScenarioLine();
    void badFileNamesLineAndField_data();
    void badFileNamesLineAndField();
    void unreadableScenarioIsAnIoError();
    void workingDaysAndHolidays();
};

void TestScenarioFile::samplesLoad_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("headCount");
    QTest::addColumn<double>("leaveRate");
    QTest::addColumn<int>("waves");
    QTest::addColumn<bool>("seasonal");
    QTest::addColumn<QString>("preset");

    QTest::newRow("start-up") << QStringLiteral("startup-50.yaml") << 50 << 0.1 << 0 << false
                              << QStringLiteral("okta");
    QTest::newRow("company, 15% churn") << QStringLiteral("company-1000.yaml") << 1000 << 0.15 << 0
                                        << false << QStringLiteral("okta");
    QTest::newRow("enterprise, contractors, seasons")
        << QStringLiteral("enterprise-5000.yaml") << 5000 << 0.12 << 2 << true
        << QStringLiteral("entra");
}

void TestScenarioFile::samplesLoad()
{
    QFETCH(QString, file);
    QFETCH(int, headCount);
    QFETCH(double, leaveRate);
    QFETCH(int, waves);
    QFETCH(bool, seasonal);
    QFETCH(QString, preset);

    auto s = loadScenario(test::sourcePath(QStringLiteral("samples/scenarios/") + file));
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->organisation.headCount, headCount);
    QCOMPARE(s->hr.leaveRate, leaveRate);
    QCOMPARE(s->hr.contractorWaves.size(), waves);
    const std::array<double, 12> flat{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    QCOMPARE(s->hr.seasonality != flat, seasonal);
    QCOMPARE(s->idp.preset, preset);
    // One year each, a fixed seed, all strategies.
    QCOMPARE(s->start, QDate(2025, 1, 1));
    QCOMPARE(s->days, 365);
    QVERIFY(s->seed != 0);
    QCOMPARE(strategyNames(*s), kAllSix);
    QVERIFY(!s->title.isEmpty());
    QVERIFY(!s->description.isEmpty());
    QVERIFY(s->organisation.departments.size() >= 3);
}

void TestScenarioFile::minimalFileTakesTheDefaults()
{
    auto s = parse("organisation:\n  headCount: 20\n");
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->fileName, kFile);
    QCOMPARE(s->title, QStringLiteral("scenario"));
    QCOMPARE(s->start, QDate(2025, 1, 1));
    QCOMPARE(s->days, 365);
    QCOMPARE(s->end(), QDate(2026, 1, 1));
    QCOMPARE(s->seed, quint64(1));
    QCOMPARE(s->organisation.headCount, 20);
    Organisation org;
    org.headCount = 20;
    org.departments = {Department{QStringLiteral("Staff"), 1.0, {QStringLiteral("Staff")}}};
    QCOMPARE(s->organisation, org);
    QCOMPARE(s->hr, HrRates());
    QCOMPARE(s->signIns, SignInHabits());
    QCOMPARE(s->idp, IdpSide());
    QCOMPARE(s->billing, Billing());
    QVERIFY(s->sp.policyFile.isEmpty());
    QCOMPARE(s->sp.policy.policy.describe(), jit::JitPolicy().describe());
    QCOMPARE(strategyNames(*s), kAllSix);
    for (const Strategy& st : s->strategies) {
        Strategy d;
        d.kind = st.kind;
        QCOMPARE(st, d);
    }

    // Hires default to the leave rate: the head-count stays level.
    auto level = parse("hr:\n  leaveRate: 0.3\n");
    QVERIFY2(level, level ? "" : qPrintable(level.error().message));
    QCOMPARE(level->hr.hireRate, 0.3);
}

void TestScenarioFile::everyKeyIsRead()
{
    auto s = parse(kEveryKey);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->title, QStringLiteral("Every key"));
    QCOMPARE(s->description, QStringLiteral("all of them"));
    QCOMPARE(s->start, QDate(2026, 2, 1));
    QCOMPARE(s->days, 90);
    QCOMPARE(s->seed, quint64(18446744073709551615ULL));

    const Organisation& o = s->organisation;
    QCOMPARE(o.name, QStringLiteral("Tiny"));
    QCOMPARE(o.tenantId, QStringLiteral("0b8f2a4e-1111-4c2d-9e0f-2a3b4c5d6e7f"));
    QCOMPARE(o.headCount, 10);
    QCOMPARE(o.emailDomain, QStringLiteral("tiny.example"));
    QCOMPARE(o.usernamePattern, QStringLiteral("{g}{family}{n}"));
    QCOMPARE(o.departments,
             (QList<Department>{
                 {QStringLiteral("A"), 0.7, {QStringLiteral("GA"), QStringLiteral("All")}},
                 {QStringLiteral("B"), 0.3, {}}}));
    QCOMPARE(o.groups, (QList<ExtraGroup>{{QStringLiteral("Admins"), 0.1}}));

    const HrRates& hr = s->hr;
    QCOMPARE(hr.hireRate, 0.3);
    QCOMPARE(hr.leaveRate, 0.2);
    QCOMPARE(hr.seasonality, (std::array<double, 12>{0, 0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 0.5}));
    QCOMPARE(hr.transferRate, 0.1);
    QCOMPARE(hr.renameRate, 0.05);
    QCOMPARE(hr.emailChangeRate, 0.04);
    QCOMPARE(hr.contractorWaves,
             (QList<ContractorWave>{{QDate(2026, 3, 1), 5, 30, QStringLiteral("B")}}));
    // In date order; on the same date, in file order.
    const QString ann = QStringLiteral("ann");
    QCOMPARE(hr.events, (QList<ScriptedEvent>{
                            {QDate(2026, 2, 2), HrEventKind::Hire, ann, QStringLiteral("A")},
                            {QDate(2026, 2, 20), HrEventKind::Transfer, ann, QStringLiteral("B")},
                            {QDate(2026, 2, 20), HrEventKind::Rename, ann, {}},
                            {QDate(2026, 2, 25), HrEventKind::EmailChange, ann, {}},
                            {QDate(2026, 3, 10), HrEventKind::Leave, ann, {}}}));

    const SignInHabits& h = s->signIns;
    QCOMPARE(h.workingDayProbability, 0.5);
    QCOMPARE(h.neverAdopt, 0.25);
    QCOMPARE(h.workingDays, (QList<int>{1, 7}));
    QCOMPARE(h.sessionHours, 1.5);
    QCOMPARE(h.holidays, (QList<Holiday>{{QDate(2026, 2, 16), QDate(2026, 2, 16), false},
                                         {QDate(2000, 12, 25), QDate(2000, 12, 25), true},
                                         {QDate(2026, 3, 2), QDate(2026, 3, 3), false},
                                         {QDate(2000, 12, 30), QDate(2000, 1, 2), true}}));

    QCOMPARE(s->idp.preset, QStringLiteral("entra"));
    QCOMPARE(s->idp.entityId, QStringLiteral("https://sts.windows.net/tiny/"));
    QVERIFY(s->sp.policyFile.isEmpty());
    QCOMPARE(s->sp.policy.policy.sync, jit::SyncMode::FirstLogin);
    QCOMPARE(s->sp.policy.policy.removeRoles, false);
    QCOMPARE(s->sp.policy.roles,
             (QList<jit::RoleRule>{{QStringLiteral("https://sts.windows.net/tiny/"),
                                    QStringLiteral("GA"), QStringLiteral("a")}}));
    QCOMPARE(s->billing, (Billing{4.5, QStringLiteral("EUR"), BillingRule::NonDeleted}));

    // File order is kept; unlisted parameters keep their defaults.
    QCOMPARE(strategyNames(*s),
             (QStringList{QStringLiteral("jit-csv-offboard"), QStringLiteral("jit-cleanup"),
                          QStringLiteral("scim-preprovision"), QStringLiteral("jit-scim-offboard"),
                          QStringLiteral("jit")}));
    const Strategy* csv = s->strategy(StrategyKind::JitCsvOffboard);
    QVERIFY(csv);
    QCOMPARE(csv->csvCadenceDays, 30);
    QCOMPARE(csv->csvDelayDays, 0);
    const Strategy* cleanup = s->strategy(StrategyKind::JitCleanup);
    QVERIFY(cleanup);
    QCOMPARE(cleanup->inactivityDays, 14);
    QCOMPARE(cleanup->cleanupIntervalDays, 1);
    const Strategy* scim = s->strategy(StrategyKind::ScimPreprovision);
    QVERIFY(scim);
    QCOMPARE(scim->scimProfile, scim::ScimProfile::Okta);
    QCOMPARE(scim->syncIntervalHours, 24);
    const Strategy* offboard = s->strategy(StrategyKind::JitScimOffboard);
    QVERIFY(offboard);
    QCOMPARE(offboard->scimProfile, scim::ScimProfile::Entra); // follows the IdP preset
    QCOMPARE(offboard->syncIntervalHours, 1);
    QVERIFY(!s->strategy(StrategyKind::SelfRegistration));
}

void TestScenarioFile::strategiesAsNamesTakeDefaults()
{
    auto s = parse("strategies: [jit-cleanup, jit]\n");
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(strategyNames(*s),
             (QStringList{QStringLiteral("jit-cleanup"), QStringLiteral("jit")}));
    QCOMPARE(s->strategies.first().inactivityDays, 90);
    QCOMPARE(s->strategies.first().cleanupIntervalDays, 7);
}

void TestScenarioFile::scimProfileFollowsTheIdp()
{
    for (const auto& [preset, profile] :
         {std::pair{"okta", scim::ScimProfile::Okta}, std::pair{"entra", scim::ScimProfile::Entra},
          std::pair{"google", scim::ScimProfile::Okta}}) {
        auto s = parse(QByteArray("idp: {preset: ") + preset + "}\n");
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        QCOMPARE(s->strategy(StrategyKind::ScimPreprovision)->scimProfile, profile);
    }
}

void TestScenarioFile::policyFileIsResolvedBesideTheScenario()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("scenarios/policies")));
    QFile policy(dir.filePath(QStringLiteral("scenarios/policies/strict.yaml")));
    QVERIFY(policy.open(QIODevice::WriteOnly));
    policy.write("unknownSubject: deny\n");
    policy.close();
    QFile scenario(dir.filePath(QStringLiteral("scenarios/s.yaml")));
    QVERIFY(scenario.open(QIODevice::WriteOnly));
    scenario.write("sp:\n  policy: policies/strict.yaml\n");
    scenario.close();

    auto s = loadScenario(scenario.fileName());
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QCOMPARE(s->sp.policyFile, QFileInfo(policy.fileName()).absoluteFilePath());
    QCOMPARE(s->sp.policy.policy.unknownSubject, jit::UnknownSubject::Deny);

    // The sample company names the sample policy one folder up.
    auto company =
        loadScenario(test::sourcePath(QStringLiteral("samples/scenarios/company-1000.yaml")));
    QVERIFY2(company, company ? "" : qPrintable(company.error().message));
    QCOMPARE(company->sp.policyFile, test::sourcePath(QStringLiteral("samples/jit-policy.yaml")));
    QCOMPARE(company->sp.policy.roles.size(), 8);

    // A broken policy file: the scenario's key is named, then the policy's own line and field.
    QVERIFY(policy.open(QIODevice::WriteOnly | QIODevice::Truncate));
    policy.write("unknownSubject: deny\nsinc: never\n");
    policy.close();
    auto broken = loadScenario(scenario.fileName());
    QVERIFY(!broken);
    QCOMPARE(broken.error().id, QStringLiteral("sim.scenario-invalid"));
    QVERIFY2(
        broken.error().message.startsWith(scenario.fileName() + QStringLiteral(":2: sp.policy: ")),
        qPrintable(broken.error().message));
    QVERIFY2(broken.error().message.contains(QStringLiteral("strict.yaml:2: sinc: unknown key")),
             qPrintable(broken.error().message));
}

void TestScenarioFile::inlinePolicyErrorsKeepTheScenarioLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("what");

    QTest::newRow("block, unknown key")
        << QByteArray("days: 30\nsp:\n  policy:\n    sync: never\n    # a comment\n\n"
                      "    removeRole: false\nbilling:\n  rule: non-deleted\n")
        << QStringLiteral("scenario.yaml:7: sp.policy.removeRole") << QStringLiteral("unknown key");
    QTest::newRow("block, nested")
        << QByteArray("sp:\n  policy:\n    mapping:\n      roles:\n        - issuer: i\n"
                      "          group: g\n")
        << QStringLiteral("scenario.yaml:5: sp.policy.mapping.roles[0].role")
        << QStringLiteral("required");
    QTest::newRow("flow, bad value")
        << QByteArray("days: 30\n\nsp: {policy: {sync: sometimes}}\n")
        << QStringLiteral("scenario.yaml:3: sp.policy.sync") << QStringLiteral("is not one of");
    QTest::newRow("a list instead") << QByteArray("sp:\n  policy:\n    - sync\n")
                                    << QStringLiteral("scenario.yaml:3: sp.policy")
                                    << QStringLiteral("expected a policy file's path");
}

void TestScenarioFile::inlinePolicyErrorsKeepTheScenarioLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, what);

    auto s = parse(text);
    QVERIFY(!s);
    QCOMPARE(s.error().id, QStringLiteral("sim.scenario-invalid"));
    QVERIFY2(s.error().message.startsWith(where + QStringLiteral(": ")),
             qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(what), qPrintable(s.error().message));
}

void TestScenarioFile::badFileNamesLineAndField_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where"); // "file:line: field"
    QTest::addColumn<QString>("what");  // part of the message after it
    QTest::addColumn<QByteArray>("fixed");

    QTest::newRow("unknown top-level key")
        << QByteArray("days: 30\nseeds: 4\n") << QStringLiteral("scenario.yaml:2: seeds")
        << QStringLiteral("unknown key") << QByteArray("days: 30\nseed: 4\n");
    QTest::newRow("unknown nested key")
        << QByteArray("organisation:\n  headcount: 4\n")
        << QStringLiteral("scenario.yaml:2: organisation.headcount")
        << QStringLiteral("unknown key") << QByteArray("organisation:\n  headCount: 4\n");
    QTest::newRow("key given twice")
        << QByteArray("days: 30\ndays: 40\n") << QStringLiteral("scenario.yaml:2: days")
        << QStringLiteral("twice") << QByteArray("days: 40\n");
    QTest::newRow("wrong type: text for a number")
        << QByteArray("organisation:\n  headCount: many\n")
        << QStringLiteral("scenario.yaml:2: organisation.headCount")
        << QStringLiteral("whole number") << QByteArray("organisation:\n  headCount: 3\n");
    QTest::newRow("wrong type: list for a section")
        << QByteArray("hr: [0.1]\n") << QStringLiteral("scenario.yaml:1: hr")
        << QStringLiteral("expected a mapping") << QByteArray("hr: {leaveRate: 0.1}\n");
    QTest::newRow("wrong type: text for a rate")
        << QByteArray("hr:\n  leaveRate: 15%\n") << QStringLiteral("scenario.yaml:2: hr.leaveRate")
        << QStringLiteral("expected a number") << QByteArray("hr:\n  leaveRate: 0.15\n");
    QTest::newRow("probability 1.5")
        << QByteArray("signIns:\n  workingDayProbability: 1.5\n")
        << QStringLiteral("scenario.yaml:2: signIns.workingDayProbability")
        << QStringLiteral("out of range") << QByteArray("signIns:\n  workingDayProbability: 1\n");
    QTest::newRow("negative probability")
        << QByteArray("signIns:\n  neverAdopt: -0.1\n")
        << QStringLiteral("scenario.yaml:2: signIns.neverAdopt") << QStringLiteral("out of range")
        << QByteArray("signIns:\n  neverAdopt: 0\n");
    QTest::newRow("negative length")
        << QByteArray("seed: 3\ndays: -5\n") << QStringLiteral("scenario.yaml:2: days")
        << QStringLiteral("out of range") << QByteArray("days: 5\n");
    QTest::newRow("zero length") << QByteArray("days: 0\n")
                                 << QStringLiteral("scenario.yaml:1: days")
                                 << QStringLiteral("out of range") << QByteArray("days: 1\n");
    QTest::newRow("negative head-count")
        << QByteArray("organisation: {headCount: -1}\n")
        << QStringLiteral("scenario.yaml:1: organisation.headCount")
        << QStringLiteral("out of range") << QByteArray("organisation: {headCount: 0}\n");
    QTest::newRow("negative seed")
        << QByteArray("seed: -1\n") << QStringLiteral("scenario.yaml:1: seed")
        << QStringLiteral("whole number") << QByteArray("seed: 0\n");
    QTest::newRow("bad date") << QByteArray("start: 2025-02-30\n")
                              << QStringLiteral("scenario.yaml:1: start")
                              << QStringLiteral("not a date") << QByteArray("start: 2025-02-28\n");
    QTest::newRow("date in another format")
        << QByteArray("start: 01/02/2025\n") << QStringLiteral("scenario.yaml:1: start")
        << QStringLiteral("YYYY-MM-DD") << QByteArray("start: 2025-02-01\n");
    QTest::newRow("seasonality with 11 values")
        << QByteArray("hr:\n  seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n")
        << QStringLiteral("scenario.yaml:2: hr.seasonality") << QStringLiteral("12 values")
        << QByteArray("hr:\n  seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
    QTest::newRow("seasonality all zero")
        << QByteArray("hr:\n  seasonality: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n")
        << QStringLiteral("scenario.yaml:2: hr.seasonality") << QStringLiteral("above 0")
        << QByteArray("hr:\n  seasonality: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]\n");
    QTest::newRow("seasonality value negative")
        << QByteArray("hr:\n  seasonality:\n    [1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1]\n")
        << QStringLiteral("scenario.yaml:3: hr.seasonality[5]") << QStringLiteral("out of range")
        << QByteArray("hr:\n  seasonality:\n    [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]\n");
    QTest::newRow("unknown strategy name")
        << QByteArray("strategies:\n  jit:\n  jit-clean-up: {inactivityDays: 30}\n")
        << QStringLiteral("scenario.yaml:3: strategies.jit-clean-up")
        << QStringLiteral("unknown strategy 'jit-clean-up'")
        << QByteArray("strategies:\n  jit:\n  jit-cleanup: {inactivityDays: 30}\n");
    QTest::newRow("unknown strategy name in a list")
        << QByteArray("strategies: [jit, scim]\n")
        << QStringLiteral("scenario.yaml:1: strategies[1]") << QStringLiteral("unknown strategy")
        << QByteArray("strategies: [jit, scim-preprovision]\n");
    QTest::newRow("strategy listed twice")
        << QByteArray("strategies:\n  - jit\n  - jit\n")
        << QStringLiteral("scenario.yaml:3: strategies[1]") << QStringLiteral("listed twice")
        << QByteArray("strategies:\n  - jit\n");
    QTest::newRow("strategy key given twice")
        << QByteArray("strategies:\n  jit:\n  jit:\n")
        << QStringLiteral("scenario.yaml:3: strategies.jit") << QStringLiteral("listed twice")
        << QByteArray("strategies:\n  jit:\n");
    QTest::newRow("no strategies")
        << QByteArray("strategies: []\n") << QStringLiteral("scenario.yaml:1: strategies")
        << QStringLiteral("at least one") << QByteArray("strategies: [jit]\n");
    QTest::newRow("parameter of another strategy")
        << QByteArray("strategies:\n  jit-cleanup: {cadenceDays: 7}\n")
        << QStringLiteral("scenario.yaml:2: strategies.jit-cleanup.cadenceDays")
        << QStringLiteral("unknown key")
        << QByteArray("strategies:\n  jit-csv-offboard: {cadenceDays: 7}\n");
    QTest::newRow("parameter for a strategy that has none")
        << QByteArray("strategies:\n  jit: {inactivityDays: 7}\n")
        << QStringLiteral("scenario.yaml:2: strategies.jit.inactivityDays")
        << QStringLiteral("jit takes no parameters") << QByteArray("strategies:\n  jit: {}\n");
    QTest::newRow("unknown SCIM profile")
        << QByteArray("strategies:\n  scim-preprovision:\n    profile: onelogin\n")
        << QStringLiteral("scenario.yaml:3: strategies.scim-preprovision.profile")
        << QStringLiteral("okta, entra")
        << QByteArray("strategies:\n  scim-preprovision:\n    profile: entra\n");
    QTest::newRow("clean-up threshold zero")
        << QByteArray("strategies:\n  jit-cleanup: {inactivityDays: 0}\n")
        << QStringLiteral("scenario.yaml:2: strategies.jit-cleanup.inactivityDays")
        << QStringLiteral("out of range")
        << QByteArray("strategies:\n  jit-cleanup: {inactivityDays: 1}\n");
    QTest::newRow("duplicate department")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 0.5}\n"
                      "    - {name: A, share: 0.5}\n")
        << QStringLiteral("scenario.yaml:4: organisation.departments[1].name")
        << QStringLiteral("listed twice")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 0.5}\n"
                      "    - {name: B, share: 0.5}\n");
    QTest::newRow("shares not summing to 1")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 0.5}\n"
                      "    - {name: B, share: 0.4}\n")
        << QStringLiteral("scenario.yaml:3: organisation.departments")
        << QStringLiteral("add up to 0.9")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 0.6}\n"
                      "    - {name: B, share: 0.4}\n");
    QTest::newRow("thirds are close enough to 1")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 0.33}\n"
                      "    - {name: B, share: 0.33}\n    - {name: C, share: 0.33}\n")
        << QStringLiteral("scenario.yaml:3: organisation.departments")
        << QStringLiteral("add up to 0.99")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 0.333}\n"
                      "    - {name: B, share: 0.333}\n    - {name: C, share: 0.333}\n");
    QTest::newRow("department without a share")
        << QByteArray("organisation:\n  departments:\n    - name: A\n")
        << QStringLiteral("scenario.yaml:3: organisation.departments[0].share")
        << QStringLiteral("required")
        << QByteArray("organisation:\n  departments:\n    - name: A\n      share: 1\n");
    QTest::newRow("no departments")
        << QByteArray("organisation:\n  departments: []\n")
        << QStringLiteral("scenario.yaml:2: organisation.departments")
        << QStringLiteral("at least one") << QByteArray("organisation:\n  departments:\n");
    QTest::newRow("group listed twice in a department")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 1, groups: [G, G]}\n")
        << QStringLiteral("scenario.yaml:3: organisation.departments[0].groups[1]")
        << QStringLiteral("listed twice")
        << QByteArray("organisation:\n  departments:\n    - {name: A, share: 1, groups: [G, H]}\n");
    QTest::newRow("extra group clashing with a department's")
        << QByteArray("organisation:\n  groups:\n    - {name: Staff, share: 0.1}\n")
        << QStringLiteral("scenario.yaml:3: organisation.groups[0].name")
        << QStringLiteral("already a department's group")
        << QByteArray("organisation:\n  groups:\n    - {name: VPN, share: 0.1}\n");
    QTest::newRow("extra group share above 1")
        << QByteArray("organisation:\n  groups:\n    - {name: VPN, share: 2}\n")
        << QStringLiteral("scenario.yaml:3: organisation.groups[0].share")
        << QStringLiteral("out of range")
        << QByteArray("organisation:\n  groups:\n    - {name: VPN, share: 1}\n");
    QTest::newRow("e-mail domain with an @")
        << QByteArray("organisation: {emailDomain: '@corp.example'}\n")
        << QStringLiteral("scenario.yaml:1: organisation.emailDomain")
        << QStringLiteral("not a domain name")
        << QByteArray("organisation: {emailDomain: corp.example}\n");
    QTest::newRow("unknown user-name placeholder")
        << QByteArray("organisation: {usernamePattern: '{first}.{family}'}\n")
        << QStringLiteral("scenario.yaml:1: organisation.usernamePattern")
        << QStringLiteral("unknown placeholder {first}")
        << QByteArray("organisation: {usernamePattern: '{given}.{family}'}\n");
    QTest::newRow("user-name pattern with the domain")
        << QByteArray("organisation: {usernamePattern: '{given}@corp.example'}\n")
        << QStringLiteral("scenario.yaml:1: organisation.usernamePattern")
        << QStringLiteral("only letters")
        << QByteArray("organisation: {usernamePattern: '{given}'}\n");
    QTest::newRow("tenant id not a GUID")
        << QByteArray("organisation: {tenantId: contoso}\n")
        << QStringLiteral("scenario.yaml:1: organisation.tenantId") << QStringLiteral("GUID")
        << QByteArray("organisation: {tenantId: 4df3f2e6-836d-5a5a-a00b-658bcef42a66}\n");
    QTest::newRow("wave in an unknown department")
        << QByteArray("hr:\n  contractorWaves:\n    - {start: 2025-03-01, count: 5, days: 30, "
                      "department: Sales}\n")
        << QStringLiteral("scenario.yaml:3: hr.contractorWaves[0].department")
        << QStringLiteral("no department 'Sales' (known: Staff)")
        << QByteArray("hr:\n  contractorWaves:\n    - {start: 2025-03-01, count: 5, days: 30, "
                      "department: Staff}\n");
    QTest::newRow("wave after the run")
        << QByteArray("days: 30\nhr:\n  contractorWaves:\n    - {start: 2025-03-01, count: 5, "
                      "days: 30, department: Staff}\n")
        << QStringLiteral("scenario.yaml:4: hr.contractorWaves[0].start")
        << QStringLiteral("outside the run (2025-01-01 to 2025-01-30)")
        << QByteArray("days: 30\nhr:\n  contractorWaves:\n    - {start: 2025-01-30, count: 5, "
                      "days: 30, department: Staff}\n");
    QTest::newRow("wave without a count")
        << QByteArray("hr:\n  contractorWaves:\n    - {start: 2025-03-01, days: 30, "
                      "department: Staff}\n")
        << QStringLiteral("scenario.yaml:3: hr.contractorWaves[0].count")
        << QStringLiteral("required")
        << QByteArray("hr:\n  contractorWaves:\n    - {start: 2025-03-01, count: 1, days: 30, "
                      "department: Staff}\n");
    QTest::newRow("event for someone never hired")
        << QByteArray("hr:\n  events:\n    - {date: 2025-02-01, kind: leave, person: bob}\n")
        << QStringLiteral("scenario.yaml:3: hr.events[0].person")
        << QStringLiteral("no scripted hire of 'bob'")
        << QByteArray("hr:\n  events:\n    - {date: 2025-02-01, kind: hire, person: bob, "
                      "department: Staff}\n");
    QTest::newRow("event before the hire")
        << QByteArray("hr:\n  events:\n    - {date: 2025-03-01, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-02-01, kind: rename, person: bob}\n")
        << QStringLiteral("scenario.yaml:4: hr.events[1].person")
        << QStringLiteral("no scripted hire of 'bob' on or before 2025-02-01")
        << QByteArray("hr:\n  events:\n    - {date: 2025-03-01, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-04-01, kind: rename, person: bob}\n");
    QTest::newRow("event after leaving")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-02-01, kind: leave, person: bob}\n"
                      "    - {date: 2025-03-01, kind: email-change, person: bob}\n")
        << QStringLiteral("scenario.yaml:5: hr.events[2].person")
        << QStringLiteral("'bob' left on 2025-02-01")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-02-01, kind: leave, person: bob}\n");
    QTest::newRow("same id hired twice")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-01-03, kind: hire, person: bob, "
                      "department: Staff}\n")
        << QStringLiteral("scenario.yaml:4: hr.events[1].person") << QStringLiteral("hired twice")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-01-03, kind: hire, person: bo2, "
                      "department: Staff}\n");
    QTest::newRow("hire without a department")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob}\n")
        << QStringLiteral("scenario.yaml:3: hr.events[0].department") << QStringLiteral("required")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n");
    QTest::newRow("leave naming a department")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-01-03, kind: leave, person: bob, "
                      "department: Staff}\n")
        << QStringLiteral("scenario.yaml:4: hr.events[1].department")
        << QStringLiteral("only a hire or a transfer")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n    - {date: 2025-01-03, kind: leave, person: bob}\n");
    QTest::newRow("unknown event kind")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: fire, person: bob}\n")
        << QStringLiteral("scenario.yaml:3: hr.events[0].kind") << QStringLiteral("is not one of")
        << QByteArray("hr:\n  events:\n    - {date: 2025-01-02, kind: hire, person: bob, "
                      "department: Staff}\n");
    QTest::newRow("unknown working day")
        << QByteArray("signIns:\n  workingDays: [mon, tues]\n")
        << QStringLiteral("scenario.yaml:2: signIns.workingDays[1]")
        << QStringLiteral("'tues' is not one of")
        << QByteArray("signIns:\n  workingDays: [mon, tue]\n");
    QTest::newRow("no working days")
        << QByteArray("signIns:\n  workingDays: []\n")
        << QStringLiteral("scenario.yaml:2: signIns.workingDays") << QStringLiteral("at least one")
        << QByteArray("signIns:\n  workingDays: [sat]\n");
    QTest::newRow("bad holiday") << QByteArray("signIns:\n  holidays:\n    - 12-25\n    - 02-30\n")
                                 << QStringLiteral("scenario.yaml:4: signIns.holidays[1]")
                                 << QStringLiteral("not a date")
                                 << QByteArray("signIns:\n  holidays:\n    - 12-25\n    - 02-29\n");
    QTest::newRow("holiday range backwards")
        << QByteArray("signIns:\n  holidays:\n    - {from: 2025-12-31, to: 2025-12-24}\n")
        << QStringLiteral("scenario.yaml:3: signIns.holidays[0].to") << QStringLiteral("before")
        << QByteArray("signIns:\n  holidays:\n    - {from: 2025-12-24, to: 2025-12-31}\n");
    QTest::newRow("holiday range mixing forms")
        << QByteArray("signIns:\n  holidays:\n    - {from: 12-24, to: 2025-12-31}\n")
        << QStringLiteral("scenario.yaml:3: signIns.holidays[0].to") << QStringLiteral("both")
        << QByteArray("signIns:\n  holidays:\n    - {from: 12-24, to: 12-31}\n");
    QTest::newRow("session of no length")
        << QByteArray("signIns:\n  sessionHours: 0\n")
        << QStringLiteral("scenario.yaml:2: signIns.sessionHours") << QStringLiteral("out of range")
        << QByteArray("signIns:\n  sessionHours: 0.5\n");
    QTest::newRow("unknown IdP preset")
        << QByteArray("idp:\n  preset: okta-classic\n")
        << QStringLiteral("scenario.yaml:2: idp.preset")
        << QStringLiteral("no built-in preset 'okta-classic' (known: adfs, entra")
        << QByteArray("idp:\n  preset: okta\n");
    QTest::newRow("unreadable policy path")
        << QByteArray("days: 30\nsp:\n  policy: no-such-policy.yaml\n")
        << QStringLiteral("scenario.yaml:3: sp.policy") << QStringLiteral("no-such-policy.yaml")
        << QByteArray("days: 30\nsp:\n  policy: {sync: never}\n");
    QTest::newRow("unknown billing rule")
        << QByteArray("billing:\n  rule: mau\n") << QStringLiteral("scenario.yaml:2: billing.rule")
        << QStringLiteral("monthly-active, non-deleted")
        << QByteArray("billing:\n  rule: monthly-active\n");
    QTest::newRow("negative seat price") << QByteArray("billing:\n  seatPrice: -3\n")
                                         << QStringLiteral("scenario.yaml:2: billing.seatPrice")
                                         << QStringLiteral("-3 is out of range (0..1000000)")
                                         << QByteArray("billing:\n  seatPrice: 0\n");
    QTest::newRow("not a mapping")
        << QByteArray("- days\n- 30\n") << QStringLiteral("scenario.yaml:1")
        << QStringLiteral("expected a mapping") << QByteArray("days: 30\n");
    QTest::newRow("malformed YAML")
        << QByteArray("days: [30\n") << QStringLiteral("scenario.yaml:2")
        << QStringLiteral("malformed YAML") << QByteArray("days: 30\n");
    QTest::newRow("empty file") << QByteArray("# nothing\n") << QStringLiteral("scenario.yaml")
                                << QStringLiteral("empty") << QByteArray("{}\n");
}

void TestScenarioFile::badFileNamesLineAndField()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, what);
    QFETCH(QByteArray, fixed);

    auto s = parse(text);
    QVERIFY(!s);
    QCOMPARE(s.error().id, QStringLiteral("sim.scenario-invalid"));
    QVERIFY2(s.error().message.startsWith(where + QStringLiteral(": ")),
             qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(what), qPrintable(s.error().message));

    // The passing twin: the same file with the defect undone.
    auto ok = parse(fixed);
    QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
}

void TestScenarioFile::unreadableScenarioIsAnIoError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto s = loadScenario(dir.filePath(QStringLiteral("missing.yaml")));
    QVERIFY(!s);
    QVERIFY2(s.error().id.startsWith(QLatin1String("io.")), qPrintable(s.error().id));
    QVERIFY(s.error().message.contains(QLatin1String("missing.yaml")));
}

void TestScenarioFile::workingDaysAndHolidays()
{
    auto s =
        loadScenario(test::sourcePath(QStringLiteral("samples/scenarios/enterprise-5000.yaml")));
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    const SignInHabits& h = s->signIns;
    QVERIFY(h.isWorkingDay(QDate(2025, 1, 2)));  // a Thursday
    QVERIFY(!h.isWorkingDay(QDate(2025, 1, 4))); // a Saturday
    QVERIFY(!h.isWorkingDay(QDate(2025, 1, 1))); // 01-01, every year
    QVERIFY(!h.isWorkingDay(QDate(2026, 1, 1)));
    QVERIFY(!h.isWorkingDay(QDate(2025, 4, 18))); // inside a dated range
    QVERIFY(!h.isWorkingDay(QDate(2025, 4, 21)));
    QVERIFY(h.isWorkingDay(QDate(2025, 4, 22)));
    QVERIFY(!h.isWorkingDay(QDate(2025, 12, 29))); // a yearly range across the new year
    QVERIFY(!h.isWorkingDay(QDate(2025, 12, 24)));
    QVERIFY(h.isWorkingDay(QDate(2025, 12, 23)));
    QVERIFY(h.isWorkingDay(QDate(2026, 1, 2)));
}

QTEST_GUILESS_MAIN(TestScenarioFile)
#include "test_scenario_file.moc"
