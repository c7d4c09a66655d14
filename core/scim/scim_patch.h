// PATCH (RFC 7644 §3.5.2): add, replace and remove, with and without a
// path, applied to a resource's JSON. The result still has to pass
// checkResource() — types are judged there, once, for PUT and PATCH alike —
// while what only a PATCH can get wrong (a path to nothing, a read-only
// target, a filter that selects nothing) is judged here, per operation.
//
// Accepted as the clients send it, each form noted where it is handled:
// op names in any case ("Replace", Entra), a path that is a bare extension
// URN, attribute paths as keys of a path-less value ({"name.givenName": ...},
// {"urn:...:enterprise:2.0:User:department": ...}), "remove" with a value
// listing the members to take out (Entra's group updates), and a path-less
// replace whose value repeats the resource's own id (Okta's group updates:
// {"op":"replace","value":{"id":"...","displayName":"..."}}) — any other id
// is still a change to a read-only attribute.
#pragma once

#include "common/result.h"
#include "scim/scim_resource_check.h"

#include <QJsonObject>
#include <QStringList>

namespace jh::scim {

struct PatchResult
{
    QJsonObject resource;
    QStringList summary; // one line per operation: "replace active", "add members (2 values)"
};

// `resource` is the writable form (no id, meta, read-only lists); `id` is
// the resource's id. Errors
// (scim.<scimType>): invalidSyntax (not a PatchOp message, no Operations,
// unknown op), invalidPath, noTarget, mutability, invalidValue (too many
// operations, a value of the wrong shape for its target).
Result<PatchResult> applyPatch(const QJsonObject& resource, const QString& id,
                               const QJsonObject& message, const ResourceSchemas& schemas,
                               int maxOperations);

} // namespace jh::scim
