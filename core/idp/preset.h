// A preset: how one real IdP names and shapes what it asserts — which person
// field becomes the NameID and in which format, what the attributes are
// called and typed, how groups are encoded, filtered, capped and what
// happens past the cap, how guests' UPNs look, and what the IdP does by
// default when signing and timing an assertion. Presets are data
// (resources/presets/*.yaml, each citing the vendor documentation it follows)
// so that a reader can check them and a user can write their own.
#pragma once

#include "common/result.h"
#include "idp/signing_options.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <utility>

namespace jh::idp {

// Where a value comes from. A person field ("email", "username", ...), a
// derived value ("upn", "localUpn", "objectId", "tenantId",
// "identityProvider"), a custom attribute ("custom:<name>"), or a constant
// ("const:<text>"). See claim_shaper.cpp for the exact meaning of each.
QStringList knownValueSources();
bool isKnownValueSource(const QString& source);

// Defaults for one issuance; what the IdP does unless told otherwise.
struct IssuanceDefaults
{
    SignMode sign = SignMode::Assertion;
    QString signatureAlgorithm = QStringLiteral("rsa-sha256");
    QString digestAlgorithm = QStringLiteral("sha256");
    bool keyInfoCertificate = true;
    int validitySeconds = 300;     // Conditions: NotOnOrAfter - IssueInstant
    int notBeforeSkewSeconds = 0;  // Conditions: IssueInstant - NotBefore
    int confirmationSeconds = 300; // SubjectConfirmationData: NotOnOrAfter - IssueInstant
    int sessionSeconds = 0;        // AuthnStatement/@SessionNotOnOrAfter; 0: omitted
    QString authnContextClass;     // AuthnContextClassRef
    QString issuerTemplate;        // "https://sts.windows.net/{tenantId}/"

    bool operator==(const IssuanceDefaults&) const = default;
};

struct NameIdRule
{
    QString source; // see knownValueSources()
    QString format; // NameID Format URI; empty: no Format attribute

    bool operator==(const NameIdRule&) const = default;
};

struct AttributeRule
{
    QString name;       // the claim name as sent
    QString source;     // see knownValueSources()
    QString nameFormat; // attrname-format URI; empty: no NameFormat
    QString valueType;  // xsi:type of each value; empty: none
    QString friendlyName;

    bool operator==(const AttributeRule&) const = default;
};

enum class GroupEncoding
{
    DisplayName,
    Id,
    DistinguishedName
};
enum class GroupFilterType
{
    None,
    StartsWith,
    Equals,
    Contains,
    Regex,
    List
};
// What the IdP does when a person has more groups than `limit`.
enum class GroupOverage
{
    None,
    Truncate,
    OmitClaim,
    LinkClaim
};

QString groupEncodingName(GroupEncoding e); // "displayName" / "id" / "distinguishedName"
QString groupFilterTypeName(
    GroupFilterType t); // "none" / "startsWith" / "equals" / "contains" / "regex" / "list"
QString groupOverageName(GroupOverage o); // "none" / "truncate" / "omit" / "link"
std::optional<GroupEncoding> groupEncodingFromName(const QString& name);
std::optional<GroupFilterType> groupFilterTypeFromName(const QString& name);
std::optional<GroupOverage> groupOverageFromName(const QString& name);

struct GroupFilter
{
    GroupFilterType type = GroupFilterType::None;
    QString pattern; // for startsWith / equals / contains / regex (matched against display names)
    QStringList values; // for list (display names)

    bool operator==(const GroupFilter&) const = default;
};

struct GroupsRule
{
    bool enabled = false;
    QString attribute; // claim name
    QString nameFormat;
    QString valueType;
    GroupEncoding encoding = GroupEncoding::DisplayName;
    GroupFilter filter;
    int limit = 0; // 0: no limit
    GroupOverage overage = GroupOverage::None;
    QString overageAttribute; // for link: the claim sent instead of the groups
    QString overageLink;      // for link: URL template ({tenantId}, {objectId}, ...)

    bool operator==(const GroupsRule&) const = default;
};

// Whether the IdP asserts that the e-mail address is verified. In SAML none of
// the built-in IdPs does; a custom preset can name a claim to carry the flag.
struct EmailRule
{
    QString verifiedAttribute; // empty: no flag is sent
    QString note;              // why, with the source

    bool operator==(const EmailRule&) const = default;
};

enum class GuestUpnForm
{
    Plain,
    External
};

struct GuestRule
{
    // External: a guest's UPN is <mail with @ as _>#EXT#@<tenant initial domain>.
    GuestUpnForm upnForm = GuestUpnForm::Plain;
    // Entra: "user.userprincipalname" yields the mail address for guests who
    // authenticate with another Entra tenant (source "upn"; "localUpn" does not).
    bool externalEntraUpnIsMail = false;

    bool operator==(const GuestRule&) const = default;
};

struct Preset
{
    QString id;   // "entra"
    QString name; // "Microsoft Entra ID"
    QString summary;
    QStringList sources; // public documentation this preset follows

    IssuanceDefaults defaults;
    QList<std::pair<QString, QString>> issuerVariables; // extra {placeholders}, e.g. appId
    NameIdRule nameId;
    QList<AttributeRule> attributes;
    GroupsRule groups;
    EmailRule email;
    GuestRule guests;

    bool operator==(const Preset&) const = default;
};

// Placeholders every issuer or link template may use; filled from the directory.
QStringList directoryPlaceholders(); // tenantId, tenantName, primaryDomain, initialDomain

// Parses one preset file. Error id "preset.invalid"; messages name file, line and field.
Result<Preset> parsePreset(const QByteArray& yaml, const QString& fileName);

} // namespace jh::idp
