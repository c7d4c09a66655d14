// Reading a resource a client sent (POST, PUT, or the result of a PATCH)
// against the schemas: the one place that decides what is a known attribute,
// what type a value must have and what a client may not set. It returns the
// resource in canonical form — attribute names spelt as the schema spells
// them, null values dropped (RFC 7643 §2.5: null is "unassigned"), read-only
// attributes dropped (§7: "SHALL be ignored") — so that everything after it
// can read fixed names.
//
// Errors carry the id "scim.<scimType>" (scim_exchange.h maps them to a
// status): invalidSyntax for the message's shape (no or unknown `schemas`),
// invalidValue for an unknown attribute, a value of the wrong type, a
// missing required attribute. Each message names the attribute.
#pragma once

#include "common/result.h"
#include "scim/scim_schema.h"

#include <QJsonObject>

namespace jh::scim {

struct ResourceSchemas
{
    const SchemaDef* core = nullptr;
    QList<const SchemaDef*> extensions;
    // URNs a known client lists in "schemas" without sending attributes of
    // them: accepted in the list and left out of the stored resource.
    QStringList tolerated;
};

const ResourceSchemas& userSchemas();
const ResourceSchemas& groupSchemas();

struct CheckOptions
{
    // Microsoft Entra ID sends booleans as strings ("active": "False") unless
    // the app uses its aadOptscim062020 flag. Accepted (case-insensitively)
    // by default; off, such a value is invalidValue.
    bool acceptStringBooleans = true;
    // PATCH results: a read-only attribute is an error (mutability) rather
    // than silently dropped — the client asked to change it.
    bool readOnlyIsError = false;
};

Result<QJsonObject> checkResource(const QJsonObject& resource, const ResourceSchemas& schemas,
                                  const CheckOptions& options = {});

// Checks one value against its attribute definition (after a PATCH op
// targeted it): the canonical form of `value`. `where` names it in messages.
Result<QJsonValue> checkValue(const QJsonValue& value, const AttributeDef& def,
                              const QString& where, const CheckOptions& options);

} // namespace jh::scim
