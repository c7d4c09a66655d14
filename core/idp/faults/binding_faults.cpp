// Binding faults: a correctly signed message that is meant for someone else,
// from someone else, or for another moment — another SP's audience, another
// ACS as Recipient or Destination, another issuer, another request's
// InResponseTo, no request at all, an error status, and the same message
// played twice. The input's signing and encryption are kept: these are the
// mistakes (and replays) that signatures do not catch.
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"

namespace jh::idp::faults {
namespace {

using namespace sp::check;

// The assertion's Issuer differs from the Response's: a tree edit before
// signing, since the spec names one issuer for both.
Result<QByteArray> assertionIssuerMismatch(const FaultInput& in)
{
    Recipe r = inputRecipe(in);
    r.beforeSigning = [](saml::ResponseDocument& rd) -> Result<void> {
        setText(rd.assertionIssuer, evilUrl(QStringLiteral("idp")));
        return {};
    };
    return render(in, in.spec, r);
}

} // namespace

QList<Fault> bindingFaults()
{
    FaultList list(QStringLiteral("binding"));
    list.add("wrong-audience", kAudience,
             QStringLiteral("AudienceRestriction names another SP: an assertion issued to one SP, "
                            "replayed at this one."),
             QStringLiteral("SAML Core 2.5.1.4 (AudienceRestriction); SAML Profiles 4.1.4.3"),
             editSpec([](saml::AssertionSpec& s) {
                 s.conditions.present = true;
                 s.conditions.audiences = {evilUrl(QStringLiteral("sp/metadata"))};
             }));
    list.add("missing-audience", kAudience,
             QStringLiteral("Conditions without any AudienceRestriction: the assertion is good "
                            "for every SP that trusts this IdP."),
             QStringLiteral("SAML Profiles 4.1.4.2 (the assertion MUST contain an "
                            "AudienceRestriction including the SP)"),
             editSpec([](saml::AssertionSpec& s) {
                 s.conditions.present = true;
                 s.conditions.audiences.clear();
             }));
    list.add("wrong-recipient", kRecipient,
             QStringLiteral("SubjectConfirmationData Recipient is another ACS URL."),
             QStringLiteral("SAML Profiles 4.1.4.3 (bearer Recipient)"),
             editSpec([](saml::AssertionSpec& s) {
                 s.confirmation.present = true;
                 s.confirmation.recipient = evilUrl(QStringLiteral("saml/acs"));
             }));
    list.add("wrong-destination", kResponseDestination,
             QStringLiteral("Response Destination is another ACS URL."),
             QStringLiteral("SAML Bindings 3.5.5.2 (Destination of a signed message)"),
             editSpec([](saml::AssertionSpec& s) {
                 s.destination = evilUrl(QStringLiteral("saml/acs"));
             }));
    list.add("wrong-issuer", kResponseIssuer,
             QStringLiteral("Response and Assertion Issuer name another IdP, yet the message is "
                            "signed with this IdP's key."),
             QStringLiteral("SAML Profiles 4.1.4.2 (Issuer)"),
             editSpec([](saml::AssertionSpec& s) { s.issuer = evilUrl(QStringLiteral("idp")); }));
    list.add("assertion-issuer-mismatch", kAssertionIssuer,
             QStringLiteral("The Response's Issuer is this IdP, the Assertion's another."),
             QStringLiteral("SAML Profiles 4.1.4.2 (the assertion's Issuer MUST be the "
                            "responding IdP)"),
             assertionIssuerMismatch);
    list.add("wrong-in-response-to", kResponseInResponseTo,
             QStringLiteral("InResponseTo (Response and SubjectConfirmationData) answers another "
                            "AuthnRequest."),
             QStringLiteral("SAML Profiles 4.1.4.3; login CSRF / response injection"),
             editSpec([](saml::AssertionSpec& s) {
                 s.inResponseTo = saml::newMessageId();
                 s.confirmation.inResponseTo = s.inResponseTo;
             }))
        .needsRequest = true;
    list.add("confirmation-in-response-to-mismatch", kConfirmationInResponseTo,
             QStringLiteral("The Response answers our request, its bearer SubjectConfirmationData "
                            "another one."),
             QStringLiteral("SAML Profiles 4.1.4.3 (SubjectConfirmationData InResponseTo)"),
             editSpec([](saml::AssertionSpec& s) {
                 s.confirmation.present = true;
                 s.confirmation.inResponseTo = saml::newMessageId();
             }))
        .needsRequest = true;
    Fault& unsolicited = list.add(
        "unsolicited", kUnsolicited,
        QStringLiteral("IdP-initiated: no InResponseTo anywhere, sent to an SP that does not take "
                       "unsolicited responses."),
        QStringLiteral("SAML Profiles 4.1.5 (unsolicited responses); login CSRF"),
        editSpec([](saml::AssertionSpec& s) {
            s.inResponseTo.clear();
            s.confirmation.inResponseTo.clear();
        }));
    unsolicited.needsRequest = true;
    unsolicited.noRequestOutstanding = true;
    list.add("responder-status", kResponseStatus,
             QStringLiteral("Status Responder (the IdP failed), yet an assertion is attached."),
             QStringLiteral("SAML Core 3.2.2.2 (StatusCode)"), editSpec([](saml::AssertionSpec& s) {
                 s.statusCode = QString::fromLatin1(saml::status::kResponder);
                 s.statusMessage = QStringLiteral("authentication source unavailable");
             }));
    list.add("replay", kReplay,
             QStringLiteral("The valid message, sent twice: the second use of the same (issuer, "
                            "assertion ID) must be refused."),
             QStringLiteral("SAML Profiles 4.1.4.5 (one-time use of bearer assertions)"),
             [](const FaultInput& in) { return renderSpec(in, in.spec); })
        .sendTwice = true;
    return list.take();
}

} // namespace jh::idp::faults
