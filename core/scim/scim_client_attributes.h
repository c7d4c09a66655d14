// What the SCIM clients send about a person: the attributes each vendor maps
// by default, as flat (SCIM path, value) pairs in the vendor's order, and the
// two JSON operations the clients need on such paths — read a value out of a
// server's resource, write one into a request body. Paths take the four forms
// the vendors use: `userName`, `name.givenName`, `emails[type eq "work"].value`
// and `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
#pragma once

#include "idp/directory.h"
#include "scim/scim_schema.h" // the schema URNs

#include <QJsonObject>
#include <QList>
#include <QString>

namespace jh::scim {

inline constexpr char kWorkEmailPath[] = "emails[type eq \"work\"].value";

struct ScimAttribute
{
    QString path;
    QString value; // empty: the directory has no value

    friend bool operator==(const ScimAttribute&, const ScimAttribute&) = default;
};
using ScimAttributes = QList<ScimAttribute>;

// The value of `path` in `attributes`; empty when absent.
QString attributeValue(const ScimAttributes& attributes, const QString& path);

// The attributes Okta sends for a person (its tables and sources are in the .cpp).
ScimAttributes oktaAttributes(const idp::Person& person);
// The attributes Entra's default mappings for a custom SCIM app send.
ScimAttributes entraAttributes(const idp::Person& person, const idp::TenantInfo& tenant);

// Entra's mailNickname: the UPN's part before '@'; for a B2B guest the
// part before '@' of their #EXT# UPN ("bob_fabrikam.example#EXT#").
QString entraMailNickname(const idp::Person& person, const idp::TenantInfo& tenant);

// The value at `path` in a resource as a string (attribute names matched
// case-insensitively, as RFC 7643 §2.1 says); empty when absent or not a
// string. A value path reads the first element whose sub-attribute equals the
// literal ("work"), ignoring case.
QString scimValue(const QJsonObject& resource, const QString& path);

// Writes `value` at `path`, keeping the key's spelling when the resource has
// it already; an empty value removes the attribute. A value path writes into
// the element it selects, else into the primary element, else appends
// {"primary": true, "type": ..., "value": ...}. An extension path adds the
// extension's URN to "schemas" when the resource lists schemas.
void setScimValue(QJsonObject& resource, const QString& path, const QString& value);

// The top-level attribute a path lives in: "name" for `name.givenName`,
// "emails" for the value path, the URN for an extension attribute.
QString topLevelAttribute(const QString& path);

// A SCIM filter string literal: the text JSON-quoted ("a\"b").
QString filterLiteral(const QString& text);

} // namespace jh::scim
