#include "scim/scim_client_attributes.h"

#include "idp/claim_shaper.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jh::scim {

QString attributeValue(const ScimAttributes& attributes, const QString& path)
{
    for (const ScimAttribute& a : attributes)
        if (a.path == path)
            return a.value;
    return {};
}

namespace {

QString latin(const char* text)
{
    return QString::fromLatin1(text);
}

QString enterprise(const char* name)
{
    return latin(kEnterpriseUserSchema) + QLatin1Char(':') + latin(name);
}

} // namespace

// Okta's create request in "SCIM 2.0 protocol reference" (Create the User)
// carries userName, name.givenName/familyName, one primary work e-mail,
// displayName and externalId (Okta's own user id; ours is the person id):
// https://developer.okta.com/docs/reference/scim/scim-20/#create-the-user
// (source: okta/okta-developer-docs,
// packages/@okta/vuepress-site/docs/reference/scim/scim-20/index.md).
// The department is our addition: the documented example maps no HR field,
// and without one a department change would be invisible to the comparison.
ScimAttributes oktaAttributes(const idp::Person& p)
{
    return {{latin("userName"), p.username},         {latin("externalId"), p.id},
            {latin("name.givenName"), p.givenName},  {latin("name.familyName"), p.familyName},
            {latin("displayName"), p.displayName},   {latin(kWorkEmailPath), p.email},
            {enterprise("department"), p.department}};
}

QString entraMailNickname(const idp::Person& p, const idp::TenantInfo& tenant)
{
    const QString upn = p.isGuest() ? idp::externalUpn(p, tenant) : p.username;
    return upn.section(QLatin1Char('@'), 0, 0);
}

// Entra's default mappings for a custom SCIM app, as the table "Microsoft
// Entra user -> SCIM" in "Tutorial: Develop and plan provisioning for a SCIM
// endpoint in Microsoft Entra ID" lists them:
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#design-your-user-and-group-schema
// userPrincipalName -> userName (a guest's #EXT# stripped, so their home UPN:
// "How Application Provisioning works", B2B (guest) users), displayName,
// mail -> emails[type eq "work"].value, givenName/surname -> name.*,
// name.formatted from Join(" ", givenName, surname) as the tutorial's Create
// User request shows it, mailNickname -> externalId, department and
// employeeId -> the enterprise extension. The directory has no employeeId
// field: a custom attribute "employeeId" or "employeeNumber" stands in.
ScimAttributes entraAttributes(const idp::Person& p, const idp::TenantInfo& tenant)
{
    QString employeeId;
    for (const char* name : {"employeeId", "employeeNumber"})
        if (const idp::CustomAttribute* a = p.customAttribute(latin(name));
            a && !a->values.isEmpty() && employeeId.isEmpty())
            employeeId = a->values.first();
    QString formatted = p.givenName;
    if (!p.givenName.isEmpty() && !p.familyName.isEmpty())
        formatted += QLatin1Char(' ');
    formatted += p.familyName;
    return {{latin("userName"), p.username},
            {latin("displayName"), p.displayName},
            {latin(kWorkEmailPath), p.email},
            {latin("name.givenName"), p.givenName},
            {latin("name.familyName"), p.familyName},
            {latin("name.formatted"), formatted},
            {latin("externalId"), entraMailNickname(p, tenant)},
            {enterprise("department"), p.department},
            {enterprise("employeeNumber"), employeeId}};
}

namespace {

// One parsed client path. Only the shapes the clients write are understood.
struct PathParts
{
    QString schema;      // the extension URN, empty for core attributes
    QString attr;        // "emails", "name", "userName"
    QString filterAttr;  // "type" in emails[type eq "work"]
    QString filterValue; // "work"
    QString sub;         // "value", "givenName"; empty for a plain attribute
};

PathParts parsePathParts(const QString& path)
{
    PathParts parts;
    QString rest = path;
    if (path.startsWith(QLatin1String("urn:"), Qt::CaseInsensitive)) {
        const qsizetype colon = path.lastIndexOf(QLatin1Char(':'));
        parts.schema = path.left(colon);
        rest = path.mid(colon + 1);
    }
    const qsizetype open = rest.indexOf(QLatin1Char('['));
    if (open >= 0) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'), open);
        parts.attr = rest.left(open);
        const QString inside = rest.mid(open + 1, close - open - 1);
        parts.filterAttr = inside.section(QLatin1Char(' '), 0, 0);
        parts.filterValue = inside.section(QLatin1Char('"'), 1, 1);
        parts.sub = rest.mid(close + 2); // after "]."
        return parts;
    }
    const qsizetype dot = rest.indexOf(QLatin1Char('.'));
    parts.attr = dot < 0 ? rest : rest.left(dot);
    if (dot >= 0)
        parts.sub = rest.mid(dot + 1);
    return parts;
}

// The key under which `object` holds `name`, matched case-insensitively;
// `name` itself when absent.
QString keyOf(const QJsonObject& object, const QString& name)
{
    if (object.contains(name))
        return name;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.key();
    return name;
}

QJsonValue member(const QJsonObject& object, const QString& name)
{
    return object.value(keyOf(object, name));
}

// Index of the element a value path selects, -1 when none.
qsizetype selectedElement(const QJsonArray& array, const PathParts& parts)
{
    for (qsizetype i = 0; i < array.size(); ++i)
        if (member(array.at(i).toObject(), parts.filterAttr)
                .toString()
                .compare(parts.filterValue, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

qsizetype primaryElement(const QJsonArray& array)
{
    for (qsizetype i = 0; i < array.size(); ++i)
        if (member(array.at(i).toObject(), QStringLiteral("primary")).toBool())
            return i;
    return -1;
}

void setOrRemove(QJsonObject& object, const QString& name, const QString& value)
{
    const QString key = keyOf(object, name);
    if (value.isEmpty())
        object.remove(key);
    else
        object.insert(key, value);
}

} // namespace

QString scimValue(const QJsonObject& resource, const QString& path)
{
    const PathParts parts = parsePathParts(path);
    const QJsonObject container =
        parts.schema.isEmpty() ? resource : member(resource, parts.schema).toObject();
    const QJsonValue value = member(container, parts.attr);
    if (!parts.filterAttr.isEmpty()) {
        const QJsonArray array = value.toArray();
        const qsizetype i = selectedElement(array, parts);
        return i < 0 ? QString() : member(array.at(i).toObject(), parts.sub).toString();
    }
    if (!parts.sub.isEmpty())
        return member(value.toObject(), parts.sub).toString();
    return value.toString();
}

void setScimValue(QJsonObject& resource, const QString& path, const QString& value)
{
    const PathParts parts = parsePathParts(path);
    QJsonObject container =
        parts.schema.isEmpty() ? resource : member(resource, parts.schema).toObject();
    const QString attrKey = keyOf(container, parts.attr);
    if (!parts.filterAttr.isEmpty()) {
        QJsonArray array = container.value(attrKey).toArray();
        qsizetype i = selectedElement(array, parts);
        if (i < 0)
            i = primaryElement(array);
        if (i < 0 && !value.isEmpty()) {
            array.append(QJsonObject{{QStringLiteral("primary"), true},
                                     {parts.filterAttr, parts.filterValue},
                                     {parts.sub, value}});
        } else if (i >= 0) {
            QJsonObject element = array.at(i).toObject();
            setOrRemove(element, parts.sub, value);
            array.replace(i, element);
        }
        container.insert(attrKey, array);
    } else if (!parts.sub.isEmpty()) {
        QJsonObject complex = container.value(attrKey).toObject();
        setOrRemove(complex, parts.sub, value);
        container.insert(attrKey, complex);
    } else {
        setOrRemove(container, parts.attr, value);
    }
    if (parts.schema.isEmpty()) {
        resource = container;
        return;
    }
    resource.insert(keyOf(resource, parts.schema), container);
    const QString schemasKey = keyOf(resource, QStringLiteral("schemas"));
    if (resource.contains(schemasKey)) {
        QJsonArray schemas = resource.value(schemasKey).toArray();
        if (!schemas.contains(parts.schema))
            schemas.append(parts.schema);
        resource.insert(schemasKey, schemas);
    }
}

QString topLevelAttribute(const QString& path)
{
    const PathParts parts = parsePathParts(path);
    return parts.schema.isEmpty() ? parts.attr : parts.schema;
}

QString filterLiteral(const QString& text)
{
    const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace jh::scim
