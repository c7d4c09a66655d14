// What the SP says about one message: every check it ran, in order, each
// pass / fail / skipped with expected vs found, the spec clause and the
// element at fault; the configuration it judged by (relaxations included);
// and, only when every check passed, the verified login.
#pragma once

#include "saml/assertion_spec.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace jh::sp {

enum class Outcome
{
    Pass,
    Fail,
    Skipped
};
QString outcomeName(Outcome o); // "pass" / "fail" / "skipped"

struct CheckResult
{
    QString id;
    QString title;
    QString clause;
    Outcome outcome = Outcome::Pass;
    QString expected;
    QString found;
    QString detail;
    QString path; // the element at fault, e.g. /samlp:Response/saml:Assertion/ds:Signature
};

// Identity read only from the verified assertion.
struct VerifiedLogin
{
    QString issuer;
    QString nameId;
    QString nameIdFormat;
    QList<saml::Attribute> attributes;
    QString sessionIndex;
    QDateTime authnInstant;
    QString assertionId;
    QDateTime usedUntil; // how long the assertion must be remembered as used (replay)
};

struct Report
{
    QList<CheckResult> checks;
    QStringList configuration; // SpConfig::describe()
    std::optional<VerifiedLogin> login;

    bool accepted() const { return login.has_value(); }
    const CheckResult* firstFailure() const;
    QStringList failedIds() const;
};

} // namespace jh::sp
