#include "xml/xml_document.h"

#include "xml/xml_parse.h"

#include <cstring>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <mutex>

namespace jh::xml {

void ensureInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        LIBXML_TEST_VERSION
    });
}

QString toQString(const xmlChar* s)
{
    if (!s)
        return {};
    return QString::fromUtf8(reinterpret_cast<const char*>(s));
}

QByteArray serialize(xmlDoc* doc, bool pretty)
{
    xmlChar* mem = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", pretty ? 1 : 0);
    XmlCharPtr owner(mem);
    return QByteArray(reinterpret_cast<const char*>(mem), size);
}

namespace {

bool hasElementChild(const xmlNode* node)
{
    for (const xmlNode* c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return true;
    return false;
}

// Whitespace-only text next to elements is layout, not content; libxml2 only
// indents an element whose children include no text, so it has to go.
void dropLayoutWhitespace(xmlNode* node)
{
    const bool mixed = hasElementChild(node);
    for (xmlNode* c = node->children; c;) {
        xmlNode* next = c->next;
        if (mixed && c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (c->type == XML_ELEMENT_NODE) {
            dropLayoutWhitespace(c);
        }
        c = next;
    }
}

} // namespace

Result<QString> prettyPrint(const QByteArray& bytes, const QString& what)
{
    auto doc = parseHardened(bytes, what);
    if (!doc)
        return doc.error();
    if (xmlNode* root = xmlDocGetRootElement(doc->get()))
        dropLayoutWhitespace(root);
    return QString::fromUtf8(serialize(doc->get(), true));
}

QString textContent(const xmlNode* node)
{
    XmlCharPtr s(xmlNodeGetContent(node));
    return toQString(s.get());
}

QString attribute(const xmlNode* node, const char* name)
{
    XmlCharPtr s(xmlGetNoNsProp(node, xc(name)));
    return s ? toQString(s.get()) : QString();
}

bool isElement(const xmlNode* node, const char* ns, const char* localName)
{
    if (!node || node->type != XML_ELEMENT_NODE)
        return false;
    if (std::strcmp(reinterpret_cast<const char*>(node->name), localName) != 0)
        return false;
    const char* uri = node->ns ? reinterpret_cast<const char*>(node->ns->href) : nullptr;
    if (!ns)
        return uri == nullptr;
    return uri && std::strcmp(uri, ns) == 0;
}

xmlNode* firstChild(const xmlNode* parent, const char* ns, const char* localName)
{
    for (xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
        if (isElement(c, ns, localName))
            return c;
    return nullptr;
}

} // namespace jh::xml
