#include "scim/scim_schema.h"

#include <QJsonArray>

namespace jh::scim {
namespace {

// Builders keep the tables below close to RFC 7643's own listing.
AttributeDef attr(const char* name, AttrType type, const char* description)
{
    AttributeDef a;
    a.name = QString::fromLatin1(name);
    a.type = type;
    a.description = QString::fromLatin1(description);
    return a;
}

AttributeDef str(const char* name, const char* description)
{
    return attr(name, AttrType::String, description);
}

AttributeDef multi(AttributeDef a)
{
    a.multiValued = true;
    return a;
}

AttributeDef required(AttributeDef a)
{
    a.required = true;
    return a;
}

AttributeDef exact(AttributeDef a)
{
    a.caseExact = true;
    return a;
}

AttributeDef mutability(AttributeDef a, Mutability m)
{
    a.mutability = m;
    return a;
}

AttributeDef returned(AttributeDef a, Returned r)
{
    a.returned = r;
    return a;
}

AttributeDef canonical(AttributeDef a, QStringList values)
{
    a.canonicalValues = std::move(values);
    return a;
}

AttributeDef refs(AttributeDef a, QStringList types)
{
    a.referenceTypes = std::move(types);
    return a;
}

AttributeDef complex(const char* name, const char* description, QList<AttributeDef> subs)
{
    AttributeDef a = attr(name, AttrType::Complex, description);
    a.subAttributes = std::move(subs);
    return a;
}

QStringList words(const char* list)
{
    return QString::fromLatin1(list).split(QLatin1Char(' '));
}

// The usual sub-attributes of a multi-valued attribute (RFC 7643 §2.4).
QList<AttributeDef> valueTypePrimary(AttrType valueType, const char* types)
{
    return {
        attr("value", valueType, "The attribute's significant value."),
        str("display", "A human-readable name, primarily used for display purposes."),
        canonical(str("type", "A label indicating the attribute's function."), words(types)),
        attr("primary", AttrType::Boolean,
             "A Boolean value indicating the 'primary' or preferred attribute value."),
    };
}

AttributeDef membership(const char* name, const char* description, const char* refTypes,
                        const char* types, Mutability m)
{
    return mutability(
        multi(
            complex(name, description,
                    {
                        mutability(exact(str("value", "The identifier of the member.")), m),
                        mutability(refs(attr("$ref", AttrType::Reference,
                                             "The URI of the corresponding resource."),
                                        words(refTypes)),
                                   m),
                        mutability(str("display", "A human-readable name."), Mutability::ReadOnly),
                        mutability(canonical(str("type", "The kind of member."), words(types)), m),
                    })),
        m);
}

SchemaDef makeUser()
{
    SchemaDef s;
    s.id = QString::fromLatin1(kUserSchema);
    s.name = QStringLiteral("User");
    s.description = QStringLiteral("User Account");
    s.attributes = {
        [] {
            AttributeDef a = required(str("userName", "Unique identifier for the User, used "
                                                      "to sign in. REQUIRED."));
            a.uniqueServer = true;
            return a;
        }(),
        complex("name", "The components of the user's real name.",
                {
                    str("formatted", "The full name, formatted for display."),
                    str("familyName", "The family name of the User."),
                    str("givenName", "The given name of the User."),
                    str("middleName", "The middle name(s) of the User."),
                    str("honorificPrefix", "The honorific prefix(es) of the User."),
                    str("honorificSuffix", "The honorific suffix(es) of the User."),
                }),
        str("displayName", "The name of the User, suitable for display to end-users."),
        str("nickName", "The casual way to address the user."),
        attr("profileUrl", AttrType::Reference, "A fully qualified URL to the User's profile."),
        str("title", "The user's title, such as \"Vice President\"."),
        str("userType", "The organization-to-user relationship (Employee, Contractor, ...)."),
        str("preferredLanguage", "The User's preferred written or spoken language."),
        str("locale", "The User's default location, for localization."),
        str("timezone", "The User's time zone in the 'Olson' time zone database format."),
        attr("active", AttrType::Boolean, "The User's administrative status."),
        returned(mutability(exact(str("password", "The User's cleartext password.")),
                            Mutability::WriteOnly),
                 Returned::Never),
        multi(complex("emails", "Email addresses for the user.",
                      valueTypePrimary(AttrType::String, "work home other"))),
        multi(complex("phoneNumbers", "Phone numbers for the User.",
                      valueTypePrimary(AttrType::String, "work home mobile fax pager other"))),
        multi(complex("ims", "Instant messaging addresses for the User.",
                      valueTypePrimary(AttrType::String, "aim gtalk icq xmpp msn skype qq yahoo"))),
        multi(complex("photos", "URLs of photos of the User.",
                      valueTypePrimary(AttrType::Reference, "photo thumbnail"))),
        multi(complex("addresses", "A physical mailing address for this User.",
                      {
                          str("formatted", "The full mailing address."),
                          str("streetAddress", "The full street address component."),
                          str("locality", "The city or locality component."),
                          str("region", "The state or region component."),
                          str("postalCode", "The zip code or postal code component."),
                          str("country", "The country name component."),
                          canonical(str("type", "A label indicating the attribute's function."),
                                    words("work home other")),
                          attr("primary", AttrType::Boolean,
                               "A Boolean value indicating the preferred address."),
                      })),
        membership("groups", "A list of groups to which the user belongs.", "Group",
                   "direct indirect", Mutability::ReadOnly),
        multi(complex("entitlements", "A list of entitlements for the User.",
                      valueTypePrimary(AttrType::String, ""))),
        multi(complex("roles", "A list of roles for the User.",
                      valueTypePrimary(AttrType::String, ""))),
        multi(complex("x509Certificates", "A list of certificates issued to the User.",
                      valueTypePrimary(AttrType::Binary, ""))),
    };
    // The x509 value is caseExact (RFC 7643 §8.7.1).
    s.attributes.last().subAttributes.first().caseExact = true;
    return s;
}

SchemaDef makeEnterprise()
{
    SchemaDef s;
    s.id = QString::fromLatin1(kEnterpriseUserSchema);
    s.name = QStringLiteral("EnterpriseUser");
    s.description = QStringLiteral("Enterprise User");
    s.attributes = {
        str("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
        str("costCenter", "Identifies the name of a cost center."),
        str("organization", "Identifies the name of an organization."),
        str("division", "Identifies the name of a division."),
        str("department", "Identifies the name of a department."),
        complex("manager", "The User's manager.",
                {
                    str("value", "The id of the SCIM resource representing the User's manager."),
                    refs(attr("$ref", AttrType::Reference, "The URI of the manager's resource."),
                         {QStringLiteral("User")}),
                    mutability(str("displayName", "The displayName of the User's manager."),
                               Mutability::ReadOnly),
                }),
    };
    return s;
}

SchemaDef makeGroup()
{
    SchemaDef s;
    s.id = QString::fromLatin1(kGroupSchema);
    s.name = QStringLiteral("Group");
    s.description = QStringLiteral("Group");
    s.attributes = {
        required(str("displayName", "A human-readable name for the Group. REQUIRED.")),
        membership("members", "A list of members of the Group.", "User Group", "User Group",
                   Mutability::ReadWrite),
    };
    return s;
}

SchemaDef makeCommon()
{
    SchemaDef s;
    s.id = QStringLiteral("common");
    s.attributes = {
        returned(mutability(exact(str("id", "Unique identifier for the resource, assigned by "
                                            "the service provider.")),
                            Mutability::ReadOnly),
                 Returned::Always),
        exact(str("externalId", "An identifier for the resource as defined by the client.")),
        mutability(
            complex("meta", "Resource metadata.",
                    {
                        exact(str("resourceType", "The name of the resource type.")),
                        attr("created", AttrType::DateTime, "When the resource was added."),
                        attr("lastModified", AttrType::DateTime,
                             "When the resource was last modified."),
                        exact(attr("location", AttrType::Reference, "The URI of the resource.")),
                        exact(str("version", "The version (ETag) of the resource.")),
                    }),
            Mutability::ReadOnly),
    };
    for (AttributeDef& sub : s.attributes.last().subAttributes)
        sub.mutability = Mutability::ReadOnly;
    return s;
}

QString mutabilityName(Mutability m)
{
    switch (m) {
    case Mutability::ReadOnly:
        return QStringLiteral("readOnly");
    case Mutability::ReadWrite:
        return QStringLiteral("readWrite");
    case Mutability::Immutable:
        return QStringLiteral("immutable");
    case Mutability::WriteOnly:
        return QStringLiteral("writeOnly");
    }
    return {};
}

QString returnedName(Returned r)
{
    switch (r) {
    case Returned::Always:
        return QStringLiteral("always");
    case Returned::Never:
        return QStringLiteral("never");
    case Returned::Default:
        return QStringLiteral("default");
    case Returned::Request:
        return QStringLiteral("request");
    }
    return {};
}

QJsonObject attributeJson(const AttributeDef& a)
{
    QJsonObject o{
        {QStringLiteral("name"), a.name},
        {QStringLiteral("type"), attrTypeName(a.type)},
        {QStringLiteral("multiValued"), a.multiValued},
        {QStringLiteral("description"), a.description},
        {QStringLiteral("required"), a.required},
        {QStringLiteral("mutability"), mutabilityName(a.mutability)},
        {QStringLiteral("returned"), returnedName(a.returned)},
    };
    if (a.type == AttrType::String || a.type == AttrType::Reference || a.type == AttrType::Binary) {
        o.insert(QStringLiteral("caseExact"), a.caseExact);
        o.insert(QStringLiteral("uniqueness"),
                 a.uniqueServer ? QStringLiteral("server") : QStringLiteral("none"));
    }
    if (!a.canonicalValues.isEmpty() && !a.canonicalValues.first().isEmpty())
        o.insert(QStringLiteral("canonicalValues"), QJsonArray::fromStringList(a.canonicalValues));
    if (a.type == AttrType::Reference)
        o.insert(QStringLiteral("referenceTypes"),
                 QJsonArray::fromStringList(a.referenceTypes.isEmpty()
                                                ? QStringList{QStringLiteral("external")}
                                                : a.referenceTypes));
    if (a.type == AttrType::Complex) {
        QJsonArray subs;
        for (const AttributeDef& sub : a.subAttributes)
            subs.append(attributeJson(sub));
        o.insert(QStringLiteral("subAttributes"), subs);
    }
    return o;
}

const AttributeDef* findIn(const QList<AttributeDef>& list, QStringView name)
{
    for (const AttributeDef& a : list)
        if (a.name.compare(name, Qt::CaseInsensitive) == 0)
            return &a;
    return nullptr;
}

} // namespace

const AttributeDef* AttributeDef::sub(QStringView subName) const
{
    return findIn(subAttributes, subName);
}

const AttributeDef* SchemaDef::attribute(QStringView attrName) const
{
    return findIn(attributes, attrName);
}

const SchemaDef& userSchema()
{
    static const SchemaDef s = makeUser();
    return s;
}

const SchemaDef& enterpriseUserSchema()
{
    static const SchemaDef s = makeEnterprise();
    return s;
}

const SchemaDef& groupSchema()
{
    static const SchemaDef s = makeGroup();
    return s;
}

const SchemaDef& commonAttributes()
{
    static const SchemaDef s = makeCommon();
    return s;
}

QString attrTypeName(AttrType t)
{
    switch (t) {
    case AttrType::String:
        return QStringLiteral("string");
    case AttrType::Boolean:
        return QStringLiteral("boolean");
    case AttrType::Decimal:
        return QStringLiteral("decimal");
    case AttrType::Integer:
        return QStringLiteral("integer");
    case AttrType::DateTime:
        return QStringLiteral("dateTime");
    case AttrType::Reference:
        return QStringLiteral("reference");
    case AttrType::Complex:
        return QStringLiteral("complex");
    case AttrType::Binary:
        return QStringLiteral("binary");
    }
    return {};
}

QJsonObject schemaResource(const SchemaDef& schema, const QString& baseUrl)
{
    QJsonArray attributes;
    for (const AttributeDef& a : schema.attributes)
        attributes.append(attributeJson(a));
    return {
        {QStringLiteral("schemas"),
         QJsonArray{QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Schema")}},
        {QStringLiteral("id"), schema.id},
        {QStringLiteral("name"), schema.name},
        {QStringLiteral("description"), schema.description},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("meta"),
         QJsonObject{
             {QStringLiteral("resourceType"), QStringLiteral("Schema")},
             {QStringLiteral("location"), baseUrl + QStringLiteral("/Schemas/") + schema.id}}},
    };
}

QStringList caseExactPaths(const QList<const SchemaDef*>& schemas)
{
    QStringList out;
    for (const SchemaDef* s : schemas) {
        for (const AttributeDef& a : s->attributes) {
            if (a.caseExact)
                out.append(a.name);
            for (const AttributeDef& sub : a.subAttributes)
                if (sub.caseExact)
                    out.append(a.name + QLatin1Char('.') + sub.name);
        }
    }
    return out;
}

} // namespace jh::scim
