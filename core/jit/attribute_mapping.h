// How an SP reads a verified login into its own terms: which claim fills
// which profile field, which claim carries groups, and which groups grant
// which roles. The claim tables default to what each preset sends (Entra's
// claim URIs, Okta's short names, ...), read from the preset files so that
// IdP and SP never disagree on a name. Roles are an allow-list keyed by
// (issuer, group as sent): a group the list does not name grants nothing,
// and a display name never stands in for an id.
#pragma once

#include "common/result.h"
#include "jit/account.h"
#include "sp/report.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace jh::idp {
struct Preset;
}

namespace jh::jit {

// One profile field and the claims that may fill it, first present wins.
struct ClaimRule
{
    QString field;      // a kProfileFields name
    QStringList claims; // attribute Names as sent
    bool operator==(const ClaimRule&) const = default;
};

// (issuer, group as the IdP sends it) -> role.
struct RoleRule
{
    QString issuer;
    QString group; // an id for IdPs that send ids (Entra: object-id GUIDs), else the name
    QString role;
    bool operator==(const RoleRule&) const = default;
};

struct AttributeMapping
{
    QList<ClaimRule> claims;
    // userName is the NameID when no claim rule fills it.
    QString groupsClaim;        // empty: this IdP sends no groups
    QString overageClaim;       // sent instead of the groups when there are too many (Entra)
    QString emailVerifiedClaim; // a claim saying the e-mail is verified; empty: none
    QList<RoleRule> roles;
    int maxValueLength = 1024; // longer values are not taken (the field keeps its old value)

    bool operator==(const AttributeMapping&) const = default;
};

// The defaults for logins shaped by `preset`: a claim rule for each of its
// attributes whose source is a profile field (email, givenName, familyName,
// displayName, department; username and upn fill userName; custom:<field>
// fills that field), its groups and overage claims and e-mail verification
// flag, and no roles — roles are always the SP's explicit choice.
AttributeMapping defaultMapping(const idp::Preset& preset);

enum class GroupsState
{
    Sent,      // the groups claim was there (possibly with no values)
    NotSent,   // neither the groups claim nor an overage claim: unknown, not "none"
    Overage,   // the IdP said there were too many and sent a link instead
    NotMapped, // this SP reads no groups (groupsClaim empty)
};
QString groupsStateName(GroupsState s); // "sent", "not-sent", "overage", "not-mapped"

struct MappedLogin
{
    QString issuer;
    QString subject;          // NameID (SAML) / sub (OIDC)
    QString nameIdFormat;     // empty for OIDC
    Profile profile;          // fields the login carried; empty: not carried
    QStringList rolesGranted; // sorted, from the allow-list only
    GroupsState groups = GroupsState::NotMapped;
    QStringList groupsIgnored; // sent but granting no role (by id as sent)
    // e-mail ownership as the IdP asserts it: only an explicit true counts.
    bool emailVerified = false;
    QStringList warnings; // e.g. "groups overage: ...", "email too long: not taken", duplicates
};

// Reads `login` through `mapping`. Never fails: what cannot be read is a
// warning and an empty field.
MappedLogin mapLogin(const sp::VerifiedLogin& login, const AttributeMapping& mapping);

} // namespace jh::jit
