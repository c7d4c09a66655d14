// A SCIM User <-> an account of the store (see scim_service.h for the
// split): which attributes are the account's own fields and which are kept
// beside it as the client sent them.
#pragma once

#include "jit/account.h"

#include <QJsonObject>
#include <QList>

namespace jh::scim {

// What a checked User resource (checkResource) says about the account.
struct UserFields
{
    jit::Profile profile;
    std::optional<bool> active; // unset: the resource did not say
    QString externalId;
    QJsonObject kept; // everything else, to return as sent
};

// `resource` must have passed checkResource(userSchemas()).
UserFields userFields(const QJsonObject& resource);

// The User as the service returns it (every attribute, before
// attributes / excludedAttributes), with meta and its version.
QJsonObject renderUser(const jit::Account& account, const QJsonObject& kept,
                       const QList<jit::SpGroup>& groups, const QString& baseUrl);

// The resource a PATCH starts from: the rendered User without id, meta and
// groups (which no client may write).
QJsonObject writableUser(const jit::Account& account, const QJsonObject& kept);

QString userLocation(const QString& baseUrl, qint64 id);

} // namespace jh::scim
