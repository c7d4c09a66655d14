#include "idp/person.h"

namespace jh::idp {

QString personStatusName(PersonStatus s)
{
    switch (s) {
    case PersonStatus::Active:
        return QStringLiteral("active");
    case PersonStatus::Suspended:
        return QStringLiteral("suspended");
    case PersonStatus::Left:
        return QStringLiteral("left");
    }
    return {};
}

std::optional<PersonStatus> personStatusFromName(const QString& name)
{
    for (PersonStatus s : {PersonStatus::Active, PersonStatus::Suspended, PersonStatus::Left})
        if (personStatusName(s) == name)
            return s;
    return std::nullopt;
}

QStringList personStatusNames()
{
    return {personStatusName(PersonStatus::Active), personStatusName(PersonStatus::Suspended),
            personStatusName(PersonStatus::Left)};
}

const CustomAttribute* Person::customAttribute(const QString& name) const
{
    for (const CustomAttribute& a : customAttributes)
        if (a.name == name)
            return &a;
    return nullptr;
}

} // namespace jh::idp
