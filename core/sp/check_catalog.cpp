#include "sp/check_catalog.h"

namespace jh::sp {
namespace {

using namespace check;

const CheckInfo kChecks[] = {
    {kDecodeSize, "Message within the size limit",
     "SAML Bindings 3.5.4 (HTTP POST carries the message in a form field)"},
    {kDecodeBase64, "SAMLResponse is valid base64", "SAML Bindings 3.5.4"},
    {kDecodeInflate, "Redirect message inflates (raw DEFLATE)", "SAML Bindings 3.4.4.1"},
    {kXmlParse, "Well-formed XML", "XML 1.0 2.1"},
    {kXmlDtd, "No DOCTYPE (no DTD, no entities)", "SAML Core 1.3 / SAML Security 7.1.1"},
    {kStructureRoot, "Root element is samlp:Response", "SAML Core 3.3.3"},
    {kStructureVersion, "Version is 2.0", "SAML Core 3.2.2"},
    {kStructureUniqueIds, "No two elements share an ID",
     "XML Schema 3.3.8 (xs:ID); XML-DSig 4.4.3.3"},
    {kStructureSingleAssertion, "Exactly one Assertion or EncryptedAssertion",
     "SAML Profiles 4.1.4.2"},
    {kDecryptAlgorithm, "Encryption algorithms on the allow-list",
     "XML Encryption 1.1 5; SAML Security 6.4"},
    {kDecryptKey, "EncryptedAssertion decrypts with this SP's key", "SAML Core 2.3.4"},
    {kSigSignedInfo, "One SignedInfo, signature element well-formed", "XML-DSig 4.3"},
    {kSigReferenceCount, "Exactly one Reference", "SAML Core 5.4.2"},
    {kSigReferenceTarget, "Reference points at the signed element's own ID", "SAML Core 5.4.2"},
    {kSigTransforms, "Only enveloped-signature and exclusive c14n transforms",
     "SAML Core 5.4.3 / 5.4.4"},
    {kSigNoObject, "No ds:Object inside the signature",
     "SAML Core 5.4.2 (enveloped signatures only)"},
    {kSigAlgorithm, "Signature and digest algorithms on the allow-list",
     "XML-DSig 6; SAML Core 5.4.1"},
    {kSigProcess, "Signature can be processed with the configured certificate", "XML-DSig 3.2"},
    {kSigValue, "Signature value and digest verify", "XML-DSig 3.2.1 / 3.2.2"},
    {kSigRequired, "The parts this SP requires signed are signed",
     "SAML Profiles 4.1.3.5 / 4.1.4.2"},
    {kResponseIssuer, "Response Issuer is the trusted IdP", "SAML Profiles 4.1.4.2"},
    {kResponseStatus, "Status is Success", "SAML Core 3.2.2.2"},
    {kResponseIssueInstant, "Response IssueInstant within a day of now",
     "SAML Core 3.2.2; SAML Profiles 4.1.4.3"},
    {kResponseDestination, "Destination is this ACS", "SAML Bindings 3.5.5.2"},
    {kResponseInResponseTo, "InResponseTo answers our request", "SAML Profiles 4.1.4.3"},
    {kAssertionIssuer, "Assertion Issuer is the trusted IdP", "SAML Profiles 4.1.4.2"},
    {kTimeNotBefore, "Conditions NotBefore has passed (with skew)", "SAML Core 2.5.1.2"},
    {kTimeNotOnOrAfter, "Conditions NotOnOrAfter not reached (with skew)", "SAML Core 2.5.1.2"},
    {kAudience, "AudienceRestriction includes this SP", "SAML Core 2.5.1.4"},
    {kBearer, "A bearer SubjectConfirmation is present", "SAML Profiles 4.1.4.2"},
    {kRecipient, "SubjectConfirmationData Recipient is this ACS", "SAML Profiles 4.1.4.3"},
    {kConfirmationExpiry, "SubjectConfirmationData NotOnOrAfter not reached",
     "SAML Profiles 4.1.4.3"},
    {kConfirmationInResponseTo, "SubjectConfirmationData InResponseTo answers our request",
     "SAML Profiles 4.1.4.3"},
    {kUnsolicited, "Unsolicited (IdP-initiated) responses allowed", "SAML Profiles 4.1.5"},
    {kAuthnStatement, "An AuthnStatement is present", "SAML Profiles 4.1.4.2"},
    {kNameIdPresent, "NameID present and not empty", "SAML Core 2.4.1"},
    {kNameIdFormat, "NameID Format accepted by this SP", "SAML Core 8.3"},
    {kAttributeDuplicates, "No attribute sent twice", "SAML Core 2.7.3"},
    {kReplay, "Assertion not seen before (replay cache)", "SAML Profiles 4.1.4.5"},
};

} // namespace

std::span<const CheckInfo> checkCatalog()
{
    return kChecks;
}

const CheckInfo* findCheck(const QString& id)
{
    for (const CheckInfo& c : kChecks)
        if (id == QLatin1String(c.id))
            return &c;
    return nullptr;
}

} // namespace jh::sp
