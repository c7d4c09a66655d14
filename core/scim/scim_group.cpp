#include "scim/scim_group.h"

#include "scim/scim_meta.h"
#include "scim/scim_schema.h"

#include <QJsonArray>

namespace jh::scim {

Result<QList<qint64>> memberIds(const QJsonArray& members, const QString& where)
{
    QList<qint64> ids;
    for (qsizetype i = 0; i < members.size(); ++i) {
        const QJsonObject m = members[i].toObject();
        const QString at = QStringLiteral("%1[%2]").arg(where).arg(i);
        const QString type = m.value(QStringLiteral("type")).toString();
        if (type.compare(QLatin1String("Group"), Qt::CaseInsensitive) == 0)
            return makeError("scim.invalidValue",
                             QStringLiteral("%1: nested groups are not supported here; members "
                                            "must be Users")
                                 .arg(at));
        const QString value = m.value(QStringLiteral("value")).toString();
        bool ok = false;
        const qint64 id = value.toLongLong(&ok);
        if (!ok || id <= 0)
            return makeError("scim.invalidValue",
                             QStringLiteral("%1.value: '%2' is not the id of a User of this "
                                            "service")
                                 .arg(at, value));
        ids.append(id);
    }
    return ids;
}

Result<GroupFields> groupFields(const QJsonObject& resource)
{
    GroupFields f;
    QJsonObject kept = resource;
    kept.remove(QStringLiteral("schemas"));
    f.displayName = kept.take(QStringLiteral("displayName")).toString();
    f.externalId = kept.take(QStringLiteral("externalId")).toString();
    auto ids = memberIds(kept.take(QStringLiteral("members")).toArray(), QStringLiteral("members"));
    if (!ids)
        return ids.error();
    f.members = *ids;
    f.kept = kept;
    return f;
}

QString groupLocation(const QString& baseUrl, qint64 id)
{
    return baseUrl + QStringLiteral("/Groups/") + QString::number(id);
}

QJsonObject writableGroup(const jit::SpGroup& g)
{
    QJsonObject o = g.attributes;
    o.insert(QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kGroupSchema)});
    o.insert(QStringLiteral("displayName"), g.displayName);
    if (!g.externalId.isEmpty())
        o.insert(QStringLiteral("externalId"), g.externalId);
    QJsonArray members;
    for (const qint64 id : g.members)
        members.append(QJsonObject{{QStringLiteral("value"), QString::number(id)}});
    if (!members.isEmpty())
        o.insert(QStringLiteral("members"), members);
    return o;
}

QJsonObject renderGroup(const jit::SpGroup& g, const QHash<qint64, QString>& names,
                        const QString& baseUrl)
{
    QJsonObject o = writableGroup(g);
    QJsonArray members;
    for (const qint64 id : g.members)
        members.append(QJsonObject{
            {QStringLiteral("value"), QString::number(id)},
            {QStringLiteral("$ref"), baseUrl + QStringLiteral("/Users/") + QString::number(id)},
            {QStringLiteral("display"), names.value(id)},
            {QStringLiteral("type"), QStringLiteral("User")},
        });
    if (!members.isEmpty())
        o.insert(QStringLiteral("members"), members);
    o.insert(QStringLiteral("id"), QString::number(g.id));
    return withMeta(o, QStringLiteral("Group"), g.created, g.updated, groupLocation(baseUrl, g.id));
}

} // namespace jh::scim
