// Time faults: validity windows that are wrong for the instant the SP checks
// at — plainly expired or not yet valid (an IdP whose clock is an hour off),
// and the edges of the SP's clock skew: one second inside (a strict SP must
// accept: these are the edge twins) and exactly on the edge (it must refuse;
// NotOnOrAfter is exclusive, NotBefore inclusive). The input's signing and
// encryption are kept: only times change.
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "sp/check_catalog.h"

namespace jh::idp::faults {
namespace {

using namespace sp::check;

const QString kWindows = QStringLiteral("SAML Core 2.5.1.2 (NotBefore / NotOnOrAfter)");
const QString kSkew = QStringLiteral("SAML Core 2.5.1.2; SAML Profiles 4.1.4.3; Shibboleth SP "
                                     "clockSkew (180 s default)");

void shift(saml::AssertionSpec& s, qint64 seconds)
{
    for (QDateTime* t :
         {&s.issueInstant, &s.confirmation.notOnOrAfter, &s.conditions.notBefore,
          &s.conditions.notOnOrAfter, &s.authn.authnInstant, &s.authn.sessionNotOnOrAfter})
        if (t->isValid())
            *t = t->addSecs(seconds);
}

// The spec with Conditions present (time faults are about them).
saml::AssertionSpec withConditions(const FaultInput& in)
{
    saml::AssertionSpec s = in.spec;
    s.conditions.present = true;
    return s;
}

// SAML Core 2.5.1.2: NotBefore must be less than NotOnOrAfter. Moving one
// edge moves the other along where needed, so that only one thing is wrong.
void keepOrdered(saml::Conditions& c, bool movedNotBefore)
{
    if (!c.notBefore.isValid() || !c.notOnOrAfter.isValid() || c.notBefore < c.notOnOrAfter)
        return;
    if (movedNotBefore)
        c.notOnOrAfter = c.notBefore.addSecs(300);
    else
        c.notBefore = c.notOnOrAfter.addSecs(-300);
}

Result<QByteArray> expired(const FaultInput& in)
{
    saml::AssertionSpec s = withConditions(in);
    const QDateTime ended = checkInstant(in).addSecs(-3600);
    const QDateTime end = s.conditions.notOnOrAfter.isValid() ? s.conditions.notOnOrAfter
                                                              : s.issueInstant.addSecs(300);
    shift(s, end.secsTo(ended));
    s.conditions.notOnOrAfter = ended;
    s.confirmation.notOnOrAfter = ended;
    keepOrdered(s.conditions, false);
    return renderSpec(in, s);
}

Result<QByteArray> notYetValid(const FaultInput& in)
{
    saml::AssertionSpec s = withConditions(in);
    shift(s, 3600);
    s.conditions.notBefore = checkInstant(in).addSecs(3600);
    keepOrdered(s.conditions, true);
    return renderSpec(in, s);
}

Result<QByteArray> notBeforeAt(const FaultInput& in, int secondsAfterSkew)
{
    saml::AssertionSpec s = withConditions(in);
    s.conditions.notBefore = checkInstant(in).addSecs(in.clockSkewSeconds + secondsAfterSkew);
    keepOrdered(s.conditions, true);
    return renderSpec(in, s);
}

Result<QByteArray> notOnOrAfterAt(const FaultInput& in, int secondsInside)
{
    saml::AssertionSpec s = withConditions(in);
    s.conditions.notOnOrAfter = checkInstant(in).addSecs(-in.clockSkewSeconds + secondsInside);
    keepOrdered(s.conditions, false);
    return renderSpec(in, s);
}

Result<QByteArray> confirmationExpired(const FaultInput& in)
{
    saml::AssertionSpec s = in.spec;
    s.confirmation.present = true;
    s.confirmation.notOnOrAfter = checkInstant(in).addSecs(-3600);
    return renderSpec(in, s);
}

} // namespace

QList<Fault> timeFaults()
{
    FaultList list(QStringLiteral("time"));
    list.add("expired", kTimeNotOnOrAfter,
             QStringLiteral("Issued as if an hour and more ago: Conditions and "
                            "SubjectConfirmationData NotOnOrAfter an hour in the past."),
             kWindows, expired);
    list.add("not-yet-valid", kTimeNotBefore,
             QStringLiteral("The IdP's clock runs an hour ahead: IssueInstant and NotBefore an "
                            "hour in the future."),
             kWindows, notYetValid);
    list.add("not-before-skew-inside", nullptr,
             QStringLiteral("Edge twin: NotBefore exactly one clock skew ahead of now; within "
                            "the skew, so a strict SP accepts it."),
             kSkew, [](const FaultInput& in) { return notBeforeAt(in, 0); });
    list.add("not-before-skew-outside", kTimeNotBefore,
             QStringLiteral("NotBefore one second beyond the clock skew ahead of now."), kSkew,
             [](const FaultInput& in) { return notBeforeAt(in, 1); });
    list.add("not-on-or-after-skew-inside", nullptr,
             QStringLiteral("Edge twin: NotOnOrAfter one second less than a clock skew ago; "
                            "still inside the skew, so a strict SP accepts it."),
             kSkew, [](const FaultInput& in) { return notOnOrAfterAt(in, 1); });
    list.add("not-on-or-after-skew-outside", kTimeNotOnOrAfter,
             QStringLiteral("NotOnOrAfter exactly one clock skew ago: with the skew it ends now, "
                            "and NotOnOrAfter is exclusive."),
             kSkew, [](const FaultInput& in) { return notOnOrAfterAt(in, 0); });
    list.add("confirmation-expired", kConfirmationExpiry,
             QStringLiteral("Conditions still valid, but the bearer SubjectConfirmationData "
                            "NotOnOrAfter passed an hour ago."),
             QStringLiteral("SAML Profiles 4.1.4.2 / 4.1.4.3"), confirmationExpired);
    return list.take();
}

} // namespace jh::idp::faults
