// The account store's SCIM side: attributes kept beside accounts, and the
// SP's groups with their members. Same connection, statements and error ids
// as the rest of the store (account_store.cpp).
#include "jit/account_store.h"
#include "jit/store_impl.h"
#include "jit/store_sql.h"

#include <QJsonDocument>
#include <algorithm>
#include <iterator>

namespace jh::jit {
namespace {

QString compactJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<QJsonObject> objectFromText(const QString& text, const QString& path, qint64 accountId)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(
            "store.corrupt",
            path + QStringLiteral(": account %1 has unreadable SCIM attributes").arg(accountId));
    return doc.object();
}

Result<QJsonObject> attributesOf(StoreImpl& d, qint64 accountId)
{
    auto rows = d.select<QString>(Stmt::ScimAttributesOf, {accountId}, [](const QSqlQuery& q) {
        return Result<QString>(q.value(0).toString());
    });
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return QJsonObject();
    return objectFromText(rows->first(), d.path, accountId);
}

Result<QList<qint64>> idsOf(StoreImpl& d, Stmt s, qint64 key)
{
    return d.select<qint64>(
        s, {key}, [](const QSqlQuery& q) { return Result<qint64>(q.value(0).toLongLong()); });
}

Result<std::optional<SpGroup>> groupOf(StoreImpl& d, qint64 id)
{
    auto rows = d.select<SpGroup>(Stmt::GroupById, {id},
                                  [&](const QSqlQuery& q) { return groupFromRow(q, d.path); });
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<SpGroup>();
    SpGroup g = rows->first();
    auto members = idsOf(d, Stmt::MembersOf, id);
    if (!members)
        return members.error();
    g.members = *members;
    return std::optional<SpGroup>(std::move(g));
}

Result<QList<SpGroup>> allGroups(StoreImpl& d)
{
    auto rows = d.select<SpGroup>(Stmt::AllGroups, {},
                                  [&](const QSqlQuery& q) { return groupFromRow(q, d.path); });
    if (!rows)
        return rows.error();
    auto pairs = d.select<QPair<qint64, qint64>>(Stmt::AllMembers, {}, [](const QSqlQuery& q) {
        return Result<QPair<qint64, qint64>>({q.value(0).toLongLong(), q.value(1).toLongLong()});
    });
    if (!pairs)
        return pairs.error();
    QHash<qint64, qsizetype> index;
    for (qsizetype i = 0; i < rows->size(); ++i)
        index.insert((*rows)[i].id, i);
    for (const auto& [group, account] : *pairs)
        (*rows)[index.value(group)].members.append(account);
    return rows;
}

Result<void> exec(StoreImpl& d, Stmt s, const QVariantList& args)
{
    Result<QSqlQuery*> r = d.run(s, args);
    if (!r)
        return r.error();
    (*r)->finish();
    return {};
}

// Writes only the difference to what is stored: a group of thousands that
// gains one member costs one row, not thousands.
Result<void> writeMembers(StoreImpl& d, qint64 groupId, QList<qint64> members)
{
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    auto stored = idsOf(d, Stmt::MembersOf, groupId);
    if (!stored)
        return stored.error();
    QList<qint64> gone;
    std::set_difference(stored->begin(), stored->end(), members.begin(), members.end(),
                        std::back_inserter(gone));
    QList<qint64> added;
    std::set_difference(members.begin(), members.end(), stored->begin(), stored->end(),
                        std::back_inserter(added));
    for (const qint64 account : gone) {
        if (auto r = exec(d, Stmt::DeleteMember, {groupId, account}); !r)
            return r;
    }
    for (const qint64 account : added) {
        if (auto r = exec(d, Stmt::InsertMember, {groupId, account}); !r)
            return r;
    }
    return {};
}

QVariantList groupValues(const SpGroup& g)
{
    return {textValue(g.displayName), textValue(g.externalId), compactJson(g.attributes),
            timeValue(g.created), timeValue(g.updated)};
}

Error invalidGroup(const QString& path)
{
    return makeError("store.invalid",
                     path + QStringLiteral(": a group needs a display name and created and "
                                           "updated times"));
}

bool validGroup(const SpGroup& g)
{
    return !g.displayName.isEmpty() && g.created.isValid() && g.updated.isValid();
}

} // namespace

// ---- inside a transaction

Result<QJsonObject> StoreTx::scimAttributes(qint64 accountId)
{
    return attributesOf(m_d, accountId);
}

Result<void> StoreTx::setScimAttributes(qint64 accountId, const QJsonObject& attributes)
{
    if (attributes.isEmpty())
        return exec(m_d, Stmt::DeleteScimAttributes, {accountId});
    return exec(m_d, Stmt::SetScimAttributes, {accountId, compactJson(attributes)});
}

Result<std::optional<SpGroup>> StoreTx::groupById(qint64 id)
{
    return groupOf(m_d, id);
}

Result<QList<SpGroup>> StoreTx::groups()
{
    return allGroups(m_d);
}

Result<qint64> StoreTx::insertGroup(const SpGroup& g)
{
    if (!validGroup(g))
        return invalidGroup(m_d.path);
    Result<QSqlQuery*> r = m_d.run(Stmt::InsertGroup, groupValues(g));
    if (!r)
        return r.error();
    const qint64 id = (*r)->lastInsertId().toLongLong();
    (*r)->finish();
    if (auto members = writeMembers(m_d, id, g.members); !members)
        return members.error();
    return id;
}

Result<void> StoreTx::updateGroup(const SpGroup& g)
{
    if (!validGroup(g))
        return invalidGroup(m_d.path);
    QVariantList values = groupValues(g);
    values << g.id;
    Result<QSqlQuery*> r = m_d.run(Stmt::UpdateGroup, values);
    if (!r)
        return r.error();
    const int changed = (*r)->numRowsAffected();
    (*r)->finish();
    if (changed == 0)
        return makeError("store.not-found",
                         m_d.path + QStringLiteral(": no group %1 to update").arg(g.id));
    return writeMembers(m_d, g.id, g.members);
}

Result<void> StoreTx::deleteGroup(qint64 id)
{
    if (auto members = exec(m_d, Stmt::DeleteMembers, {id}); !members)
        return members;
    Result<QSqlQuery*> r = m_d.run(Stmt::DeleteGroup, {id});
    if (!r)
        return r.error();
    const int changed = (*r)->numRowsAffected();
    (*r)->finish();
    if (changed == 0)
        return makeError("store.not-found",
                         m_d.path + QStringLiteral(": no group %1 to delete").arg(id));
    return {};
}

Result<QList<qint64>> StoreTx::groupIdsOf(qint64 accountId)
{
    return idsOf(m_d, Stmt::GroupIdsOf, accountId);
}

Result<QList<qint64>> StoreTx::removeFromAllGroups(qint64 accountId)
{
    auto ids = idsOf(m_d, Stmt::GroupIdsOf, accountId);
    if (!ids)
        return ids;
    if (!ids->isEmpty()) {
        if (auto r = exec(m_d, Stmt::DeleteMemberships, {accountId}); !r)
            return r.error();
    }
    return ids;
}

// ---- reads outside a transaction

Result<QHash<qint64, QJsonObject>> AccountStore::allScimAttributes()
{
    StoreImpl& d = *m_d;
    auto rows =
        d.select<QPair<qint64, QString>>(Stmt::AllScimAttributes, {}, [](const QSqlQuery& q) {
            return Result<QPair<qint64, QString>>({q.value(0).toLongLong(), q.value(1).toString()});
        });
    if (!rows)
        return rows.error();
    QHash<qint64, QJsonObject> out;
    out.reserve(rows->size());
    for (const auto& [id, text] : *rows) {
        auto o = objectFromText(text, d.path, id);
        if (!o)
            return o.error();
        out.insert(id, *o);
    }
    return out;
}

Result<QJsonObject> AccountStore::scimAttributes(qint64 accountId)
{
    return attributesOf(*m_d, accountId);
}

Result<QList<SpGroup>> AccountStore::groups()
{
    return allGroups(*m_d);
}

Result<std::optional<SpGroup>> AccountStore::group(qint64 id)
{
    return groupOf(*m_d, id);
}

} // namespace jh::jit
