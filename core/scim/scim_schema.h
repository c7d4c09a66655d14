// The SCIM schemas this service speaks (RFC 7643 §4 and §8.7.1): User with
// the enterprise extension, and Group. One table serves both the /Schemas
// endpoint and the service's own checks — type, mutability, unknown
// attributes, case-exactness — so what is advertised is what is enforced.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace jh::scim {

inline constexpr const char* kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr const char* kGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
inline constexpr const char* kEnterpriseUserSchema =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
inline constexpr const char* kPatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
inline constexpr const char* kListResponseSchema =
    "urn:ietf:params:scim:api:messages:2.0:ListResponse";

enum class AttrType
{
    String,
    Boolean,
    Decimal,
    Integer,
    DateTime,
    Reference,
    Complex,
    Binary
};

enum class Mutability
{
    ReadOnly,
    ReadWrite,
    Immutable,
    WriteOnly
};

enum class Returned
{
    Always,
    Never,
    Default,
    Request
};

struct AttributeDef
{
    QString name;
    AttrType type = AttrType::String;
    bool multiValued = false;
    bool required = false;
    bool caseExact = false;
    Mutability mutability = Mutability::ReadWrite;
    Returned returned = Returned::Default;
    bool uniqueServer = false; // uniqueness "server"
    QString description;
    QStringList canonicalValues;
    QStringList referenceTypes;
    QList<AttributeDef> subAttributes;

    // Case-insensitive (RFC 7643 §2.1); nullptr when there is none.
    const AttributeDef* sub(QStringView subName) const;
};

struct SchemaDef
{
    QString id; // the URN
    QString name;
    QString description;
    QList<AttributeDef> attributes;

    const AttributeDef* attribute(QStringView attrName) const;
};

const SchemaDef& userSchema();
const SchemaDef& enterpriseUserSchema();
const SchemaDef& groupSchema();
// The common attributes every resource has (id, externalId, meta), RFC 7643 §3.1.
const SchemaDef& commonAttributes();

QString attrTypeName(AttrType t); // "string", "boolean", ... as RFC 7643 spells them

// The schema resource for /Schemas/{id}, with its meta.location.
QJsonObject schemaResource(const SchemaDef& schema, const QString& baseUrl);

// The attribute paths that compare case-exactly in `schemas`, for filters.
QStringList caseExactPaths(const QList<const SchemaDef*>& schemas);

} // namespace jh::scim
