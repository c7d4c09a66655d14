// jitharness scim push: applies a directory to any SCIM server (ours or the
// user's) as Okta or Entra ID would, and prints every exchange and what the
// server answered. --state keeps what was pushed, so that running it again
// after a directory change sends only the difference, as the vendors do.
// Exit 0 when every request succeeded, 1 when the server refused any, 2 for
// bad usage, an unreadable directory or state, or a server that never
// answered.
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "common/display_text.h"
#include "http/http_scim_transport.h"
#include "scim/scim_client.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <variant>

namespace jh::cli {
namespace {

const char kSynopsis[] =
    "--profile okta|entra --url URL --token T [--directory FILE] [--state FILE] "
    "[--now ISO8601] [--okta-update put|patch] [--okta-deactivate-suspended] "
    "[--entra-delete-after-days N] [--entra-compliant] [--entra-match LIST] [--no-groups] "
    "[--json] [--verbose]";

void addOptions(Command& c)
{
    QCommandLineParser& p = c.parser();
    p.addOption({QStringLiteral("profile"), QStringLiteral("Whose client to play: okta or entra."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("url"),
                 QStringLiteral("The SCIM service root, e.g. http://127.0.0.1:7003/scim/v2."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("token"), QStringLiteral("The bearer token the server expects."),
                 QStringLiteral("T")});
    p.addOption({QStringLiteral("state"),
                 QStringLiteral("What earlier pushes sent (JSON): read if it exists, written "
                                "after the push. Without it every push starts from nothing."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("okta-update"),
                 QStringLiteral("How Okta sends a profile change: put (GET then PUT, as Okta "
                                "documents; default) or patch (one PATCH replace)."),
                 QStringLiteral("put|patch")});
    p.addOption({QStringLiteral("okta-deactivate-suspended"),
                 QStringLiteral("Okta: deactivate suspended people too (an earlier revision of "
                                "Okta's reference; the current one sends nothing).")});
    p.addOption({QStringLiteral("entra-delete-after-days"),
                 QStringLiteral("Entra: days from the soft delete to the hard DELETE. Default: "
                                "30, as in Entra."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("entra-compliant"),
                 QStringLiteral("Entra: send the RFC-compliant PATCH bodies of the "
                                "aadOptscim062020 flag instead of Entra's default ones.")});
    p.addOption({QStringLiteral("entra-match"),
                 QStringLiteral("Entra: matching attributes in order, comma-separated, from "
                                "userName, externalId, workEmail. Default: userName."),
                 QStringLiteral("LIST")});
    p.addOption({QStringLiteral("no-groups"),
                 QStringLiteral("Push people only, not groups and memberships.")});
    p.addOption({QStringLiteral("verbose"),
                 QStringLiteral("Text output: print request and response bodies too.")});
    c.addDirectoryOption();
    c.addNowOption();
    c.addJsonOption();
}

// The options as core's; a usage message on failure.
std::variant<scim::ScimClientOptions, QString> clientOptions(const Command& c)
{
    scim::ScimClientOptions o;
    const auto profile = scim::scimProfileFromName(c.value("profile"));
    if (!profile)
        return c.isSet("profile")
                   ? QStringLiteral("--profile: '%1' is not okta or entra").arg(c.value("profile"))
                   : QStringLiteral("--profile okta|entra is required");
    o.profile = *profile;
    if (c.isSet("okta-update")) {
        const QString u = c.value("okta-update");
        if (u != QLatin1String("put") && u != QLatin1String("patch"))
            return QStringLiteral("--okta-update: '%1' is not put or patch").arg(u);
        o.oktaUpdate = u == QLatin1String("put") ? scim::OktaUpdate::Put : scim::OktaUpdate::Patch;
    }
    o.oktaDeactivateSuspended = c.isSet("okta-deactivate-suspended");
    if (c.isSet("entra-delete-after-days")) {
        bool ok = false;
        o.entraDeleteAfterDays = c.value("entra-delete-after-days").toInt(&ok);
        if (!ok || o.entraDeleteAfterDays < 0)
            return QStringLiteral("--entra-delete-after-days: '%1' is not a number of days")
                .arg(c.value("entra-delete-after-days"));
    }
    o.entraCompliantPatch = c.isSet("entra-compliant");
    if (c.isSet("entra-match")) {
        o.entraMatching.clear();
        for (const QString& m : c.value("entra-match").split(QLatin1Char(','))) {
            if (m == QLatin1String("userName"))
                o.entraMatching << scim::EntraMatch::UserName;
            else if (m == QLatin1String("externalId"))
                o.entraMatching << scim::EntraMatch::ExternalId;
            else if (m == QLatin1String("workEmail"))
                o.entraMatching << scim::EntraMatch::WorkEmail;
            else
                return QStringLiteral("--entra-match: '%1' is not userName, externalId or "
                                      "workEmail")
                    .arg(m);
        }
    }
    o.pushGroups = !c.isSet("no-groups");
    return o;
}

QString bodyText(const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    // Compact JSON escapes control characters; anything else is shown escaped.
    return doc.isNull() ? displayValue(QString::fromUtf8(body))
                        : QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString reportText(const scim::PushReport& report, bool verbose)
{
    QString t;
    for (const scim::ScimExchangeRecord& r : report.exchanges) {
        t += scim::exchangeLine(r) + QLatin1Char('\n');
        if (!verbose)
            continue;
        if (!r.request.body.isEmpty())
            t += QStringLiteral("    sent: ") + bodyText(r.request.body) + QLatin1Char('\n');
        if (!r.responseBody.isEmpty())
            t += QStringLiteral("    got:  ") + bodyText(r.responseBody) + QLatin1Char('\n');
    }
    const scim::PushSummary& s = report.summary;
    t += QStringLiteral("%1 request(s): %2 created, %3 updated, %4 deactivated, %5 reactivated, "
                        "%6 deleted; groups %7 created, %8 updated, %9 deleted; ")
             .arg(report.exchanges.size())
             .arg(s.created)
             .arg(s.updated)
             .arg(s.deactivated)
             .arg(s.reactivated)
             .arg(s.deleted)
             .arg(s.groupsCreated)
             .arg(s.groupsUpdated)
             .arg(s.groupsDeleted);
    t += QStringLiteral("%1 failed\n").arg(s.failed);
    return t;
}

int runScimPush(const QStringList& args)
{
    Command c(QStringLiteral("scim push"),
              QStringLiteral("Apply a directory to a SCIM server the way Okta or Microsoft Entra "
                             "ID would: the same requests, in the same order and shapes, for "
                             "hires, changes and leavers; print every exchange and the answer."),
              QString::fromLatin1(kSynopsis));
    addOptions(c);
    if (auto done = c.parse(args))
        return *done;
    const auto options = clientOptions(c);
    if (const QString* message = std::get_if<QString>(&options))
        return c.usage(*message);
    if (!c.isSet("url"))
        return c.usage(QStringLiteral("--url is required"));
    if (!c.isSet("token"))
        return c.usage(QStringLiteral("--token is required"));
    const QUrl url(c.value("url"), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return c.usage(QStringLiteral("--url: '%1' is not an http(s) URL").arg(c.value("url")));
    auto clock = c.clock();
    if (!clock)
        return c.usage(clock.error().message);
    auto directory = c.directory();
    if (!directory)
        return c.fail(directory.error());
    scim::ScimClientState state;
    const QString statePath = c.value("state");
    if (!statePath.isEmpty() && QFileInfo::exists(statePath)) {
        auto loaded = scim::loadScimClientState(statePath);
        if (!loaded)
            return c.fail(loaded.error());
        state = std::move(*loaded);
    }

    http::HttpScimTransport transport(url, c.value("token").toUtf8());
    auto report = scim::pushDirectory(*directory, state, transport, **clock,
                                      std::get<scim::ScimClientOptions>(options));
    if (!report)
        return c.fail(report.error());
    if (!statePath.isEmpty())
        if (auto saved = scim::saveScimClientState(state, statePath); !saved)
            return c.fail(saved.error());
    if (c.json())
        out() << QString::fromUtf8(QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented));
    else
        out() << reportText(*report, c.isSet("verbose"));
    out().flush();
    if (report->aborted)
        return c.fail(*report->aborted);
    return report->succeeded() ? Ok : Rejected;
}

} // namespace

int runScim(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("push"))
        return runScimPush(args.mid(1));
    const bool help = sub == QLatin1String("--help") || sub == QLatin1String("-h");
    (help ? out() : err())
        << (sub.isEmpty() || help
                ? QString()
                : QStringLiteral("jitharness scim: unknown subcommand '%1'\n").arg(sub))
        << "usage: jitharness scim push " << kSynopsis << "\n"
        << "  push   apply a directory to a SCIM server as Okta or Entra ID would\n"
           "Run 'jitharness scim push --help' for its options.\n";
    return help ? Ok : BadInput;
}

} // namespace jh::cli
