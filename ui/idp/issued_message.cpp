#include "idp/issued_message.h"

#include "time/clock.h"

#include <QCoreApplication>

namespace jh::ui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("jh::ui::IssuedMessage", text);
}

QStringList expectedSignatures(idp::SignMode mode)
{
    switch (mode) {
    case idp::SignMode::Response:
        return {QStringLiteral("Response")};
    case idp::SignMode::Assertion:
        return {QStringLiteral("Assertion")};
    case idp::SignMode::Both:
        return {QStringLiteral("Response"), QStringLiteral("Assertion")};
    case idp::SignMode::None:
        break;
    }
    return {};
}

QString signingFact(const idp::Issued& issued)
{
    const idp::SigningOptions& s = issued.signing;
    if (s.mode == idp::SignMode::None)
        return tr("unsigned");
    return tr("signed: %1 (%2, %3)")
        .arg(idp::signModeName(s.mode), s.signatureAlgorithm, s.digestAlgorithm);
}

QList<Finding> selfCheckFindings(const IssueResult& r)
{
    QList<Finding> out;
    const QString keyDetail = tr("Certificate %1\nSHA-256 %2").arg(r.keySubject, r.keyFingerprint);
    for (const QString& element : expectedSignatures(r.issued.signing.mode)) {
        if (r.verified.contains(element)) {
            out << Finding{Finding::Kind::Pass,
                           tr("%1 signature verified with the IdP's own certificate").arg(element),
                           keyDetail};
        } else if (element == QLatin1String("Assertion") && r.encrypted && !r.decrypted) {
            out << Finding{Finding::Kind::Note,
                           tr("Assertion signature not checked: the assertion is encrypted for the "
                              "SP, and only the SP holds the key"),
                           {}};
        }
    }
    for (const QString& f : r.failures)
        out << Finding{Finding::Kind::Fail, f, {}};
    if (r.issued.signing.mode == idp::SignMode::None)
        out << Finding{Finding::Kind::Note,
                       tr("No signature: nothing to verify (a strict SP rejects this message)"),
                       {}};
    if (r.encrypted)
        out << Finding{Finding::Kind::Note,
                       tr("Assertion encrypted with %1 + %2")
                           .arg(r.issued.encryption.blockCipher, r.issued.encryption.keyTransport),
                       {}};
    if (r.selfCheckOk())
        out << Finding{Finding::Kind::Pass,
                       tr("Self-check passed: the message parses (hardened) and reads back"),
                       {}};
    return out;
}

} // namespace

DisplayedMessage displayedMessage(const IssueResult& r)
{
    const idp::Issued& issued = r.issued;
    DisplayedMessage m;
    m.title = tr("SAML Response for %1, shaped like %2").arg(r.personName, r.presetName);
    m.facts << tr("ID %1").arg(issued.spec.responseId)
            << tr("issued %1").arg(formatSamlInstant(issued.spec.issueInstant))
            << tr("to %1").arg(issued.spec.destination) << signingFact(issued)
            << (issued.encryption.enabled ? tr("assertion encrypted") : tr("not encrypted"))
            << tr("%1 bytes").arg(issued.response.xml.size());
    m.xml = issued.response.xml;
    m.subject = issued.spec.subject;
    m.attributes = issued.spec.attributes;
    for (const QString& n : issued.notes)
        m.findings << Finding{Finding::Kind::Note, n, {}};
    m.findings << selfCheckFindings(r);
    return m;
}

} // namespace jh::ui
