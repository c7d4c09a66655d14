#include "idp/preset.h"

namespace jh::idp {

namespace {
template <typename E>
std::optional<E> fromName(const QString& name, std::initializer_list<E> all, QString (*toName)(E))
{
    for (E e : all)
        if (toName(e) == name)
            return e;
    return std::nullopt;
}
} // namespace

QStringList knownValueSources()
{
    return {QStringLiteral("id"),
            QStringLiteral("username"),
            QStringLiteral("email"),
            QStringLiteral("givenName"),
            QStringLiteral("familyName"),
            QStringLiteral("displayName"),
            QStringLiteral("department"),
            QStringLiteral("employeeType"),
            QStringLiteral("status"),
            QStringLiteral("upn"),
            QStringLiteral("localUpn"),
            QStringLiteral("objectId"),
            QStringLiteral("tenantId"),
            QStringLiteral("identityProvider"),
            QStringLiteral("custom:<name>"),
            QStringLiteral("const:<text>")};
}

bool isKnownValueSource(const QString& source)
{
    if (source.startsWith(QLatin1String("custom:")))
        return source.size() > 7;
    if (source.startsWith(QLatin1String("const:")))
        return true;
    return !source.contains(QLatin1Char('<')) && knownValueSources().contains(source);
}

QStringList directoryPlaceholders()
{
    return {QStringLiteral("tenantId"), QStringLiteral("tenantName"),
            QStringLiteral("primaryDomain"), QStringLiteral("initialDomain")};
}

QString groupEncodingName(GroupEncoding e)
{
    switch (e) {
    case GroupEncoding::DisplayName:
        return QStringLiteral("displayName");
    case GroupEncoding::Id:
        return QStringLiteral("id");
    case GroupEncoding::DistinguishedName:
        return QStringLiteral("distinguishedName");
    }
    return {};
}

QString groupFilterTypeName(GroupFilterType t)
{
    switch (t) {
    case GroupFilterType::None:
        return QStringLiteral("none");
    case GroupFilterType::StartsWith:
        return QStringLiteral("startsWith");
    case GroupFilterType::Equals:
        return QStringLiteral("equals");
    case GroupFilterType::Contains:
        return QStringLiteral("contains");
    case GroupFilterType::Regex:
        return QStringLiteral("regex");
    case GroupFilterType::List:
        return QStringLiteral("list");
    }
    return {};
}

QString groupOverageName(GroupOverage o)
{
    switch (o) {
    case GroupOverage::None:
        return QStringLiteral("none");
    case GroupOverage::Truncate:
        return QStringLiteral("truncate");
    case GroupOverage::OmitClaim:
        return QStringLiteral("omit");
    case GroupOverage::LinkClaim:
        return QStringLiteral("link");
    }
    return {};
}

std::optional<GroupEncoding> groupEncodingFromName(const QString& name)
{
    return fromName(
        name, {GroupEncoding::DisplayName, GroupEncoding::Id, GroupEncoding::DistinguishedName},
        groupEncodingName);
}

std::optional<GroupFilterType> groupFilterTypeFromName(const QString& name)
{
    return fromName(name,
                    {GroupFilterType::None, GroupFilterType::StartsWith, GroupFilterType::Equals,
                     GroupFilterType::Contains, GroupFilterType::Regex, GroupFilterType::List},
                    groupFilterTypeName);
}

std::optional<GroupOverage> groupOverageFromName(const QString& name)
{
    return fromName(name,
                    {GroupOverage::None, GroupOverage::Truncate, GroupOverage::OmitClaim,
                     GroupOverage::LinkClaim},
                    groupOverageName);
}

} // namespace jh::idp
