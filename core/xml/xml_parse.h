// The one hardened XML parse that every XML reader in JIT Harness uses:
// no DTD (internal or external), no entity declarations or expansion, no
// network access, a size limit, and libxml2's own messages on failure.
#pragma once

#include "common/result.h"
#include "xml/xml_document.h"

namespace jh::xml {

struct ParseLimits
{
    qsizetype maxBytes = qsizetype{1024} * 1024; // SAML messages are small; 1 MiB is generous
};

// Parses untrusted bytes. `what` names the input in messages ("SAMLResponse",
// a file name). Error ids: xml.too-large, xml.dtd-forbidden, xml.malformed.
Result<DocPtr> parseHardened(const QByteArray& bytes, const QString& what,
                             const ParseLimits& limits = {});

} // namespace jh::xml
