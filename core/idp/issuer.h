// The mock IdP's front door: a request ("issue for this person, shaped like
// this IdP, for that SP, signed like so") becomes an AssertionSpec and then a
// signed (optionally encrypted) SAML Response. Every default comes from the
// preset, every override from the request, and every deviation worth knowing
// (an SP that wants signed assertions getting none, an inactive person) is
// written to the notes rather than silently corrected.
#pragma once

#include "idp/claim_shaper.h"
#include "idp/preset_catalog.h"
#include "idp/response_signer.h"
#include "saml/sp_metadata.h"
#include "time/clock.h"

#include <optional>

namespace jh::idp {

struct SpTarget
{
    QString audience; // SP entityID
    QString acsUrl;   // Destination and Recipient
    std::shared_ptr<X509> encryptionCertificate;
    bool wantAssertionsSigned = false;
};

// From imported SP metadata. Error id idp.request when it has no HTTP-POST ACS.
Result<SpTarget> spTargetFromMetadata(const saml::SpMetadata& md);
// Reads an SP metadata file and takes the target from it; errors name the file.
Result<SpTarget> loadSpTarget(const QString& metadataPath);

// What the user asks for on top of the preset: replaced or added attribute
// values, dropped attributes, another NameID. Applied after shaping, and
// each one is listed in the notes.
struct ClaimOverrides
{
    QList<std::pair<QString, QStringList>> attributes; // name -> values (replace, or add)
    QStringList dropAttributes;
    std::optional<QString> nameId;
    std::optional<QString> nameIdFormat;
    std::optional<QString> spNameQualifier;

    bool isEmpty() const
    {
        return attributes.isEmpty() && dropAttributes.isEmpty() && !nameId && !nameIdFormat &&
               !spNameQualifier;
    }
};

// Applies `overrides` to shaped claims. A new attribute takes the NameFormat
// and value type the preset gives its other attributes, so that it looks
// like the IdP's own. Error id idp.request for dropping an attribute the
// claims do not have.
Result<void> applyOverrides(const ClaimOverrides& overrides, ShapedClaims& claims);

struct IssueRequest
{
    QString personId;
    QString presetId;
    SpTarget sp;
    QString inResponseTo;               // empty: IdP-initiated (unsolicited)
    std::optional<SignMode> sign;       // unset: the preset's default
    std::optional<crypto::KeyType> key; // unset: RSA
    std::optional<QString> signatureAlgorithm;
    std::optional<QString> digestAlgorithm;
    std::optional<bool> keyInfoCertificate;
    std::optional<int> validitySeconds; // Conditions and SubjectConfirmationData windows
    EncryptionOptions encryption;
    ClaimOverrides overrides;
};

struct Issued
{
    saml::AssertionSpec spec;
    SigningOptions signing;
    EncryptionOptions encryption;
    QStringList notes;
    SignedResponse response;
};

class Issuer
{
public:
    Issuer(const Directory& directory, const PresetCatalog& presets, const ResponseSigner& signer,
           const Clock& clock);

    // Error ids: idp.unknown-person, idp.unknown-preset, idp.request, and the
    // claim shaper's.
    Result<saml::AssertionSpec> buildSpec(const IssueRequest& request,
                                          QStringList* notes = nullptr) const;
    Result<SigningOptions> signingFor(const IssueRequest& request) const;
    Result<Issued> issue(const IssueRequest& request) const;

private:
    Result<const Preset*> preset(const QString& id) const;

    const Directory& m_directory;
    const PresetCatalog& m_presets;
    const ResponseSigner& m_signer;
    const Clock& m_clock;
};

} // namespace jh::idp
