#include "attack/attack_run.h"

#include "idp/fault_catalog.h"
#include "sp/validator.h"
#include "time/clock.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace jh::attack {

QString verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Caught:
        return QStringLiteral("caught");
    case Verdict::CaughtElsewhere:
        return QStringLiteral("caught-elsewhere");
    case Verdict::Fooled:
        return QStringLiteral("FOOLED");
    case Verdict::EdgeAccepted:
        return QStringLiteral("accepted");
    case Verdict::EdgeRefused:
        return QStringLiteral("EDGE-REFUSED");
    case Verdict::TwinRefused:
        return QStringLiteral("TWIN-REFUSED");
    case Verdict::NotJudged:
        return QStringLiteral("not-judged");
    case Verdict::NotBuilt:
        return QStringLiteral("not-built");
    }
    return {};
}

bool isFailure(Verdict v)
{
    return v == Verdict::Fooled || v == Verdict::EdgeRefused || v == Verdict::TwinRefused;
}

QString AttackCase::got() const
{
    if (!report)
        return {};
    if (report->accepted())
        return QStringLiteral("accepted");
    const sp::CheckResult* first = report->firstFailure();
    return first ? first->id : QString();
}

qsizetype AttackRun::count(Verdict v) const
{
    return std::count_if(cases.begin(), cases.end(),
                         [v](const AttackCase& c) { return c.verdict == v; });
}

bool AttackRun::held() const
{
    return std::none_of(cases.begin(), cases.end(),
                        [](const AttackCase& c) { return isFailure(c.verdict); });
}

bool satisfies(idp::SignMode mode, const sp::SpConfig& config)
{
    using idp::SignMode;
    const bool assertion = mode == SignMode::Assertion || mode == SignMode::Both;
    const bool response = mode == SignMode::Response || mode == SignMode::Both;
    switch (config.require) {
    case sp::SignRequirement::Assertion:
        return assertion || (response && config.relaxed(sp::Relaxation::ResponseSignatureOnly));
    case sp::SignRequirement::Response:
        return response;
    case sp::SignRequirement::Both:
        return assertion && response;
    }
    return false;
}

namespace {

// Can this SP open what the fault encrypts for `encryptFor`?
bool canDecrypt(const sp::SpConfig& config, X509* encryptFor)
{
    if (!config.decryptionKey || !encryptFor)
        return false;
    return EVP_PKEY_eq(config.decryptionKey->key(), X509_get0_pubkey(encryptFor)) == 1;
}

sp::Report judge(const sp::SpConfig& config, const idp::FaultInput& input, const idp::Fault& fault,
                 const QByteArray& message, bool faulted)
{
    ManualClock clock(input.now);
    sp::Validator sp(config, clock);
    sp::ValidationRequest request{input.spec.inResponseTo, false};
    if (faulted && fault.noRequestOutstanding)
        request.inResponseTo.clear();
    sp::Report report = sp.validate(message, request);
    if (faulted && fault.sendTwice)
        report = sp.validate(message, request);
    return report;
}

AttackCase runOne(const idp::Fault& fault, const idp::FaultInput& input, const sp::SpConfig& config)
{
    AttackCase c;
    c.fault = &fault;
    auto message = idp::buildFault(fault, input);
    if (!message) {
        c.detail = message.error().message;
        return c;
    }
    c.message = *message;
    auto twin = idp::buildPassingTwin(fault, input);
    if (!twin) {
        c.detail = twin.error().message;
        return c;
    }
    c.twin = *twin;
    const bool encrypted = fault.encrypted.value_or(input.encryption.enabled);
    if (encrypted && !canDecrypt(config, input.encryptFor)) {
        c.verdict = Verdict::NotJudged;
        c.detail = QStringLiteral("the message is encrypted for a certificate whose key this SP "
                                  "does not hold");
        return c;
    }
    // The twin of a fault that signs nothing is signed on the assertion.
    idp::SignMode twinMode = fault.signMode.value_or(input.signing.mode);
    if (twinMode == idp::SignMode::None)
        twinMode = idp::SignMode::Assertion;
    if (!satisfies(twinMode, config)) {
        c.verdict = Verdict::NotJudged;
        c.detail = QStringLiteral("the fault is signed '%1', less than this SP requires (%2)")
                       .arg(idp::signModeName(twinMode), sp::signRequirementName(config.require));
        return c;
    }
    c.twinReport = judge(config, input, fault, c.twin, false);
    c.report = judge(config, input, fault, c.message, true);
    const bool accepted = c.report->accepted();
    if (fault.mustAccept())
        c.verdict = accepted ? Verdict::EdgeAccepted : Verdict::EdgeRefused;
    else if (accepted)
        c.verdict = Verdict::Fooled;
    else if (!c.twinReport->accepted())
        c.verdict = Verdict::TwinRefused;
    else
        c.verdict = c.got() == fault.expectedCheck ? Verdict::Caught : Verdict::CaughtElsewhere;
    return c;
}

} // namespace

AttackRun runAttack(const idp::FaultInput& input, const sp::SpConfig& config,
                    QList<const idp::Fault*> faults, const AttackProgress& progress)
{
    if (faults.isEmpty())
        for (const idp::Fault& f : idp::faultCatalog())
            faults << &f;
    AttackRun run;
    run.configuration = config.describe();
    for (const idp::Fault* f : faults) {
        run.cases << runOne(*f, input, config);
        if (progress && !progress(run.cases.size(), faults.size())) {
            run.cancelled = true;
            break;
        }
    }
    return run;
}

} // namespace jh::attack
