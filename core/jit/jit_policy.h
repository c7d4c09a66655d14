// The SP's JIT policy: what happens when a verified login arrives for a
// subject the SP does not know, for an account it knows, or for one it has
// suspended — each choice explicit, named and echoed in every outcome. The
// defaults are what a careful SP does; the others exist so the harness can
// show what a careless one does (privilege creep, e-mail keyed duplicates,
// takeover through an unverified e-mail).
#pragma once

#include "common/result.h"
#include "jit/attribute_mapping.h"

#include <QStringList>
#include <optional>

namespace jh::jit {

enum class UnknownSubject
{
    Create,               // "create": JIT — an account at first login (default)
    Deny,                 // "deny": only accounts made beforehand (SCIM, admin) may sign in
    CreateAllowedDomains, // "allowed-domains": create only for e-mail in allowedDomains
};

enum class SyncMode
{
    EveryLogin, // "every-login": profile and roles follow each login (default)
    FirstLogin, // "first-login": set at creation, never updated
    Never,      // "never": the account is created bare; attributes are the SP's business
};

enum class TransientPolicy
{
    Deny,        // "deny": a transient NameID cannot own an account (default)
    SessionOnly, // "session": the login works, nothing durable is created
};

enum class InactivePolicy
{
    Deny,       // "deny": a suspended or deleted account stays shut (default)
    Reactivate, // "reactivate": a login brings it back
};

enum class MissingGroups
{
    KeepRoles,   // "keep-roles": no groups claim (or overage) leaves roles as they are (default)
    RemoveRoles, // "remove-roles": ... is read as "no groups"
};

struct JitPolicy
{
    UnknownSubject unknownSubject = UnknownSubject::Create;
    QStringList allowedDomains; // for allowed-domains; compared whole, case-insensitively
    SyncMode sync = SyncMode::EveryLogin;
    bool removeRoles = true; // a role whose group is gone is removed at the next login
    // Relaxation: an unknown subject may take over an existing account with
    // the same e-mail, but only when the IdP asserts email_verified = true
    // (OIDC); SAML e-mail attributes never qualify.
    bool linkByVerifiedEmail = false;
    // An unknown subject signs in to an account a SCIM client made beforehand
    // (pre-provisioning) when the login's user name is exactly the account's
    // and the account has no link yet: how an SP that receives SCIM from the
    // same IdP recognises the person at their first login. Off, every
    // pre-provisioned account stays unreachable by SSO. Admin-made accounts
    // are never taken this way.
    bool linkProvisioned = true;
    TransientPolicy transient = TransientPolicy::Deny;
    // Demonstration: accounts keyed by e-mail instead of (issuer, subject),
    // as naive SPs do — a changed e-mail makes a duplicate, another IdP's
    // user with the victim's e-mail gets the victim's account.
    bool keyByEmail = false;
    InactivePolicy inactive = InactivePolicy::Deny;
    MissingGroups missingGroups = MissingGroups::KeepRoles;

    // "unknown subject: create", ..., one line per setting, the departures
    // from the defaults marked — for outcomes and reports.
    QStringList describe() const;
};

// A policy file: the policy, and the attribute mapping the SP applies
// (claims, roles), optionally starting from a preset's defaults.
struct JitSettings
{
    JitPolicy policy;
    QString mappingPreset;   // defaults from this preset; empty: the login's preset, if known
    QList<ClaimRule> claims; // replace the defaults' rule for the same field
    QList<RoleRule> roles;   // the role allow-list
    std::optional<int> maxValueLength;

    // The mapping for a login whose claims are shaped like `preset` (null:
    // none known — only the claims given here apply).
    AttributeMapping mappingFor(const idp::Preset* preset) const;
};

// YAML (samples/jit-policy.yaml). Error id jit.policy-invalid with
// file:line: field; io.* when unreadable.
Result<JitSettings> loadJitSettings(const QString& path);
Result<JitSettings> parseJitSettings(const QByteArray& text, const QString& fileName);

} // namespace jh::jit
