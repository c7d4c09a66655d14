// The mock IdP's directory: one tenant, its people and its groups. It keeps
// itself consistent (unique ids, managers and memberships that point at
// something), so whatever reads it — the claim shaper, the simulation's HR
// events, the file writer — never meets a dangling reference.
#pragma once

#include "common/result.h"
#include "idp/person.h"

#include <QHash>
#include <QList>

namespace jh::idp {

struct TenantInfo
{
    QString id;            // a GUID; Entra's issuer is https://sts.windows.net/{id}/
    QString displayName;   // "Contoso"
    QString primaryDomain; // "contoso.example"
    QString initialDomain; // "contoso.onmicrosoft.com": where guests' #EXT# UPNs live

    bool operator==(const TenantInfo&) const = default;
};

// Error id for every rejected change: "directory.invalid".
class Directory
{
public:
    const TenantInfo& tenant() const { return m_tenant; }
    void setTenant(TenantInfo tenant) { m_tenant = std::move(tenant); }

    const QList<Person>& people() const { return m_people; }
    const QList<Group>& groups() const { return m_groups; }

    // nullptr when there is no such id. Pointers stay valid until the next change.
    const Person* person(const QString& id) const;
    const Group* group(const QString& id) const;
    // The groups a person belongs to, in the person's order (unknown ids skipped).
    QList<const Group*> groupsOf(const Person& p) const;

    // Adds at the end. Rejects an empty or duplicate id, an unknown manager or
    // group, a manager that is the person, a group listed twice.
    Result<void> addPerson(Person p);
    // Replaces the person with the same id, with the same checks.
    Result<void> updatePerson(Person p);
    // Removes the person and clears every manager field that pointed at them.
    bool removePerson(const QString& id);

    Result<void> addGroup(Group g);
    Result<void> updateGroup(Group g);
    // Removes the group and every membership of it.
    bool removeGroup(const QString& id);

    bool operator==(const Directory& other) const;

private:
    Result<void> checkPerson(const Person& p, bool isNew) const;
    void reindex();

    TenantInfo m_tenant;
    QList<Person> m_people;
    QList<Group> m_groups;
    QHash<QString, qsizetype> m_personIndex;
    QHash<QString, qsizetype> m_groupIndex;
};

} // namespace jh::idp
