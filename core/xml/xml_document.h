// libxml2, wrapped once: RAII handles for documents and strings, the one-time
// library initialisation, and helpers that turn libxml2 output into Qt types.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <libxml/tree.h>
#include <memory>

namespace jh::xml {

struct DocDeleter
{
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

struct XmlCharDeleter
{
    void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlCharPtr = std::unique_ptr<xmlChar, XmlCharDeleter>;

// Initialises libxml2 once per process; safe to call from any thread.
void ensureInitialised();

// libxml2's xmlChar* <-> QString (UTF-8 both ways).
QString toQString(const xmlChar* s);
inline const xmlChar* xc(const char* s)
{
    return reinterpret_cast<const xmlChar*>(s);
}

// Serialises the whole document exactly as libxml2 writes it (UTF-8, with the
// XML declaration). Bytes, not text: signatures are over these bytes.
QByteArray serialize(xmlDoc* doc, bool pretty = false);

// For people to read, never to verify: the bytes parsed (hardened) and written
// again with two-space indentation, whitespace-only text between elements
// dropped so that every level is indented. `what` names the input in errors
// (the parser's xml.* ids).
Result<QString> prettyPrint(const QByteArray& bytes, const QString& what);

// Text content of a node (all descendant text), as xmlNodeGetContent gives it.
QString textContent(const xmlNode* node);

// The value of an attribute without namespace, or a null QString if absent.
QString attribute(const xmlNode* node, const char* name);

// First element child with this namespace URI and local name, or nullptr.
xmlNode* firstChild(const xmlNode* parent, const char* ns, const char* localName);

// Is this an element with the given namespace URI and local name?
bool isElement(const xmlNode* node, const char* ns, const char* localName);

} // namespace jh::xml
