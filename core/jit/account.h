// The SP's side of a user: an account, the links that say which IdP subject
// signs in to it, and the audit entries that record every change made to it.
// Plain values; the account store keeps them and the provisioner decides what
// changes. diffAccounts() is the one place where "what changed" is computed,
// so the outcome shown to the user and the audit log always agree.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>

namespace jh::jit {

enum class AccountStatus
{
    Active,
    Suspended,
    Deleted // kept as a row: JIT and the audit log still need to know it existed
};

// How the account came to exist.
enum class Provisioning
{
    Jit,
    Scim,
    SelfRegistration,
    Admin
};

// Who made a change recorded in the audit log.
enum class Actor
{
    Jit,
    Scim,
    Cleanup,
    Admin
};

// Stable lower-case names, used in the store, JSON and the CLI.
QString accountStatusName(AccountStatus s); // "active" / "suspended" / "deleted"
QString provisioningName(Provisioning p);   // "jit" / "scim" / "self-registration" / "admin"
QString actorName(Actor a);                 // "jit" / "scim" / "clean-up" / "admin"
std::optional<AccountStatus> accountStatusFromName(QStringView name);
std::optional<Provisioning> provisioningFromName(QStringView name);
std::optional<Actor> actorFromName(QStringView name);

// What the SP knows about the person. An empty string means "not known".
struct Profile
{
    QString userName;
    QString email;
    QString givenName;
    QString familyName;
    QString displayName;
    QString department;
    QString jobTitle;
    QString employeeId;

    bool operator==(const Profile&) const = default;
};

struct ProfileField
{
    QLatin1String name; // as mapping tables, diffs and JSON spell it
    QString Profile::*member;
};

// The one table of profile fields, in their fixed order. Everything that walks
// the profile (diff, store columns, mapping targets) walks this table.
inline constexpr std::array<ProfileField, 8> kProfileFields{{
    {QLatin1String("userName"), &Profile::userName},
    {QLatin1String("email"), &Profile::email},
    {QLatin1String("givenName"), &Profile::givenName},
    {QLatin1String("familyName"), &Profile::familyName},
    {QLatin1String("displayName"), &Profile::displayName},
    {QLatin1String("department"), &Profile::department},
    {QLatin1String("jobTitle"), &Profile::jobTitle},
    {QLatin1String("employeeId"), &Profile::employeeId},
}};

// The field names of kProfileFields, in order.
const QStringList& profileFields();
// nullopt / false when `field` is not a profile field name.
std::optional<QString> profileValue(const Profile& p, QStringView field);
bool setProfileValue(Profile& p, QStringView field, QString value);

struct Account
{
    qint64 id = 0; // 0 until the store has inserted it
    AccountStatus status = AccountStatus::Active;
    Provisioning provisionedBy = Provisioning::Jit;
    Profile profile;
    QStringList roles;  // sorted, unique, no empty names: see normalizedRoles()
    QString externalId; // the SCIM client's id for the account; empty when none
    QDateTime created;
    QDateTime updated;
    QDateTime lastLogin; // null: never signed in

    bool operator==(const Account&) const = default;
};

// Roles in their canonical form: sorted by code unit (locale-independent),
// duplicates and empty names dropped. The store writes only this form.
QStringList normalizedRoles(QStringList roles);

// (issuer, subject, NameID format) -> account: how a verified login finds its
// account. Never an e-mail address.
struct Link
{
    QString issuer;
    QString subject;
    QString nameIdFormat; // empty for OIDC, which has no NameID format
    qint64 accountId = 0;
    QDateTime created;

    bool operator==(const Link&) const = default;
};

// A group of the SP, made by a SCIM client (SCIM Groups). Members are
// accounts. `attributes` keeps what the client sent beyond the group's own
// fields, returned as sent.
struct SpGroup
{
    qint64 id = 0; // 0 until the store has inserted it
    QString displayName;
    QString externalId;
    QJsonObject attributes;
    QList<qint64> members; // account ids, ascending, unique
    QDateTime created;
    QDateTime updated;

    bool operator==(const SpGroup&) const = default;
};

// One changed value. Field names are "status", the profile field names,
// "externalId" and "roles". A role change is one entry per role: an added
// role has an empty `before`, a removed role an empty `after` (role names are
// never empty, so the two cannot be confused). Keeping roles in the same list
// gives one diff column, one JSON shape and no joined strings to split.
struct FieldChange
{
    QString field;
    QString before;
    QString after;

    bool operator==(const FieldChange&) const = default;
};

// What changed from `before` to `after`: status, profile fields (table order),
// externalId, then roles (removed, then added, each sorted). Ids, provisioning
// and the created / updated / last-login times are bookkeeping, not a change
// to the person's data, and are left out.
QList<FieldChange> diffAccounts(const Account& before, const Account& after);
QStringList rolesAdded(const QList<FieldChange>& diff);
QStringList rolesRemoved(const QList<FieldChange>& diff);

// One line of the append-only audit log. `action` is free text; the actors
// use these words: "created", "updated", "unchanged", "denied",
// "reactivated", "suspended", "deleted", "linked", "unlinked".
struct AuditEntry
{
    qint64 seq = 0; // assigned by the store, increasing
    QDateTime at;   // from the caller's clock
    Actor actor = Actor::Jit;
    QString action;
    qint64 accountId = 0; // 0: no account (a login denied before one existed)
    QList<FieldChange> diff;
    QStringList reasons;
    QString messageId; // the Response / ID token / SCIM request that caused it

    bool operator==(const AuditEntry&) const = default;
};

} // namespace jh::jit
