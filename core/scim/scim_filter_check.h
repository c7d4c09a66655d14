// Checks a parsed filter against the resource type's schemas before it runs:
// an attribute the schemas do not have, or an operator its type does not
// support ("active co true", "meta gt 1"), is the client's mistake and gets
// invalidFilter naming it — rather than a filter that silently matches
// nothing, which a provisioning client would read as "user not found" and
// answer with a POST (RFC 7644 §3.4.2.2 allows either; this service tells).
#pragma once

#include "common/result.h"
#include "scim/scim_filter.h"
#include "scim/scim_resource_check.h"

namespace jh::scim {

// Error id scim.invalidFilter.
Result<void> checkFilter(const Filter& filter, const ResourceSchemas& schemas);

} // namespace jh::scim
