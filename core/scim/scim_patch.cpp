#include "scim/scim_patch.h"

#include "scim/scim_filter.h"

#include <QJsonArray>

namespace jh::scim {
namespace {

enum class Op
{
    Add,
    Replace,
    Remove
};

Error err(const char* scimType, const QString& message)
{
    return makeError((QByteArray("scim.") + scimType).constData(), message);
}

// Where one operation lands: the object that holds the attribute (the
// resource, or an extension's object inside it) and the attribute's
// definition there.
struct Target
{
    QString container; // empty: the resource itself; else an extension URN
    const AttributeDef* def = nullptr;
    FilterNodePtr filter;
    const AttributeDef* sub = nullptr; // a sub-attribute, with or without a filter
    QString text;                      // the path as written, for messages
};

const SchemaDef* extensionNamed(const ResourceSchemas& rs, const QString& urn)
{
    for (const SchemaDef* e : rs.extensions)
        if (e->id.compare(urn, Qt::CaseInsensitive) == 0)
            return e;
    return nullptr;
}

Result<Target> resolve(const QString& text, const ResourceSchemas& rs)
{
    auto parsed = parsePath(text);
    if (!parsed)
        return err("invalidPath",
                   QStringLiteral("path \"%1\": %2").arg(text, parsed.error().message));
    const PatchPath& p = *parsed;
    Target t;
    t.text = text;
    const SchemaDef* schema = rs.core;
    if (!p.attr.schema.isEmpty() && p.attr.schema.compare(rs.core->id, Qt::CaseInsensitive) != 0) {
        schema = extensionNamed(rs, p.attr.schema);
        if (!schema)
            return err("invalidPath",
                       QStringLiteral("path \"%1\": unknown schema %2").arg(text, p.attr.schema));
        t.container = schema->id;
    }
    t.def = schema->attribute(p.attr.name);
    if (!t.def && t.container.isEmpty())
        t.def = commonAttributes().attribute(p.attr.name);
    if (!t.def)
        return err("invalidPath", QStringLiteral("path \"%1\": %2 has no attribute \"%3\"")
                                      .arg(text, schema->name, p.attr.name));
    t.filter = p.filter;
    const QString subName = p.filter ? p.subAttr : p.attr.subAttr;
    if (!subName.isEmpty()) {
        t.sub = t.def->sub(subName);
        if (!t.sub)
            return err("invalidPath", QStringLiteral("path \"%1\": %2 has no sub-attribute \"%3\"")
                                          .arg(text, t.def->name, subName));
    }
    if (t.filter && !t.def->multiValued)
        return err("invalidPath", QStringLiteral("path \"%1\": a filter needs a multi-valued "
                                                 "attribute, and %2 is single-valued")
                                      .arg(text, t.def->name));
    if (t.def->mutability == Mutability::ReadOnly ||
        (t.sub && t.sub->mutability == Mutability::ReadOnly))
        return err("mutability",
                   QStringLiteral("path \"%1\": %2 is read-only")
                       .arg(text, t.sub ? t.def->name + u'.' + t.sub->name : t.def->name));
    return t;
}

QJsonArray asArray(const QJsonValue& v)
{
    return v.isArray() ? v.toArray() : QJsonArray{v};
}

QJsonObject merged(QJsonObject into, const QJsonObject& from)
{
    for (auto it = from.begin(); it != from.end(); ++it)
        into.insert(it.key(), it.value());
    return into;
}

// An element an "add" can make for a filter that matched nothing:
// `type eq "work"` (and chains of such) says what the new element holds.
bool elementFromFilter(const FilterNodePtr& node, QJsonObject& out)
{
    if (const auto* c = std::get_if<Compare>(&node->node)) {
        if (c->op != CompareOp::Eq || !c->path.schema.isEmpty() || !c->path.subAttr.isEmpty())
            return false;
        out.insert(c->path.name, c->value);
        return true;
    }
    if (const auto* a = std::get_if<And>(&node->node))
        return elementFromFilter(a->left, out) && elementFromFilter(a->right, out);
    return false;
}

// Keys of the resource are canonical after checkResource, but a patch may
// start from a resource where a client wrote another case; find the key.
QString keyFor(const QJsonObject& o, const QString& name)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.key();
    return name;
}

QString valueOf(const QJsonValue& v)
{
    return v.isObject() ? v.toObject().value(QStringLiteral("value")).toString() : v.toString();
}

Result<void> applyToMultiValued(Op op, QJsonObject& holder, const Target& t,
                                const QJsonValue& value)
{
    const QString key = keyFor(holder, t.def->name);
    QJsonArray elements = holder.value(key).toArray();
    if (!t.filter) {
        if (t.sub) // "emails.value" names no one element
            return err("invalidPath", QStringLiteral("path \"%1\": name the element with a filter, "
                                                     "e.g. %2[type eq \"work\"].%3")
                                          .arg(t.text, t.def->name, t.sub->name));
        switch (op) {
        case Op::Add:
            for (const auto& v : asArray(value))
                if (!elements.contains(v))
                    elements.append(v);
            break;
        case Op::Replace:
            elements = asArray(value);
            break;
        case Op::Remove:
            if (value.isUndefined() || value.isNull()) {
                elements = {};
            } else { // Entra: {"op":"Remove","path":"members","value":[{"value":"id"}]}
                QStringList gone;
                for (const auto& v : asArray(value))
                    gone.append(valueOf(v));
                QJsonArray kept;
                for (const auto& e : elements)
                    if (!gone.contains(valueOf(e)))
                        kept.append(e);
                elements = kept;
            }
            break;
        }
    } else {
        const Filter filter{t.filter};
        QList<qsizetype> hits;
        for (qsizetype i = 0; i < elements.size(); ++i)
            if (matches(filter, elements[i].toObject()))
                hits.append(i);
        if (hits.isEmpty()) {
            QJsonObject made;
            if (op == Op::Add && t.sub && elementFromFilter(t.filter, made)) {
                made.insert(t.sub->name, value);
                elements.append(made);
            } else if (op != Op::Remove) {
                return err("noTarget",
                           QStringLiteral("path \"%1\": no value of %2 matches the filter")
                               .arg(t.text, t.def->name));
            }
        }
        for (auto it = hits.rbegin(); it != hits.rend(); ++it) {
            QJsonObject e = elements[*it].toObject();
            if (op == Op::Remove) {
                if (t.sub) {
                    e.remove(keyFor(e, t.sub->name));
                    elements[*it] = e;
                } else {
                    elements.removeAt(*it);
                }
            } else if (t.sub) {
                e.insert(keyFor(e, t.sub->name), value);
                elements[*it] = e;
            } else {
                if (!value.isObject())
                    return err("invalidValue",
                               QStringLiteral("path \"%1\": the value must be an object (an "
                                              "element of %2)")
                                   .arg(t.text, t.def->name));
                elements[*it] = merged(e, value.toObject());
            }
        }
    }
    if (elements.isEmpty())
        holder.remove(key);
    else
        holder.insert(key, elements);
    return {};
}

Result<void> applyToSingle(Op op, QJsonObject& holder, const Target& t, const QJsonValue& value)
{
    const QString key = keyFor(holder, t.def->name);
    if (t.sub) {
        QJsonObject complex = holder.value(key).toObject();
        if (op == Op::Remove)
            complex.remove(keyFor(complex, t.sub->name));
        else
            complex.insert(keyFor(complex, t.sub->name), value);
        if (complex.isEmpty())
            holder.remove(key);
        else
            holder.insert(key, complex);
        return {};
    }
    if (op == Op::Remove) {
        holder.remove(key);
        return {};
    }
    // A complex value adds or replaces the sub-attributes it names and
    // leaves the others (RFC 7644 §3.5.2.1 and §3.5.2.3).
    if (t.def->type == AttrType::Complex && value.isObject() && holder.value(key).isObject())
        holder.insert(key, merged(holder.value(key).toObject(), value.toObject()));
    else
        holder.insert(key, value);
    return {};
}

Result<void> applyTarget(Op op, QJsonObject& resource, const Target& t, const QJsonValue& value)
{
    if (op != Op::Remove && value.isUndefined())
        return err("invalidValue",
                   QStringLiteral("path \"%1\": the operation has no value").arg(t.text));
    QJsonObject holder = t.container.isEmpty() ? resource : resource.value(t.container).toObject();
    Result<void> done = t.def->multiValued ? applyToMultiValued(op, holder, t, value)
                                           : applyToSingle(op, holder, t, value);
    if (!done)
        return done;
    if (t.container.isEmpty()) {
        resource = holder;
    } else {
        const QString key = keyFor(resource, t.container);
        if (holder.isEmpty())
            resource.remove(key);
        else
            resource.insert(key, holder);
    }
    return {};
}

Result<void> applyOne(Op op, QJsonObject& resource, const QString& path, const QJsonValue& value,
                      const ResourceSchemas& rs);

// A path-less operation, or one whose path is a whole extension: each key
// of the value is a path of its own.
Result<void> applyEach(Op op, QJsonObject& resource, const QString& prefix, const QJsonValue& value,
                       const ResourceSchemas& rs, const QString& id)
{
    if (op == Op::Remove)
        return err("noTarget", QStringLiteral("a remove operation needs a path"));
    if (!value.isObject())
        return err("invalidValue",
                   QStringLiteral("without a path, the value must be an object of attributes"));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("schemas"))
            continue;
        if (prefix.isEmpty() && it.key().compare(QLatin1String("id"), Qt::CaseInsensitive) == 0 &&
            it.value().toString() == id)
            continue;
        const QString path = prefix.isEmpty() ? it.key() : prefix + u':' + it.key();
        if (auto r = applyOne(op, resource, path, it.value(), rs); !r)
            return r;
    }
    return {};
}

Result<void> applyOne(Op op, QJsonObject& resource, const QString& path, const QJsonValue& value,
                      const ResourceSchemas& rs)
{
    if (const SchemaDef* ext = extensionNamed(rs, path)) {
        if (op == Op::Remove) {
            resource.remove(keyFor(resource, ext->id));
            return {};
        }
        return applyEach(op, resource, ext->id, value, rs, QString());
    }
    auto target = resolve(path, rs);
    if (!target)
        return target.error();
    if (target->def->name == QLatin1String("schemas"))
        return err("mutability", QStringLiteral("schemas cannot be patched"));
    if (!target->container.isEmpty()) {
        QJsonArray schemas = resource.value(QStringLiteral("schemas")).toArray();
        if (!schemas.contains(target->container))
            schemas.append(target->container);
        resource.insert(QStringLiteral("schemas"), schemas);
    }
    return applyTarget(op, resource, *target, value);
}

std::optional<Op> opNamed(const QString& name)
{
    if (name.compare(QLatin1String("add"), Qt::CaseInsensitive) == 0)
        return Op::Add;
    if (name.compare(QLatin1String("replace"), Qt::CaseInsensitive) == 0)
        return Op::Replace;
    if (name.compare(QLatin1String("remove"), Qt::CaseInsensitive) == 0)
        return Op::Remove;
    return std::nullopt;
}

QJsonValue field(const QJsonObject& o, const char* name)
{
    return o.value(keyFor(o, QString::fromLatin1(name)));
}

} // namespace

Result<PatchResult> applyPatch(const QJsonObject& resource, const QString& id,
                               const QJsonObject& message, const ResourceSchemas& rs,
                               int maxOperations)
{
    const QJsonArray schemas = field(message, "schemas").toArray();
    if (!schemas.contains(QString::fromLatin1(kPatchOpSchema)))
        return err("invalidSyntax", QStringLiteral("a PATCH body must list \"%1\" in \"schemas\"")
                                        .arg(QString::fromLatin1(kPatchOpSchema)));
    const QJsonValue opsValue = field(message, "Operations");
    if (!opsValue.isArray() || opsValue.toArray().isEmpty())
        return err("invalidSyntax", QStringLiteral("a PATCH body needs a non-empty "
                                                   "\"Operations\" array"));
    const QJsonArray ops = opsValue.toArray();
    if (ops.size() > maxOperations)
        return err("invalidValue", QStringLiteral("%1 operations in one PATCH; at most %2 are "
                                                  "accepted")
                                       .arg(ops.size())
                                       .arg(maxOperations));
    PatchResult out{resource, {}};
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const QString where = QStringLiteral("Operations[%1]").arg(i);
        const QJsonObject o = ops[i].toObject();
        if (!ops[i].isObject())
            return err("invalidSyntax", where + QStringLiteral(" is not an object"));
        const QJsonValue opName = field(o, "op");
        const auto op = opName.isString() ? opNamed(opName.toString()) : std::nullopt;
        if (!op)
            return err("invalidSyntax",
                       QStringLiteral("%1: op must be add, replace or remove, not %2")
                           .arg(where, opName.isString() ? u'"' + opName.toString() + u'"'
                                                         : QStringLiteral("missing")));
        const QJsonValue path = field(o, "path");
        const QJsonValue value = field(o, "value");
        if (!path.isUndefined() && !path.isString())
            return err("invalidPath", where + QStringLiteral(": path must be a string"));
        Result<void> done = path.toString().isEmpty()
                                ? applyEach(*op, out.resource, QString(), value, rs, id)
                                : applyOne(*op, out.resource, path.toString(), value, rs);
        if (!done)
            return Error{done.error().id, where + QStringLiteral(": ") + done.error().message};
        QString line = opName.toString().toLower();
        line += path.toString().isEmpty() ? QStringLiteral(" (no path)") : u' ' + path.toString();
        out.summary.append(line);
    }
    return out;
}

} // namespace jh::scim
