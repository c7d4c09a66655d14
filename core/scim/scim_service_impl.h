// Inside the SCIM service: what the Users, Groups and discovery handlers
// share. Private to core/scim; the public face is scim_service.h.
#pragma once

#include "scim/scim_filter.h"
#include "scim/scim_projection.h"
#include "scim/scim_resource_check.h"
#include "scim/scim_service.h"

#include <optional>

namespace jh::scim {

struct ServiceContext
{
    jit::AccountStore& store;
    const Clock& clock;
    const ScimServiceOptions& options;
    const ScimRequest& request;

    CheckOptions checkOptions() const;
    // The audit entries' message id: "SCIM PATCH /Users/17".
    QString messageId() const;
};

// Error id "scim.<scimType>" (and scim.notFound, scim.preconditionFailed,
// scim.notImplemented, scim.methodNotAllowed, store.*) -> the response.
ScimResponse errorFor(const Error& e);

Error notFound(const QString& what);
Error preconditionFailed(const QString& what);

// The body as a JSON object; invalidSyntax naming the JSON error's offset.
Result<QJsonObject> bodyObject(const QByteArray& body);

struct ListParams
{
    std::optional<Filter> filter;
    qsizetype startIndex = 1; // 1-based
    qsizetype count = 0;      // already cut to maxResults
    Projection projection;
};
// The filter is parsed and checked against `schemas` (invalidFilter).
Result<ListParams> listParams(const ScimRequest& request, int maxResults,
                              const ResourceSchemas& schemas);
Projection requestProjection(const ScimRequest& request);

// A list response over the resources that matched, paged and projected.
ScimResponse listResponse(const QList<QJsonObject>& matched, const ListParams& params,
                          const ResourceSchemas& schemas);

// One resource: projected body, ETag from meta.version, Location for 201.
ScimResponse resourceResponse(int status, const QJsonObject& resource, const Projection& projection,
                              const ResourceSchemas& schemas);

// "17" -> 17; nullopt for anything that is not a positive decimal id.
std::optional<qint64> idFrom(const QString& text);

// 304 when If-None-Match names the resource's current version.
std::optional<ScimResponse> notModified(const ScimRequest& request, const QJsonObject& current);
// 204, no body (DELETE).
ScimResponse noContent();

// Checks If-Match against the resource's current version (412 when it fails).
Result<void> checkIfMatch(const ScimRequest& request, const QJsonObject& current);

// One resource type's operations, for dispatch().
struct ResourceHandlers
{
    const char* endpoint; // "Users"
    const ResourceSchemas& schemas;
    ScimResponse (*list)(ServiceContext&);
    ScimResponse (*create)(ServiceContext&);
    ScimResponse (*get)(ServiceContext&, const QString& id);
    ScimResponse (*put)(ServiceContext&, const QString& id);
    ScimResponse (*patch)(ServiceContext&, const QString& id);
    ScimResponse (*remove)(ServiceContext&, const QString& id);
};

// /{endpoint} and /{endpoint}/{id} by method (405 for the others, 404
// deeper). attributes / excludedAttributes are checked first, so that no
// write happens for a request whose response could not be given as asked.
ScimResponse dispatch(ServiceContext& ctx, const QStringList& segments,
                      const ResourceHandlers& handlers);

ScimResponse handleUsers(ServiceContext& ctx, const QStringList& segments);
ScimResponse handleGroups(ServiceContext& ctx, const QStringList& segments);
ScimResponse handleDiscovery(ServiceContext& ctx, const QStringList& segments);

// Roles the account's SCIM groups grant (ScimServiceOptions::roles).
QStringList rolesFromGroups(const QList<jit::SpGroup>& groups, const QList<jit::RoleRule>& rules);
// The roles any rule with issuer "scim" can grant: the ones SCIM membership
// governs. Roles from elsewhere (a JIT login's groups claim) are left alone.
QStringList governedRoles(const QList<jit::RoleRule>& rules);
// `current` with the governed roles replaced by what `groups` grant.
QStringList rolesAfterGroups(const QStringList& current, const QList<jit::SpGroup>& groups,
                             const QList<jit::RoleRule>& rules);

// After a membership change: gives each of `accountIds` the governed roles
// its groups grant, with an audit entry for each account whose roles
// changed. Nothing happens when no rule has issuer "scim".
Result<void> syncRoles(jit::StoreTx& tx, ServiceContext& ctx, const QList<qint64>& accountIds,
                       const QString& reason);

} // namespace jh::scim
