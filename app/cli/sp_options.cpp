#include "cli/sp_options.h"

#include "sp/sp_config_file.h"

namespace jh::cli {

void addSpOptions(Command& c)
{
    auto& p = c.parser();
    p.addOption({QStringLiteral("sp"),
                 QStringLiteral("The SP configuration file (YAML, see samples/sp-config.yaml); the "
                                "options below override what it says."),
                 QStringLiteral("CONFIG")});
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
    p.addOption({QStringLiteral("require"),
                 QStringLiteral("What must be signed: assertion (default), response, both."),
                 QStringLiteral("WHAT")});
    p.addOption({QStringLiteral("skew"), QStringLiteral("Clock skew in seconds (default 180)."),
                 QStringLiteral("SECONDS")});
    p.addOption({QStringLiteral("nameid-format"),
                 QStringLiteral("Accept only this NameID Format (repeatable)."),
                 QStringLiteral("URI")});
    p.addOption({QStringLiteral("allow"),
                 QStringLiteral("Relax one check (repeatable): %1.")
                     .arg(sp::relaxationNames().join(QStringLiteral(", "))),
                 QStringLiteral("RELAXATION")});
}

Result<sp::SpConfig> spConfigFrom(const Command& c, sp::SpConfig base)
{
    auto bad = [](const QString& m) {
        return makeError("cli.usage", m);
    };
    sp::SpConfig cfg = std::move(base);
    if (c.isSet("sp")) {
        auto file = sp::loadSpConfig(c.value("sp"));
        if (!file)
            return file.error();
        cfg = std::move(*file);
    }
    if (c.isSet("sp-metadata"))
        if (auto r = sp::applySpMetadata(cfg, c.value("sp-metadata")); !r)
            return r.error();
    if (c.isSet("sp-entity"))
        cfg.entityId = c.value("sp-entity");
    for (const QString& acs : c.values("acs"))
        if (!cfg.acsUrls.contains(acs))
            cfg.acsUrls << acs;

    // Trust given on the command line replaces the file's: the flags say
    // exactly which keys may sign.
    if (c.isSet("idp-metadata") || c.isSet("idp-cert"))
        cfg.idp.signingCertificates.clear();
    if (c.isSet("idp-metadata"))
        if (auto r = sp::applyIdpMetadata(cfg, c.value("idp-metadata")); !r)
            return r.error();
    if (c.isSet("idp-entity"))
        cfg.idp.entityId = c.value("idp-entity");
    for (const QString& path : c.values("idp-cert")) {
        auto cert = sp::loadCertificate(path);
        if (!cert)
            return cert.error();
        cfg.idp.signingCertificates << *cert;
    }

    if (c.isSet("sp-key")) {
        const QStringList parts = c.value("sp-key").split(QLatin1Char(','));
        if (parts.size() > 2)
            return bad(QStringLiteral("--sp-key: expected KEY.pem or KEY.pem,CERT.pem"));
        auto pair = sp::loadKeyPair(parts[0], parts.value(1));
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
    if (c.isSet("nameid-format"))
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

} // namespace jh::cli
