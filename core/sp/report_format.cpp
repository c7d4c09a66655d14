#include "sp/report_format.h"

#include "common/display_text.h"
#include "time/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

namespace jh::sp {
namespace {

QJsonObject loginJson(const VerifiedLogin& l)
{
    QJsonArray attrs;
    for (const saml::Attribute& a : l.attributes)
        attrs.append(QJsonObject{{QStringLiteral("name"), a.name},
                                 {QStringLiteral("nameFormat"), a.nameFormat},
                                 {QStringLiteral("values"), QJsonArray::fromStringList(a.values)}});
    return {{QStringLiteral("issuer"), l.issuer},
            {QStringLiteral("nameId"), l.nameId},
            {QStringLiteral("nameIdFormat"), l.nameIdFormat},
            {QStringLiteral("sessionIndex"), l.sessionIndex},
            {QStringLiteral("authnInstant"),
             l.authnInstant.isValid() ? formatSamlInstant(l.authnInstant) : QString()},
            {QStringLiteral("assertionId"), l.assertionId},
            {QStringLiteral("attributes"), attrs}};
}

} // namespace

QString reportText(const Report& report)
{
    QString out;
    for (const QString& line : report.configuration)
        out += QStringLiteral("# %1\n").arg(line);
    for (const CheckResult& c : report.checks) {
        const QString mark = c.outcome == Outcome::Pass   ? QStringLiteral("PASS")
                             : c.outcome == Outcome::Fail ? QStringLiteral("FAIL")
                                                          : QStringLiteral("skip");
        out += QStringLiteral("%1  %2  %3").arg(mark, -4).arg(c.id, -26).arg(c.title);
        if (c.outcome == Outcome::Pass && !c.found.isEmpty())
            out += QStringLiteral("  [%1]").arg(displayValue(c.found.left(100)));
        out += QLatin1Char('\n');
        if (c.outcome == Outcome::Fail) {
            out += QStringLiteral("        expected: %1\n        found:    %2\n")
                       .arg(displayValue(c.expected), displayValue(c.found));
            if (!c.path.isEmpty())
                out += QStringLiteral("        at:       %1\n").arg(c.path);
            out += QStringLiteral("        clause:   %1\n").arg(c.clause);
        }
        if (!c.detail.isEmpty() && c.outcome != Outcome::Pass)
            out += QStringLiteral("        %1\n").arg(displayValue(c.detail));
    }
    if (report.login) {
        out +=
            QStringLiteral("ACCEPTED: %1 [%2] from %3\n")
                .arg(displayValue(report.login->nameId), displayValue(report.login->nameIdFormat),
                     displayValue(report.login->issuer));
        for (const saml::Attribute& a : report.login->attributes)
            out +=
                QStringLiteral("  %1 = %2\n")
                    .arg(displayValue(a.name), displayValue(a.values.join(QStringLiteral(" | "))));
    } else {
        out += QStringLiteral("REJECTED: %1\n").arg(report.failedIds().join(QStringLiteral(", ")));
    }
    return out;
}

QByteArray reportJson(const Report& report)
{
    QJsonArray checks;
    for (const CheckResult& c : report.checks) {
        QJsonObject o{{QStringLiteral("id"), c.id},
                      {QStringLiteral("title"), c.title},
                      {QStringLiteral("outcome"), outcomeName(c.outcome)},
                      {QStringLiteral("clause"), c.clause}};
        for (const auto& [key, value] :
             {std::pair{"expected", c.expected}, std::pair{"found", c.found},
              std::pair{"detail", c.detail}, std::pair{"path", c.path}})
            if (!value.isEmpty())
                o.insert(QLatin1String(key), value);
        checks.append(o);
    }
    QJsonObject root{
        {QStringLiteral("accepted"), report.accepted()},
        {QStringLiteral("failed"), QJsonArray::fromStringList(report.failedIds())},
        {QStringLiteral("configuration"), QJsonArray::fromStringList(report.configuration)},
        {QStringLiteral("checks"), checks}};
    if (report.login)
        root.insert(QStringLiteral("login"), loginJson(*report.login));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray reportJUnit(const Report& report, const QString& suiteName)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuite"));
    w.writeAttribute(QStringLiteral("name"), suiteName);
    w.writeAttribute(QStringLiteral("tests"), QString::number(report.checks.size()));
    w.writeAttribute(QStringLiteral("failures"), QString::number(report.failedIds().size()));
    qsizetype skipped = 0;
    for (const CheckResult& c : report.checks)
        skipped += c.outcome == Outcome::Skipped;
    w.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    for (const CheckResult& c : report.checks) {
        w.writeStartElement(QStringLiteral("testcase"));
        w.writeAttribute(QStringLiteral("classname"), suiteName);
        w.writeAttribute(QStringLiteral("name"), QStringLiteral("%1: %2").arg(c.id, c.title));
        if (c.outcome == Outcome::Fail) {
            w.writeStartElement(QStringLiteral("failure"));
            w.writeAttribute(QStringLiteral("message"),
                             QStringLiteral("expected %1, found %2").arg(c.expected, c.found));
            w.writeCharacters(
                QStringLiteral("%1\n%2\n%3").arg(c.path, c.clause, c.detail).trimmed());
            w.writeEndElement();
        } else if (c.outcome == Outcome::Skipped) {
            w.writeStartElement(QStringLiteral("skipped"));
            w.writeAttribute(QStringLiteral("message"), c.detail);
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace jh::sp
