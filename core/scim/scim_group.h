// A SCIM Group <-> a group of the store. Members are Users (accounts) only:
// this SP has no nested groups, and says so (invalidValue) rather than
// dropping a member.
#pragma once

#include "common/result.h"
#include "jit/account.h"

#include <QHash>
#include <QJsonObject>

namespace jh::scim {

struct GroupFields
{
    QString displayName;
    QString externalId;
    QList<qint64> members; // account ids as written, checked for form only
    QJsonObject kept;
};

// `resource` must have passed checkResource(groupSchemas()). Error
// scim.invalidValue for a member that is not a User id of this service.
Result<GroupFields> groupFields(const QJsonObject& resource);

// Member ids read from a members array (PATCH values use the same form).
Result<QList<qint64>> memberIds(const QJsonArray& members, const QString& where);

// `names`: account id -> what members[].display shows.
QJsonObject renderGroup(const jit::SpGroup& group, const QHash<qint64, QString>& names,
                        const QString& baseUrl);

// The resource a PATCH starts from: no id, meta or member display names.
QJsonObject writableGroup(const jit::SpGroup& group);

QString groupLocation(const QString& baseUrl, qint64 id);

} // namespace jh::scim
