// Every check the mock SP makes, in pipeline order: a stable id (used by
// reports, JUnit, the IdP's fault catalogue and tests), a title for people,
// and the spec clause it enforces. The pipeline and the fault catalogue both
// name checks only through this table.
#pragma once

#include <QString>
#include <span>

namespace jh::sp {

struct CheckInfo
{
    const char* id;     // "cond.audience"
    const char* title;  // "Audience includes this SP"
    const char* clause; // "SAML Core 2.5.1.4"
};

std::span<const CheckInfo> checkCatalog();
const CheckInfo* findCheck(const QString& id);

namespace check {
inline constexpr char kDecodeSize[] = "decode.size";
inline constexpr char kDecodeBase64[] = "decode.base64";
inline constexpr char kDecodeInflate[] = "decode.inflate";
inline constexpr char kXmlParse[] = "xml.parse";
inline constexpr char kXmlDtd[] = "xml.dtd";
inline constexpr char kStructureRoot[] = "structure.root";
inline constexpr char kStructureVersion[] = "structure.version";
inline constexpr char kStructureSingleAssertion[] = "structure.single-assertion";
inline constexpr char kStructureUniqueIds[] = "structure.unique-ids";
inline constexpr char kDecryptAlgorithm[] = "decrypt.algorithm";
inline constexpr char kDecryptKey[] = "decrypt.key";
inline constexpr char kSigSignedInfo[] = "sig.signed-info";
inline constexpr char kSigReferenceCount[] = "sig.reference-count";
inline constexpr char kSigReferenceTarget[] = "sig.reference-target";
inline constexpr char kSigTransforms[] = "sig.transforms";
inline constexpr char kSigNoObject[] = "sig.no-object";
inline constexpr char kSigAlgorithm[] = "sig.algorithm";
inline constexpr char kSigProcess[] = "sig.process";
inline constexpr char kSigValue[] = "sig.value";
inline constexpr char kSigRequired[] = "sig.required";
inline constexpr char kResponseIssuer[] = "resp.issuer";
inline constexpr char kResponseStatus[] = "resp.status";
inline constexpr char kResponseIssueInstant[] = "resp.issue-instant";
inline constexpr char kResponseDestination[] = "resp.destination";
inline constexpr char kResponseInResponseTo[] = "resp.in-response-to";
inline constexpr char kAssertionIssuer[] = "assert.issuer";
inline constexpr char kTimeNotBefore[] = "cond.not-before";
inline constexpr char kTimeNotOnOrAfter[] = "cond.not-on-or-after";
inline constexpr char kAudience[] = "cond.audience";
inline constexpr char kBearer[] = "subj.bearer";
inline constexpr char kRecipient[] = "subj.recipient";
inline constexpr char kConfirmationExpiry[] = "subj.not-on-or-after";
inline constexpr char kConfirmationInResponseTo[] = "subj.in-response-to";
inline constexpr char kUnsolicited[] = "resp.unsolicited";
inline constexpr char kAuthnStatement[] = "authn.statement";
inline constexpr char kNameIdPresent[] = "nameid.present";
inline constexpr char kNameIdFormat[] = "nameid.format";
inline constexpr char kAttributeDuplicates[] = "attr.duplicates";
inline constexpr char kReplay[] = "replay";
} // namespace check

} // namespace jh::sp
