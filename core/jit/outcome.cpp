#include "jit/outcome.h"

#include <QJsonArray>

namespace jh::jit {
namespace {

// Shown as \uXXXX: controls, format characters (bidi overrides, zero-width),
// the Unicode line and paragraph separators (line breaks to many viewers)
// and lone surrogates.
bool escaped(char32_t cp)
{
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Surrogate:
        return true;
    default:
        return false;
    }
}

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

// Values are stored literally; on a terminal they are shown escaped and
// bounded, so a newline or an escape sequence in a claim cannot forge lines
// of the report and a megabyte value cannot bury it.
QString displayValue(const QString& value)
{
    constexpr qsizetype kMax = 200;
    QString out;
    qsizetype i = 0;
    for (; i < value.size() && i < kMax; ++i) {
        const QChar c = value.at(i);
        if (c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(c, value.at(i + 1));
            if (escaped(cp))
                out += QStringLiteral("\\U%1").arg(uint(cp), 8, 16, QLatin1Char('0'));
            else
                out += QStringView(value).mid(i, 2);
            ++i;
        } else if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
        } else if (c == QLatin1Char('\t')) {
            out += QStringLiteral("\\t");
        } else if (c == QLatin1Char('\\')) {
            out += QStringLiteral("\\\\");
        } else if (escaped(c.unicode())) {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    if (i < value.size())
        out += QStringLiteral("… (%1 characters)").arg(value.size());
    return out;
}

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
