#include "cli/issue_report.h"

#include "time/clock.h"

namespace jh::cli {
namespace {

QString orNone(const QString& s, const char* none = "(none)")
{
    return s.isEmpty() ? QString::fromLatin1(none) : s;
}

QString instant(const QDateTime& t)
{
    return t.isValid() ? formatSamlInstant(t) : QStringLiteral("(omitted)");
}

QString shortFormat(const QString& uri)
{
    const qsizetype colon = uri.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? uri : uri.mid(colon + 1);
}

void row(QString& out, const char* label, const QString& value)
{
    out += QStringLiteral("  %1 %2\n").arg(QString::fromLatin1(label), -22).arg(value);
}

} // namespace

QString issueReport(const IssueReportInput& in)
{
    const saml::AssertionSpec& s = in.issued.spec;
    QString out;
    out += QStringLiteral("JIT Harness — sample sign-in, mock IdP side\n\n");
    row(out, "Person",
        QStringLiteral("%1 — %2 <%3> (%4)")
            .arg(in.person.id, in.person.displayName, in.person.email,
                 idp::personStatusName(in.person.status)));
    row(out, "Preset", QStringLiteral("%1 — %2").arg(in.preset.id, in.preset.name));
    row(out, "Service provider",
        QStringLiteral("%1%2").arg(
            in.sp.audience,
            in.sp.wantAssertionsSigned ? QStringLiteral(" (wants assertions signed)") : QString()));
    row(out, "ACS", in.sp.acsUrl);

    out += QStringLiteral("\nResponse\n");
    row(out, "ID", s.responseId);
    row(out, "IssueInstant", instant(s.issueInstant));
    row(out, "Destination", orNone(s.destination));
    row(out, "InResponseTo", orNone(s.inResponseTo, "(none: IdP-initiated)"));
    row(out, "Issuer", s.issuer);
    row(out, "Status", shortFormat(s.statusCode));

    out += QStringLiteral("\nAssertion\n");
    row(out, "ID", s.assertionId);
    row(out, "NameID",
        QStringLiteral("%1  [%2]").arg(s.subject.nameId, orNone(shortFormat(s.subject.format))));
    row(out, "Bearer confirmation",
        QStringLiteral("Recipient %1, NotOnOrAfter %2")
            .arg(s.confirmation.recipient, instant(s.confirmation.notOnOrAfter)));
    row(out, "Conditions",
        QStringLiteral("%1 .. %2")
            .arg(instant(s.conditions.notBefore), instant(s.conditions.notOnOrAfter)));
    row(out, "Audience", s.conditions.audiences.join(QStringLiteral(", ")));
    row(out, "AuthnStatement",
        QStringLiteral("%1, SessionIndex %2, session until %3")
            .arg(shortFormat(s.authn.classRef), s.authn.sessionIndex,
                 instant(s.authn.sessionNotOnOrAfter)));
    out += QStringLiteral("  Attributes (%1)\n").arg(s.attributes.size());
    for (const saml::Attribute& a : s.attributes) {
        QStringList values = a.values.mid(0, 4);
        if (a.values.size() > 4)
            values << QStringLiteral("… %1 values in all").arg(a.values.size());
        out += QStringLiteral("    %1%2\n      = %3\n")
                   .arg(a.name,
                        a.nameFormat.isEmpty()
                            ? QString()
                            : QStringLiteral("  [%1]").arg(shortFormat(a.nameFormat)),
                        values.join(QStringLiteral(" | ")));
    }

    out += QStringLiteral("\nSigning and encryption\n");
    row(out, "Signed", idp::signModeName(in.issued.signing.mode));
    if (in.issued.signing.mode != idp::SignMode::None) {
        row(out, "Algorithms",
            QStringLiteral("%1 / %2, exclusive c14n")
                .arg(in.issued.signing.signatureAlgorithm, in.issued.signing.digestAlgorithm));
        row(out, "Key",
            QStringLiteral("%1, certificate %2")
                .arg(crypto::keyTypeName(in.signingKey.type()).toUpper(), in.signingKey.subject()));
        row(out, "SHA-256 fingerprint", in.signingKey.sha256Fingerprint());
        row(out, "KeyInfo",
            in.issued.signing.keyInfoCertificate ? QStringLiteral("X509Certificate")
                                                 : QStringLiteral("(none)"));
    }
    row(out, "Encrypted",
        in.issued.encryption.enabled
            ? QStringLiteral("%1 + %2").arg(in.issued.encryption.blockCipher,
                                            in.issued.encryption.keyTransport)
            : QStringLiteral("no"));

    if (!in.issued.notes.isEmpty()) {
        out += QStringLiteral("\nNotes\n");
        for (const QString& n : in.issued.notes)
            out += QStringLiteral("  - %1\n").arg(n);
    }

    out += QStringLiteral("\nSelf-check (the IdP re-reads its message with its own certificate)\n");
    row(out, "Signatures verified", orNone(in.check.verified.join(QStringLiteral(", "))));
    if (in.check.encrypted)
        row(out, "Decrypted",
            in.check.decrypted ? QStringLiteral("yes")
                               : QStringLiteral("no (SP key not known to the IdP)"));
    for (const QString& f : in.check.failures)
        row(out, "FAILED", f);
    row(out, "Result", in.check.ok() ? QStringLiteral("ok") : QStringLiteral("FAILED"));

    out +=
        QStringLiteral("\nMessage: %1 bytes of XML, %2 bytes as the HTTP-POST SAMLResponse value\n")
            .arg(in.issued.response.xml.size())
            .arg(in.issued.response.xml.toBase64().size());
    return out;
}

} // namespace jh::cli
