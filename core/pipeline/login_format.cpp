#include "pipeline/login_format.h"

#include "common/display_text.h"
#include "sp/report_format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace jh::pipeline {

QJsonObject mappedJson(const jit::MappedLogin& m)
{
    QJsonObject profile;
    for (const jit::ProfileField& f : jit::kProfileFields)
        profile.insert(f.name, m.profile.*f.member);
    return {
        {QStringLiteral("issuer"), m.issuer},
        {QStringLiteral("subject"), m.subject},
        {QStringLiteral("nameIdFormat"), m.nameIdFormat},
        {QStringLiteral("profile"), profile},
        {QStringLiteral("rolesGranted"), QJsonArray::fromStringList(m.rolesGranted)},
        {QStringLiteral("groups"), jit::groupsStateName(m.groups)},
        {QStringLiteral("groupsIgnored"), QJsonArray::fromStringList(m.groupsIgnored)},
        {QStringLiteral("emailVerified"), m.emailVerified},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(m.warnings)},
    };
}

QJsonObject loginJson(const LoginSteps& steps)
{
    QJsonObject o{
        {QStringLiteral("accepted"), steps.accepted()},
        {QStringLiteral("provisioned"), steps.provisioned()},
        {QStringLiteral("report"), QJsonDocument::fromJson(sp::reportJson(steps.report)).object()},
    };
    if (steps.issued) {
        const idp::Issued& i = *steps.issued;
        o.insert(QStringLiteral("issued"),
                 QJsonObject{{QStringLiteral("responseId"), i.spec.responseId},
                             {QStringLiteral("assertionId"), i.spec.assertionId},
                             {QStringLiteral("issuer"), i.spec.issuer},
                             {QStringLiteral("nameId"), i.spec.subject.nameId},
                             {QStringLiteral("sign"), idp::signModeName(i.signing.mode)},
                             {QStringLiteral("encrypted"), i.encryption.enabled},
                             {QStringLiteral("notes"), QJsonArray::fromStringList(i.notes)}});
    }
    if (steps.mapped)
        o.insert(QStringLiteral("mapped"), mappedJson(*steps.mapped));
    if (steps.outcome)
        o.insert(QStringLiteral("outcome"), jit::outcomeJson(*steps.outcome));
    return o;
}

QString loginText(const LoginSteps& steps)
{
    QString t;
    if (steps.issued) {
        const idp::Issued& i = *steps.issued;
        // Notes and the NameID repeat claim values (overrides included): data,
        // shown escaped like every other value.
        t += QStringLiteral("IdP: issued %1 for %2 (signed %3%4)\n")
                 .arg(i.spec.assertionId, displayValue(i.spec.subject.nameId),
                      idp::signModeName(i.signing.mode),
                      i.encryption.enabled ? QStringLiteral(", encrypted") : QString());
        for (const QString& n : i.notes)
            t += QStringLiteral("  note: %1\n").arg(displayValue(n));
        t += QLatin1Char('\n');
    }
    t += sp::reportText(steps.report);
    if (steps.mapped) {
        const jit::MappedLogin& m = *steps.mapped;
        t += QStringLiteral("\nMapping: groups %1; roles granted: %2\n")
                 .arg(jit::groupsStateName(m.groups),
                      m.rolesGranted.isEmpty() ? QStringLiteral("none")
                                               : m.rolesGranted.join(QStringLiteral(", ")));
        if (!m.groupsIgnored.isEmpty()) {
            constexpr qsizetype kShown = 10;
            QStringList shown;
            for (const QString& g : m.groupsIgnored.mid(0, kShown))
                shown << displayValue(g);
            QString list = shown.join(QStringLiteral(", "));
            if (m.groupsIgnored.size() > kShown)
                list += QStringLiteral(" and %1 more").arg(m.groupsIgnored.size() - kShown);
            t += QStringLiteral("  groups granting no role: %1\n").arg(list);
        }
    }
    if (steps.outcome)
        t += QLatin1Char('\n') + jit::outcomeText(*steps.outcome);
    return t;
}

QString loginSummaryText(const LoginSteps& steps)
{
    QString t;
    if (steps.accepted())
        t = QStringLiteral("SP: ACCEPTED %1 (%2 checks passed)\n")
                .arg(displayValue(steps.report.login->nameId),
                     QString::number(std::count_if(
                         steps.report.checks.begin(), steps.report.checks.end(),
                         [](const sp::CheckResult& c) { return c.outcome == sp::Outcome::Pass; })));
    else
        t = QStringLiteral("SP: REJECTED at %1\n")
                .arg(steps.report.failedIds().join(QStringLiteral(", ")));
    if (steps.outcome)
        t += jit::outcomeText(*steps.outcome, false);
    return t;
}

} // namespace jh::pipeline
