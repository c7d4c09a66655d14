// jitharness accounts list|show ID|audit: what the SP's store holds — the
// accounts JIT (or SCIM, or an admin) made, one account with its links and
// history, and the append-only audit log. Read-only. Values are printed
// escaped and bounded (they are data from IdPs); --json prints them whole.
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "common/display_text.h"
#include "jit/outcome.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jh::cli {
namespace {

QString timeOrNever(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("never");
}

QJsonObject linkJson(const jit::Link& l)
{
    return {{QStringLiteral("issuer"), l.issuer},
            {QStringLiteral("subject"), l.subject},
            {QStringLiteral("nameIdFormat"), l.nameIdFormat},
            {QStringLiteral("created"), l.created.toUTC().toString(Qt::ISODateWithMs)}};
}

QJsonObject auditJson(const jit::AuditEntry& e)
{
    QJsonArray diff;
    for (const jit::FieldChange& c : e.diff)
        diff.append(QJsonObject{{QStringLiteral("field"), c.field},
                                {QStringLiteral("before"), c.before},
                                {QStringLiteral("after"), c.after}});
    return {{QStringLiteral("seq"), e.seq},
            {QStringLiteral("at"), e.at.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("actor"), jit::actorName(e.actor)},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("account"), e.accountId},
            {QStringLiteral("diff"), diff},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(e.reasons)},
            {QStringLiteral("messageId"), e.messageId}};
}

QString auditText(const jit::AuditEntry& e)
{
    QString t = QStringLiteral("%1  %2  %3 %4  account #%5  %6\n")
                    .arg(e.seq, 4)
                    .arg(timeOrNever(e.at), jit::actorName(e.actor), e.action)
                    .arg(e.accountId)
                    .arg(displayValue(e.messageId));
    for (const jit::FieldChange& c : e.diff) {
        if (c.field == QLatin1String("roles"))
            t += c.before.isEmpty()
                     ? QStringLiteral("        + role %1\n").arg(displayValue(c.after))
                     : QStringLiteral("        - role %1\n").arg(displayValue(c.before));
        else
            t += QStringLiteral("        %1: %2 -> %3\n")
                     .arg(c.field,
                          c.before.isEmpty() ? QStringLiteral("(none)") : displayValue(c.before),
                          c.after.isEmpty() ? QStringLiteral("(none)") : displayValue(c.after));
    }
    for (const QString& r : e.reasons)
        t += QStringLiteral("        because: %1\n").arg(displayValue(r));
    return t;
}

QString accountLine(const jit::Account& a)
{
    // Joined, not chained .arg(): a "%4" inside a user name would otherwise
    // be filled by the next argument.
    const QLatin1Char space(' ');
    return QString::number(a.id).rightJustified(4) + QStringLiteral("  ") +
           jit::accountStatusName(a.status).leftJustified(9) + space +
           displayValue(a.profile.userName).leftJustified(32) + space +
           jit::provisioningName(a.provisionedBy).leftJustified(6) + space +
           (a.roles.isEmpty() ? QStringLiteral("(no roles)")
                              : displayValue(a.roles.join(QStringLiteral(","))))
               .leftJustified(28) +
           QStringLiteral(" last login ") + timeOrNever(a.lastLogin) + QLatin1Char('\n');
}

int emitJson(const QJsonValue& v)
{
    const QJsonDocument doc =
        v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    out().flush();
    return Ok;
}

} // namespace

int runAccounts(const QStringList& args)
{
    Command c(QStringLiteral("accounts"),
              QStringLiteral("Show the SP's account store: 'list' the accounts, 'show ID' one "
                             "account with its links and history, 'audit' the audit log."),
              QStringLiteral("list|show ID|audit [--account ID] [--store FILE] [--json]"));
    c.parser().addPositionalArgument(QStringLiteral("what"),
                                     QStringLiteral("list, show ID or audit."));
    c.parser().addOption({QStringLiteral("account"),
                          QStringLiteral("audit: only this account's entries."),
                          QStringLiteral("ID")});
    c.addStoreOption();
    c.addJsonOption();
    if (auto done = c.parse(args, 1, 2))
        return *done;
    const QString what = c.positional().first();
    const bool show = what == QLatin1String("show");
    if (what != QLatin1String("list") && !show && what != QLatin1String("audit"))
        return c.usage(QStringLiteral("'%1' is not list, show or audit").arg(what));
    if (show != (c.positional().size() == 2))
        return c.usage(show ? QStringLiteral("show needs an account ID")
                            : QStringLiteral("%1 takes no further argument").arg(what));
    auto idFrom = [](const QString& text) -> std::optional<qint64> {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
    };
    std::optional<qint64> only;
    if (show || c.isSet("account")) {
        only = idFrom(show ? c.positional().at(1) : c.value("account"));
        if (!only)
            return c.usage(QStringLiteral("'%1' is not an account ID")
                               .arg(show ? c.positional().at(1) : c.value("account")));
    }
    auto store = c.openStore();
    if (!store)
        return c.fail(store.error());

    if (what == QLatin1String("list")) {
        auto accounts = store->accounts();
        if (!accounts)
            return c.fail(accounts.error());
        if (c.json()) {
            QJsonArray rows;
            for (const jit::Account& a : *accounts)
                rows.append(jit::accountJson(a));
            return emitJson(rows);
        }
        QString t;
        for (const jit::Account& a : *accounts)
            t += accountLine(a);
        t += QStringLiteral("%1 account(s) in %2\n").arg(accounts->size()).arg(store->path());
        out() << t;
        out().flush();
        return Ok;
    }
    auto audit = store->audit(only);
    if (!audit)
        return c.fail(audit.error());
    if (what == QLatin1String("audit")) {
        if (c.json()) {
            QJsonArray rows;
            for (const jit::AuditEntry& e : *audit)
                rows.append(auditJson(e));
            return emitJson(rows);
        }
        QString t;
        for (const jit::AuditEntry& e : *audit)
            t += auditText(e);
        out() << t;
        out().flush();
        return Ok;
    }
    auto account = store->account(*only);
    if (!account)
        return c.fail(account.error());
    if (!*account)
        return c.fail(
            makeError("accounts.unknown",
                      QStringLiteral("no account %1 in %2").arg(*only).arg(store->path())));
    auto links = store->linksOf(*only);
    if (!links)
        return c.fail(links.error());
    // The SP's groups (made over SCIM) the account is a member of.
    auto allGroups = store->groups();
    if (!allGroups)
        return c.fail(allGroups.error());
    QList<jit::SpGroup> groups;
    for (const jit::SpGroup& g : *allGroups)
        if (g.members.contains(*only))
            groups.append(g);
    if (c.json()) {
        QJsonObject o = jit::accountJson(**account);
        QJsonArray l;
        for (const jit::Link& link : *links)
            l.append(linkJson(link));
        QJsonArray h;
        for (const jit::AuditEntry& e : *audit)
            h.append(auditJson(e));
        QJsonArray g;
        for (const jit::SpGroup& group : groups)
            g.append(QJsonObject{{QStringLiteral("id"), group.id},
                                 {QStringLiteral("displayName"), group.displayName},
                                 {QStringLiteral("externalId"), group.externalId}});
        o.insert(QStringLiteral("links"), l);
        o.insert(QStringLiteral("groups"), g);
        o.insert(QStringLiteral("audit"), h);
        return emitJson(o);
    }
    const jit::Account& a = **account;
    QString t = QStringLiteral("account #%1  %2, provisioned by %3\n")
                    .arg(a.id)
                    .arg(jit::accountStatusName(a.status), jit::provisioningName(a.provisionedBy));
    for (const jit::ProfileField& f : jit::kProfileFields)
        t += QStringLiteral("  %1 %2\n")
                 .arg(f.name + QLatin1Char(':'), -13)
                 .arg(displayValue(a.profile.*f.member));
    const auto line = [](const char* name, const QString& value) {
        return QStringLiteral("  %1 %2\n").arg(QLatin1String(name), -13).arg(value);
    };
    t += line("roles:", displayValue(a.roles.join(QStringLiteral(", "))));
    if (!a.externalId.isEmpty())
        t += line("externalId:", displayValue(a.externalId));
    if (!groups.isEmpty()) {
        QStringList names;
        for (const jit::SpGroup& g : groups)
            names.append(QStringLiteral("%1 (#%2)").arg(displayValue(g.displayName)).arg(g.id));
        t += line("groups:", names.join(QStringLiteral(", ")));
    }
    t += QStringLiteral("  created %1, updated %2, last login %3\n")
             .arg(timeOrNever(a.created), timeOrNever(a.updated), timeOrNever(a.lastLogin));
    for (const jit::Link& l : *links)
        t += QStringLiteral("  linked: %1 | %2 | %3\n")
                 .arg(displayValue(l.issuer), displayValue(l.subject),
                      l.nameIdFormat.isEmpty() ? QStringLiteral("(no format)") : l.nameIdFormat);
    t += QStringLiteral("history:\n");
    for (const jit::AuditEntry& e : *audit)
        t += auditText(e);
    out() << t;
    out().flush();
    return Ok;
}

} // namespace jh::cli
