#include "idp/preset_diff.h"

#include <QHash>

namespace jh::idp {

namespace {
const QString kAbsent = QStringLiteral("(absent)");

QString yesNo(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QString orNone(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("(none)") : s;
}
} // namespace

QList<std::pair<QString, QString>> flattenPreset(const Preset& p)
{
    QList<std::pair<QString, QString>> out;
    auto put = [&out](const QString& key, const QString& value) {
        out.append({key, value});
    };
    put(QStringLiteral("id"), p.id);
    put(QStringLiteral("name"), p.name);
    put(QStringLiteral("sources"), p.sources.join(QStringLiteral(" ")));

    const IssuanceDefaults& d = p.defaults;
    put(QStringLiteral("issuance.sign"), signModeName(d.sign));
    put(QStringLiteral("issuance.signatureAlgorithm"), d.signatureAlgorithm);
    put(QStringLiteral("issuance.digestAlgorithm"), d.digestAlgorithm);
    put(QStringLiteral("issuance.keyInfoCertificate"), yesNo(d.keyInfoCertificate));
    put(QStringLiteral("issuance.validitySeconds"), QString::number(d.validitySeconds));
    put(QStringLiteral("issuance.notBeforeSkewSeconds"), QString::number(d.notBeforeSkewSeconds));
    put(QStringLiteral("issuance.confirmationSeconds"), QString::number(d.confirmationSeconds));
    put(QStringLiteral("issuance.sessionSeconds"), QString::number(d.sessionSeconds));
    put(QStringLiteral("issuance.authnContextClass"), orNone(d.authnContextClass));
    put(QStringLiteral("issuance.issuer"), d.issuerTemplate);
    for (const auto& [k, v] : p.issuerVariables)
        put(QStringLiteral("issuerVariables.") + k, v);

    put(QStringLiteral("nameId.source"), p.nameId.source);
    put(QStringLiteral("nameId.format"), orNone(p.nameId.format));

    QHash<QString, int> seen;
    for (const AttributeRule& a : p.attributes) {
        const int n = ++seen[a.source];
        const QString key = QStringLiteral("attribute[%1%2]")
                                .arg(a.source, n > 1 ? QStringLiteral("#%1").arg(n) : QString());
        put(key + QStringLiteral(".name"), a.name);
        put(key + QStringLiteral(".nameFormat"), orNone(a.nameFormat));
        put(key + QStringLiteral(".valueType"), orNone(a.valueType));
        if (!a.friendlyName.isEmpty())
            put(key + QStringLiteral(".friendlyName"), a.friendlyName);
    }

    const GroupsRule& g = p.groups;
    put(QStringLiteral("groups.enabled"), yesNo(g.enabled));
    if (g.enabled) {
        put(QStringLiteral("groups.attribute"), g.attribute);
        put(QStringLiteral("groups.nameFormat"), orNone(g.nameFormat));
        put(QStringLiteral("groups.valueType"), orNone(g.valueType));
        put(QStringLiteral("groups.encoding"), groupEncodingName(g.encoding));
        put(QStringLiteral("groups.filter.type"), groupFilterTypeName(g.filter.type));
        if (!g.filter.pattern.isEmpty())
            put(QStringLiteral("groups.filter.pattern"), g.filter.pattern);
        if (!g.filter.values.isEmpty())
            put(QStringLiteral("groups.filter.values"), g.filter.values.join(QStringLiteral(", ")));
        put(QStringLiteral("groups.limit"),
            g.limit ? QString::number(g.limit) : QStringLiteral("(none)"));
        put(QStringLiteral("groups.overage"), groupOverageName(g.overage));
        if (g.overage == GroupOverage::LinkClaim) {
            put(QStringLiteral("groups.overageAttribute"), g.overageAttribute);
            put(QStringLiteral("groups.overageLink"), g.overageLink);
        }
    }

    put(QStringLiteral("email.verifiedAttribute"), orNone(p.email.verifiedAttribute));
    put(QStringLiteral("guests.upnForm"), p.guests.upnForm == GuestUpnForm::External
                                              ? QStringLiteral("external")
                                              : QStringLiteral("plain"));
    put(QStringLiteral("guests.externalEntraUpnIsMail"), yesNo(p.guests.externalEntraUpnIsMail));
    return out;
}

QList<PresetDifference> diffPresets(const Preset& a, const Preset& b)
{
    const auto left = flattenPreset(a);
    const auto right = flattenPreset(b);
    QHash<QString, QString> rightByKey;
    for (const auto& [k, v] : right)
        rightByKey.insert(k, v);
    QHash<QString, QString> leftByKey;
    QList<PresetDifference> out;
    for (const auto& [k, v] : left) {
        leftByKey.insert(k, v);
        const QString other = rightByKey.value(k, kAbsent);
        if (other != v)
            out.append({k, v, other});
    }
    for (const auto& [k, v] : right)
        if (!leftByKey.contains(k))
            out.append({k, kAbsent, v});
    return out;
}

} // namespace jh::idp
