#include "jit/account.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace jh::jit {
namespace {

template <typename E> struct EnumName
{
    E value;
    QLatin1String name;
};

constexpr EnumName<AccountStatus> kStatusNames[] = {
    {AccountStatus::Active, QLatin1String("active")},
    {AccountStatus::Suspended, QLatin1String("suspended")},
    {AccountStatus::Deleted, QLatin1String("deleted")},
};

constexpr EnumName<Provisioning> kProvisioningNames[] = {
    {Provisioning::Jit, QLatin1String("jit")},
    {Provisioning::Scim, QLatin1String("scim")},
    {Provisioning::SelfRegistration, QLatin1String("self-registration")},
    {Provisioning::Admin, QLatin1String("admin")},
};

constexpr EnumName<Actor> kActorNames[] = {
    {Actor::Jit, QLatin1String("jit")},
    {Actor::Scim, QLatin1String("scim")},
    {Actor::Cleanup, QLatin1String("clean-up")},
    {Actor::Admin, QLatin1String("admin")},
};

template <typename E, std::size_t N> QString nameOf(const EnumName<E> (&table)[N], E value)
{
    for (const auto& entry : table) {
        if (entry.value == value)
            return entry.name;
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const EnumName<E> (&table)[N], QStringView name)
{
    for (const auto& entry : table) {
        if (name == entry.name)
            return entry.value;
    }
    return std::nullopt;
}

const ProfileField* findField(QStringView name)
{
    for (const ProfileField& f : kProfileFields) {
        if (name == f.name)
            return &f;
    }
    return nullptr;
}

const QString kRoles = QStringLiteral("roles");

} // namespace

QString accountStatusName(AccountStatus s)
{
    return nameOf(kStatusNames, s);
}

QString provisioningName(Provisioning p)
{
    return nameOf(kProvisioningNames, p);
}

QString actorName(Actor a)
{
    return nameOf(kActorNames, a);
}

std::optional<AccountStatus> accountStatusFromName(QStringView name)
{
    return valueOf(kStatusNames, name);
}

std::optional<Provisioning> provisioningFromName(QStringView name)
{
    return valueOf(kProvisioningNames, name);
}

std::optional<Actor> actorFromName(QStringView name)
{
    return valueOf(kActorNames, name);
}

const QStringList& profileFields()
{
    static const QStringList names = [] {
        QStringList out;
        for (const ProfileField& f : kProfileFields)
            out.append(f.name);
        return out;
    }();
    return names;
}

std::optional<QString> profileValue(const Profile& p, QStringView field)
{
    const ProfileField* f = findField(field);
    if (!f)
        return std::nullopt;
    return p.*(f->member);
}

bool setProfileValue(Profile& p, QStringView field, QString value)
{
    const ProfileField* f = findField(field);
    if (!f)
        return false;
    p.*(f->member) = std::move(value);
    return true;
}

QStringList normalizedRoles(QStringList roles)
{
    roles.removeAll(QString());
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    return roles;
}

QList<FieldChange> diffAccounts(const Account& before, const Account& after)
{
    QList<FieldChange> out;
    auto compare = [&out](const QString& field, const QString& a, const QString& b) {
        if (a != b)
            out.append({field, a, b});
    };
    compare(QStringLiteral("status"), accountStatusName(before.status),
            accountStatusName(after.status));
    for (const ProfileField& f : kProfileFields)
        compare(f.name, before.profile.*(f.member), after.profile.*(f.member));
    compare(QStringLiteral("externalId"), before.externalId, after.externalId);

    // Compare canonical forms, so that order or duplicates in a caller's list
    // never show up as a change.
    const QStringList was = normalizedRoles(before.roles);
    const QStringList now = normalizedRoles(after.roles);
    std::vector<QString> removed, added;
    std::set_difference(was.begin(), was.end(), now.begin(), now.end(),
                        std::back_inserter(removed));
    std::set_difference(now.begin(), now.end(), was.begin(), was.end(), std::back_inserter(added));
    for (const QString& r : removed)
        out.append({kRoles, r, QString()});
    for (const QString& r : added)
        out.append({kRoles, QString(), r});
    return out;
}

QStringList rolesAdded(const QList<FieldChange>& diff)
{
    QStringList out;
    for (const FieldChange& c : diff) {
        if (c.field == kRoles && c.before.isEmpty())
            out.append(c.after);
    }
    return out;
}

QStringList rolesRemoved(const QList<FieldChange>& diff)
{
    QStringList out;
    for (const FieldChange& c : diff) {
        if (c.field == kRoles && c.after.isEmpty())
            out.append(c.before);
    }
    return out;
}

} // namespace jh::jit
