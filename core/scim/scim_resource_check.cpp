#include "scim/scim_resource_check.h"

#include <QJsonArray>

namespace jh::scim {
namespace {

Error invalidValue(const QString& message)
{
    return makeError("scim.invalidValue", message);
}

Error invalidSyntax(const QString& message)
{
    return makeError("scim.invalidSyntax", message);
}

QString typeOf(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

Error wrongType(const QString& where, const AttributeDef& def, const QJsonValue& v)
{
    return invalidValue(QStringLiteral("%1 must be %2%3, not %4")
                            .arg(where,
                                 def.multiValued ? QStringLiteral("an array of ") : QString(),
                                 attrTypeName(def.type), typeOf(v)));
}

Result<QJsonValue> checkSingle(const QJsonValue& v, const AttributeDef& def, const QString& where,
                               const CheckOptions& options);

Result<QJsonObject> checkComplex(const QJsonObject& o, const AttributeDef& def,
                                 const QString& where, const CheckOptions& options)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString path = where + QLatin1Char('.') + it.key();
        const AttributeDef* sub = def.sub(it.key());
        if (!sub)
            return invalidValue(
                QStringLiteral("%1: unknown sub-attribute (%2 has %3)").arg(path, where, [&] {
                    QStringList names;
                    for (const AttributeDef& s : def.subAttributes)
                        names.append(s.name);
                    return names.join(QStringLiteral(", "));
                }()));
        if (it.value().isNull())
            continue;
        if (sub->mutability == Mutability::ReadOnly) {
            if (options.readOnlyIsError)
                return makeError("scim.mutability", QStringLiteral("%1 is read-only").arg(path));
            continue;
        }
        auto value = checkSingle(it.value(), *sub, path, options);
        if (!value)
            return value.error();
        out.insert(sub->name, *value);
    }
    return out;
}

Result<QJsonValue> checkSingle(const QJsonValue& v, const AttributeDef& def, const QString& where,
                               const CheckOptions& options)
{
    switch (def.type) {
    case AttrType::String:
    case AttrType::Reference:
    case AttrType::Binary:
    case AttrType::DateTime:
        if (!v.isString())
            return wrongType(where, def, v);
        return v;
    case AttrType::Boolean:
        if (v.isBool())
            return v;
        if (options.acceptStringBooleans && v.isString()) {
            const QString s = v.toString();
            if (s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
                return QJsonValue(true);
            if (s.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
                return QJsonValue(false);
        }
        return wrongType(where, def, v);
    case AttrType::Decimal:
    case AttrType::Integer:
        if (!v.isDouble())
            return wrongType(where, def, v);
        return v;
    case AttrType::Complex: {
        if (!v.isObject())
            return wrongType(where, def, v);
        auto o = checkComplex(v.toObject(), def, where, options);
        if (!o)
            return o.error();
        return QJsonValue(*o);
    }
    }
    return v;
}

Result<QJsonObject> checkAttributes(const QJsonObject& in, const SchemaDef& schema,
                                    const QString& prefix, const CheckOptions& options,
                                    QJsonObject out);

QString schemaNames(const ResourceSchemas& rs)
{
    QStringList names{rs.core->id};
    for (const SchemaDef* e : rs.extensions)
        names.append(e->id);
    return names.join(QStringLiteral(", "));
}

const SchemaDef* extensionNamed(const ResourceSchemas& rs, const QString& urn)
{
    for (const SchemaDef* e : rs.extensions)
        if (e->id.compare(urn, Qt::CaseInsensitive) == 0)
            return e;
    return nullptr;
}

} // namespace

const ResourceSchemas& userSchemas()
{
    static const ResourceSchemas rs{&userSchema(), {&enterpriseUserSchema()}, {}};
    return rs;
}

const ResourceSchemas& groupSchemas()
{
    // Microsoft Entra ID's POST /Groups lists this URN beside the core one
    // ("Tutorial: Develop and plan provisioning for a SCIM endpoint in
    // Microsoft Entra ID", learn.microsoft.com, section "Create Group").
    static const ResourceSchemas rs{
        &groupSchema(),
        {},
        {QStringLiteral(
            "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group")}};
    return rs;
}

Result<QJsonValue> checkValue(const QJsonValue& value, const AttributeDef& def,
                              const QString& where, const CheckOptions& options)
{
    if (value.isNull())
        return value;
    if (def.mutability == Mutability::ReadOnly && options.readOnlyIsError)
        return makeError("scim.mutability", QStringLiteral("%1 is read-only").arg(where));
    if (!def.multiValued)
        return checkSingle(value, def, where, options);
    if (!value.isArray())
        return wrongType(where, def, value);
    QJsonArray out;
    const QJsonArray in = value.toArray();
    int primaries = 0;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i].isNull())
            continue;
        auto element = checkSingle(in[i], def, QStringLiteral("%1[%2]").arg(where).arg(i), options);
        if (!element)
            return element.error();
        if (element->toObject().value(QStringLiteral("primary")).toBool())
            ++primaries;
        out.append(*element);
    }
    // RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once."
    if (primaries > 1)
        return invalidValue(QStringLiteral("%1: %2 values are marked primary; at most one may be")
                                .arg(where)
                                .arg(primaries));
    return QJsonValue(out);
}

namespace {

Result<QJsonObject> checkAttributes(const QJsonObject& in, const SchemaDef& schema,
                                    const QString& prefix, const CheckOptions& options,
                                    QJsonObject out)
{
    for (auto it = in.begin(); it != in.end(); ++it) {
        const AttributeDef* def = schema.attribute(it.key());
        const QString where = prefix + it.key();
        if (!def)
            return invalidValue(
                QStringLiteral("%1: unknown attribute (not in %2)").arg(where, schema.id));
        if (def->mutability == Mutability::ReadOnly && !options.readOnlyIsError)
            continue;
        auto value = checkValue(it.value(), *def, where, options);
        if (!value)
            return value.error();
        if (!value->isNull())
            out.insert(def->name, *value);
    }
    return out;
}

} // namespace

Result<QJsonObject> checkResource(const QJsonObject& resource, const ResourceSchemas& rs,
                                  const CheckOptions& options)
{
    const QJsonValue schemasValue = resource.value(QStringLiteral("schemas"));
    if (!schemasValue.isArray() || schemasValue.toArray().isEmpty())
        return invalidSyntax(QStringLiteral("the resource has no \"schemas\" array (expected %1)")
                                 .arg(schemaNames(rs)));
    QStringList schemas;
    bool hasCore = false;
    for (const auto& s : schemasValue.toArray()) {
        const QString urn = s.toString();
        if (!s.isString())
            return invalidSyntax(
                QStringLiteral("\"schemas\" must hold strings, not %1").arg(typeOf(s)));
        if (urn.compare(rs.core->id, Qt::CaseInsensitive) == 0) {
            hasCore = true;
        } else if (rs.tolerated.contains(urn, Qt::CaseInsensitive)) {
            continue;
        } else if (!extensionNamed(rs, urn)) {
            return invalidSyntax(QStringLiteral("\"schemas\" names %1, which this resource type "
                                                "does not have (it has %2)")
                                     .arg(urn, schemaNames(rs)));
        }
        schemas.append(urn);
    }
    if (!hasCore)
        return invalidSyntax(QStringLiteral("\"schemas\" must include %1").arg(rs.core->id));

    QJsonObject core;
    QJsonObject out;
    QStringList outSchemas{rs.core->id};
    for (auto it = resource.begin(); it != resource.end(); ++it) {
        const QString& key = it.key();
        if (key == QLatin1String("schemas"))
            continue;
        if (const SchemaDef* ext = extensionNamed(rs, key)) {
            if (it.value().isNull())
                continue;
            if (!it.value().isObject())
                return invalidValue(
                    QStringLiteral("%1 must be an object, not %2").arg(key, typeOf(it.value())));
            if (!schemas.contains(key, Qt::CaseInsensitive))
                return invalidSyntax(
                    QStringLiteral("%1 is present but not listed in \"schemas\"").arg(key));
            auto checked =
                checkAttributes(it.value().toObject(), *ext, key + QLatin1Char(':'), options, {});
            if (!checked)
                return checked.error();
            if (!checked->isEmpty()) {
                out.insert(ext->id, *checked);
                outSchemas.append(ext->id);
            }
            continue;
        }
        if (key.startsWith(QLatin1String("urn:"), Qt::CaseInsensitive))
            return invalidSyntax(QStringLiteral("%1: unknown schema extension (this resource "
                                                "type has %2)")
                                     .arg(key, schemaNames(rs)));
        if (const AttributeDef* common = commonAttributes().attribute(key)) {
            if (common->mutability == Mutability::ReadOnly) {
                if (options.readOnlyIsError)
                    return makeError("scim.mutability", QStringLiteral("%1 is read-only").arg(key));
                continue;
            }
            auto value = checkValue(it.value(), *common, key, options);
            if (!value)
                return value.error();
            if (!value->isNull())
                out.insert(common->name, *value);
            continue;
        }
        core.insert(key, it.value());
    }
    auto checked = checkAttributes(core, *rs.core, QString(), options, out);
    if (!checked)
        return checked.error();
    out = *checked;
    for (const AttributeDef& a : rs.core->attributes) {
        if (!a.required)
            continue;
        const QJsonValue v = out.value(a.name);
        if (v.isUndefined() || (v.isString() && v.toString().trimmed().isEmpty()))
            return invalidValue(QStringLiteral("%1 is required").arg(a.name));
    }
    out.insert(QStringLiteral("schemas"), QJsonArray::fromStringList(outSchemas));
    return out;
}

} // namespace jh::scim
