// SCIM filter evaluation over a resource's JSON (RFC 7644 3.4.2.2 with the
// attribute characteristics of RFC 7643 2.1 and 2.4): names match
// case-insensitively, strings unless case-exact, multi-valued attributes
// when any value does.
#include "scim/scim_filter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <cmath>
#include <optional>

namespace jh::scim {
namespace {

bool isDateTime(QStringView s)
{
    // yyyy-mm-ddThh:mm:ss[.frac](Z|±hh:mm): a zone is required so that no
    // comparison depends on the machine's local time.
    static const auto shape = [](QStringView t) {
        if (t.size() < 20 || t.at(4) != u'-' || t.at(7) != u'-' ||
            (t.at(10) != u'T' && t.at(10) != u't') || t.at(13) != u':' || t.at(16) != u':')
            return false;
        const QChar last = t.back();
        return last == u'Z' || last == u'z' ||
               (t.size() >= 25 && (t.at(t.size() - 6) == u'+' || t.at(t.size() - 6) == u'-') &&
                t.at(t.size() - 3) == u':');
    };
    return shape(s);
}

std::optional<qint64> instant(const QString& s)
{
    if (!isDateTime(s))
        return std::nullopt;
    const QDateTime dt = QDateTime::fromString(s.toUpper(), Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

template <typename T> bool ordered(CompareOp op, const T& a, const T& b)
{
    switch (op) {
    case CompareOp::Eq:
        return a == b;
    case CompareOp::Gt:
        return a > b;
    case CompareOp::Ge:
        return a >= b;
    case CompareOp::Lt:
        return a < b;
    case CompareOp::Le:
        return a <= b;
    default:
        return false;
    }
}

// One side of a comparison; `Ne` never reaches here (it is "not Eq").
bool compareOne(const QJsonValue& found, CompareOp op, const QJsonValue& wanted, bool caseExact)
{
    if (found.isString() && wanted.isString()) {
        const QString a = found.toString();
        const QString b = wanted.toString();
        const Qt::CaseSensitivity cs = caseExact ? Qt::CaseSensitive : Qt::CaseInsensitive;
        switch (op) {
        case CompareOp::Co:
            return a.contains(b, cs);
        case CompareOp::Sw:
            return a.startsWith(b, cs);
        case CompareOp::Ew:
            return a.endsWith(b, cs);
        default:
            break;
        }
        if (const auto ta = instant(a)) {
            if (const auto tb = instant(b))
                return ordered(op, *ta, *tb);
        }
        return ordered(op, QString::compare(a, b, cs), 0);
    }
    if (found.isDouble() && wanted.isDouble())
        return ordered(op, found.toDouble(), wanted.toDouble());
    if (found.isBool() && wanted.isBool())
        return op == CompareOp::Eq && found.toBool() == wanted.toBool();
    return false;
}

QJsonValue member(const QJsonObject& obj, const QString& name)
{
    if (const auto it = obj.constFind(name); it != obj.constEnd())
        return *it;
    for (auto it = obj.constBegin(); it != obj.constEnd(); ++it)
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return *it;
    return QJsonValue(QJsonValue::Undefined);
}

// Missing and null give nothing; an array gives its elements.
QList<QJsonValue> elements(const QJsonValue& v)
{
    if (v.isArray()) {
        const QJsonArray array = v.toArray();
        QList<QJsonValue> out;
        out.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i)
            if (const QJsonValue e = array.at(i); !e.isNull() && !e.isUndefined())
                out.append(e);
        return out;
    }
    if (v.isNull() || v.isUndefined())
        return {};
    return {v};
}

QJsonValue attribute(const QJsonObject& obj, const AttrPath& path)
{
    if (path.schema.isEmpty())
        return member(obj, path.name);
    if (const QJsonValue ext = member(obj, path.schema); ext.isObject())
        return member(ext.toObject(), path.name);
    if (path.schema.startsWith(QLatin1String("urn:ietf:params:scim:schemas:core:"),
                               Qt::CaseInsensitive))
        return member(obj, path.name);
    return QJsonValue(QJsonValue::Undefined);
}

struct Candidate
{
    QJsonValue value;
    QString key; // for the case-exact lookup
};

class Evaluator
{
public:
    explicit Evaluator(const AttributeCaseExact& caseExact) : m_caseExact(caseExact) {}

    bool eval(const FilterNodePtr& node, const QJsonObject& obj, const QString& prefix) const
    {
        return std::visit([&](const auto& n) { return evalNode(n, obj, prefix); }, node->node);
    }

private:
    // valueOfComplex: compare a complex attribute by its "value" (RFC 7644
    // §3.4.2.2); `pr` looks at the attribute itself.
    static QList<Candidate> candidates(const QJsonObject& obj, const AttrPath& path,
                                       const QString& prefix, bool valueOfComplex)
    {
        QList<Candidate> out;
        const QString key = prefix + path.name.toLower();
        for (const QJsonValue& e : elements(attribute(obj, path))) {
            if (!path.subAttr.isEmpty()) {
                if (!e.isObject())
                    continue;
                for (const QJsonValue& s : elements(member(e.toObject(), path.subAttr)))
                    out.append({s, key + u'.' + path.subAttr.toLower()});
            } else if (valueOfComplex && e.isObject()) {
                for (const QJsonValue& s : elements(member(e.toObject(), QStringLiteral("value"))))
                    out.append({s, key + QLatin1String(".value")});
            } else {
                out.append({e, key});
            }
        }
        return out;
    }

    bool evalNode(const Compare& c, const QJsonObject& obj, const QString& prefix) const
    {
        const QList<Candidate> found = candidates(obj, c.path, prefix, true);
        if (c.value.isNull()) {
            const bool absent = found.isEmpty();
            return c.op == CompareOp::Eq ? absent : c.op == CompareOp::Ne && !absent;
        }
        const CompareOp op = c.op == CompareOp::Ne ? CompareOp::Eq : c.op;
        bool any = false;
        for (const Candidate& f : found) {
            if (compareOne(f.value, op, c.value, m_caseExact.contains(f.key))) {
                any = true;
                break;
            }
        }
        return c.op == CompareOp::Ne ? !any : any;
    }

    bool evalNode(const Present& p, const QJsonObject& obj, const QString& prefix) const
    {
        for (const Candidate& f : candidates(obj, p.path, prefix, false)) {
            const QJsonValue& v = f.value;
            if ((v.isString() && v.toString().isEmpty()) ||
                (v.isArray() && v.toArray().isEmpty()) || (v.isObject() && v.toObject().isEmpty()))
                continue;
            return true;
        }
        return false;
    }

    bool evalNode(const And& a, const QJsonObject& obj, const QString& prefix) const
    {
        return eval(a.left, obj, prefix) && eval(a.right, obj, prefix);
    }

    bool evalNode(const Or& o, const QJsonObject& obj, const QString& prefix) const
    {
        return eval(o.left, obj, prefix) || eval(o.right, obj, prefix);
    }

    bool evalNode(const Not& n, const QJsonObject& obj, const QString& prefix) const
    {
        return !eval(n.inner, obj, prefix);
    }

    bool evalNode(const ValuePath& v, const QJsonObject& obj, const QString& prefix) const
    {
        const QString inner = prefix + v.attr.name.toLower() + u'.';
        for (const QJsonValue& e : elements(attribute(obj, v.attr))) {
            if (!e.isObject())
                continue;
            const QJsonObject element = e.toObject();
            if (eval(v.filter, element, inner) && (!v.tail || eval(v.tail, element, inner)))
                return true;
        }
        return false;
    }

    const AttributeCaseExact& m_caseExact;
};

} // namespace

AttributeCaseExact::AttributeCaseExact(const QStringList& paths)
{
    for (const QString& p : paths)
        m_paths.insert(p.toLower());
}

AttributeCaseExact AttributeCaseExact::rfc7643Defaults()
{
    return AttributeCaseExact({QStringLiteral("id"), QStringLiteral("externalId"),
                               QStringLiteral("meta.resourceType"), QStringLiteral("meta.location"),
                               QStringLiteral("meta.version"),
                               QStringLiteral("x509Certificates.value")});
}

bool AttributeCaseExact::contains(const QString& path) const
{
    return m_paths.contains(path.toLower());
}

bool matches(const Filter& filter, const QJsonObject& resource, const AttributeCaseExact& caseExact)
{
    if (!filter.root)
        return false;
    return Evaluator(caseExact).eval(filter.root, resource, QString());
}

} // namespace jh::scim
