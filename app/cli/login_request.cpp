#include "cli/login_request.h"

#include "attack/attack_run.h"
#include "sp/sp_config_file.h"

#include <openssl/x509.h>

namespace jh::cli {
namespace {

constexpr char kSampleSpMetadata[] = ":/samples/sp-metadata.xml";

Error usageError(const QString& m)
{
    return makeError("cli.usage", m);
}

} // namespace

void addIssueShapeOptions(Command& c, const QString& defaultPerson, const QString& defaultPreset)
{
    auto& p = c.parser();
    auto withDefault = [](const QString& text, const QString& value) {
        return value.isEmpty() ? text + QStringLiteral(" Required.")
                               : text + QStringLiteral(" Default: %1.").arg(value);
    };
    p.addOption({QStringLiteral("person"),
                 withDefault(QStringLiteral("Who signs in (see 'idp people')."), defaultPerson),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("preset"),
                 withDefault(QStringLiteral("IdP preset shaping the message (see 'idp presets')."),
                             defaultPreset),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("key"), QStringLiteral("Signing key: rsa (default) or ec."),
                 QStringLiteral("rsa|ec")});
    p.addOption({QStringLiteral("sign"),
                 QStringLiteral("What the IdP signs: assertion, response or both. Default: the "
                                "preset's, or more when the SP requires it."),
                 QStringLiteral("WHAT")});
    p.addOption({QStringLiteral("encrypt"),
                 QStringLiteral("Encrypt the assertion for the SP's certificate.")});
    p.addOption({QStringLiteral("in-response-to"),
                 QStringLiteral("ID of the SP's AuthnRequest the message answers."),
                 QStringLiteral("ID")});
}

void addClaimOverrideOptions(Command& c, bool nameIdFormat)
{
    auto& p = c.parser();
    p.addOption({QStringLiteral("attr"),
                 QStringLiteral(
                     "Set attribute NAME to VALUE, replacing what the preset sends (or adding it). "
                     "Repeat the same NAME for several values."),
                 QStringLiteral("NAME=VALUE")});
    p.addOption({QStringLiteral("drop-attr"), QStringLiteral("Leave attribute NAME out."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("nameid"),
                 QStringLiteral("Send this NameID instead of the preset's."),
                 QStringLiteral("VALUE")});
    if (!nameIdFormat)
        return;
    p.addOption({QStringLiteral("nameid-format"),
                 QStringLiteral("Send this NameID Format instead of the preset's."),
                 QStringLiteral("URI")});
    p.addOption({QStringLiteral("sp-name-qualifier"), QStringLiteral("NameID SPNameQualifier."),
                 QStringLiteral("URI")});
}

Result<idp::ClaimOverrides> claimOverridesFrom(const Command& c, bool nameIdFormat)
{
    idp::ClaimOverrides o;
    for (const QString& pair : c.values("attr")) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return usageError(QStringLiteral("--attr: '%1' is not NAME=VALUE").arg(pair));
        const QString name = pair.left(eq);
        auto it = std::find_if(o.attributes.begin(), o.attributes.end(),
                               [&](const auto& a) { return a.first == name; });
        if (it == o.attributes.end())
            o.attributes.append({name, {pair.mid(eq + 1)}});
        else
            it->second << pair.mid(eq + 1);
    }
    o.dropAttributes = c.values("drop-attr");
    if (c.isSet("nameid"))
        o.nameId = c.value("nameid");
    if (nameIdFormat) {
        if (c.isSet("nameid-format"))
            o.nameIdFormat = c.value("nameid-format");
        if (c.isSet("sp-name-qualifier"))
            o.spNameQualifier = c.value("sp-name-qualifier");
    }
    return o;
}

Result<idp::IssueRequest> requestForSp(const Command& c, const sp::SpConfig& cfg,
                                       const idp::Issuer& issuer, const RequestDefaults& defaults)
{
    idp::IssueRequest r;
    r.personId = c.isSet("person") ? c.value("person") : defaults.person;
    r.presetId = c.isSet("preset") ? c.value("preset") : defaults.preset;
    if (r.personId.isEmpty())
        return usageError(QStringLiteral("--person is required"));
    if (r.presetId.isEmpty())
        return usageError(QStringLiteral("--preset is required"));
    r.inResponseTo = c.isSet("in-response-to") ? c.value("in-response-to") : defaults.requestId;
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
            return usageError(QStringLiteral("--sign: '%1' is not assertion, response or both")
                                  .arg(c.value("sign")));
    }
    if (c.isSet("key")) {
        r.key = crypto::keyTypeFromName(c.value("key"));
        if (!r.key)
            return usageError(QStringLiteral("--key: '%1' is not rsa or ec").arg(c.value("key")));
    }
    r.encryption.enabled = c.isSet("encrypt");
    if (r.encryption.enabled && !r.sp.encryptionCertificate)
        return usageError(QStringLiteral("--encrypt: the SP has no encryption certificate"));
    auto overrides = claimOverridesFrom(c, false);
    if (!overrides)
        return overrides.error();
    r.overrides = *overrides;
    if (!r.sign) {
        // The valid message must be one this SP accepts.
        auto signing = issuer.signingFor(r);
        if (!signing)
            return signing.error();
        r.sign = attack::satisfies(signing->mode, cfg) ? signing->mode : idp::SignMode::Both;
    }
    return r;
}

Result<sp::SpConfig> harnessSp(const idp::ResponseSigner& signer, const QDateTime& now)
{
    sp::SpConfig cfg;
    if (auto md = sp::applySpMetadata(cfg, QString::fromLatin1(kSampleSpMetadata)); !md)
        return md.error();
    auto key = crypto::KeyPair::generate(crypto::KeyType::Rsa,
                                         QStringLiteral("jitharness SP (this run only)"), now);
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

Result<void> checkTrust(const sp::SpConfig& cfg, const QString& issuer, X509* signingCert)
{
    if (cfg.idp.entityId != issuer)
        return usageError(QStringLiteral("the SP trusts IdP '%1' but the message is issued by "
                                         "'%2': pick the matching --preset or --idp-entity")
                              .arg(cfg.idp.entityId, issuer));
    const bool trusted = std::any_of(
        cfg.idp.signingCertificates.begin(), cfg.idp.signingCertificates.end(),
        [&](const std::shared_ptr<X509>& c) { return X509_cmp(c.get(), signingCert) == 0; });
    if (!trusted)
        return usageError(QStringLiteral("the SP trusts none of this IdP's signing certificates: "
                                         "give --key-dir with the key it trusts, or trust this "
                                         "IdP's certificate ('jitharness idp cert')"));
    return {};
}

} // namespace jh::cli
