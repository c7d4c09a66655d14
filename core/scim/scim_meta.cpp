#include "scim/scim_meta.h"

#include "time/clock.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace jh::scim {
namespace {

QString opaque(QString tag)
{
    tag = tag.trimmed();
    if (tag.startsWith(QLatin1String("W/")))
        tag = tag.mid(2);
    return tag;
}

} // namespace

QString versionOf(const QJsonObject& resource)
{
    // QJsonObject keeps its keys sorted, so the compact text is canonical.
    const QByteArray digest = QCryptographicHash::hash(
        QJsonDocument(resource).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256);
    return QStringLiteral("W/\"%1\"").arg(QString::fromLatin1(digest.left(8).toHex()));
}

QJsonObject withMeta(QJsonObject resource, const QString& resourceType, const QDateTime& created,
                     const QDateTime& lastModified, const QString& location)
{
    const QString version = versionOf(resource);
    resource.insert(QStringLiteral("meta"),
                    QJsonObject{
                        {QStringLiteral("resourceType"), resourceType},
                        {QStringLiteral("created"), formatSamlInstant(created)},
                        {QStringLiteral("lastModified"), formatSamlInstant(lastModified)},
                        {QStringLiteral("location"), location},
                        {QStringLiteral("version"), version},
                    });
    return resource;
}

QString metaVersion(const QJsonObject& resource)
{
    return resource.value(QStringLiteral("meta"))
        .toObject()
        .value(QStringLiteral("version"))
        .toString();
}

bool etagListMatches(const QByteArray& header, const QString& version)
{
    const QString text = QString::fromLatin1(header).trimmed();
    if (text == QLatin1String("*"))
        return true;
    const QString mine = opaque(version);
    for (const QString& tag : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (opaque(tag) == mine)
            return true;
    return false;
}

} // namespace jh::scim
