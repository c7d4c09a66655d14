// What the mock SP is and what it trusts: its entityID and ACS URLs, the one
// IdP it accepts (entityID + signing certificates, the only keys ever used),
// its own decryption key, what must be signed, the algorithm allow-lists,
// timing, and the relaxations. Strict by default: every departure from
// strict is a named Relaxation, echoed in every report.
#pragma once

#include "crypto/key_pair.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace jh::sp {

// Names follow the SAML test corpus's `relax` flags where one exists.
enum class Relaxation
{
    Sha1,                  // "sha1": rsa-sha1 / ecdsa-sha1 signatures and sha1 digests
    ResponseSignatureOnly, // "response-signature-only": a signed Response covers its Assertion
    NoAudience,            // "no-audience": an Assertion without AudienceRestriction
    NoRecipient,           // "no-recipient": bearer SubjectConfirmationData without Recipient
    NoConfirmationExpiry,  // "no-scd-notonorafter": ... without NotOnOrAfter
    RecipientMismatch,     // "recipient-mismatch": Recipient not compared
    IssuerMismatch,        // "issuer-mismatch": Response Issuer may differ from the Assertion's
    TimeOffset,            // "time-offset": timestamps with +00:00 instead of Z
    Deflate,               // "deflate": a POSTed message may be raw-DEFLATEd (Redirect encoding)
    Unsolicited,           // "unsolicited": IdP-initiated responses (no request outstanding)
    LegacyEncryption,      // "legacy-encryption": AES/3DES-CBC, RSA PKCS#1 v1.5 decryption
    ExpiredCertificate,    // "expired-cert": a trusted certificate past notAfter is still used as a
                           // key
    IssueInstantSkew,      // "issueinstant-skew": Response IssueInstant more than a day from now
    AdviceAssertions,      // "advice-assertions": further Assertions inside saml:Advice
    EmptyReferenceUri, // "empty-reference-uri": Reference URI="" on the root element's signature
};

QString relaxationName(Relaxation r);
std::optional<Relaxation> relaxationFromName(const QString& name);
QStringList relaxationNames();
QString relaxationDescription(Relaxation r);

// SAML Profiles 4.1.3.5: which signature makes the assertion trustworthy.
enum class SignRequirement
{
    Assertion, // the Assertion carries a valid signature of its own (default)
    Response,  // the Response is signed (the Assertion may be too)
    Both,      // both are signed
};
QString signRequirementName(SignRequirement r);
std::optional<SignRequirement> signRequirementFromName(const QString& name);

struct TrustedIdp
{
    QString entityId;
    QList<std::shared_ptr<X509>> signingCertificates;
};

struct SpConfig
{
    QString entityId;    // the Audience it expects
    QStringList acsUrls; // Destination and Recipient must be one of these
    TrustedIdp idp;
    std::optional<crypto::KeyPair> decryptionKey;
    SignRequirement require = SignRequirement::Assertion;
    QStringList signatureAlgorithms = {
        QStringLiteral("rsa-sha256"),   QStringLiteral("rsa-sha384"),
        QStringLiteral("rsa-sha512"),   QStringLiteral("ecdsa-sha256"),
        QStringLiteral("ecdsa-sha384"), QStringLiteral("ecdsa-sha512")};
    QStringList digestAlgorithms = {QStringLiteral("sha256"), QStringLiteral("sha384"),
                                    QStringLiteral("sha512")};
    int clockSkewSeconds = 180;
    // An accepted assertion's ID is remembered at least this long, and longer
    // while the assertion itself could still be accepted.
    int replayWindowSeconds = 86400;
    QStringList nameIdFormats; // empty: any format
    qsizetype maxMessageBytes = qsizetype{256} * 1024;
    QSet<Relaxation> relaxations;

    bool relaxed(Relaxation r) const { return relaxations.contains(r); }
    // The allow-lists with the relaxations applied (sha1 adds rsa-sha1, ecdsa-sha1, sha1).
    QStringList allowedSignatureAlgorithms() const;
    QStringList allowedDigestAlgorithms() const;
    // "entity https://sp, ACS ..., require assertion, skew 180 s, relaxed: sha1" — for reports.
    QStringList describe() const;
};

} // namespace jh::sp
