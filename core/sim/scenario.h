// core/sim: the simulation — an organisation's days played through the real
// pipeline, one account store per provisioning strategy, and the metrics
// that compare them.
//
// This file holds the scenario: what people write in a scenario file
// (samples/scenarios/*.yaml), as plain values already checked and with every
// default filled in, so that the engine never second-guesses it. Rates are
// shares of the current head-count per year (0.15 = 15 % a year); dates are
// calendar days; the run covers [start, start + days).
#pragma once

#include "jit/jit_policy.h"
#include "scim/scim_client.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>

namespace jh::sim {

// A department: where a share of the organisation works, and the IdP groups
// everyone in it is a member of.
struct Department
{
    QString name;       // unique within the scenario; also the person's department attribute
    double share = 0.0; // of the head-count, in [0, 1]; all departments' shares sum to 1
    QStringList groups; // IdP group names its people get (may be empty)

    bool operator==(const Department&) const = default;
};

// A group beyond the departments' (VPN users, admins, ...), handed to a share
// of everyone regardless of department.
struct ExtraGroup
{
    QString name;       // unique among all group names
    double share = 0.0; // of the people, in [0, 1]: chance a person is a member

    bool operator==(const ExtraGroup&) const = default;
};

// The organisation on the first day, and what the directory generator needs
// to make its people look real.
struct Organisation
{
    QString name = QStringLiteral("Example Corp"); // tenant display name
    QString
        tenantId; // tenant GUID (Entra issuers use it); empty: the engine derives one from the seed
    int headCount = 100;                                  // people employed on the start date
    QString emailDomain = QStringLiteral("corp.example"); // e-mail and user-name domain
    // Local part of user names and e-mails; placeholders {given}, {family},
    // {g} (first letter of the given name), {n} (a number making it unique).
    QString usernamePattern = QStringLiteral("{given}.{family}");
    // Default: one department "Staff" with share 1 and group "Staff".
    QList<Department> departments;
    QList<ExtraGroup> groups;

    const Department* department(const QString& departmentName) const
    {
        for (const Department& d : departments)
            if (d.name == departmentName)
                return &d;
        return nullptr;
    }

    bool operator==(const Organisation&) const = default;
};

// A batch of contractors who all start on one day and all leave together.
struct ContractorWave
{
    QDate start;        // first working day
    int count = 0;      // people in the wave, >= 1
    int days = 0;       // how long they stay, >= 1: they leave on start + days
    QString department; // one of Organisation::departments

    bool operator==(const ContractorWave&) const = default;
};

enum class HrEventKind
{
    Hire,        // "hire": a new person joins `department`
    Leave,       // "leave"
    Transfer,    // "transfer": moves to `department` (department groups change)
    Rename,      // "rename": family name changes (display name follows)
    EmailChange, // "email-change": e-mail and user name change
};

QString hrEventKindName(HrEventKind k);
std::optional<HrEventKind> hrEventKindFromName(const QString& name);

// One HR event written out in the file, on top of (or, with the rates set
// to 0, instead of) the random ones: the way to build a scenario whose
// result can be worked out by hand.
struct ScriptedEvent
{
    QDate date;
    HrEventKind kind = HrEventKind::Hire;
    // The person's directory id. A hire names a new id (unique); every other
    // event names someone an earlier scripted hire brought in and who has
    // not left yet.
    QString person;
    QString department; // hire: required; transfer: required, not the current one

    bool operator==(const ScriptedEvent&) const = default;
};

// The random HR events. Each rate is the expected number of events per year
// as a share of the current head-count; the engine draws them from the seed.
struct HrRates
{
    double hireRate = 0.12;  // hires per year; default: equal to leaveRate (level head-count)
    double leaveRate = 0.12; // leavers per year (yearly churn)
    // Relative weight of hiring in each month, January first; normalised over
    // the year, so only the proportions matter. All 1: no seasonality.
    std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    double transferRate = 0.05;    // department changes per year
    double renameRate = 0.01;      // family-name changes per year
    double emailChangeRate = 0.02; // e-mail (and user name) changes per year
    QList<ContractorWave> contractorWaves;
    QList<ScriptedEvent> events; // in date order (stable: file order on the same date)

    bool operator==(const HrRates&) const = default;
};

// A day off for everybody. One date, or a range of dates (both inclusive);
// `yearly` ranges repeat every year (a December-to-January range wraps).
struct Holiday
{
    QDate from; // for yearly ones only month and day count (stored in the year 2000)
    QDate to;   // == from for a single day
    bool yearly = false;

    bool contains(QDate d) const
    {
        if (!yearly)
            return d >= from && d <= to;
        const int md = d.month() * 100 + d.day();
        const int a = from.month() * 100 + from.day();
        const int b = to.month() * 100 + to.day();
        return a <= b ? (md >= a && md <= b) : (md >= a || md <= b);
    }

    bool operator==(const Holiday&) const = default;
};

// How people use the SP.
struct SignInHabits
{
    double workingDayProbability = 0.8;    // chance an adopter signs in on a given working day
    double neverAdopt = 0.1;               // share of people who never use the app at all
    QList<int> workingDays{1, 2, 3, 4, 5}; // Qt::DayOfWeek values (1 = Monday), sorted, unique
    QList<Holiday> holidays;
    double sessionHours = 8.0; // SP session length: a sign-in within it reuses the session

    bool isWorkingDay(QDate d) const
    {
        if (!workingDays.contains(d.dayOfWeek()))
            return false;
        for (const Holiday& h : holidays)
            if (h.contains(d))
                return false;
        return true;
    }

    bool operator==(const SignInHabits&) const = default;
};

// The IdP side: which real IdP's claims and NameIDs the sign-ins carry.
struct IdpSide
{
    QString preset = QStringLiteral("okta"); // a built-in preset id (jitharness idp presets)
    QString entityId; // issuer override; empty: the preset's issuer for the tenant

    bool operator==(const IdpSide&) const = default;
};

// The SP side: its JIT policy and attribute mapping.
struct SpSide
{
    // Absolute path of the policy file the scenario named; empty when the
    // policy was written inline or left at the defaults.
    QString policyFile;
    jit::JitSettings policy; // as read (defaults when neither form was given)
};

enum class BillingRule
{
    MonthlyActive, // "monthly-active": a seat per account used in the calendar month (MAU)
    NonDeleted,    // "non-deleted": a seat per account not deleted, used or not
};

QString billingRuleName(BillingRule r);
std::optional<BillingRule> billingRuleFromName(const QString& name);

struct Billing
{
    double seatPrice = 10.0;                  // per seat per month, >= 0
    QString currency = QStringLiteral("USD"); // shown with prices; any text, e.g. EUR
    BillingRule rule = BillingRule::MonthlyActive;

    bool operator==(const Billing&) const = default;
};

// The strategies compared, by their fixed names (the order is the report's).
enum class StrategyKind
{
    SelfRegistration, // "self-registration": people sign up themselves; nobody removes accounts
    ScimPreprovision, // "scim-preprovision": accounts pushed by SCIM before anyone signs in
    Jit,              // "jit": JIT at first sign-in, nothing else
    JitScimOffboard,  // "jit-scim-offboard": JIT, and SCIM deactivates leavers
    JitCleanup,       // "jit-cleanup": JIT, and a job suspends accounts unused for a while
    JitCsvOffboard,   // "jit-csv-offboard": JIT, and HR's leaver CSV is imported on a cadence
};

QString strategyName(StrategyKind k);
std::optional<StrategyKind> strategyFromName(const QString& name);
QList<StrategyKind> allStrategies(); // in the order above

// One strategy and its parameters. Only the fields its kind uses are read
// from the file (others are refused there); the rest keep their defaults.
struct Strategy
{
    StrategyKind kind = StrategyKind::Jit;
    // scim-preprovision, jit-scim-offboard: which client's behaviour, and how
    // often it pushes the directory.
    scim::ScimProfile scimProfile = scim::ScimProfile::Okta;
    int syncIntervalHours = 1; // 1..720
    // jit-cleanup: suspend accounts not signed into for this many days, checked every N days.
    int inactivityDays = 90;     // 1..3650
    int cleanupIntervalDays = 7; // 1..365
    // jit-csv-offboard: HR writes the leaver CSV every `cadenceDays`; it
    // reaches the SP `delayDays` later.
    int csvCadenceDays = 7; // 1..365
    int csvDelayDays = 2;   // 0..365

    QString name() const { return strategyName(kind); }

    bool operator==(const Strategy&) const = default;
};

struct Scenario
{
    QString fileName;    // where it was read from, as given (for messages and the report)
    QString title;       // "title:"; default: the file's base name
    QString description; // free text for the report
    QDate start = QDate(2025, 1, 1); // first simulated day
    int days = 365;                  // length of the run, 1..3660
    quint64 seed = 1;                // the random seed: same seed, same run
    Organisation organisation;
    HrRates hr;
    SignInHabits signIns;
    IdpSide idp;
    SpSide sp;
    Billing billing;
    QList<Strategy> strategies; // default: all six with their default parameters, in order

    QDate end() const { return start.addDays(days); } // the first day *not* simulated
    const Strategy* strategy(StrategyKind k) const
    {
        for (const Strategy& s : strategies)
            if (s.kind == k)
                return &s;
        return nullptr;
    }
};

} // namespace jh::sim
