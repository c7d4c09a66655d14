#include "xml/xml_parse.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

namespace jh::xml {
namespace {

struct ParserState
{
    bool sawDtd = false;
    QString firstError;
};

// A DTD is refused the moment the parser meets it, before any of its
// declarations can be processed (entity expansion, external loads).
void onInternalSubset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*)
{
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    static_cast<ParserState*>(ctxt->_private)->sawDtd = true;
    xmlStopParser(ctxt);
}

void onEntityDecl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*)
{
    onInternalSubset(ctx, nullptr, nullptr, nullptr);
}

void onStructuredError(void* userData, xmlErrorPtr error)
{
    auto* state = static_cast<ParserState*>(userData);
    if (!state->firstError.isEmpty() || !error || error->level < XML_ERR_ERROR)
        return;
    state->firstError = QStringLiteral("line %1, column %2: %3")
                            .arg(error->line)
                            .arg(error->int2)
                            .arg(QString::fromUtf8(error->message).trimmed());
}

struct CtxtDeleter
{
    void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

} // namespace

Result<DocPtr> parseHardened(const QByteArray& bytes, const QString& what,
                             const ParseLimits& limits)
{
    ensureInitialised();
    if (bytes.size() > limits.maxBytes)
        return makeError("xml.too-large",
                         QStringLiteral("%1: %2 bytes exceeds the limit of %3 bytes")
                             .arg(what)
                             .arg(bytes.size())
                             .arg(limits.maxBytes));

    std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
    if (!ctxt)
        return makeError("xml.malformed", QStringLiteral("%1: out of memory").arg(what));

    ParserState state;
    ctxt->_private = &state;
    ctxt->sax->internalSubset = onInternalSubset;
    ctxt->sax->externalSubset = onInternalSubset;
    ctxt->sax->entityDecl = onEntityDecl;
    // Collect libxml2's own error text for this parse only.
    const xmlStructuredErrorFunc outerHandler = xmlStructuredError;
    void* const outerContext = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&state, onStructuredError);

    // No NOENT (no entity substitution), no DTDLOAD/DTDATTR/DTDVALID, NONET
    // (no network), NOCDATA keeps text plain, NOBLANKS would alter signed
    // content so it is not used. HUGE is not set: libxml2's limits stay on.
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    DocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.constData(), int(bytes.size()), nullptr, nullptr,
                                 options));
    xmlSetStructuredErrorFunc(outerContext, outerHandler);

    if (state.sawDtd)
        return makeError("xml.dtd-forbidden",
                         QStringLiteral("%1: a DOCTYPE/DTD is not allowed (entity expansion and "
                                        "external loads are refused)")
                             .arg(what));
    if (!doc || !ctxt->wellFormed) {
        const QString detail =
            state.firstError.isEmpty() ? QStringLiteral("not well-formed XML") : state.firstError;
        return makeError("xml.malformed", QStringLiteral("%1: %2").arg(what, detail));
    }
    if (doc->intSubset || doc->extSubset)
        return makeError("xml.dtd-forbidden",
                         QStringLiteral("%1: a DOCTYPE/DTD is not allowed").arg(what));
    return doc;
}

} // namespace jh::xml
