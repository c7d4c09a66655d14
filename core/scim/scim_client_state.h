// What a SCIM client remembers between pushes, as a real provisioning
// service does: which SCIM id each person and group got on the server, what
// was last sent for them, and when a person was deactivated or soft-deleted.
// Kept as JSON (`scim push --state FILE`, the simulation's day-to-day runs),
// so that a push sends only what changed since the one before.
#pragma once

#include "common/result.h"
#include "scim/scim_client_attributes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>

namespace jh::scim {

struct ScimUserState
{
    QString scimId;            // the server's id for the person
    bool active = true;        // as last pushed
    ScimAttributes attributes; // as last pushed
    QDateTime deactivatedAt;   // when the client set active false; invalid while active
    // When the client first saw the person left or gone from the directory:
    // the start of Entra's soft-delete period. Invalid otherwise.
    QDateTime softDeletedAt;

    friend bool operator==(const ScimUserState&, const ScimUserState&) = default;
};

struct ScimGroupState
{
    QString scimId;
    QString displayName;            // as last pushed
    QMap<QString, QString> members; // person id -> SCIM user id, as last pushed

    friend bool operator==(const ScimGroupState&, const ScimGroupState&) = default;
};

struct ScimClientState
{
    QString profile;                      // "okta" / "entra"; empty before the first push
    QMap<QString, ScimUserState> users;   // by person id
    QMap<QString, ScimGroupState> groups; // by directory group id

    friend bool operator==(const ScimClientState&, const ScimClientState&) = default;

    QJsonObject toJson() const;
    // Error id: "scim.state-invalid", naming the field.
    static Result<ScimClientState> fromJson(const QJsonObject& json);
};

// Error ids: io.unreadable, scim.state-invalid (each naming the file).
Result<ScimClientState> loadScimClientState(const QString& path);
// Atomic: on failure the old file is untouched. Error id: io.unwritable.
Result<void> saveScimClientState(const ScimClientState& state, const QString& path);

} // namespace jh::scim
