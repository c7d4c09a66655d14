// What one push sent and what the server answered: every exchange in order,
// with the client's reason for it, and the counts. A refused request is a
// failed step in the report, never an abort, so the report shows what the
// server said; only a transport failure (no HTTP answer) stops a push.
#pragma once

#include "common/result.h"
#include "scim/scim_exchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace jh::scim {

struct ScimExchangeRecord
{
    // Why the client sent it: "lookup", "create", "get", "update",
    // "deactivate", "reactivate", "delete", "group-lookup", "group-create",
    // "group-rename", "group-members", "group-delete".
    QString action;
    QString subject; // the person or directory group id
    ScimRequest request;
    int status = 0; // 0: no HTTP answer
    QByteArray responseBody;
    QString scimType;
    QString error; // a transport error, or what made a 2xx answer unusable
    bool ok = false;
};

struct PushSummary
{
    int created = 0;
    int updated = 0;
    int deactivated = 0;
    int reactivated = 0;
    int deleted = 0;
    int groupsCreated = 0;
    int groupsUpdated = 0;
    int groupsDeleted = 0;
    int failed = 0; // exchanges that were refused or unusable

    friend bool operator==(const PushSummary&, const PushSummary&) = default;
};

struct PushReport
{
    QString profile;
    QDateTime at;
    QList<ScimExchangeRecord> exchanges;
    PushSummary summary;
    std::optional<Error> aborted; // the transport failure that stopped the push

    // No exchange failed and the push ran to the end.
    bool succeeded() const { return summary.failed == 0 && !aborted; }
    QJsonObject toJson() const;
};

// "/Users?filter=userName eq \"a@b\"&startIndex=1&count=100": the path and
// its decoded query, for people to read.
QString requestTarget(const ScimRequest& request);
// One line per exchange: `POST /Users -> 201`, `GET /Users/7 -> no answer
// (...)`, with the scimType or the client's complaint when there is one.
QString exchangeLine(const ScimExchangeRecord& record);

} // namespace jh::scim
