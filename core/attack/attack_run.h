// An attack run: the IdP's fault catalogue (or part of it) thrown at one SP
// configuration of ours. Each fault is built from the same valid message,
// judged by a fresh SP (its own replay cache) at the fault's instant, and
// compared with what the catalogue declares: refused at a given check, or —
// for edge twins — accepted. Each fault's passing twin is judged too, so a
// configuration that refuses the valid message is not mistaken for strength.
#pragma once

#include "idp/fault.h"
#include "sp/report.h"
#include "sp/sp_config.h"

#include <QList>
#include <functional>
#include <optional>

namespace jh::attack {

enum class Verdict
{
    Caught,          // refused, first by the check the fault declares
    CaughtElsewhere, // refused, but first by another check
    Fooled,          // a faulted message was accepted
    EdgeAccepted,    // an edge twin a strict SP must accept was accepted
    EdgeRefused,     // ... was refused
    TwinRefused,     // the fault's valid twin was refused: this SP cannot judge the fault
    NotJudged,       // built, but this SP cannot judge it: no key for the encryption, or
                     // the fault signs less than the SP requires
    NotBuilt,        // the fault could not be built from this message
};
QString verdictName(Verdict v); // "caught", "caught-elsewhere", "FOOLED", ...
// The SP did what a strict SP must not: accepted a fault, refused a valid message.
bool isFailure(Verdict v);

struct AttackCase
{
    const idp::Fault* fault = nullptr;
    Verdict verdict = Verdict::NotBuilt;
    QByteArray message; // the faulted Response (XML); empty when not built
    QByteArray twin;    // its passing twin
    std::optional<sp::Report> report;
    std::optional<sp::Report> twinReport;
    QString detail; // why not built / not judged; otherwise empty

    // "accepted", the first failed check's id, or "" when not judged.
    QString got() const;
};

struct AttackRun
{
    QList<AttackCase> cases;
    QStringList configuration; // the SP's SpConfig::describe()
    bool cancelled = false;

    qsizetype count(Verdict v) const;
    bool held() const; // no case is a failure
};

// Does a message signed this way meet what the SP requires to be signed?
bool satisfies(idp::SignMode mode, const sp::SpConfig& config);

// Called after each case; returning false cancels the run.
using AttackProgress = std::function<bool(qsizetype done, qsizetype total)>;

// Runs `faults` (all of the catalogue when empty) built from `input` through
// the SP `config`. The SP is asked for `input.spec.inResponseTo` (nothing for
// faults checked as IdP-initiated) and judges at `input.now`.
AttackRun runAttack(const idp::FaultInput& input, const sp::SpConfig& config,
                    QList<const idp::Fault*> faults = {}, const AttackProgress& progress = {});

} // namespace jh::attack
