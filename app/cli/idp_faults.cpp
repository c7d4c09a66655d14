// jitharness idp faults, and the --fault option of idp issue: the IdP's
// catalogue of deliberately defective messages, each with the check a strict
// SP must fail it on (or "accept" for the edge twins) and its source.
#include "cli/idp_faults.h"

#include "cli/cli_output.h"
#include "sp/check_catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace jh::cli {
namespace {

QStringList flagsOf(const idp::Fault& f)
{
    QStringList flags;
    if (f.sendTwice)
        flags << QStringLiteral("sent twice");
    if (f.needsRequest)
        flags << QStringLiteral("needs --in-response-to");
    if (f.needsEncryption)
        flags << QStringLiteral("needs the SP's encryption certificate");
    if (f.noRequestOutstanding)
        flags << QStringLiteral("checked as IdP-initiated");
    return flags;
}

QString verdict(const idp::Fault& f)
{
    return f.mustAccept() ? QStringLiteral("accept") : f.expectedCheck;
}

QJsonObject toJson(const idp::Fault& f)
{
    const sp::CheckInfo* check = sp::findCheck(f.expectedCheck);
    return {
        {QStringLiteral("name"), f.name},
        {QStringLiteral("kind"), f.kind},
        {QStringLiteral("verdict"),
         f.mustAccept() ? QStringLiteral("accept") : QStringLiteral("reject")},
        {QStringLiteral("expectedCheck"), f.expectedCheck},
        {QStringLiteral("checkTitle"), check ? QString::fromLatin1(check->title) : QString()},
        {QStringLiteral("summary"), f.summary},
        {QStringLiteral("source"), f.source},
        {QStringLiteral("sendTwice"), f.sendTwice},
        {QStringLiteral("needsRequest"), f.needsRequest},
        {QStringLiteral("needsEncryption"), f.needsEncryption},
        {QStringLiteral("noRequestOutstanding"), f.noRequestOutstanding},
        {QStringLiteral("signMode"),
         f.signMode ? QJsonValue(idp::signModeName(*f.signMode)) : QJsonValue()},
        {QStringLiteral("encrypted"), f.encrypted ? QJsonValue(*f.encrypted) : QJsonValue()},
    };
}

} // namespace

void addFaultOption(Command& c)
{
    c.parser().addOption(
        {QStringLiteral("fault"),
         QStringLiteral("Issue the message with this fault of the catalogue instead (see 'idp "
                        "faults'): expired, xsw3, unsigned, ..."),
         QStringLiteral("NAME")});
}

Result<const idp::Fault*> faultOption(const Command& c)
{
    if (!c.isSet("fault"))
        return static_cast<const idp::Fault*>(nullptr);
    if (const idp::Fault* f = idp::findFault(c.value("fault")))
        return f;
    return makeError("cli.usage",
                     QStringLiteral("--fault: unknown fault '%1' (known: %2)")
                         .arg(c.value("fault"), idp::faultNames().join(QStringLiteral(", "))));
}

Result<QByteArray> buildFaulted(const idp::Fault& fault, idp::Issued& issued,
                                const idp::ResponseSigner& signer, X509* encryptFor,
                                const QDateTime& now)
{
    auto attacker = crypto::KeyPair::generate(
        issued.signing.key, QStringLiteral("attacker.evil.example (untrusted)"), now);
    if (!attacker)
        return attacker.error();
    const idp::FaultInput in{
        issued.spec, issued.signing, issued.encryption, encryptFor, signer, *attacker, now, 180};
    auto bytes = idp::buildFault(fault, in);
    if (!bytes)
        return bytes.error();

    QStringList& notes = issued.notes;
    notes << QStringLiteral("fault %1: %2").arg(fault.name, fault.summary);
    if (fault.mustAccept()) {
        QString what = QStringLiteral("a strict SP must accept this message");
        if (fault.acceptedNameId)
            what += QStringLiteral(" and report NameID %1").arg(fault.acceptedNameId(issued.spec));
        notes << what;
    } else {
        const sp::CheckInfo* check = sp::findCheck(fault.expectedCheck);
        notes << QStringLiteral("a strict SP must refuse it at check %1 (%2)")
                     .arg(fault.expectedCheck,
                          check ? QString::fromLatin1(check->title) : QString());
    }
    if (fault.sendTwice)
        notes << QStringLiteral("send it twice: the first is valid, the second must be refused");
    if (fault.noRequestOutstanding)
        notes << QStringLiteral("check it as an IdP-initiated login (no AuthnRequest outstanding)");
    // What was emitted is signed and encrypted the fault's way.
    if (fault.signMode && *fault.signMode != issued.signing.mode) {
        notes << QStringLiteral("the fault signs '%1' instead of '%2'")
                     .arg(idp::signModeName(*fault.signMode),
                          idp::signModeName(issued.signing.mode));
        issued.signing.mode = *fault.signMode;
    }
    if (fault.encrypted && *fault.encrypted != issued.encryption.enabled) {
        notes << (*fault.encrypted ? QStringLiteral("the fault encrypts the assertion")
                                   : QStringLiteral("the fault is built in the clear"));
        issued.encryption.enabled = *fault.encrypted;
    }
    return bytes;
}

int runIdpFaults(const QStringList& args)
{
    Command c(QStringLiteral("idp faults"),
              QStringLiteral("List the IdP's fault catalogue: each deliberately defective message "
                             "'idp issue --fault NAME' can make, the check a strict SP must "
                             "refuse it at (or 'accept' for edge twins), and where the attack or "
                             "misconfiguration is documented."),
              QStringLiteral("[--json]"));
    c.addJsonOption();
    c.addOutOption();
    if (auto done = c.parse(args))
        return *done;
    const auto& all = idp::faultCatalog();
    if (c.json()) {
        QJsonArray rows;
        for (const idp::Fault& f : all)
            rows.append(toJson(f));
        return c.emit(QJsonDocument(rows).toJson(QJsonDocument::Indented));
    }
    QString text;
    QString kind;
    for (const idp::Fault& f : all) {
        if (f.kind != kind) {
            kind = f.kind;
            text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + kind + QLatin1Char('\n');
        }
        const QStringList flags = flagsOf(f);
        text += QStringLiteral("  %1 %2%3\n")
                    .arg(f.name, -36)
                    .arg(verdict(f), flags.isEmpty() ? QString()
                                                     : QStringLiteral("  [%1]").arg(
                                                           flags.join(QStringLiteral("; "))));
        text += QStringLiteral("      %1\n      source: %2\n").arg(f.summary, f.source);
    }
    text += QStringLiteral("\n%1 faults. 'accept': an edge twin a strict SP must accept.\n")
                .arg(all.size());
    return c.emit(text.toUtf8());
}

} // namespace jh::cli
