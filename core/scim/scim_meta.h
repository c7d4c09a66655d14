// meta (RFC 7643 §3.1) and versions: a resource's version is a digest of
// everything it returns except meta, so any change — by SCIM, by a JIT login,
// by a clean-up job — gives a new ETag without a counter to keep in step.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace jh::scim {

// W/"<16 hex digits>": weak, as the representation is compared, not bytes.
QString versionOf(const QJsonObject& resourceWithoutMeta);

// `resource` with meta {resourceType, created, lastModified, location, version}.
QJsonObject withMeta(QJsonObject resource, const QString& resourceType, const QDateTime& created,
                     const QDateTime& lastModified, const QString& location);

QString metaVersion(const QJsonObject& resource);

// If-Match / If-None-Match: "*" or a comma-separated list of entity tags.
// Weak comparison (RFC 7232 §2.3.2): W/ prefixes are ignored.
bool etagListMatches(const QByteArray& header, const QString& version);

} // namespace jh::scim
