#include "support/jit_printers.h"

#include <QByteArray>
#include <QStringList>

namespace jh::jit {
namespace {

char* printed(const QString& s)
{
    return qstrdup(s.toUtf8().constData());
}

} // namespace

char* toString(Action a)
{
    return printed(actionName(a));
}

char* toString(AccountStatus s)
{
    return printed(accountStatusName(s));
}

char* toString(const StoreCounts& c)
{
    return printed(QStringLiteral("accounts=%1 links=%2 audit=%3 replay=%4 groups=%5 "
                                  "memberships=%6")
                       .arg(c.accounts)
                       .arg(c.links)
                       .arg(c.audit)
                       .arg(c.replay)
                       .arg(c.groups)
                       .arg(c.memberships));
}

char* toString(const Account& a)
{
    QStringList parts{QString::number(a.id), accountStatusName(a.status),
                      provisioningName(a.provisionedBy)};
    for (const ProfileField& f : kProfileFields)
        parts << f.name + QLatin1Char('=') + (a.profile.*(f.member)).left(40);
    parts << QStringLiteral("roles=") + a.roles.join(QLatin1Char(',')).left(40)
          << QStringLiteral("externalId=") + a.externalId.left(40)
          << a.created.toString(Qt::ISODateWithMs) << a.updated.toString(Qt::ISODateWithMs)
          << a.lastLogin.toString(Qt::ISODateWithMs);
    return printed(parts.join(QStringLiteral(" | ")));
}

char* toString(const AuditEntry& e)
{
    const QStringList parts{QString::number(e.seq),
                            e.at.toString(Qt::ISODateWithMs),
                            actorName(e.actor),
                            e.action.left(40),
                            QString::number(e.accountId),
                            QString::number(e.diff.size()) + QStringLiteral(" changes"),
                            e.reasons.join(QLatin1Char(',')).left(40),
                            e.messageId.left(40)};
    return printed(parts.join(QStringLiteral(" | ")));
}

char* toString(const FieldChange& c)
{
    return printed(
        QStringLiteral("%1: '%2' -> '%3'").arg(c.field, c.before.left(60), c.after.left(60)));
}

} // namespace jh::jit
