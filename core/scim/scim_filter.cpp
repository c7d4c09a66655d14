// SCIM filter parsing and canonical printing (evaluation is in
// scim_filter_eval.cpp). The parser is a recursive descent over characters
// (no separate lexer: whether a word is an attribute, an operator or a
// literal depends on where it stands).
#include "scim/scim_filter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <array>
#include <cmath>
#include <optional>

namespace jh::scim {

namespace {

constexpr std::array<std::pair<CompareOp, const char*>, 9> kOps{{{CompareOp::Eq, "eq"},
                                                                 {CompareOp::Ne, "ne"},
                                                                 {CompareOp::Co, "co"},
                                                                 {CompareOp::Sw, "sw"},
                                                                 {CompareOp::Ew, "ew"},
                                                                 {CompareOp::Gt, "gt"},
                                                                 {CompareOp::Ge, "ge"},
                                                                 {CompareOp::Lt, "lt"},
                                                                 {CompareOp::Le, "le"}}};

std::optional<CompareOp> compareOpFromWord(QStringView word)
{
    for (const auto& [op, name] : kOps)
        if (word.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return op;
    return std::nullopt;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u':' || c == u'.' || c == u'_' || c == u'-' || c == u'$';
}

bool isAsciiAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// ATTRNAME = ALPHA *(nameChar); "$ref" is the one SCIM name outside it.
bool isAttrName(QStringView s)
{
    if (s == u"$ref")
        return true;
    if (s.isEmpty() || !isAsciiAlpha(s.front()))
        return false;
    for (QChar c : s)
        if (!isAsciiAlpha(c) && !isAsciiDigit(c) && c != u'-' && c != u'_')
            return false;
    return true;
}

QString quoted(QStringView s)
{
    return QLatin1Char('"') + s.toString() + QLatin1Char('"');
}

FilterNodePtr makeNode(auto value)
{
    return std::make_shared<const FilterNode>(FilterNode{std::move(value)});
}

class Parser
{
public:
    explicit Parser(const QString& text) : m_text(text) {}

    Result<Filter> filter()
    {
        if (auto e = checkLength())
            return *e;
        skipSpace();
        if (atEnd())
            return makeError("scim.invalidFilter", QStringLiteral("column 1: the filter is empty"));
        FilterNodePtr root = parseOr(false);
        if (root)
            expectEnd(u"\"and\", \"or\" or the end of the filter");
        if (m_error)
            return *m_error;
        return Filter{std::move(root)};
    }

    Result<PatchPath> patchPath()
    {
        if (auto e = checkLength())
            return *e;
        skipSpace();
        if (atEnd())
            return makeError("scim.invalidFilter", QStringLiteral("column 1: the path is empty"));
        PatchPath result;
        if (auto attr = parseAttrPath())
            result.attr = std::move(*attr);
        if (!m_error && peek() == u'[') {
            if (auto vp = parseValueFilter(result.attr, false)) {
                result.filter = std::move(vp->filter);
                result.subAttr = std::move(vp->sub);
            }
        }
        if (!m_error)
            expectEnd(u"\"[\", \".\" or the end of the path");
        if (m_error)
            return *m_error;
        return result;
    }

private:
    struct ValueFilter
    {
        FilterNodePtr filter;
        QString sub;
        qsizetype subColumn = 0;
    };

    std::optional<Error> checkLength() const
    {
        if (m_text.size() <= kMaxFilterLength)
            return std::nullopt;
        return makeError("scim.invalidFilter",
                         QStringLiteral("column %1: longer than the limit of %2 characters")
                             .arg(kMaxFilterLength + 1)
                             .arg(kMaxFilterLength));
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd() &&
               (peek() == u' ' || peek() == u'\t' || peek() == u'\r' || peek() == u'\n'))
            ++m_pos;
    }

    QStringView wordAt(qsizetype pos) const
    {
        qsizetype end = pos;
        while (end < m_text.size() && isWordChar(m_text.at(end)))
            ++end;
        return QStringView(m_text).mid(pos, end - pos);
    }

    QStringView readWord()
    {
        QStringView w = wordAt(m_pos);
        m_pos += w.size();
        return w;
    }

    // What stands at pos, for "found ..." in messages.
    QString describeAt(qsizetype pos) const
    {
        if (pos >= m_text.size())
            return QStringLiteral("the end of the text");
        if (QStringView w = wordAt(pos); !w.isEmpty())
            return quoted(w.left(40));
        if (m_text.at(pos) == u'"')
            return QStringLiteral("a string");
        return quoted(QStringView(m_text).mid(pos, 1));
    }

    std::nullptr_t fail(qsizetype pos, const QString& message)
    {
        if (!m_error)
            m_error = makeError("scim.invalidFilter",
                                QStringLiteral("column %1: %2").arg(pos + 1).arg(message));
        return nullptr;
    }

    std::nullptr_t expected(qsizetype pos, QStringView what)
    {
        return fail(pos,
                    QStringLiteral("expected %1, found %2").arg(what.toString(), describeAt(pos)));
    }

    void expectEnd(QStringView what)
    {
        skipSpace();
        if (atEnd())
            return;
        if (peek() == u')' || peek() == u']')
            fail(m_pos, QStringLiteral("unbalanced \"%1\"").arg(peek()));
        else
            expected(m_pos, what);
    }

    bool enter(qsizetype pos)
    {
        if (++m_depth <= kMaxFilterDepth)
            return true;
        fail(pos, QStringLiteral("nested deeper than %1 levels").arg(kMaxFilterDepth));
        return false;
    }

    // Consumes the closing character, or fails naming what it closes.
    bool close(QChar closer, qsizetype openPos)
    {
        --m_depth;
        skipSpace();
        if (peek() == closer) {
            ++m_pos;
            return true;
        }
        expected(m_pos, QStringLiteral("\"and\", \"or\" or \"%1\" closing the \"%2\" at column %3")
                            .arg(closer)
                            .arg(m_text.at(openPos))
                            .arg(openPos + 1));
        return false;
    }

    bool keywordAt(qsizetype pos, QStringView keyword) const
    {
        return wordAt(pos).compare(keyword, Qt::CaseInsensitive) == 0;
    }

    FilterNodePtr parseOr(bool inValuePath)
    {
        FilterNodePtr left = parseAnd(inValuePath);
        while (left) {
            const qsizetype save = m_pos;
            skipSpace();
            if (!keywordAt(m_pos, u"or")) {
                m_pos = save;
                break;
            }
            m_pos += 2;
            FilterNodePtr right = parseAnd(inValuePath);
            if (!right)
                return nullptr;
            left = makeNode(Or{std::move(left), std::move(right)});
        }
        return left;
    }

    FilterNodePtr parseAnd(bool inValuePath)
    {
        FilterNodePtr left = parseUnary(inValuePath);
        while (left) {
            const qsizetype save = m_pos;
            skipSpace();
            if (!keywordAt(m_pos, u"and")) {
                m_pos = save;
                break;
            }
            m_pos += 3;
            FilterNodePtr right = parseUnary(inValuePath);
            if (!right)
                return nullptr;
            left = makeNode(And{std::move(left), std::move(right)});
        }
        return left;
    }

    FilterNodePtr parseGroup(bool inValuePath)
    {
        const qsizetype open = m_pos;
        if (!enter(open))
            return nullptr;
        ++m_pos;
        FilterNodePtr inner = parseOr(inValuePath);
        if (!inner || !close(u')', open))
            return nullptr;
        return inner;
    }

    FilterNodePtr parseUnary(bool inValuePath)
    {
        skipSpace();
        if (peek() == u'(')
            return parseGroup(inValuePath);
        if (keywordAt(m_pos, u"not")) {
            const qsizetype notPos = m_pos;
            m_pos += 3;
            skipSpace();
            if (peek() == u'(') {
                FilterNodePtr inner = parseGroup(inValuePath);
                return inner ? makeNode(Not{std::move(inner)}) : nullptr;
            }
            // "not" may be an attribute's name; it is one only if an operator follows.
            const QStringView next = wordAt(m_pos);
            if (!compareOpFromWord(next) && next.compare(u"pr", Qt::CaseInsensitive) != 0)
                return expected(m_pos, u"\"(\" after \"not\"");
            m_pos = notPos;
        }
        return parseAttrExp(inValuePath);
    }

    std::optional<AttrPath> parseAttrPath()
    {
        const qsizetype start = m_pos;
        const QStringView word = readWord();
        if (word.isEmpty()) {
            expected(start, u"an attribute name");
            return std::nullopt;
        }
        AttrPath path;
        QStringView rest = word;
        qsizetype restPos = start;
        if (const qsizetype colon = word.lastIndexOf(u':'); colon >= 0) {
            path.schema = word.left(colon).toString();
            if (!path.schema.startsWith(QLatin1String("urn:"), Qt::CaseInsensitive) ||
                path.schema.size() < 5) {
                fail(start, QStringLiteral("expected an attribute name or a schema URN, found %1")
                                .arg(quoted(word)));
                return std::nullopt;
            }
            rest = word.mid(colon + 1);
            restPos = start + colon + 1;
        }
        const qsizetype dot = rest.indexOf(u'.');
        const QStringView name = dot < 0 ? rest : rest.left(dot);
        if (!isAttrName(name)) {
            fail(restPos, QStringLiteral("expected an attribute name, found %1").arg(quoted(name)));
            return std::nullopt;
        }
        path.name = name.toString();
        if (dot >= 0) {
            const QStringView sub = rest.mid(dot + 1);
            if (!isAttrName(sub)) {
                fail(restPos + dot + 1,
                     QStringLiteral("expected a sub-attribute name, found %1").arg(quoted(sub)));
                return std::nullopt;
            }
            path.subAttr = sub.toString();
        }
        return path;
    }

    // At "[": the bracketed filter, then an optional ".sub".
    std::optional<ValueFilter> parseValueFilter(const AttrPath& attr, bool inValuePath)
    {
        const qsizetype open = m_pos;
        if (inValuePath) {
            fail(open, QStringLiteral("a value filter \"[...]\" cannot be nested in another"));
            return std::nullopt;
        }
        if (!attr.subAttr.isEmpty()) {
            fail(open, QStringLiteral("a value filter \"[...]\" applies to an attribute, not to "
                                      "the sub-attribute %1")
                           .arg(quoted(attr.subAttr)));
            return std::nullopt;
        }
        if (!enter(open))
            return std::nullopt;
        ++m_pos;
        ValueFilter result;
        result.filter = parseOr(true);
        if (!result.filter || !close(u']', open))
            return std::nullopt;
        if (peek() == u'.') {
            ++m_pos;
            result.subColumn = m_pos;
            const QStringView sub = readWord();
            if (!isAttrName(sub)) {
                expected(result.subColumn, u"a sub-attribute name");
                return std::nullopt;
            }
            result.sub = sub.toString();
        }
        return result;
    }

    FilterNodePtr parseAttrExp(bool inValuePath)
    {
        std::optional<AttrPath> path = parseAttrPath();
        if (!path)
            return nullptr;
        if (peek() == u'[') {
            std::optional<ValueFilter> vf = parseValueFilter(*path, inValuePath);
            if (!vf)
                return nullptr;
            FilterNodePtr tail;
            if (!vf->sub.isEmpty()) {
                tail = parseOperation(AttrPath{{}, vf->sub, {}});
                if (!tail)
                    return nullptr;
            }
            return makeNode(ValuePath{std::move(*path), std::move(vf->filter), std::move(tail)});
        }
        return parseOperation(std::move(*path));
    }

    bool valueStartsAt(qsizetype pos) const
    {
        if (pos >= m_text.size())
            return false;
        const QChar c = m_text.at(pos);
        return c == u'"' || c == u'-' || isAsciiDigit(c) || keywordAt(pos, u"true") ||
               keywordAt(pos, u"false") || keywordAt(pos, u"null");
    }

    FilterNodePtr parseOperation(AttrPath path)
    {
        skipSpace();
        const qsizetype opPos = m_pos;
        const QStringView word = readWord();
        if (word.compare(u"pr", Qt::CaseInsensitive) == 0) {
            const qsizetype after = m_pos;
            skipSpace();
            if (valueStartsAt(m_pos))
                return fail(
                    m_pos,
                    QStringLiteral("\"pr\" takes no value, found %1").arg(describeAt(m_pos)));
            m_pos = after;
            return makeNode(Present{std::move(path)});
        }
        const std::optional<CompareOp> op = compareOpFromWord(word);
        if (!op)
            return expected(opPos,
                            u"a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)");
        skipSpace();
        std::optional<QJsonValue> value = parseValue();
        if (!value)
            return nullptr;
        return makeNode(Compare{std::move(path), *op, std::move(*value)});
    }

    std::optional<QJsonValue> parseValue()
    {
        const QChar c = peek();
        if (c == u'"')
            return parseString();
        if (c == u'-' || isAsciiDigit(c))
            return parseNumber();
        const qsizetype start = m_pos;
        const QStringView word = readWord();
        if (word.compare(u"true", Qt::CaseInsensitive) == 0)
            return QJsonValue(true);
        if (word.compare(u"false", Qt::CaseInsensitive) == 0)
            return QJsonValue(false);
        if (word.compare(u"null", Qt::CaseInsensitive) == 0)
            return QJsonValue(QJsonValue::Null);
        expected(start, u"a value (a JSON string, number, true, false or null)");
        return std::nullopt;
    }

    static int hexDigit(QChar c)
    {
        if (isAsciiDigit(c))
            return c.unicode() - u'0';
        if (c >= u'a' && c <= u'f')
            return c.unicode() - u'a' + 10;
        if (c >= u'A' && c <= u'F')
            return c.unicode() - u'A' + 10;
        return -1;
    }

    std::optional<QJsonValue> parseString()
    {
        const qsizetype start = m_pos++;
        QString out;
        while (!atEnd()) {
            const QChar c = m_text.at(m_pos);
            if (c == u'"') {
                ++m_pos;
                return QJsonValue(out);
            }
            if (c.unicode() < 0x20) {
                fail(m_pos, QStringLiteral("a control character must be escaped in a string"));
                return std::nullopt;
            }
            if (c != u'\\') {
                out += c;
                ++m_pos;
                continue;
            }
            const qsizetype escPos = m_pos;
            const QChar e = m_pos + 1 < m_text.size() ? m_text.at(m_pos + 1) : QChar();
            m_pos += 2;
            switch (e.unicode()) {
            case u'"':
                out += u'"';
                break;
            case u'\\':
                out += u'\\';
                break;
            case u'/':
                out += u'/';
                break;
            case u'b':
                out += u'\b';
                break;
            case u'f':
                out += u'\f';
                break;
            case u'n':
                out += u'\n';
                break;
            case u'r':
                out += u'\r';
                break;
            case u't':
                out += u'\t';
                break;
            case u'u': {
                char16_t code = 0;
                for (int i = 0; i < 4; ++i) {
                    const int d = m_pos < m_text.size() ? hexDigit(m_text.at(m_pos)) : -1;
                    if (d < 0) {
                        fail(escPos, QStringLiteral("\\u must be followed by four hex digits"));
                        return std::nullopt;
                    }
                    code = static_cast<char16_t>(code * 16 + d);
                    ++m_pos;
                }
                out += QChar(code);
                break;
            }
            default:
                fail(escPos, QStringLiteral("invalid escape in a string"));
                return std::nullopt;
            }
        }
        fail(start, QStringLiteral("unterminated string"));
        return std::nullopt;
    }

    std::optional<QJsonValue> parseNumber()
    {
        // JSON's number grammar; QString::toDouble alone would take "1.", "0x1" or "inf".
        const qsizetype start = m_pos;
        auto digits = [this] {
            const qsizetype from = m_pos;
            while (isAsciiDigit(peek()))
                ++m_pos;
            return m_pos > from;
        };
        auto bad = [&] {
            expected(start, u"a value (a JSON string, number, true, false or null)");
            return std::nullopt;
        };
        if (peek() == u'-')
            ++m_pos;
        if (peek() == u'0')
            ++m_pos;
        else if (!digits())
            return bad();
        if (peek() == u'.') {
            ++m_pos;
            if (!digits())
                return bad();
        }
        if (peek() == u'e' || peek() == u'E') {
            ++m_pos;
            if (peek() == u'+' || peek() == u'-')
                ++m_pos;
            if (!digits())
                return bad();
        }
        if (!atEnd() && isWordChar(peek()))
            return bad();
        bool ok = false;
        const double v = QStringView(m_text).mid(start, m_pos - start).toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            fail(start, QStringLiteral("number out of range"));
            return std::nullopt;
        }
        return QJsonValue(v);
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    std::optional<Error> m_error;
};

// ---- equality and printing ----

bool equalNodes(const FilterNodePtr& a, const FilterNodePtr& b);

bool equalAlternatives(const Compare& a, const Compare& b)
{
    return a.path == b.path && a.op == b.op && a.value == b.value;
}
bool equalAlternatives(const Present& a, const Present& b)
{
    return a.path == b.path;
}
bool equalAlternatives(const And& a, const And& b)
{
    return equalNodes(a.left, b.left) && equalNodes(a.right, b.right);
}
bool equalAlternatives(const Or& a, const Or& b)
{
    return equalNodes(a.left, b.left) && equalNodes(a.right, b.right);
}
bool equalAlternatives(const Not& a, const Not& b)
{
    return equalNodes(a.inner, b.inner);
}
bool equalAlternatives(const ValuePath& a, const ValuePath& b)
{
    return a.attr == b.attr && equalNodes(a.filter, b.filter) && equalNodes(a.tail, b.tail);
}

bool equalNodes(const FilterNodePtr& a, const FilterNodePtr& b)
{
    if (!a || !b)
        return !a && !b;
    if (a->node.index() != b->node.index())
        return false;
    return std::visit(
        [&b](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            return equalAlternatives(x, std::get<T>(b->node));
        },
        a->node);
}

QString jsonString(const QString& s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\b':
            out += QLatin1String("\\b");
            break;
        case u'\f':
            out += QLatin1String("\\f");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

QString valueToString(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        // Integers print without exponent or fraction; 2^53 keeps them exact.
        if (std::trunc(d) == d && std::fabs(d) < 9007199254740992.0)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::String:
        return jsonString(v.toString());
    default:
        return QStringLiteral("null");
    }
}

QString nodeToString(const FilterNodePtr& node);

template <typename T> bool holds(const FilterNodePtr& n)
{
    return std::holds_alternative<T>(n->node);
}

QString wrapped(const FilterNodePtr& n, bool parens)
{
    return parens ? QLatin1Char('(') + nodeToString(n) + QLatin1Char(')') : nodeToString(n);
}

QString nodeToString(const FilterNodePtr& node)
{
    struct Printer
    {
        QString operator()(const Compare& c) const
        {
            return toString(c.path) + QLatin1Char(' ') + compareOpName(c.op) + QLatin1Char(' ') +
                   valueToString(c.value);
        }
        QString operator()(const Present& p) const
        {
            return toString(p.path) + QLatin1String(" pr");
        }
        QString operator()(const And& a) const
        {
            return wrapped(a.left, holds<Or>(a.left)) + QLatin1String(" and ") +
                   wrapped(a.right, holds<Or>(a.right) || holds<And>(a.right));
        }
        QString operator()(const Or& o) const
        {
            return nodeToString(o.left) + QLatin1String(" or ") +
                   wrapped(o.right, holds<Or>(o.right));
        }
        QString operator()(const Not& n) const
        {
            return QLatin1String("not (") + nodeToString(n.inner) + QLatin1Char(')');
        }
        QString operator()(const ValuePath& v) const
        {
            QString s = toString(v.attr) + u'[' + nodeToString(v.filter) + u']';
            if (v.tail)
                s += u'.' + nodeToString(v.tail);
            return s;
        }
    };
    return std::visit(Printer{}, node->node);
}

} // namespace

bool operator==(const Filter& a, const Filter& b)
{
    return equalNodes(a.root, b.root);
}

bool operator==(const PatchPath& a, const PatchPath& b)
{
    return a.attr == b.attr && equalNodes(a.filter, b.filter) && a.subAttr == b.subAttr;
}

Result<Filter> parseFilter(const QString& text)
{
    return Parser(text).filter();
}

Result<PatchPath> parsePath(const QString& text)
{
    return Parser(text).patchPath();
}

QString compareOpName(CompareOp op)
{
    for (const auto& [o, name] : kOps)
        if (o == op)
            return QLatin1String(name);
    return {};
}

QString toString(const AttrPath& path)
{
    QString s = path.schema.isEmpty() ? path.name : path.schema + u':' + path.name;
    if (!path.subAttr.isEmpty())
        s += u'.' + path.subAttr;
    return s;
}

QString toString(const Filter& filter)
{
    return filter.root ? nodeToString(filter.root) : QString();
}

QString toString(const PatchPath& path)
{
    QString s = toString(path.attr);
    if (path.filter)
        s += u'[' + nodeToString(path.filter) + u']';
    if (!path.subAttr.isEmpty())
        s += u'.' + path.subAttr;
    return s;
}

} // namespace jh::scim
