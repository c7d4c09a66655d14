// The SCIM clients: what Okta and Microsoft Entra ID send to an
// application's SCIM endpoint when people are hired, change and leave. One
// push compares the directory with what was pushed before (ScimClientState)
// and sends, for the difference, the requests the chosen vendor documents, in
// its order and shapes, quirks included. The shapes and their sources are in
// scim_profile_okta.cpp and scim_profile_entra.cpp; what both share (the walk
// over people and groups, the bookkeeping) is here.
#pragma once

#include "idp/directory.h"
#include "scim/scim_client_report.h"
#include "scim/scim_client_state.h"
#include "scim/scim_exchange.h"
#include "time/clock.h"

#include <optional>

namespace jh::scim {

enum class ScimProfile
{
    Okta,
    Entra
};

QString scimProfileName(ScimProfile p); // "okta" / "entra"
std::optional<ScimProfile> scimProfileFromName(QStringView name);

// How Okta sends a profile change.
enum class OktaUpdate
{
    Put,  // GET the user, change the attributes, PUT it back: what Okta documents
    Patch // one PATCH replacing the changed attributes (a harness variant)
};

// The attributes Entra tries, in order, to match a person to a server user
// (its "matching precedence").
enum class EntraMatch
{
    UserName,   // userName eq "<UPN>": Entra's default
    ExternalId, // externalId eq "<mailNickname>"
    WorkEmail   // emails[type eq "work"].value eq "<mail>"
};

struct ScimClientOptions
{
    ScimProfile profile = ScimProfile::Okta;
    OktaUpdate oktaUpdate = OktaUpdate::Put;
    // Okta's current reference sends nothing when a user is suspended; an
    // earlier revision said suspension deactivates. Off: the current one.
    bool oktaDeactivateSuspended = false;
    // Entra hard-deletes a user this many days after the soft delete (30 in Entra).
    int entraDeleteAfterDays = 30;
    // Entra with the aadOptscim062020 flag: RFC 7644 PATCH bodies. Off: what
    // Entra sends without it ("Replace", "False" as a string, ...).
    bool entraCompliantPatch = false;
    QList<EntraMatch> entraMatching{EntraMatch::UserName};
    // Push the directory's groups and their memberships.
    bool pushGroups = true;
};

// Pushes the directory to the server behind `transport` and updates `state`
// with every step the server accepted. "Now" is read once from `clock`.
// Never aborts on an HTTP error status (a failed step in the report); stops
// at the first transport failure (report.aborted). Error: scim.state-profile
// when `state` was written by the other profile.
Result<PushReport> pushDirectory(const idp::Directory& directory, ScimClientState& state,
                                 ScimTransport& transport, const Clock& clock,
                                 const ScimClientOptions& options);

} // namespace jh::scim
