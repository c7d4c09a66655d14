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
