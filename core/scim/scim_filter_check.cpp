#include "scim/scim_filter_check.h"

namespace jh::scim {
namespace {

Error invalid(const QString& message)
{
    return makeError("scim.invalidFilter", message);
}

// The attribute an AttrPath names at the top level of a resource.
Result<const AttributeDef*> topLevel(const AttrPath& p, const ResourceSchemas& rs)
{
    const SchemaDef* schema = rs.core;
    if (!p.schema.isEmpty() && p.schema.compare(rs.core->id, Qt::CaseInsensitive) != 0) {
        schema = nullptr;
        for (const SchemaDef* e : rs.extensions)
            if (e->id.compare(p.schema, Qt::CaseInsensitive) == 0)
                schema = e;
        if (!schema)
            return invalid(QStringLiteral("\"%1\": unknown schema %2").arg(toString(p), p.schema));
    }
    const AttributeDef* def = schema->attribute(p.name);
    if (!def && schema == rs.core)
        def = commonAttributes().attribute(p.name);
    if (!def)
        return invalid(QStringLiteral("\"%1\": %2 has no attribute \"%3\"")
                           .arg(toString(p), schema->name, p.name));
    return def;
}

// The attribute actually compared: the sub-attribute when one is named, the
// "value" of a complex attribute compared whole (RFC 7644 §3.4.2.2).
Result<const AttributeDef*> compared(const AttributeDef* def, const QString& sub,
                                     const QString& where)
{
    if (!sub.isEmpty()) {
        const AttributeDef* s = def->sub(sub);
        if (!s)
            return invalid(QStringLiteral("\"%1\": %2 has no sub-attribute \"%3\"")
                               .arg(where, def->name, sub));
        return s;
    }
    if (def->type == AttrType::Complex) {
        const AttributeDef* value = def->sub(QStringLiteral("value"));
        if (!value)
            return invalid(QStringLiteral("\"%1\": %2 is complex; name one of its "
                                          "sub-attributes")
                               .arg(where, def->name));
        return value;
    }
    return def;
}

Result<void> checkOperator(const AttributeDef* def, CompareOp op, const QJsonValue& value,
                           const QString& where)
{
    const bool ordering =
        op == CompareOp::Gt || op == CompareOp::Ge || op == CompareOp::Lt || op == CompareOp::Le;
    const bool substring = op == CompareOp::Co || op == CompareOp::Sw || op == CompareOp::Ew;
    if (def->type == AttrType::Boolean && (ordering || substring))
        return invalid(QStringLiteral("\"%1\": %2 is a boolean; only eq and ne compare it")
                           .arg(where, def->name));
    if (def->type == AttrType::Binary && ordering)
        return invalid(
            QStringLiteral("\"%1\": %2 is binary and has no order").arg(where, def->name));
    if ((ordering || substring) && (value.isNull() || value.isBool()))
        return invalid(
            QStringLiteral("\"%1\": %2 needs a string or number, not %3")
                .arg(where, compareOpName(op),
                     value.isNull() ? QStringLiteral("null") : QStringLiteral("a boolean")));
    return {};
}

Result<void> walk(const FilterNodePtr& node, const ResourceSchemas& rs,
                  const AttributeDef* element);

// A path inside a value filter names a sub-attribute of `element`.
Result<const AttributeDef*> resolve(const AttrPath& p, const ResourceSchemas& rs,
                                    const AttributeDef* element)
{
    if (!element) {
        auto def = topLevel(p, rs);
        if (!def)
            return def.error();
        return compared(*def, p.subAttr, toString(p));
    }
    if (!p.schema.isEmpty() || !p.subAttr.isEmpty())
        return invalid(QStringLiteral("\"%1\": inside %2[...] name a sub-attribute of %2")
                           .arg(toString(p), element->name));
    return compared(element, p.name, toString(p));
}

Result<void> walk(const FilterNodePtr& node, const ResourceSchemas& rs, const AttributeDef* element)
{
    if (const auto* c = std::get_if<Compare>(&node->node)) {
        auto def = resolve(c->path, rs, element);
        if (!def)
            return def.error();
        return checkOperator(*def, c->op, c->value, toString(c->path));
    }
    if (const auto* p = std::get_if<Present>(&node->node)) {
        // pr asks whether anything is there; a complex attribute need not
        // have a "value" for that (RFC 7644 §3.4.2.2: "a non-empty node").
        if (!element && p->path.subAttr.isEmpty()) {
            auto def = topLevel(p->path, rs);
            return def ? Result<void>() : Result<void>(def.error());
        }
        auto def = resolve(p->path, rs, element);
        return def ? Result<void>() : Result<void>(def.error());
    }
    if (const auto* a = std::get_if<And>(&node->node)) {
        if (auto r = walk(a->left, rs, element); !r)
            return r;
        return walk(a->right, rs, element);
    }
    if (const auto* o = std::get_if<Or>(&node->node)) {
        if (auto r = walk(o->left, rs, element); !r)
            return r;
        return walk(o->right, rs, element);
    }
    if (const auto* n = std::get_if<Not>(&node->node))
        return walk(n->inner, rs, element);
    const auto& v = std::get<ValuePath>(node->node);
    if (element)
        return invalid(QStringLiteral("\"%1\": value filters do not nest").arg(toString(v.attr)));
    auto def = topLevel(v.attr, rs);
    if (!def)
        return def.error();
    if ((*def)->type != AttrType::Complex)
        return invalid(QStringLiteral("\"%1[...]\": %2 has no sub-attributes to filter on")
                           .arg(toString(v.attr), (*def)->name));
    if (auto r = walk(v.filter, rs, *def); !r)
        return r;
    return v.tail ? walk(v.tail, rs, *def) : Result<void>();
}

} // namespace

Result<void> checkFilter(const Filter& filter, const ResourceSchemas& schemas)
{
    return walk(filter.root, schemas, nullptr);
}

} // namespace jh::scim
