#include "attack/attack_format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QXmlStreamWriter>

namespace jh::attack {
namespace {

constexpr Verdict kAllVerdicts[] = {
    Verdict::Caught,      Verdict::CaughtElsewhere, Verdict::EdgeAccepted, Verdict::Fooled,
    Verdict::EdgeRefused, Verdict::TwinRefused,     Verdict::NotJudged,    Verdict::NotBuilt};

QString expectedOf(const AttackCase& c)
{
    return c.fault->mustAccept() ? QStringLiteral("accept") : c.fault->expectedCheck;
}

// What to read after the verdict: where it went wrong, or why it was not judged.
QString explanation(const AttackCase& c)
{
    if (!c.detail.isEmpty())
        return c.detail;
    if (c.verdict == Verdict::TwinRefused && c.twinReport)
        return QStringLiteral("the valid twin was refused at %1")
            .arg(c.twinReport->failedIds().join(QStringLiteral(", ")));
    if (c.verdict == Verdict::Fooled)
        return QStringLiteral("accepted as %1").arg(c.report->login->nameId);
    if (c.verdict == Verdict::CaughtElsewhere || c.verdict == Verdict::EdgeRefused) {
        const sp::CheckResult* first = c.report->firstFailure();
        return first ? first->detail : QString();
    }
    return {};
}

} // namespace

QString attackSummary(const AttackRun& run)
{
    QStringList parts;
    for (Verdict v : kAllVerdicts)
        if (const qsizetype n = run.count(v))
            parts << QStringLiteral("%1 %2").arg(n).arg(verdictName(v));
    QString s =
        QStringLiteral("%1 faults: %2").arg(run.cases.size()).arg(parts.join(QStringLiteral(", ")));
    if (run.cancelled)
        s += QStringLiteral(" (cancelled)");
    return s;
}

QString attackText(const AttackRun& run)
{
    QString t;
    for (const QString& line : run.configuration)
        t += QStringLiteral("SP: %1\n").arg(line);
    t += QStringLiteral("\n%1 %2 %3 %4\n")
             .arg(QStringLiteral("FAULT"), -36)
             .arg(QStringLiteral("EXPECTED"), -28)
             .arg(QStringLiteral("GOT"), -28)
             .arg(QStringLiteral("VERDICT"));
    for (const AttackCase& c : run.cases) {
        t += QStringLiteral("%1 %2 %3 %4\n")
                 .arg(c.fault->name, -36)
                 .arg(expectedOf(c), -28)
                 .arg(c.got().isEmpty() ? QStringLiteral("-") : c.got(), -28)
                 .arg(verdictName(c.verdict));
        if (const QString why = explanation(c); !why.isEmpty() && c.verdict != Verdict::Caught)
            t += QStringLiteral("    %1\n").arg(why);
    }
    t += QLatin1Char('\n') + attackSummary(run) + QLatin1Char('\n');
    t += run.held() ? QStringLiteral("The SP held: every fault refused, every valid message and "
                                     "edge twin accepted.\n")
                    : QStringLiteral("The SP did NOT hold: see FOOLED / EDGE-REFUSED / "
                                     "TWIN-REFUSED above.\n");
    return t;
}

QJsonObject caseJson(const AttackCase& c)
{
    QJsonObject o{
        {QStringLiteral("fault"), c.fault->name},
        {QStringLiteral("kind"), c.fault->kind},
        {QStringLiteral("expected"), expectedOf(c)},
        {QStringLiteral("got"), c.got()},
        {QStringLiteral("verdict"), verdictName(c.verdict)},
        {QStringLiteral("failure"), isFailure(c.verdict)},
        {QStringLiteral("sendTwice"), c.fault->sendTwice},
        {QStringLiteral("noRequestOutstanding"), c.fault->noRequestOutstanding},
    };
    if (const QString why = explanation(c); !why.isEmpty())
        o.insert(QStringLiteral("detail"), why);
    if (c.report)
        o.insert(QStringLiteral("failedChecks"), QJsonArray::fromStringList(c.report->failedIds()));
    return o;
}

QByteArray attackJson(const AttackRun& run, const QJsonObject& base)
{
    QJsonArray cases;
    for (const AttackCase& c : run.cases)
        cases.append(caseJson(c));
    QJsonObject counts;
    for (Verdict v : kAllVerdicts)
        counts.insert(verdictName(v), run.count(v));
    const QJsonObject o{
        {QStringLiteral("configuration"), QJsonArray::fromStringList(run.configuration)},
        {QStringLiteral("base"), base},
        {QStringLiteral("cases"), cases},
        {QStringLiteral("counts"), counts},
        {QStringLiteral("held"), run.held()},
        {QStringLiteral("cancelled"), run.cancelled},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QByteArray attackJUnit(const AttackRun& run, const QString& suiteName)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuite"));
    w.writeAttribute(QStringLiteral("name"), suiteName);
    w.writeAttribute(QStringLiteral("tests"), QString::number(run.cases.size()));
    qsizetype failures = 0;
    qsizetype skipped = 0;
    for (const AttackCase& c : run.cases) {
        failures += isFailure(c.verdict);
        skipped += c.verdict == Verdict::NotJudged || c.verdict == Verdict::NotBuilt;
    }
    w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    w.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    for (const AttackCase& c : run.cases) {
        w.writeStartElement(QStringLiteral("testcase"));
        w.writeAttribute(QStringLiteral("classname"),
                         QStringLiteral("%1.%2").arg(suiteName, c.fault->kind));
        w.writeAttribute(QStringLiteral("name"), c.fault->name);
        const QString message = QStringLiteral("expected %1, got %2 (%3)")
                                    .arg(expectedOf(c), c.got(), verdictName(c.verdict));
        if (isFailure(c.verdict)) {
            w.writeStartElement(QStringLiteral("failure"));
            w.writeAttribute(QStringLiteral("message"), message);
            w.writeCharacters(QStringLiteral("%1\n%2").arg(c.fault->summary, explanation(c)));
            w.writeEndElement();
        } else if (c.verdict == Verdict::NotJudged || c.verdict == Verdict::NotBuilt) {
            w.writeStartElement(QStringLiteral("skipped"));
            w.writeAttribute(QStringLiteral("message"), explanation(c));
            w.writeEndElement();
        } else {
            w.writeTextElement(QStringLiteral("system-out"), message);
        }
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace jh::attack
