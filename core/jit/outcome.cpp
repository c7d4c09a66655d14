#include "jit/outcome.h"

#include "common/display_text.h"

#include <QJsonArray>

namespace jh::jit {
namespace {

QJsonArray diffJson(const QList<FieldChange>& diff)
{
    QJsonArray a;
    for (const FieldChange& c : diff)
        a.append(QJsonObject{{QStringLiteral("field"), c.field},
                             {QStringLiteral("before"), c.before},
                             {QStringLiteral("after"), c.after}});
    return a;
}

QString isoOrEmpty(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

QString actionName(Action a)
{
    switch (a) {
    case Action::Created:
        return QStringLiteral("created");
    case Action::Updated:
        return QStringLiteral("updated");
    case Action::Unchanged:
        return QStringLiteral("unchanged");
    case Action::Reactivated:
        return QStringLiteral("reactivated");
    case Action::Linked:
        return QStringLiteral("linked");
    case Action::SessionOnly:
        return QStringLiteral("session-only");
    case Action::Denied:
        return QStringLiteral("denied");
    }
    return {};
}

QJsonObject accountJson(const Account& a)
{
    QJsonObject profile;
    for (const ProfileField& f : kProfileFields)
        profile.insert(f.name, a.profile.*f.member);
    return {
        {QStringLiteral("id"), a.id},
        {QStringLiteral("status"), accountStatusName(a.status)},
        {QStringLiteral("provisionedBy"), provisioningName(a.provisionedBy)},
        {QStringLiteral("profile"), profile},
        {QStringLiteral("roles"), QJsonArray::fromStringList(a.roles)},
        {QStringLiteral("externalId"), a.externalId},
        {QStringLiteral("created"), isoOrEmpty(a.created)},
        {QStringLiteral("updated"), isoOrEmpty(a.updated)},
        {QStringLiteral("lastLogin"), isoOrEmpty(a.lastLogin)},
    };
}

QJsonObject outcomeJson(const Outcome& o)
{
    QJsonObject j{
        {QStringLiteral("action"), actionName(o.action)},
        {QStringLiteral("provisioned"), o.provisioned()},
        {QStringLiteral("diff"), diffJson(o.diff)},
        {QStringLiteral("rolesAdded"), QJsonArray::fromStringList(o.rolesAdded())},
        {QStringLiteral("rolesRemoved"), QJsonArray::fromStringList(o.rolesRemoved())},
        {QStringLiteral("reasons"), QJsonArray::fromStringList(o.reasons)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(o.warnings)},
        {QStringLiteral("policy"), QJsonArray::fromStringList(o.policy)},
        {QStringLiteral("messageId"), o.messageId},
    };
    if (o.account)
        j.insert(QStringLiteral("account"), accountJson(*o.account));
    return j;
}

QString outcomeText(const Outcome& o, bool everyPolicyLine)
{
    QString t;
    QString head = QStringLiteral("JIT: %1").arg(actionName(o.action).toUpper());
    if (o.account && o.account->id)
        head += QStringLiteral(" account #%1").arg(o.account->id);
    t += head + QLatin1Char('\n');
    for (const FieldChange& c : o.diff) {
        if (c.field == QLatin1String("roles"))
            t += c.before.isEmpty() ? QStringLiteral("  + role %1\n").arg(displayValue(c.after))
                                    : QStringLiteral("  - role %1\n").arg(displayValue(c.before));
        else
            t += QStringLiteral("  %1: %2 -> %3\n")
                     .arg(c.field,
                          c.before.isEmpty() ? QStringLiteral("(none)") : displayValue(c.before),
                          c.after.isEmpty() ? QStringLiteral("(none)") : displayValue(c.after));
    }
    if (o.diff.isEmpty() && o.provisioned())
        t += QStringLiteral("  no change\n");
    for (const QString& r : o.reasons)
        t += QStringLiteral("  because: %1\n").arg(displayValue(r));
    for (const QString& w : o.warnings)
        t += QStringLiteral("  WARNING: %1\n").arg(displayValue(w));
    for (const QString& p : o.policy)
        if (everyPolicyLine || p.endsWith(QLatin1String("(changed from default)")))
            t += QStringLiteral("  policy: %1\n")
                     .arg(displayValue(p)); // allowed domains come from a file
    return t;
}

} // namespace jh::jit
