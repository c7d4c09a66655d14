// How SCIM exchanges travel in HTTP (RFC 7644 §3.1, §3.8): the media types a
// body may carry, and the request target — a percent-decoded path below the
// service root and the query as decoded pairs — in both directions, shared by
// our server and our HTTP client so that what one encodes the other decodes
// to the same ScimRequest.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace jh::http {

// Where the SCIM service sits on our server.
inline constexpr char kScimBasePath[] = "/scim/v2";

// True for application/scim+json and application/json, in any case, with or
// without parameters (charset=utf-8, ...).
bool isScimMediaType(const QByteArray& contentType);

// The query string (without '?') as decoded pairs, in order. '+' is a space,
// as HTML forms and many clients send it; a literal '+' arrives as %2B.
QList<QPair<QString, QString>> decodeQuery(const QByteArray& query);

// The inverse: every byte but the unreserved ones percent-encoded, so that
// '+', '&', '=' and '"' in a filter survive any server's decoding.
QByteArray encodeQuery(const QList<QPair<QString, QString>>& pairs);

// A decoded path ("/Users/a b") as it goes on the wire ("/Users/a%20b").
QByteArray encodePath(const QString& path);

} // namespace jh::http
