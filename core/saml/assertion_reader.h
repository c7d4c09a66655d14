// The inverse of the response writer: reads a samlp:Response / saml:Assertion
// element tree back into an AssertionSpec. It reads only the nodes it is
// given (the SP hands it the verified element), never re-queries the document,
// and reads NameID as its full text so a comment cannot truncate it.
#pragma once

#include "saml/assertion_spec.h"

#include <libxml/tree.h>

namespace jh::saml {

// Fills the assertion part of `spec` (IDs, Issuer, Subject, Conditions,
// AuthnStatement, attributes) from a saml:Assertion element.
void readAssertion(const xmlNode* assertion, AssertionSpec& spec);

// Fills the response envelope (ID, Destination, InResponseTo, Issuer, Status)
// from a samlp:Response element; the assertion part is left alone.
void readResponseEnvelope(const xmlNode* response, AssertionSpec& spec);

// Direct children of `parent` with this namespace and local name.
QList<xmlNode*> children(const xmlNode* parent, const char* ns, const char* localName);

} // namespace jh::saml
