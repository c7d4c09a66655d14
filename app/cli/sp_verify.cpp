// jitharness sp verify: the mock SP judges one SAML Response and reports
// every check (text, --json, --junit). Exit 0 accepted, 1 rejected, 2 bad
// usage or unreadable input.
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "common/file_io.h"
#include "saml/idp_metadata.h"
#include "saml/sp_metadata.h"
#include "sp/report_format.h"
#include "sp/validator.h"

#include <QFile>

namespace jh::cli {
namespace {

void addOptions(Command& c)
{
    auto& p = c.parser();
    c.parser().addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral(
            "The base64 SAMLResponse, raw XML, or a SAMLResponse= form body ('-' for stdin)."));
    p.addOption(
        {QStringLiteral("idp-metadata"),
         QStringLiteral("Trust the IdP described here (entityID and signing certificates)."),
         QStringLiteral("FILE")});
    p.addOption({QStringLiteral("idp-cert"),
                 QStringLiteral("Trust this signing certificate (PEM; repeatable)."),
                 QStringLiteral("PEM")});
    p.addOption({QStringLiteral("idp-entity"),
                 QStringLiteral("The trusted IdP's entityID (the expected Issuer)."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("sp-metadata"),
                 QStringLiteral("This SP's own metadata: entityID and ACS URLs."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("sp-entity"),
                 QStringLiteral("This SP's entityID (the expected Audience)."),
                 QStringLiteral("ID")});
    p.addOption(
        {QStringLiteral("acs"),
         QStringLiteral("This SP's ACS URL (expected Destination and Recipient; repeatable)."),
         QStringLiteral("URL")});
    p.addOption({QStringLiteral("sp-key"),
                 QStringLiteral("This SP's decryption key (PEM), optionally with its certificate: "
                                "KEY.pem[,CERT.pem]."),
                 QStringLiteral("KEY[,CERT]")});
    p.addOption({QStringLiteral("in-response-to"),
                 QStringLiteral("The ID of our outstanding AuthnRequest."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("require"),
                 QStringLiteral("What must be signed: assertion (default), response, both."),
                 QStringLiteral("WHAT")});
    p.addOption({QStringLiteral("skew"), QStringLiteral("Clock skew in seconds (default 180)."),
                 QStringLiteral("SECONDS")});
    p.addOption({QStringLiteral("nameid-format"),
                 QStringLiteral("Accept only this NameID Format (repeatable)."),
                 QStringLiteral("URI")});
    p.addOption({QStringLiteral("redirect"),
                 QStringLiteral("The message came by HTTP-Redirect (raw DEFLATE).")});
    p.addOption({QStringLiteral("allow"),
                 QStringLiteral("Relax one check (repeatable): %1.")
                     .arg(sp::relaxationNames().join(QStringLiteral(", "))),
                 QStringLiteral("RELAXATION")});
    p.addOption({QStringLiteral("junit"),
                 QStringLiteral("Also write the report as JUnit XML (one testcase per check)."),
                 QStringLiteral("FILE")});
    c.addNowOption();
    c.addJsonOption();
}

Result<sp::SpConfig> configFrom(const Command& c)
{
    auto bad = [](const QString& m) {
        return makeError("cli.usage", m);
    };
    sp::SpConfig cfg;
    if (c.isSet("sp-metadata")) {
        const QString path = c.value("sp-metadata");
        auto bytes = readFile(path);
        if (!bytes)
            return bytes.error();
        auto md = saml::parseSpMetadata(*bytes, path);
        if (!md)
            return md.error();
        cfg.entityId = md->entityId;
        for (const saml::AcsEndpoint& e : md->acs)
            cfg.acsUrls << e.location;
    }
    if (c.isSet("sp-entity"))
        cfg.entityId = c.value("sp-entity");
    cfg.acsUrls << c.values("acs");
    if (cfg.entityId.isEmpty() || cfg.acsUrls.isEmpty())
        return bad(QStringLiteral("this SP's entityID and ACS URL are needed: --sp-metadata FILE, "
                                  "or --sp-entity ID and --acs URL"));

    if (c.isSet("idp-metadata")) {
        const QString path = c.value("idp-metadata");
        auto bytes = readFile(path);
        if (!bytes)
            return bytes.error();
        auto md = saml::parseIdpMetadata(*bytes, path);
        if (!md)
            return md.error();
        cfg.idp.entityId = md->entityId;
        cfg.idp.signingCertificates = md->signingCertificates;
    }
    if (c.isSet("idp-entity"))
        cfg.idp.entityId = c.value("idp-entity");
    for (const QString& path : c.values("idp-cert")) {
        auto pem = readFile(path);
        if (!pem)
            return pem.error();
        auto cert = crypto::certificateFromPem(*pem, path);
        if (!cert)
            return cert.error();
        cfg.idp.signingCertificates << *cert;
    }
    if (cfg.idp.entityId.isEmpty() || cfg.idp.signingCertificates.isEmpty())
        return bad(QStringLiteral("the trusted IdP is needed: --idp-metadata FILE, or --idp-cert "
                                  "PEM and --idp-entity ID"));

    if (c.isSet("sp-key")) {
        const QStringList parts = c.value("sp-key").split(QLatin1Char(','));
        if (parts.size() > 2)
            return bad(QStringLiteral("--sp-key: expected KEY.pem or KEY.pem,CERT.pem"));
        auto key = readFile(parts[0]);
        if (!key)
            return key.error();
        auto cert = parts.size() == 2 ? readFile(parts[1]) : Result<QByteArray>(QByteArray());
        if (!cert)
            return cert.error();
        auto pair = parts.size() == 2 ? crypto::KeyPair::fromPem(*key, *cert, parts[0])
                                      : crypto::KeyPair::fromPrivateKeyPem(*key, parts[0]);
        if (!pair)
            return pair.error();
        cfg.decryptionKey = *pair;
    }
    if (c.isSet("require")) {
        auto r = sp::signRequirementFromName(c.value("require"));
        if (!r)
            return bad(QStringLiteral("--require: '%1' is not assertion, response or both")
                           .arg(c.value("require")));
        cfg.require = *r;
    }
    if (c.isSet("skew")) {
        bool ok = false;
        cfg.clockSkewSeconds = c.value("skew").toInt(&ok);
        if (!ok || cfg.clockSkewSeconds < 0)
            return bad(
                QStringLiteral("--skew: '%1' is not a number of seconds").arg(c.value("skew")));
    }
    cfg.nameIdFormats = c.values("nameid-format");
    for (const QString& name : c.values("allow")) {
        auto r = sp::relaxationFromName(name);
        if (!r)
            return bad(QStringLiteral("--allow: unknown relaxation '%1' (known: %2)")
                           .arg(name, sp::relaxationNames().join(QStringLiteral(", "))));
        cfg.relaxations.insert(*r);
    }
    return cfg;
}

} // namespace

int runSpVerify(const QStringList& args)
{
    Command c(QStringLiteral("sp verify"),
              QStringLiteral("Validate a SAML Response as a strict SP and report every check."),
              QStringLiteral("FILE (--idp-metadata FILE | --idp-cert PEM --idp-entity ID) "
                             "(--sp-metadata FILE | --sp-entity ID --acs URL) [options]"));
    addOptions(c);
    if (auto done = c.parse(args, 1, 1))
        return *done;
    auto config = configFrom(c);
    if (!config)
        return config.error().id == QLatin1String("cli.usage") ? c.usage(config.error().message)
                                                               : c.fail(config.error());
    auto clock = c.clock();
    if (!clock)
        return c.usage(clock.error().message);
    const QString file = c.positional().first();
    QByteArray input;
    if (file == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return c.fail(makeError("io.unreadable", QStringLiteral("stdin: cannot read")));
        input = in.read(config->maxMessageBytes * 2);
    } else {
        auto bytes = readFile(file, config->maxMessageBytes * 2);
        if (!bytes)
            return c.fail(bytes.error());
        input = *bytes;
    }

    sp::Validator validator(*config, **clock);
    const sp::Report report =
        validator.validate(input, {c.value("in-response-to"), c.isSet("redirect")});
    if (c.isSet("junit"))
        if (auto w = writeFileAtomic(
                c.value("junit"), sp::reportJUnit(report, QStringLiteral("jitharness.sp.verify")));
            !w)
            return c.fail(w.error());
    if (c.json())
        out() << QString::fromUtf8(sp::reportJson(report));
    else
        out() << sp::reportText(report);
    out().flush();
    return report.accepted() ? Ok : Rejected;
}

} // namespace jh::cli
