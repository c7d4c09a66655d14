// jitharness login: one sign-in through the whole pipeline — the mock IdP
// issues for a person of the directory, the browser's POST is encoded, the
// strict SP checks it, the mapping reads it and the JIT core creates or
// updates the account in the store. Exit 0 provisioned, 1 rejected or
// denied, 2 bad usage or an unusable store.
#include "cli/cli_output.h"
#include "cli/login_request.h"
#include "cli/sp_options.h"
#include "pipeline/login_format.h"
#include "sp/sp_config_file.h"

#include <QJsonDocument>
#include <QUuid>

namespace jh::cli {
namespace {

void addOptions(Command& c)
{
    addIssueShapeOptions(c, {}, {});
    addClaimOverrideOptions(c, false);
    addSpOptions(c);
    c.addStoreOption();
    c.addPolicyOption();
    c.addDirectoryOption();
    c.addPresetFileOption();
    c.addKeyDirOption();
    c.addNowOption();
    c.addJsonOption();
    c.parser().addOption(
        {QStringLiteral("summary"),
         QStringLiteral("Print the SP's verdict in one line instead of every check.")});
}

// An SP-initiated login: the SP's AuthnRequest ID, fresh each time.
QString newRequestId()
{
    return QStringLiteral("_jh") + QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace

int runLogin(const QStringList& args)
{
    Command c(QStringLiteral("login"),
              QStringLiteral("Sign a person of the directory in to the mock SP through the whole "
                             "pipeline (IdP, POST binding, strict SP, mapping, JIT) and show the "
                             "report and what happened to the account."),
              QStringLiteral("--person ID --preset NAME [--store FILE] [--policy FILE] "
                             "[--now ISO8601] [--json] [options]"));
    addOptions(c);
    if (auto done = c.parse(args))
        return *done;
    Command::IdpInputs in;
    if (auto failed = c.loadIdpInputs(in))
        return *failed;
    const crypto::KeyStore keys = c.keyStore();
    const Clock& clk = *in.clock;
    idp::ResponseSigner signer([&](crypto::KeyType t) { return keys.loadOrCreate(t, clk); });
    idp::Issuer issuer(in.directory, in.presets, signer, clk);

    auto fallback = harnessSp(signer, clk.now());
    if (!fallback)
        return c.fail(fallback.error());
    auto cfg = spConfigFrom(c, *fallback);
    if (!cfg)
        return cfg.error().id == QLatin1String("cli.usage") ? c.usage(cfg.error().message)
                                                            : c.fail(cfg.error());
    auto request = requestForSp(c, *cfg, issuer, {{}, {}, newRequestId()});
    if (!request)
        return request.error().id == QLatin1String("cli.usage") ? c.usage(request.error().message)
                                                                : c.fail(request.error());
    auto spec = issuer.buildSpec(*request);
    if (!spec)
        return c.fail(spec.error());
    if (cfg->idp.entityId.isEmpty())
        cfg->idp.entityId = spec->issuer;
    if (auto complete = sp::checkComplete(*cfg); !complete)
        return c.usage(complete.error().message);
    auto signingKey = signer.keyPair(request->key.value_or(crypto::KeyType::Rsa));
    if (!signingKey)
        return c.fail(signingKey.error());
    if (auto trust = checkTrust(*cfg, spec->issuer, signingKey->certificate()); !trust)
        return c.usage(trust.error().message);

    auto settings = c.jitSettings();
    if (!settings)
        return c.fail(settings.error());
    auto store = c.openStore();
    if (!store)
        return c.fail(store.error());

    pipeline::LoginPipeline pipe(in.presets, *cfg, *store, *settings, clk);
    auto steps = pipe.signIn(issuer, *request);
    if (!steps)
        return c.fail(steps.error());
    if (c.json())
        out() << QString::fromUtf8(
            QJsonDocument(pipeline::loginJson(*steps)).toJson(QJsonDocument::Indented));
    else
        out() << (c.isSet("summary") ? pipeline::loginSummaryText(*steps)
                                     : pipeline::loginText(*steps));
    out().flush();
    return steps->provisioned() ? Ok : Rejected;
}

} // namespace jh::cli
