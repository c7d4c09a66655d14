// A person and a group as the mock IdP's directory holds them. These are the
// raw facts about someone; how a given IdP turns them into a NameID and claims
// (which field, which name, GUIDs or display names) is the preset's business,
// so nothing here is shaped for any one vendor.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace jh::idp {

// Where the person stands in the organisation. The IdP can still be told to
// issue for anyone; the status lets the harness show what a careless IdP (or
// a stale SP account) would do with someone who has left.
enum class PersonStatus
{
    Active,
    Suspended,
    Left
};

QString personStatusName(PersonStatus s); // "active" / "suspended" / "left"
std::optional<PersonStatus> personStatusFromName(const QString& name);
QStringList personStatusNames();

// A directory attribute beyond the fixed fields. Names may be URIs
// ("http://schemas.example.com/claims/costcenter"); several values make it
// multi-valued. Order is kept as written, for both values and attributes.
struct CustomAttribute
{
    QString name;
    QStringList values;

    bool operator==(const CustomAttribute&) const = default;
};

// A B2B guest: someone whose account lives in another organisation. Entra
// gives such a user a UPN of the form bob_fabrikam.example#EXT#@contoso.onmicrosoft.com.
struct GuestInfo
{
    QString homeDomain;       // "fabrikam.example"
    QString identityProvider; // how they sign in: "ExternalAzureAD", "google.com", "mail", ...
    QString homeTenantId;     // their own tenant's id, when they come from another Entra tenant

    bool operator==(const GuestInfo&) const = default;
};

inline constexpr char kExternalAzureAd[] = "ExternalAzureAD";

struct Person
{
    QString id;       // stable, short: "alice"; never shown to an SP by itself
    QString username; // the sign-in name / UPN: "alice@contoso.example"
    QString email;
    QString givenName;
    QString familyName;
    QString displayName;
    QString department;
    QString employeeType; // "Employee", "Contractor", ...
    QString manager;      // another person's id; empty: none
    QString objectId;     // directory object GUID; empty: derived from tenant and id
    PersonStatus status = PersonStatus::Active;
    QStringList groups; // group ids, in the order written
    QList<CustomAttribute> customAttributes;
    std::optional<GuestInfo> guest;

    bool isGuest() const { return guest.has_value(); }
    const CustomAttribute* customAttribute(const QString& name) const;

    bool operator==(const Person&) const = default;
};

struct Group
{
    QString id; // a GUID where the IdP uses GUIDs (Entra object ids)
    QString displayName;

    bool operator==(const Group&) const = default;
};

} // namespace jh::idp
