// The discovery endpoints (RFC 7644 §4): what this service supports, said
// from the same settings and schema table the handlers use.
#include "scim/scim_schema.h"
#include "scim/scim_service_impl.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jh::scim {
namespace {

QJsonObject supported(bool yes)
{
    return {{QStringLiteral("supported"), yes}};
}

QJsonObject serviceProviderConfig(const ScimServiceOptions& o)
{
    QJsonObject filter = supported(true);
    filter.insert(QStringLiteral("maxResults"), o.maxResults);
    QJsonObject bulk = supported(false);
    bulk.insert(QStringLiteral("maxOperations"), 0);
    bulk.insert(QStringLiteral("maxPayloadSize"), 0);
    return {
        {QStringLiteral("schemas"),
         QJsonArray{QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")}},
        {QStringLiteral("documentationUri"),
         QStringLiteral("https://datatracker.ietf.org/doc/html/rfc7644")},
        {QStringLiteral("patch"), supported(true)},
        {QStringLiteral("bulk"), bulk},
        {QStringLiteral("filter"), filter},
        {QStringLiteral("changePassword"), supported(false)},
        {QStringLiteral("sort"), supported(false)},
        {QStringLiteral("etag"), supported(true)},
        {QStringLiteral("authenticationSchemes"),
         QJsonArray{QJsonObject{
             {QStringLiteral("type"), QStringLiteral("oauthbearertoken")},
             {QStringLiteral("name"), QStringLiteral("OAuth Bearer Token")},
             {QStringLiteral("description"),
              QStringLiteral("A static bearer token given to `jitharness serve scim --token`")},
             {QStringLiteral("specUri"),
              QStringLiteral("https://datatracker.ietf.org/doc/html/rfc6750")},
             {QStringLiteral("primary"), true},
         }}},
        {QStringLiteral("meta"),
         QJsonObject{
             {QStringLiteral("resourceType"), QStringLiteral("ServiceProviderConfig")},
             {QStringLiteral("location"), o.baseUrl + QStringLiteral("/ServiceProviderConfig")}}},
    };
}

QJsonObject resourceType(const QString& name, const QString& endpoint, const ResourceSchemas& rs,
                         const QString& baseUrl)
{
    QJsonArray extensions;
    for (const SchemaDef* e : rs.extensions)
        extensions.append(
            QJsonObject{{QStringLiteral("schema"), e->id}, {QStringLiteral("required"), false}});
    QJsonObject o{
        {QStringLiteral("schemas"),
         QJsonArray{QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:ResourceType")}},
        {QStringLiteral("id"), name},
        {QStringLiteral("name"), name},
        {QStringLiteral("endpoint"), endpoint},
        {QStringLiteral("description"), rs.core->description},
        {QStringLiteral("schema"), rs.core->id},
        {QStringLiteral("meta"),
         QJsonObject{
             {QStringLiteral("resourceType"), QStringLiteral("ResourceType")},
             {QStringLiteral("location"), baseUrl + QStringLiteral("/ResourceTypes/") + name}}},
    };
    if (!extensions.isEmpty())
        o.insert(QStringLiteral("schemaExtensions"), extensions);
    return o;
}

ScimResponse json(const QJsonObject& o)
{
    ScimResponse r;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

ScimResponse list(const QList<QJsonObject>& items)
{
    QJsonArray resources;
    for (const QJsonObject& o : items)
        resources.append(o);
    return json({
        {QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kListResponseSchema)}},
        {QStringLiteral("totalResults"), items.size()},
        {QStringLiteral("startIndex"), 1},
        {QStringLiteral("itemsPerPage"), items.size()},
        {QStringLiteral("Resources"), resources},
    });
}

// Discovery resources take no filter (RFC 7644 §4: "filter ... SHALL" be
// refused with 403 for /ServiceProviderConfig; for the lists we say 400).
ScimResponse oneOf(const QList<QJsonObject>& items, const QStringList& segments,
                   const QString& what)
{
    if (segments.size() == 1)
        return list(items);
    if (segments.size() == 2)
        for (const QJsonObject& o : items)
            if (o.value(QStringLiteral("id")).toString() == segments[1])
                return json(o);
    return errorFor(notFound(QStringLiteral("no %1 \"%2\"").arg(what, segments.mid(1).join(u'/'))));
}

} // namespace

ScimResponse handleDiscovery(ServiceContext& ctx, const QStringList& segments)
{
    const QString& first = segments.first();
    const bool known = first == QLatin1String("ServiceProviderConfig") ||
                       first == QLatin1String("ResourceTypes") || first == QLatin1String("Schemas");
    if (!known)
        return errorFor(notFound(QStringLiteral("no resource at \"%1\"; try /Users, /Groups, "
                                                "/ServiceProviderConfig, /ResourceTypes, "
                                                "/Schemas")
                                     .arg(ctx.request.path)));
    if (ctx.request.method != "GET")
        return errorFor(makeError("scim.methodNotAllowed",
                                  QStringLiteral("/%1 is read-only: use GET").arg(first)));
    if (ctx.request.hasQuery(QStringLiteral("filter")))
        return errorResponse(first == QLatin1String("ServiceProviderConfig") ? 403 : 400,
                             first == QLatin1String("ServiceProviderConfig")
                                 ? QString()
                                 : QStringLiteral("invalidFilter"),
                             QStringLiteral("/%1 takes no filter").arg(first));
    const QString& base = ctx.options.baseUrl;
    if (first == QLatin1String("ServiceProviderConfig")) {
        if (segments.size() != 1)
            return errorFor(
                notFound(QStringLiteral("no resource at \"%1\"").arg(ctx.request.path)));
        return json(serviceProviderConfig(ctx.options));
    }
    if (first == QLatin1String("ResourceTypes"))
        return oneOf(
            {resourceType(QStringLiteral("User"), QStringLiteral("/Users"), userSchemas(), base),
             resourceType(QStringLiteral("Group"), QStringLiteral("/Groups"), groupSchemas(),
                          base)},
            segments, QStringLiteral("resource type"));
    return oneOf({schemaResource(userSchema(), base), schemaResource(enterpriseUserSchema(), base),
                  schemaResource(groupSchema(), base)},
                 segments, QStringLiteral("schema"));
}

} // namespace jh::scim
