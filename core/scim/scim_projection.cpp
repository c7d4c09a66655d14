#include "scim/scim_projection.h"

#include <QJsonArray>

namespace jh::scim {
namespace {

// One name of the list: where it lives (empty: the core schema or the
// common attributes) and its attribute / sub-attribute. An empty `attr`
// means the whole extension.
struct Name
{
    QString container;
    QString attr;
    QString sub;
};

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed();
        if (!name.isEmpty())
            out.append(name);
    }
    return out;
}

Name nameOf(const QString& text, const ResourceSchemas& rs)
{
    Name n;
    QString rest = text;
    if (text.startsWith(QLatin1String("urn:"), Qt::CaseInsensitive)) {
        for (const SchemaDef* e : rs.extensions) {
            if (text.compare(e->id, Qt::CaseInsensitive) == 0)
                return Name{e->id, {}, {}};
            if (text.startsWith(e->id + u':', Qt::CaseInsensitive)) {
                n.container = e->id;
                rest = text.mid(e->id.size() + 1);
            }
        }
        if (n.container.isEmpty() && text.startsWith(rs.core->id + u':', Qt::CaseInsensitive))
            rest = text.mid(rs.core->id.size() + 1);
    }
    const qsizetype dot = rest.indexOf(u'.');
    n.attr = dot < 0 ? rest : rest.left(dot);
    n.sub = dot < 0 ? QString() : rest.mid(dot + 1);
    return n;
}

QString keyIn(const QJsonObject& o, const QString& name)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.key();
    return {};
}

QJsonValue onlySub(const QJsonValue& v, const QString& sub)
{
    const auto pick = [&](const QJsonObject& o) {
        QJsonObject out;
        const QString key = keyIn(o, sub);
        if (!key.isEmpty())
            out.insert(key, o.value(key));
        return out;
    };
    if (v.isObject())
        return pick(v.toObject());
    if (v.isArray()) {
        QJsonArray out;
        for (const auto& e : v.toArray())
            out.append(pick(e.toObject()));
        return out;
    }
    return v;
}

QJsonValue withoutSub(const QJsonValue& v, const QString& sub)
{
    const auto drop = [&](QJsonObject o) {
        const QString key = keyIn(o, sub);
        if (!key.isEmpty())
            o.remove(key);
        return o;
    };
    if (v.isObject())
        return drop(v.toObject());
    if (v.isArray()) {
        QJsonArray out;
        for (const auto& e : v.toArray())
            out.append(drop(e.toObject()));
        return out;
    }
    return v;
}

bool alwaysReturned(const QString& key)
{
    return key == QLatin1String("id") || key == QLatin1String("schemas");
}

// Copies `n` from `from` into `to` (both the same level: the resource or
// one extension's object).
void include(const QJsonObject& from, QJsonObject& to, const Name& n)
{
    const QString key = keyIn(from, n.attr);
    if (key.isEmpty())
        return;
    if (n.sub.isEmpty()) {
        to.insert(key, from.value(key));
        return;
    }
    const QJsonValue part = onlySub(from.value(key), n.sub);
    if (to.contains(key) && part.isObject() && to.value(key).isObject()) {
        QJsonObject merged = to.value(key).toObject();
        const QJsonObject add = part.toObject();
        for (auto it = add.begin(); it != add.end(); ++it)
            merged.insert(it.key(), it.value());
        to.insert(key, merged);
    } else if (!to.contains(key)) {
        to.insert(key, part);
    }
}

void exclude(QJsonObject& o, const Name& n)
{
    const QString key = keyIn(o, n.attr);
    if (key.isEmpty() || alwaysReturned(key))
        return;
    if (n.sub.isEmpty())
        o.remove(key);
    else
        o.insert(key, withoutSub(o.value(key), n.sub));
}

Result<void> checkName(const QString& text, const char* parameter, const ResourceSchemas& rs)
{
    const auto refuse = [&](const QString& why) {
        return makeError("scim.invalidValue",
                         QStringLiteral("%1: \"%2\" %3").arg(QLatin1String(parameter), text, why));
    };
    if (text.contains(u'[') || text.contains(u' '))
        return refuse(QStringLiteral("is not an attribute name (RFC 7644 §3.4.2.5 takes names, "
                                     "not filters)"));
    const Name n = nameOf(text, rs);
    if (!n.container.isEmpty() && n.attr.isEmpty())
        return {};
    const SchemaDef* schema = rs.core;
    for (const SchemaDef* e : rs.extensions)
        if (e->id == n.container)
            schema = e;
    if (n.container.isEmpty() && text.startsWith(QLatin1String("urn:"), Qt::CaseInsensitive) &&
        !text.startsWith(rs.core->id + u':', Qt::CaseInsensitive))
        return refuse(QStringLiteral("names a schema this resource type does not have"));
    const AttributeDef* def = schema->attribute(n.attr);
    if (!def && schema == rs.core)
        def = commonAttributes().attribute(n.attr);
    if (!def && n.attr == QLatin1String("schemas") && n.sub.isEmpty())
        return {};
    if (!def)
        return refuse(QStringLiteral("is not an attribute of %1").arg(schema->name));
    if (!n.sub.isEmpty() && !def->sub(n.sub))
        return refuse(QStringLiteral("is not a sub-attribute of %1").arg(def->name));
    return {};
}

} // namespace

Result<void> checkProjection(const Projection& p, const ResourceSchemas& rs)
{
    for (const QString& name : p.attributes)
        if (auto r = checkName(name, "attributes", rs); !r)
            return r;
    for (const QString& name : p.excluded)
        if (auto r = checkName(name, "excludedAttributes", rs); !r)
            return r;
    return {};
}

Projection projectionFrom(const QString& attributes, const QString& excludedAttributes)
{
    return Projection{splitList(attributes), splitList(excludedAttributes)};
}

QJsonObject project(const QJsonObject& resource, const Projection& p, const ResourceSchemas& rs)
{
    if (p.isEmpty())
        return resource;
    QJsonObject out;
    if (!p.attributes.isEmpty()) {
        for (auto it = resource.begin(); it != resource.end(); ++it)
            if (alwaysReturned(it.key()))
                out.insert(it.key(), it.value());
        for (const QString& text : p.attributes) {
            const Name n = nameOf(text, rs);
            if (n.container.isEmpty()) {
                include(resource, out, n);
                continue;
            }
            const QJsonObject ext = resource.value(n.container).toObject();
            if (ext.isEmpty())
                continue;
            QJsonObject picked = out.value(n.container).toObject();
            if (n.attr.isEmpty())
                picked = ext;
            else
                include(ext, picked, n);
            if (!picked.isEmpty())
                out.insert(n.container, picked);
        }
    } else {
        out = resource;
    }
    for (const QString& text : p.excluded) {
        const Name n = nameOf(text, rs);
        if (n.container.isEmpty()) {
            exclude(out, n);
            continue;
        }
        if (n.attr.isEmpty()) {
            out.remove(n.container);
            continue;
        }
        QJsonObject ext = out.value(n.container).toObject();
        exclude(ext, n);
        if (ext.isEmpty())
            out.remove(n.container);
        else
            out.insert(n.container, ext);
    }
    return out;
}

} // namespace jh::scim
