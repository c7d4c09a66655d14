// One SCIM exchange as plain values, independent of any transport: the
// service answers a ScimRequest with a ScimResponse, the HTTP server turns
// HTTP into these and back, and the SCIM clients send them through a
// ScimTransport (over HTTP to any server, or in process to ours).
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace jh::scim {

inline constexpr const char* kScimContentType = "application/scim+json";
inline constexpr const char* kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

struct ScimRequest
{
    QByteArray method; // "GET", "POST", "PUT", "PATCH", "DELETE"
    // The path below the service's base URL: "/Users", "/Users/17",
    // "/Groups/3", "/ServiceProviderConfig", ... Percent-decoded, no query.
    QString path;
    QList<QPair<QString, QString>> query; // decoded, in order: filter, startIndex, ...
    QByteArray body;
    QByteArray ifMatch;     // the If-Match header, empty when absent
    QByteArray ifNoneMatch; // the If-None-Match header, empty when absent

    QString queryValue(const QString& name) const; // first value; empty when absent
    bool hasQuery(const QString& name) const;
};

struct ScimResponse
{
    int status = 200;
    QByteArray body;     // JSON, empty for 204
    QByteArray etag;     // the ETag header (W/"..."), empty: none
    QByteArray location; // the Location header (201), empty: none
    QByteArray contentType = kScimContentType;

    // The body parsed; an empty object when it is not a JSON object.
    QJsonObject json() const;
    // scimType of an error body; empty when none.
    QString scimType() const;
};

// An error response (RFC 7644 §3.12): {"schemas": [kErrorSchema],
// "status": "409", "scimType": "uniqueness", "detail": "..."}; scimType left
// out when empty.
ScimResponse errorResponse(int status, const QString& scimType, const QString& detail);

// Sends one request and returns the response. Errors (transport.*) are for
// exchanges that got no HTTP response at all (refused, timed out); an HTTP
// error status is a response, not an error.
class ScimTransport
{
public:
    virtual ~ScimTransport() = default;
    virtual Result<ScimResponse> send(const ScimRequest& request) = 0;
};

} // namespace jh::scim
