// jitharness attack: the IdP's fault catalogue thrown at the mock SP (strict,
// or as relaxed as the options say), fault by fault: what the catalogue
// expects, what the SP did, and whether it held. With --out, every faulted
// message (and its valid twin) is written for the user's own SP as well.
#include "attack/attack_format.h"
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "cli/login_request.h"
#include "cli/sp_options.h"
#include "common/file_io.h"
#include "idp/fault_catalog.h"
#include "idp/issuer.h"
#include "sp/sp_config_file.h"

#include <QDir>
#include <QJsonObject>

namespace jh::cli {
namespace {

constexpr char kDefaultRequestId[] = "_jitharness-attack-request";

void addOptions(Command& c)
{
    auto& p = c.parser();
    addSpOptions(c);
    addIssueShapeOptions(c, QStringLiteral("alice"), QStringLiteral("okta"));
    p.addOption({QStringLiteral("fault"),
                 QStringLiteral("Run only this fault (repeatable; see 'idp faults')."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("kind"),
                 QStringLiteral("Run only faults of this kind (repeatable): time, binding, "
                                "subject, signature, profile, wrapping, structure, encryption."),
                 QStringLiteral("KIND")});
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Write each faulted message to DIR as <fault>.xml and <fault>.b64 "
                                "(the SAMLResponse value), its valid twin as <fault>.twin.b64, "
                                "and the results as index.json."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("junit"),
                 QStringLiteral("Also write the results as JUnit XML (one testcase per fault)."),
                 QStringLiteral("FILE")});
    c.addDirectoryOption();
    c.addPresetFileOption();
    c.addKeyDirOption();
    c.addNowOption();
    c.addJsonOption();
}

Result<QList<const idp::Fault*>> selectedFaults(const Command& c)
{
    QList<const idp::Fault*> out;
    for (const QString& name : c.values("fault")) {
        const idp::Fault* f = idp::findFault(name);
        if (!f)
            return makeError(
                "cli.usage",
                QStringLiteral("--fault: unknown fault '%1' (see 'idp faults')").arg(name));
        out << f;
    }
    const QStringList kinds = c.values("kind");
    for (const QString& kind : kinds) {
        const bool known = std::any_of(idp::faultCatalog().begin(), idp::faultCatalog().end(),
                                       [&](const idp::Fault& f) { return f.kind == kind; });
        if (!known)
            return makeError("cli.usage",
                             QStringLiteral("--kind: no fault of kind '%1'").arg(kind));
    }
    if (!kinds.isEmpty())
        for (const idp::Fault& f : idp::faultCatalog())
            if (kinds.contains(f.kind) && !out.contains(&f))
                out << &f;
    return out;
}

Result<void> writeOut(const QString& dir, const attack::AttackRun& run, const QByteArray& index)
{
    if (!QDir().mkpath(dir))
        return makeError("io.unwritable", QStringLiteral("%1: cannot create the folder").arg(dir));
    const QDir d(dir);
    for (const attack::AttackCase& c : run.cases) {
        if (c.message.isEmpty())
            continue;
        const QString name = c.fault->name;
        for (const auto& [file, bytes] :
             {std::pair{name + QStringLiteral(".xml"), c.message},
              std::pair{name + QStringLiteral(".b64"), c.message.toBase64() + '\n'},
              std::pair{name + QStringLiteral(".twin.b64"), c.twin.toBase64() + '\n'}})
            if (auto w = writeFileAtomic(d.filePath(file), bytes); !w)
                return w;
    }
    return writeFileAtomic(d.filePath(QStringLiteral("index.json")), index);
}

} // namespace

int runAttackCommand(const QStringList& args)
{
    Command c(QStringLiteral("attack"),
              QStringLiteral("Run the IdP's fault catalogue through the mock SP and report, "
                             "fault by fault, the check expected to catch it and what the SP "
                             "did. Exit 0 when the SP held, 1 when it accepted a fault or "
                             "refused a valid message."),
              QStringLiteral("[--sp CONFIG] [--out DIR] [--json] [--junit FILE] [options]"));
    addOptions(c);
    if (auto done = c.parse(args))
        return *done;
    auto faults = selectedFaults(c);
    if (!faults)
        return c.usage(faults.error().message);
    Command::IdpInputs in;
    if (auto failed = c.loadIdpInputs(in))
        return *failed;
    const crypto::KeyStore store = c.keyStore();
    const Clock& clk = *in.clock;
    idp::ResponseSigner signer([&](crypto::KeyType t) { return store.loadOrCreate(t, clk); });

    // The SP under attack when the options leave something out: the sample
    // SP, holding a key made for this run, trusting this IdP.
    auto fallback = harnessSp(signer, clk.now());
    if (!fallback)
        return c.fail(fallback.error());
    auto cfg = spConfigFrom(c, *fallback);
    if (!cfg)
        return cfg.error().id == QLatin1String("cli.usage") ? c.usage(cfg.error().message)
                                                            : c.fail(cfg.error());
    idp::Issuer issuer(in.directory, in.presets, signer, clk);
    auto request = requestForSp(
        c, *cfg, issuer,
        {QStringLiteral("alice"), QStringLiteral("okta"), QString::fromLatin1(kDefaultRequestId)});
    if (!request)
        return request.error().id == QLatin1String("cli.usage") ? c.usage(request.error().message)
                                                                : c.fail(request.error());
    if (request->inResponseTo.isEmpty())
        return c.usage(QStringLiteral("--in-response-to: the faults need a request to answer"));
    auto issued = issuer.issue(*request);
    if (!issued)
        return c.fail(issued.error());
    if (cfg->idp.entityId.isEmpty())
        cfg->idp.entityId = issued->spec.issuer;
    if (auto complete = sp::checkComplete(*cfg); !complete)
        return c.usage(complete.error().message);
    auto signingKey = signer.keyPair(issued->signing.key);
    if (!signingKey)
        return c.fail(signingKey.error());
    if (auto trust = checkTrust(*cfg, issued->spec.issuer, signingKey->certificate()); !trust)
        return c.usage(trust.error().message);

    auto attacker = crypto::KeyPair::generate(
        issued->signing.key, QStringLiteral("attacker.evil.example (untrusted)"), clk.now());
    if (!attacker)
        return c.fail(attacker.error());
    const idp::FaultInput input{
        issued->spec, issued->signing, issued->encryption, request->sp.encryptionCertificate.get(),
        signer,       *attacker,       clk.now(),          cfg->clockSkewSeconds};
    const attack::AttackRun run = attack::runAttack(input, *cfg, *faults);

    const QJsonObject base{
        {QStringLiteral("person"), request->personId},
        {QStringLiteral("preset"), request->presetId},
        {QStringLiteral("issuer"), issued->spec.issuer},
        {QStringLiteral("nameId"), issued->spec.subject.nameId},
        {QStringLiteral("audience"), request->sp.audience},
        {QStringLiteral("acs"), request->sp.acsUrl},
        {QStringLiteral("inResponseTo"), request->inResponseTo},
        {QStringLiteral("sign"), idp::signModeName(issued->signing.mode)},
        {QStringLiteral("key"), crypto::keyTypeName(issued->signing.key)},
        {QStringLiteral("signatureAlgorithm"), issued->signing.signatureAlgorithm},
        {QStringLiteral("encrypted"), issued->encryption.enabled},
        {QStringLiteral("now"), clk.now().toString(Qt::ISODate)},
    };
    const QByteArray json = attack::attackJson(run, base);
    if (c.isSet("out"))
        if (auto w = writeOut(c.value("out"), run, json); !w)
            return c.fail(w.error());
    if (c.isSet("junit"))
        if (auto w = writeFileAtomic(c.value("junit"),
                                     attack::attackJUnit(run, QStringLiteral("jitharness.attack")));
            !w)
            return c.fail(w.error());
    if (c.json())
        out() << QString::fromUtf8(json);
    else
        out() << attack::attackText(run);
    out().flush();
    return run.held() ? Ok : Rejected;
}

} // namespace jh::cli
