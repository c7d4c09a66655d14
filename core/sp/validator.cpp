#include "sp/validator.h"

#include "saml/assertion_reader.h"
#include "saml/saml_names.h"
#include "sp/rules.h"
#include "xmlsec/xmlsec_library.h"

#include <algorithm>

namespace jh::sp {
namespace {

VerifiedLogin loginFrom(const ValidationState& s, const saml::AssertionSpec& read)
{
    VerifiedLogin l;
    l.issuer = read.issuer;
    // The NameID the checks read (it may have come from an EncryptedID).
    l.nameId = s.nameId ? xml::textContent(s.nameId).trimmed() : read.subject.nameId.trimmed();
    l.nameIdFormat = s.nameId ? xml::attribute(s.nameId, "Format") : read.subject.format;
    l.attributes = read.attributes;
    l.sessionIndex = read.authn.sessionIndex;
    l.authnInstant = read.authn.authnInstant;
    l.assertionId = read.assertionId;
    return l;
}

// How long the assertion must be remembered: until it would expire anyway,
// and never less than the configured replay window.
QDateTime replayHorizon(const ValidationState& s, const saml::AssertionSpec& read)
{
    QDateTime until = s.now.addSecs(s.config.replayWindowSeconds);
    for (const QDateTime& expiry : {read.conditions.notOnOrAfter, read.confirmation.notOnOrAfter})
        if (expiry.isValid())
            until = std::max(until, expiry.addSecs(s.config.clockSkewSeconds));
    return until;
}

} // namespace

Validator::Validator(SpConfig config, const Clock& clock)
    : m_config(std::move(config)), m_description(m_config.describe()), m_clock(clock)
{}

Report Validator::validate(const QByteArray& input, const ValidationRequest& request)
{
    ValidationState s{m_config, m_replay, m_clock.now()};
    s.expectedInResponseTo = request.inResponseTo;
    s.redirectBinding = request.redirectBinding;
    s.usedElsewhere = request.usedElsewhere;
    s.report.configuration = m_description;
    if (auto init = xmlsec::ensureInitialised(); !init) {
        s.fail("sig.process", QStringLiteral("xmlsec available"), init.error().message);
        return s.report;
    }
    if (!decodeMessage(s, input) || !parseMessage(s) || !checkStructure(s))
        return s.report;
    if (decryptAssertion(s))
        checkSignatures(s);
    checkResponseEnvelope(s);
    checkAssertion(s);
    if (!s.anyFailure() && s.assertionVerified) {
        // Read once from the verified assertion: the login and the replay horizon.
        saml::AssertionSpec read;
        saml::readAssertion(s.assertion, read);
        s.report.login = loginFrom(s, read);
        s.report.login->usedUntil = replayHorizon(s, read);
        m_replay.remember(m_config.idp.entityId, s.report.login->assertionId,
                          s.report.login->usedUntil);
    }
    return s.report;
}

} // namespace jh::sp
