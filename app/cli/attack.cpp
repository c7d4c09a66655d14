// jitharness attack: the IdP's fault catalogue thrown at the mock SP (strict,
// or as relaxed as the options say), fault by fault: what the catalogue
// expects, what the SP did, and whether it held. With --out, every faulted
// message (and its valid twin) is written for the user's own SP as well.
#include "attack/attack_format.h"
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "cli/sp_options.h"
#include "common/file_io.h"
#include "idp/fault_catalog.h"
#include "idp/issuer.h"
#include "sp/sp_config_file.h"

#include <QDir>
#include <QJsonObject>

namespace jh::cli {
namespace {

constexpr char kDefaultSpMetadata[] = ":/samples/sp-metadata.xml";
constexpr char kDefaultRequestId[] = "_jitharness-attack-request";

void addOptions(Command& c)
{
    auto& p = c.parser();
    addSpOptions(c);
    p.addOption({QStringLiteral("person"),
                 QStringLiteral("Whose valid login the faults are made from. Default: alice."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("preset"),
                 QStringLiteral("IdP preset of the valid message. Default: okta."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("key"), QStringLiteral("Signing key: rsa (default) or ec."),
                 QStringLiteral("rsa|ec")});
    p.addOption({QStringLiteral("sign"),
                 QStringLiteral("What the valid message signs: assertion, response or both. "
                                "Default: the preset's."),
                 QStringLiteral("WHAT")});
    p.addOption(
        {QStringLiteral("encrypt"), QStringLiteral("Encrypt the valid message's assertion too.")});
    p.addOption({QStringLiteral("in-response-to"),
                 QStringLiteral("ID of the AuthnRequest the valid message answers. Default: %1.")
                     .arg(QLatin1String(kDefaultRequestId)),
                 QStringLiteral("ID")});
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

// The SP under attack when the options leave something out: the sample SP,
// holding a key made for this run, trusting this IdP's signing keys.
Result<sp::SpConfig> defaultSp(const idp::ResponseSigner& signer, const QDateTime& now)
{
    sp::SpConfig cfg;
    if (auto md = sp::applySpMetadata(cfg, QString::fromLatin1(kDefaultSpMetadata)); !md)
        return md.error();
    auto key = crypto::KeyPair::generate(
        crypto::KeyType::Rsa, QStringLiteral("jitharness attack SP (this run only)"), now);
    if (!key)
        return key.error();
    cfg.decryptionKey = *key;
    for (crypto::KeyType t : {crypto::KeyType::Rsa, crypto::KeyType::Ec}) {
        auto idpKey = signer.keyPair(t);
        if (!idpKey)
            return idpKey.error();
        cfg.idp.signingCertificates
            << std::shared_ptr<X509>(X509_dup(idpKey->certificate()), X509_free);
    }
    return cfg;
}

Result<idp::IssueRequest> requestFrom(const Command& c, const sp::SpConfig& cfg)
{
    auto bad = [](const QString& m) {
        return makeError("cli.usage", m);
    };
    idp::IssueRequest r;
    r.personId = c.isSet("person") ? c.value("person") : QStringLiteral("alice");
    r.presetId = c.isSet("preset") ? c.value("preset") : QStringLiteral("okta");
    r.inResponseTo = c.isSet("in-response-to") ? c.value("in-response-to")
                                               : QString::fromLatin1(kDefaultRequestId);
    if (r.inResponseTo.isEmpty())
        return bad(QStringLiteral("--in-response-to: the faults need a request to answer"));
    r.sp.audience = cfg.entityId;
    r.sp.acsUrl = cfg.acsUrls.value(0);
    // The target's own encryption certificate when its metadata names one
    // (the messages are then for the user's SP), else our SP's key.
    if (c.isSet("sp-metadata")) {
        auto target = idp::loadSpTarget(c.value("sp-metadata"));
        if (!target)
            return target.error();
        r.sp.encryptionCertificate = target->encryptionCertificate;
    }
    if (!r.sp.encryptionCertificate && cfg.decryptionKey && cfg.decryptionKey->certificate())
        r.sp.encryptionCertificate =
            std::shared_ptr<X509>(X509_dup(cfg.decryptionKey->certificate()), X509_free);
    if (c.isSet("sign")) {
        r.sign = idp::signModeFromName(c.value("sign"));
        if (!r.sign || *r.sign == idp::SignMode::None)
            return bad(QStringLiteral("--sign: '%1' is not assertion, response or both")
                           .arg(c.value("sign")));
    }
    if (c.isSet("key")) {
        r.key = crypto::keyTypeFromName(c.value("key"));
        if (!r.key)
            return bad(QStringLiteral("--key: '%1' is not rsa or ec").arg(c.value("key")));
    }
    r.encryption.enabled = c.isSet("encrypt");
    if (r.encryption.enabled && !r.sp.encryptionCertificate)
        return bad(QStringLiteral("--encrypt: the SP has no encryption certificate"));
    return r;
}

// An attack on an SP that does not trust this IdP would only measure that.
Result<void> checkTrust(const sp::SpConfig& cfg, const idp::Issued& issued, X509* signingCert)
{
    if (cfg.idp.entityId != issued.spec.issuer)
        return makeError("cli.usage",
                         QStringLiteral("the SP trusts IdP '%1' but the valid message is issued "
                                        "by '%2': pick the matching --preset or --idp-entity")
                             .arg(cfg.idp.entityId, issued.spec.issuer));
    const bool trusted = std::any_of(
        cfg.idp.signingCertificates.begin(), cfg.idp.signingCertificates.end(),
        [&](const std::shared_ptr<X509>& c) { return X509_cmp(c.get(), signingCert) == 0; });
    if (!trusted)
        return makeError("cli.usage",
                         QStringLiteral("the SP trusts none of this IdP's signing certificates: "
                                        "give --key-dir with the key it trusts, or trust this "
                                        "IdP's certificate ('jitharness idp cert')"));
    return {};
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

    auto fallback = defaultSp(signer, clk.now());
    if (!fallback)
        return c.fail(fallback.error());
    auto cfg = spConfigFrom(c, *fallback);
    if (!cfg)
        return cfg.error().id == QLatin1String("cli.usage") ? c.usage(cfg.error().message)
                                                            : c.fail(cfg.error());
    auto request = requestFrom(c, *cfg);
    if (!request)
        return request.error().id == QLatin1String("cli.usage") ? c.usage(request.error().message)
                                                                : c.fail(request.error());
    idp::Issuer issuer(in.directory, in.presets, signer, clk);
    if (!request->sign) {
        // The valid message must be one this SP accepts, or every twin is refused.
        auto signing = issuer.signingFor(*request);
        if (!signing)
            return c.fail(signing.error());
        request->sign =
            attack::satisfies(signing->mode, *cfg) ? signing->mode : idp::SignMode::Both;
    }
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
    if (auto trust = checkTrust(*cfg, *issued, signingKey->certificate()); !trust)
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
