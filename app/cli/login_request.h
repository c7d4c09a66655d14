// What `attack` and `login` share on the IdP side: the options that shape the
// valid message (person, preset, key, sign, encrypt, request ID, claim
// overrides), the request they make for the SP under test, the harness's own
// SP when the user names none, and the check that this SP trusts this IdP.
#pragma once

#include "cli/cli_context.h"
#include "idp/issuer.h"
#include "sp/sp_config.h"

namespace jh::cli {

// --person, --preset, --key, --sign, --encrypt, --in-response-to.
void addIssueShapeOptions(Command& c, const QString& defaultPerson, const QString& defaultPreset);
// --attr, --drop-attr, --nameid; and --nameid-format, --sp-name-qualifier
// unless the command already uses --nameid-format for the SP side.
void addClaimOverrideOptions(Command& c, bool nameIdFormat);
Result<idp::ClaimOverrides> claimOverridesFrom(const Command& c, bool nameIdFormat);

struct RequestDefaults
{
    QString person; // empty: --person is required
    QString preset; // empty: --preset is required
    QString requestId;
};

// The request for a message to the SP `cfg` (audience, first ACS, and its
// decryption certificate or, with --sp-metadata, the target's own). Without
// --sign, the preset's mode, or both when that is less than `cfg` requires.
Result<idp::IssueRequest> requestForSp(const Command& c, const sp::SpConfig& cfg,
                                       const idp::Issuer& issuer, const RequestDefaults& defaults);

// The SP of the sample (samples/sp-metadata.xml, compiled in) trusting this
// IdP's RSA and EC signing certificates, with a decryption key made for this
// run. Its IdP entityID is left empty: the caller sets the issuer's.
Result<sp::SpConfig> harnessSp(const idp::ResponseSigner& signer, const QDateTime& now);

// An SP that does not trust this IdP's issuer and signing certificate would
// only show that. Error id cli.usage naming both sides.
Result<void> checkTrust(const sp::SpConfig& cfg, const QString& issuer, X509* signingCert);

} // namespace jh::cli
