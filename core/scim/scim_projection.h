// attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9): which
// attributes a response carries. id and schemas are always returned
// (returned "always"); names match case-insensitively and may carry their
// schema URN ("urn:...:enterprise:2.0:User:department") or name a whole
// extension.
#pragma once

#include "scim/scim_resource_check.h"

#include <QJsonObject>
#include <QStringList>

namespace jh::scim {

struct Projection
{
    QStringList attributes; // when not empty, only these (and id, schemas)
    QStringList excluded;

    bool isEmpty() const { return attributes.isEmpty() && excluded.isEmpty(); }
};

// The comma-separated query values; blanks around names are ignored.
Projection projectionFrom(const QString& attributes, const QString& excludedAttributes);

QJsonObject project(const QJsonObject& resource, const Projection& projection,
                    const ResourceSchemas& schemas);

// Every name must be an attribute (or sub-attribute, or extension) of the
// resource type: a misspelt name, or a filter where a name belongs
// ("emails[type eq \"work\"]"), would otherwise quietly return less than
// the client asked for. Error scim.invalidValue naming it.
Result<void> checkProjection(const Projection& projection, const ResourceSchemas& schemas);

} // namespace jh::scim
