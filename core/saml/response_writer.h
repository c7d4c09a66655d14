// Turns an AssertionSpec into a samlp:Response document with the libxml2 tree
// API — element by element, never by pasting strings. The writer is literal:
// what the spec says is what the XML says, including deliberate mistakes.
#pragma once

#include "saml/assertion_spec.h"
#include "xml/xml_document.h"

namespace jh::saml {

struct ResponseDocument
{
    xml::DocPtr doc;
    xmlNode* response = nullptr;
    xmlNode* responseIssuer = nullptr;
    xmlNode* assertion = nullptr;
    xmlNode* assertionIssuer = nullptr;
    bool usesXsTypes = false; // some value carries xsi:type="xs:..."
};

ResponseDocument writeResponse(const AssertionSpec& spec);

// A fresh message ID: "_" followed by 40 hex digits (an NCName, 160 random bits).
QString newMessageId();

} // namespace jh::saml
