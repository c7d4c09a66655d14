// jitharness idp issue: one signed SAML Response for a person of the
// directory, shaped by a preset, for an SP given by metadata or by flags —
// or, with --fault, the same message with one fault of the catalogue.
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "cli/idp_faults.h"
#include "cli/issue_report.h"
#include "cli/login_request.h"
#include "idp/issuer.h"
#include "xmlsec/algorithms.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace jh::cli {
namespace {

void addOptions(Command& c)
{
    auto& p = c.parser();
    p.addOption({QStringLiteral("person"),
                 QStringLiteral("Id of the person to issue for (see 'idp people')."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("preset"),
                 QStringLiteral("IdP preset shaping the claims (see 'idp presets')."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("sp-metadata"),
                 QStringLiteral("SP metadata: fills audience, ACS, encryption certificate."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("audience"),
                 QStringLiteral("SP entityID (Audience), when no metadata is given."),
                 QStringLiteral("URI")});
    p.addOption({QStringLiteral("acs"),
                 QStringLiteral("SP Assertion Consumer Service URL (Destination, Recipient)."),
                 QStringLiteral("URL")});
    addClaimOverrideOptions(c, true);
    p.addOption({QStringLiteral("in-response-to"),
                 QStringLiteral("ID of the AuthnRequest answered; omit for IdP-initiated login."),
                 QStringLiteral("ID")});
    p.addOption(
        {QStringLiteral("sign"),
         QStringLiteral("What to sign: assertion, response, both or none. Default: the preset's."),
         QStringLiteral("WHAT")});
    p.addOption({QStringLiteral("key"),
                 QStringLiteral("Signing key: rsa (RSA-2048, default) or ec (P-256)."),
                 QStringLiteral("rsa|ec")});
    p.addOption(
        {QStringLiteral("sig-alg"),
         QStringLiteral("Signature algorithm: %1. Default: the preset's, matched to the key.")
             .arg(xmlsec::algorithmNames(xmlsec::AlgorithmKind::Signature)
                      .join(QStringLiteral(", "))),
         QStringLiteral("ALG")});
    p.addOption(
        {QStringLiteral("digest-alg"),
         QStringLiteral("Digest algorithm: %1. Default: the preset's.")
             .arg(xmlsec::algorithmNames(xmlsec::AlgorithmKind::Digest).join(QStringLiteral(", "))),
         QStringLiteral("ALG")});
    p.addOption({QStringLiteral("no-keyinfo"),
                 QStringLiteral("Leave the certificate out of the signature's KeyInfo.")});
    p.addOption(
        {QStringLiteral("encrypt"),
         QStringLiteral(
             "Encrypt the assertion for the SP's encryption certificate (from --sp-metadata).")});
    p.addOption({QStringLiteral("encrypt-alg"),
                 QStringLiteral("Block cipher: aes256-gcm (default), aes128-gcm, aes256-cbc, "
                                "aes128-cbc, tripledes-cbc (legacy SPs)."),
                 QStringLiteral("ALG")});
    p.addOption({QStringLiteral("validity"),
                 QStringLiteral("Seconds the assertion is valid for. Default: the preset's."),
                 QStringLiteral("SECONDS")});
    p.addOption({QStringLiteral("report"),
                 QStringLiteral("Print a human-readable report of what was issued (the message "
                                "goes to --out, if given).")});
    p.addOption(
        {QStringLiteral("format"),
         QStringLiteral("Output: base64 (the HTTP-POST SAMLResponse value, default) or xml."),
         QStringLiteral("base64|xml")});
    addFaultOption(c);
    c.addDirectoryOption();
    c.addPresetFileOption();
    c.addKeyDirOption();
    c.addNowOption();
    c.addOutOption();
    c.addJsonOption();
}

Result<idp::IssueRequest> requestFrom(const Command& c)
{
    idp::IssueRequest r;
    auto bad = [](const QString& m) {
        return makeError("cli.usage", m);
    };
    if (!c.isSet("person"))
        return bad(QStringLiteral("--person is required"));
    if (!c.isSet("preset"))
        return bad(QStringLiteral("--preset is required"));
    r.personId = c.value("person");
    r.presetId = c.value("preset");
    r.inResponseTo = c.value("in-response-to");

    if (c.isSet("sp-metadata")) {
        if (c.isSet("audience") || c.isSet("acs"))
            return bad(QStringLiteral("give either --sp-metadata or --audience/--acs, not both"));
        auto target = idp::loadSpTarget(c.value("sp-metadata"));
        if (!target)
            return target.error();
        r.sp = *target;
    } else {
        if (!c.isSet("audience") || !c.isSet("acs"))
            return bad(QStringLiteral(
                "the SP is needed: give --sp-metadata FILE, or both --audience URI and --acs URL"));
        r.sp.audience = c.value("audience");
        r.sp.acsUrl = c.value("acs");
    }
    if (c.isSet("sign")) {
        r.sign = idp::signModeFromName(c.value("sign"));
        if (!r.sign)
            return bad(QStringLiteral("--sign: '%1' is not one of assertion, response, both, none")
                           .arg(c.value("sign")));
    }
    if (c.isSet("key")) {
        r.key = crypto::keyTypeFromName(c.value("key"));
        if (!r.key)
            return bad(QStringLiteral("--key: '%1' is not rsa or ec").arg(c.value("key")));
    }
    if (c.isSet("sig-alg"))
        r.signatureAlgorithm = c.value("sig-alg");
    if (c.isSet("digest-alg"))
        r.digestAlgorithm = c.value("digest-alg");
    if (c.isSet("no-keyinfo"))
        r.keyInfoCertificate = false;
    if (c.isSet("validity")) {
        bool ok = false;
        const int v = c.value("validity").toInt(&ok);
        if (!ok || v <= 0)
            return bad(QStringLiteral("--validity: '%1' is not a positive number of seconds")
                           .arg(c.value("validity")));
        r.validitySeconds = v;
    }
    auto overrides = claimOverridesFrom(c, true);
    if (!overrides)
        return overrides.error();
    r.overrides = *overrides;
    r.encryption.enabled = c.isSet("encrypt");
    if (c.isSet("encrypt-alg")) {
        if (!r.encryption.enabled)
            return bad(QStringLiteral("--encrypt-alg needs --encrypt"));
        r.encryption.blockCipher = c.value("encrypt-alg");
    }
    if (r.encryption.enabled && !r.sp.encryptionCertificate)
        return bad(
            QStringLiteral("--encrypt needs the SP's encryption certificate: give --sp-metadata "
                           "with a KeyDescriptor (use=\"encryption\" or no use)"));
    const QString format = c.isSet("format") ? c.value("format") : QStringLiteral("base64");
    if (format != QLatin1String("base64") && format != QLatin1String("xml"))
        return bad(QStringLiteral("--format: '%1' is not base64 or xml").arg(format));
    return r;
}

QByteArray summaryJson(const idp::Issued& issued, const QByteArray& output, const idp::Fault* fault)
{
    QJsonArray notes;
    for (const QString& n : issued.notes)
        notes.append(n);
    QJsonObject o{
        {QStringLiteral("responseId"), issued.spec.responseId},
        {QStringLiteral("assertionId"), issued.spec.assertionId},
        {QStringLiteral("issuer"), issued.spec.issuer},
        {QStringLiteral("nameId"), issued.spec.subject.nameId},
        {QStringLiteral("nameIdFormat"), issued.spec.subject.format},
        {QStringLiteral("sign"), idp::signModeName(issued.signing.mode)},
        {QStringLiteral("key"), crypto::keyTypeName(issued.signing.key)},
        {QStringLiteral("signatureAlgorithm"), issued.signing.signatureAlgorithm},
        {QStringLiteral("encrypted"), issued.encryption.enabled},
        {QStringLiteral("notes"), notes},
        {QStringLiteral("output"), QString::fromUtf8(output)},
    };
    if (fault) {
        o.insert(QStringLiteral("fault"), fault->name);
        o.insert(QStringLiteral("expectedCheck"), fault->expectedCheck);
        o.insert(QStringLiteral("verdict"),
                 fault->mustAccept() ? QStringLiteral("accept") : QStringLiteral("reject"));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

} // namespace

int runIdpIssue(const QStringList& args)
{
    Command c(
        QStringLiteral("idp issue"),
        QStringLiteral("Issue a signed SAML Response (optionally with an encrypted assertion) for "
                       "a person of the directory."),
        QStringLiteral("--person ID --preset NAME (--sp-metadata FILE | --audience URI --acs URL) "
                       "[--fault NAME] [options]"));
    addOptions(c);
    if (auto done = c.parse(args))
        return *done;

    auto request = requestFrom(c);
    if (!request)
        return request.error().id == QLatin1String("cli.usage") ? c.usage(request.error().message)
                                                                : c.fail(request.error());
    auto fault = faultOption(c);
    if (!fault)
        return c.usage(fault.error().message);
    Command::IdpInputs in;
    if (auto failed = c.loadIdpInputs(in))
        return *failed;
    const crypto::KeyStore store = c.keyStore();
    const Clock& clk = *in.clock;
    idp::ResponseSigner signer([&](crypto::KeyType t) { return store.loadOrCreate(t, clk); });
    idp::Issuer issuer(in.directory, in.presets, signer, clk);
    auto issued = issuer.issue(*request);
    if (!issued)
        return c.fail(issued.error());
    if (*fault) {
        auto faulted = buildFaulted(**fault, *issued, signer,
                                    request->sp.encryptionCertificate.get(), clk.now());
        if (!faulted)
            return c.fail(faulted.error());
        issued->response.xml = *faulted;
    }

    const bool xml = c.value("format") == QLatin1String("xml");
    QByteArray output = xml ? issued->response.xml : issued->response.xml.toBase64() + '\n';
    if (c.isSet("report")) {
        auto key = signer.keyPair(issued->signing.key);
        if (!key)
            return c.fail(key.error());
        const idp::SelfCheck check = idp::selfCheck(issued->response.xml, key->certificate());
        out() << issueReport({*issued, *in.directory.person(request->personId),
                              *in.presets.find(request->presetId), request->sp, *key, check});
        out().flush();
        if (c.isSet("out"))
            return c.emit(output);
        return check.ok() ? Ok : Rejected;
    }
    for (const QString& n : issued->notes)
        err() << "note: " << n << "\n";
    err().flush();
    if (c.json())
        return c.emit(summaryJson(
            *issued, xml ? issued->response.xml : issued->response.xml.toBase64(), *fault));
    return c.emit(output);
}

} // namespace jh::cli
