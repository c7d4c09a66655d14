#include "sp/validation_state.h"

#include "sp/check_catalog.h"

#include <cstdio>
#include <cstring>
#include <vector>

namespace jh::sp {
namespace {

// The catalogue's id, title and clause as QStrings, converted once per
// process rather than once per check of every message.
struct CheckTexts
{
    QString id;
    QString title;
    QString clause;
};

const CheckTexts* textsOf(const char* id)
{
    static const std::vector<std::pair<const char*, CheckTexts>> table = [] {
        std::vector<std::pair<const char*, CheckTexts>> t;
        for (const CheckInfo& c : checkCatalog())
            t.push_back({c.id,
                         {QString::fromLatin1(c.id), QString::fromUtf8(c.title),
                          QString::fromUtf8(c.clause)}});
        return t;
    }();
    // The rules pass the catalogue's own constants: the pointer usually matches.
    for (const auto& [key, texts] : table)
        if (key == id)
            return &texts;
    for (const auto& [key, texts] : table)
        if (qstrcmp(key, id) == 0)
            return &texts;
    return nullptr;
}

CheckResult make(const char* id, Outcome outcome)
{
    CheckResult r;
    r.outcome = outcome;
    if (const CheckTexts* texts = textsOf(id)) {
        r.id = texts->id;
        r.title = texts->title;
        r.clause = texts->clause;
    } else {
        r.id = QString::fromLatin1(id);
    }
    return r;
}

// An element's path as xmlGetNodePath writes it, built on the stack so that
// the QString is the only allocation. Each step is "/prefix:name" ("/*" in
// a default namespace), then "[n]" when a sibling shares the step.
class PathBuilder
{
public:
    // False where the text would differ from libxml2's (it truncates a step
    // at 98 bytes) or outgrow the buffer: the caller then asks libxml2.
    bool appendStep(const xmlNode* cur)
    {
        const bool generic = cur->ns && !cur->ns->prefix;
        auto sameStep = [&](const xmlNode* t) {
            return t->type == XML_ELEMENT_NODE &&
                   (generic ||
                    (xmlStrEqual(cur->name, t->name) &&
                     (t->ns == cur->ns ||
                      (t->ns && cur->ns && xmlStrEqual(cur->ns->prefix, t->ns->prefix)))));
        };
        int occur = 0;
        for (const xmlNode* t = cur->prev; t; t = t->prev)
            occur += sameStep(t) ? 1 : 0;
        if (occur > 0) {
            ++occur;
        } else {
            for (const xmlNode* t = cur->next; t && occur == 0; t = t->next)
                occur = sameStep(t) ? 1 : 0;
        }
        const auto* name = reinterpret_cast<const char*>(cur->name);
        const auto* prefix = cur->ns ? reinterpret_cast<const char*>(cur->ns->prefix) : nullptr;
        if (prefix && qstrlen(prefix) + 1 + qstrlen(name) > 98)
            return false;
        bool ok = append("/");
        if (generic)
            ok = ok && append("*");
        else if (prefix)
            ok = ok && append(prefix) && append(":") && append(name);
        else
            ok = ok && append(name);
        if (occur > 0) {
            char index[16];
            std::snprintf(index, sizeof index, "[%d]", occur);
            ok = ok && append(index);
        }
        return ok;
    }

    QString text() const { return QString::fromUtf8(m_data, m_size); }

private:
    bool append(const char* s)
    {
        const qsizetype n = qstrlen(s);
        if (m_size + n > qsizetype(sizeof m_data))
            return false;
        std::memcpy(m_data + m_size, s, size_t(n));
        m_size += n;
        return true;
    }

    char m_data[512];
    qsizetype m_size = 0;
};

void append(Report& report, CheckResult&& r)
{
    // Room for every check at once, rather than regrowing the list as it fills.
    if (report.checks.capacity() == 0)
        report.checks.reserve(qsizetype(checkCatalog().size()) + 8);
    report.checks << std::move(r);
}

} // namespace

// Every check names its element, some thirty per message, and
// xmlGetNodePath's snprintf round trips cost more than the checks do. An
// element in a document takes the direct way to the same text; anything
// else is left to libxml2.
QString nodePath(const xmlNode* node)
{
    if (!node)
        return {};
    constexpr int kMaxDepth = 32;
    const xmlNode* chain[kMaxDepth];
    int depth = 0;
    const xmlNode* top = node;
    for (; top && top->type == XML_ELEMENT_NODE && depth < kMaxDepth; top = top->parent)
        chain[depth++] = top;
    const bool direct = depth > 0 && (!top || top->type == XML_DOCUMENT_NODE ||
                                      top->type == XML_HTML_DOCUMENT_NODE);
    if (direct) {
        PathBuilder path;
        int i = depth - 1;
        while (i >= 0 && path.appendStep(chain[i]))
            --i;
        if (i < 0)
            return path.text();
    }
    xml::XmlCharPtr path(xmlGetNodePath(node));
    return xml::toQString(path.get());
}

void ValidationState::pass(const char* id, const QString& found, const xmlNode* at)
{
    CheckResult r = make(id, Outcome::Pass);
    r.found = found;
    r.path = nodePath(at);
    append(report, std::move(r));
}

void ValidationState::fail(const char* id, const QString& expected, const QString& found,
                           const xmlNode* at, const QString& detail)
{
    CheckResult r = make(id, Outcome::Fail);
    r.expected = expected;
    r.found = found;
    r.path = nodePath(at);
    r.detail = detail;
    append(report, std::move(r));
}

void ValidationState::skip(const char* id, const QString& why)
{
    CheckResult r = make(id, Outcome::Skipped);
    r.detail = why;
    append(report, std::move(r));
}

bool ValidationState::anyFailure() const
{
    return report.firstFailure() != nullptr;
}

} // namespace jh::sp
