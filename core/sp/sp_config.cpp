#include "sp/sp_config.h"

namespace jh::sp {
namespace {

struct RelaxationInfo
{
    Relaxation value;
    const char* name;
    const char* description;
};

const RelaxationInfo kRelaxations[] = {
    {Relaxation::Sha1, "sha1", "accept rsa-sha1 / ecdsa-sha1 signatures and sha1 digests"},
    {Relaxation::ResponseSignatureOnly, "response-signature-only",
     "a valid signature on the Response covers the unsigned Assertion inside it"},
    {Relaxation::NoAudience, "no-audience", "accept an Assertion without AudienceRestriction"},
    {Relaxation::NoRecipient, "no-recipient", "accept a bearer confirmation without Recipient"},
    {Relaxation::NoConfirmationExpiry, "no-scd-notonorafter",
     "accept a bearer confirmation without NotOnOrAfter"},
    {Relaxation::RecipientMismatch, "recipient-mismatch", "do not compare Recipient with the ACS"},
    {Relaxation::IssuerMismatch, "issuer-mismatch",
     "the Response Issuer may differ from the trusted IdP's (the Assertion's must not)"},
    {Relaxation::TimeOffset, "time-offset", "accept timestamps with a numeric offset instead of Z"},
    {Relaxation::Deflate, "deflate", "accept a raw-DEFLATEd message on the POST binding"},
    {Relaxation::Unsolicited, "unsolicited",
     "accept IdP-initiated responses (no AuthnRequest outstanding)"},
    {Relaxation::LegacyEncryption, "legacy-encryption",
     "decrypt AES-CBC, 3DES-CBC and RSA PKCS#1 v1.5 (padding-oracle prone) EncryptedAssertions"},
    {Relaxation::ExpiredCertificate, "expired-cert",
     "use a trusted certificate past its notAfter as a plain key container"},
    {Relaxation::IssueInstantSkew, "issueinstant-skew",
     "accept a Response IssueInstant more than a day away from now"},
    {Relaxation::AdviceAssertions, "advice-assertions",
     "accept further Assertions inside saml:Advice"},
    {Relaxation::EmptyReferenceUri, "empty-reference-uri",
     "accept Reference URI=\"\" (the whole document) on the root element's signature"},
};

} // namespace

QString relaxationName(Relaxation r)
{
    for (const auto& i : kRelaxations)
        if (i.value == r)
            return QString::fromLatin1(i.name);
    return {};
}

QString relaxationDescription(Relaxation r)
{
    for (const auto& i : kRelaxations)
        if (i.value == r)
            return QString::fromLatin1(i.description);
    return {};
}

std::optional<Relaxation> relaxationFromName(const QString& name)
{
    for (const auto& i : kRelaxations)
        if (name == QLatin1String(i.name))
            return i.value;
    return std::nullopt;
}

QStringList relaxationNames()
{
    QStringList names;
    for (const auto& i : kRelaxations)
        names << QString::fromLatin1(i.name);
    return names;
}

QString signRequirementName(SignRequirement r)
{
    switch (r) {
    case SignRequirement::Assertion:
        return QStringLiteral("assertion");
    case SignRequirement::Response:
        return QStringLiteral("response");
    case SignRequirement::Both:
        return QStringLiteral("both");
    }
    return {};
}

std::optional<SignRequirement> signRequirementFromName(const QString& name)
{
    for (SignRequirement r :
         {SignRequirement::Assertion, SignRequirement::Response, SignRequirement::Both})
        if (signRequirementName(r) == name)
            return r;
    return std::nullopt;
}

QStringList SpConfig::allowedSignatureAlgorithms() const
{
    QStringList list = signatureAlgorithms;
    if (relaxed(Relaxation::Sha1))
        list << QStringLiteral("rsa-sha1") << QStringLiteral("ecdsa-sha1");
    return list;
}

QStringList SpConfig::allowedDigestAlgorithms() const
{
    QStringList list = digestAlgorithms;
    if (relaxed(Relaxation::Sha1))
        list << QStringLiteral("sha1");
    return list;
}

QStringList SpConfig::describe() const
{
    QStringList out;
    out << QStringLiteral("SP entityID %1").arg(entityId);
    out << QStringLiteral("ACS %1").arg(acsUrls.join(QStringLiteral(", ")));
    out << QStringLiteral("trusted IdP %1 (%2 signing certificate(s))")
               .arg(idp.entityId)
               .arg(idp.signingCertificates.size());
    out << QStringLiteral("signature required on: %1").arg(signRequirementName(require));
    out << QStringLiteral("clock skew %1 s, replay window %2 s")
               .arg(clockSkewSeconds)
               .arg(replayWindowSeconds);
    if (!nameIdFormats.isEmpty())
        out << QStringLiteral("NameID formats: %1").arg(nameIdFormats.join(QStringLiteral(", ")));
    QStringList relaxed;
    for (const auto& i : kRelaxations)
        if (relaxations.contains(i.value))
            relaxed << QString::fromLatin1(i.name);
    out << (relaxed.isEmpty()
                ? QStringLiteral("strict: no relaxations")
                : QStringLiteral("RELAXED: %1").arg(relaxed.join(QStringLiteral(", "))));
    return out;
}

} // namespace jh::sp
