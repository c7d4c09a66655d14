#include "idp/directory.h"

#include <QSet>

namespace jh::idp {

namespace {
Error invalid(const QString& message)
{
    return makeError("directory.invalid", message);
}
} // namespace

const Person* Directory::person(const QString& id) const
{
    const auto it = m_personIndex.constFind(id);
    return it == m_personIndex.cend() ? nullptr : &m_people.at(*it);
}

const Group* Directory::group(const QString& id) const
{
    const auto it = m_groupIndex.constFind(id);
    return it == m_groupIndex.cend() ? nullptr : &m_groups.at(*it);
}

QList<const Group*> Directory::groupsOf(const Person& p) const
{
    QList<const Group*> out;
    out.reserve(p.groups.size());
    for (const QString& id : p.groups)
        if (const Group* g = group(id))
            out.append(g);
    return out;
}

Result<void> Directory::checkPerson(const Person& p, bool isNew) const
{
    if (p.id.isEmpty())
        return invalid(QStringLiteral("a person needs an id"));
    if (isNew && person(p.id))
        return invalid(QStringLiteral("duplicate person id '%1'").arg(p.id));
    if (!isNew && !person(p.id))
        return invalid(QStringLiteral("no person with id '%1'").arg(p.id));
    if (p.username.isEmpty())
        return invalid(QStringLiteral("person '%1' needs a username").arg(p.id));
    if (!p.manager.isEmpty()) {
        if (p.manager == p.id)
            return invalid(QStringLiteral("person '%1' cannot be their own manager").arg(p.id));
        if (!person(p.manager))
            return invalid(
                QStringLiteral("person '%1': unknown manager '%2'").arg(p.id, p.manager));
    }
    QSet<QString> seen;
    for (const QString& g : p.groups) {
        if (!group(g))
            return invalid(QStringLiteral("person '%1': unknown group '%2'").arg(p.id, g));
        if (seen.contains(g))
            return invalid(QStringLiteral("person '%1': group '%2' listed twice").arg(p.id, g));
        seen.insert(g);
    }
    return {};
}

Result<void> Directory::addPerson(Person p)
{
    if (auto ok = checkPerson(p, true); !ok)
        return ok;
    m_personIndex.insert(p.id, m_people.size());
    m_people.append(std::move(p));
    return {};
}

Result<void> Directory::updatePerson(Person p)
{
    if (auto ok = checkPerson(p, false); !ok)
        return ok;
    m_people[m_personIndex.value(p.id)] = std::move(p);
    return {};
}

bool Directory::removePerson(const QString& id)
{
    if (!person(id))
        return false;
    m_people.removeAt(m_personIndex.value(id));
    for (Person& p : m_people)
        if (p.manager == id)
            p.manager.clear();
    reindex();
    return true;
}

Result<void> Directory::addGroup(Group g)
{
    if (g.id.isEmpty())
        return invalid(QStringLiteral("a group needs an id"));
    if (group(g.id))
        return invalid(QStringLiteral("duplicate group id '%1'").arg(g.id));
    m_groupIndex.insert(g.id, m_groups.size());
    m_groups.append(std::move(g));
    return {};
}

Result<void> Directory::updateGroup(Group g)
{
    if (!group(g.id))
        return invalid(QStringLiteral("no group with id '%1'").arg(g.id));
    m_groups[m_groupIndex.value(g.id)] = std::move(g);
    return {};
}

bool Directory::removeGroup(const QString& id)
{
    if (!group(id))
        return false;
    m_groups.removeAt(m_groupIndex.value(id));
    for (Person& p : m_people)
        p.groups.removeAll(id);
    reindex();
    return true;
}

void Directory::reindex()
{
    m_personIndex.clear();
    m_groupIndex.clear();
    for (qsizetype i = 0; i < m_people.size(); ++i)
        m_personIndex.insert(m_people.at(i).id, i);
    for (qsizetype i = 0; i < m_groups.size(); ++i)
        m_groupIndex.insert(m_groups.at(i).id, i);
}

bool Directory::operator==(const Directory& other) const
{
    return m_tenant == other.m_tenant && m_people == other.m_people && m_groups == other.m_groups;
}

} // namespace jh::idp
