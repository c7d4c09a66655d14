// jitharness sp verify: the mock SP judges one SAML Response and reports
// every check (text, --json, --junit). Exit 0 accepted, 1 rejected, 2 bad
// usage or unreadable input.
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "cli/sp_options.h"
#include "common/file_io.h"
#include "pipeline/login_format.h"
#include "sp/report_format.h"
#include "sp/sp_config_file.h"
#include "sp/validator.h"

#include <QFile>
#include <QJsonDocument>

namespace jh::cli {
namespace {

void addOptions(Command& c)
{
    auto& p = c.parser();
    p.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral(
            "The base64 SAMLResponse, raw XML, or a SAMLResponse= form body ('-' for stdin)."));
    addSpOptions(c);
    p.addOption({QStringLiteral("in-response-to"),
                 QStringLiteral("The ID of our outstanding AuthnRequest."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("redirect"),
                 QStringLiteral("The message came by HTTP-Redirect (raw DEFLATE).")});
    p.addOption({QStringLiteral("preset"),
                 QStringLiteral("With --store: the IdP's claims are shaped like this preset's "
                                "(the mapping's defaults)."),
                 QStringLiteral("NAME")});
    c.addStoreOption();
    c.addPolicyOption();
    c.addPresetFileOption();
    p.addOption({QStringLiteral("junit"),
                 QStringLiteral("Also write the report as JUnit XML (one testcase per check)."),
                 QStringLiteral("FILE")});
    c.addNowOption();
    c.addJsonOption();
}

Result<sp::SpConfig> configFrom(const Command& c)
{
    auto cfg = spConfigFrom(c);
    if (!cfg)
        return cfg;
    if (auto complete = sp::checkComplete(*cfg); !complete)
        return makeError(
            "cli.usage",
            QStringLiteral("%1: give --sp CONFIG, or this SP (--sp-metadata FILE, or --sp-entity "
                           "ID and --acs URL) and the trusted IdP (--idp-metadata FILE, or "
                           "--idp-cert PEM and --idp-entity ID)")
                .arg(complete.error().message));
    return cfg;
}

int writeJUnit(const Command& c, const sp::Report& report)
{
    if (auto w = writeFileAtomic(c.value("junit"),
                                 sp::reportJUnit(report, QStringLiteral("jitharness.sp.verify")));
        !w)
        return c.fail(w.error());
    return Ok;
}

// The accepted login goes on to the mapping and the JIT core, as in `login`.
int verifyIntoStore(const Command& c, const sp::SpConfig& config, const Clock& clock,
                    const QByteArray& input, const sp::ValidationRequest& request)
{
    if (!c.isSet("store"))
        return c.usage(QStringLiteral("--policy needs --store: the JIT core acts on a store"));
    auto presets = c.presets();
    if (!presets)
        return c.fail(presets.error());
    const idp::Preset* shape = nullptr;
    if (c.isSet("preset")) {
        shape = presets->find(c.value("preset"));
        if (!shape)
            return c.usage(QStringLiteral("--preset: unknown preset '%1' (known: %2)")
                               .arg(c.value("preset"), presets->ids().join(QStringLiteral(", "))));
    }
    auto settings = c.jitSettings();
    if (!settings)
        return c.fail(settings.error());
    auto store = c.openStore();
    if (!store)
        return c.fail(store.error());
    pipeline::LoginPipeline pipe(*presets, config, *store, *settings, clock);
    auto steps = pipe.receive(input, request, shape);
    if (!steps)
        return c.fail(steps.error());
    if (c.isSet("junit"))
        if (int rc = writeJUnit(c, steps->report); rc != Ok)
            return rc;
    if (c.json())
        out() << QString::fromUtf8(
            QJsonDocument(pipeline::loginJson(*steps)).toJson(QJsonDocument::Indented));
    else
        out() << pipeline::loginText(*steps);
    out().flush();
    return steps->provisioned() ? Ok : Rejected;
}

} // namespace

int runSpVerify(const QStringList& args)
{
    Command c(
        QStringLiteral("sp verify"),
        QStringLiteral("Validate a SAML Response as a strict SP and report every check."),
        QStringLiteral("FILE (--sp CONFIG | (--idp-metadata FILE | --idp-cert PEM --idp-entity "
                       "ID) (--sp-metadata FILE | --sp-entity ID --acs URL)) [options]"));
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

    const sp::ValidationRequest request{c.value("in-response-to"), c.isSet("redirect")};
    if (c.isSet("store") || c.isSet("policy"))
        return verifyIntoStore(c, *config, **clock, input, request);
    sp::Validator validator(*config, **clock);
    const sp::Report report = validator.validate(input, request);
    if (c.isSet("junit"))
        if (int rc = writeJUnit(c, report); rc != Ok)
            return rc;
    if (c.json())
        out() << QString::fromUtf8(sp::reportJson(report));
    else
        out() << sp::reportText(report);
    out().flush();
    return report.accepted() ? Ok : Rejected;
}

} // namespace jh::cli
