// Turns a person into what a given IdP would assert about them: the issuer,
// the NameID and the attributes, named, formatted and typed the way the
// preset says, with groups encoded, filtered, capped or replaced by an
// overage link. Everything a real IdP would do silently (drop an empty claim,
// cut the group list, swap a guest's UPN for their mail) is written to
// `notes`, because seeing it is the point of the harness.
#pragma once

#include "common/result.h"
#include "idp/directory.h"
#include "idp/preset.h"
#include "saml/assertion_spec.h"

namespace jh::idp {

struct ShapedClaims
{
    QString issuer;
    saml::Subject subject;
    QList<saml::Attribute> attributes;
    QStringList notes; // e.g. "groups overage: 160 groups > 150, sent groups.link instead"

    const saml::Attribute* attribute(const QString& name) const;
};

// Error ids: "claims.nameid-empty" (the NameID source has no value for this
// person), "claims.unresolved" (a template names a placeholder nobody fills).
// A person whose status is not active is still shaped; a note says so.
Result<ShapedClaims> shapeClaims(const Person& person, const Directory& directory,
                                 const Preset& preset);

// Entra's B2B form: "bob_fabrikam.example#EXT#@contoso.onmicrosoft.com" (from the
// guest's mail, at the tenant's initial domain, or its primary one if unset).
QString externalUpn(const Person& guest, const TenantInfo& tenant);
// The person's objectId, or a stable UUIDv5 of (tenant id, person id) when unset.
QString objectIdOf(const Person& person, const TenantInfo& tenant);
// "CN=Engineering,OU=Groups,DC=contoso,DC=example" for distinguishedName encoding.
QString groupDistinguishedName(const Group& group, const TenantInfo& tenant);

} // namespace jh::idp
