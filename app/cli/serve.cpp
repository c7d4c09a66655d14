// jitharness serve scim: the SCIM 2.0 service over the account store, on
// 127.0.0.1, behind a bearer token (one is made up and printed when none is
// given, so the server never runs open). Prints where it listens, then one
// line per exchange, until SIGINT or SIGTERM; a request being answered is
// finished first, so the store is never left mid-transaction. Exit 0 when
// stopped, 2 for bad usage, an unusable store or policy, or a port in use.
// idp, sp and op (and all) arrive with issue 9.
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "http/bearer_token.h"
#include "http/scim_http_server.h"
#include "scim/scim_service.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace jh::cli {
namespace {

constexpr quint16 kDefaultPort = 7003;

// Signals reach the event loop through a socket pair: the handler only
// writes a byte (async-signal-safe), and a notifier on the other end quits
// the application between two events.
int g_stopPipe[2] = {-1, -1};

extern "C" void onStopSignal(int)
{
    const int saved = errno;
    const char byte = 1;
    if (::write(g_stopPipe[1], &byte, 1) < 0) {
        // Nothing to do: the pipe is full, so a stop is pending anyway.
    }
    errno = saved;
}

class StopOnSignals
{
public:
    StopOnSignals()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_stopPipe) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(g_stopPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [] {
            char byte = 0;
            if (::read(g_stopPipe[0], &byte, 1) >= 0)
                QCoreApplication::quit();
        });
        struct sigaction sa = {};
        sa.sa_handler = onStopSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, &m_oldInt);
        ::sigaction(SIGTERM, &sa, &m_oldTerm);
    }
    ~StopOnSignals()
    {
        if (!m_notifier)
            return;
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        m_notifier.reset();
        ::close(g_stopPipe[0]);
        ::close(g_stopPipe[1]);
        g_stopPipe[0] = g_stopPipe[1] = -1;
    }
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;
    bool ok() const { return m_notifier != nullptr; }

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
};

void addOptions(Command& c)
{
    c.parser().addPositionalArgument(QStringLiteral("kind"),
                                     QStringLiteral("What to serve: scim (idp, sp and op arrive "
                                                    "with issue 9)."));
    c.parser().addOption(
        {QStringLiteral("port"),
         QStringLiteral("The port on 127.0.0.1 (0: any free one, printed). Default: %1.")
             .arg(kDefaultPort),
         QStringLiteral("N")});
    c.parser().addOption(
        {QStringLiteral("token"),
         QStringLiteral("The bearer token clients must send (Authorization: Bearer T). "
                        "Default: a random one, printed at start."),
         QStringLiteral("T")});
    c.parser().addOption(
        {QStringLiteral("max-body"),
         QStringLiteral("The largest request body taken, in bytes (413 beyond). Default: %1.")
             .arg(http::ScimHttpOptions{}.maxBodyBytes),
         QStringLiteral("BYTES")});
    c.addStoreOption();
    c.addPolicyOption();
    c.addNowOption();
}

// The policy's role rules that SCIM group membership grants through.
QList<jit::RoleRule> scimRoles(const jit::JitSettings& settings)
{
    QList<jit::RoleRule> roles;
    for (const jit::RoleRule& r : settings.roles)
        if (r.issuer == QLatin1String(scim::kScimRoleIssuer))
            roles.append(r);
    return roles;
}

} // namespace

int runServe(const QStringList& args)
{
    const QString kind = args.value(0);
    if (kind == QLatin1String("idp") || kind == QLatin1String("sp") ||
        kind == QLatin1String("op") || kind == QLatin1String("all")) {
        err() << "jitharness serve: " << kind
              << " is not served yet: serve idp|sp|op|all arrive with issue 9; serve scim "
                 "works now.\n";
        err().flush();
        return BadInput;
    }
    Command c(QStringLiteral("serve"),
              QStringLiteral("Serve the SCIM 2.0 API (RFC 7643/7644) over the SP's account store "
                             "on 127.0.0.1, behind a bearer token, logging each exchange. Stops "
                             "on Ctrl+C or SIGTERM."),
              QStringLiteral("scim [--port N] [--store FILE] [--token T] [--policy FILE] "
                             "[--max-body BYTES] [--now ISO8601]"));
    addOptions(c);
    if (auto done = c.parse(args, 1, 1))
        return *done;
    if (c.positional().first() != QLatin1String("scim"))
        return c.usage(
            QStringLiteral("'%1' is not something to serve: scim (idp, sp and op arrive with "
                           "issue 9)")
                .arg(c.positional().first()));

    bool ok = true;
    const uint port = c.isSet("port") ? c.value("port").toUInt(&ok) : kDefaultPort;
    if (!ok || port > 65535)
        return c.usage(QStringLiteral("--port: '%1' is not a port (0-65535)").arg(c.value("port")));
    http::ScimHttpOptions options;
    if (c.isSet("max-body")) {
        options.maxBodyBytes = c.value("max-body").toLongLong(&ok);
        if (!ok || options.maxBodyBytes <= 0)
            return c.usage(QStringLiteral("--max-body: '%1' is not a positive number of bytes")
                               .arg(c.value("max-body")));
    }
    const bool generated = !c.isSet("token");
    options.token = generated ? http::newBearerToken() : c.value("token").toUtf8();
    if (options.token.isEmpty())
        return c.usage(QStringLiteral("--token: the token may not be empty"));
    auto clock = c.clock();
    if (!clock)
        return c.usage(clock.error().message);
    auto settings = c.jitSettings();
    if (!settings)
        return c.fail(settings.error());
    // The port before the store: a port in use must not leave a new store behind.
    http::ScimHttpServer server(**clock, options);
    if (auto listening = server.listen(quint16(port)); !listening)
        return c.fail(listening.error());
    auto store = c.openStore();
    if (!store)
        return c.fail(store.error());
    scim::ScimServiceOptions serviceOptions;
    serviceOptions.baseUrl = server.baseUrl();
    serviceOptions.roles = scimRoles(*settings);
    scim::ScimService service(*store, **clock, serviceOptions);
    server.serve(service);
    server.setExchangeSink([](const http::ExchangeRecord& r) {
        out() << http::formatExchange(r) << "\n";
        out().flush();
    });

    StopOnSignals stop;
    if (!stop.ok())
        return c.fail(
            makeError("serve.signals", QStringLiteral("cannot watch for SIGINT/SIGTERM: %1")
                                           .arg(QString::fromLocal8Bit(strerror(errno)))));
    out() << "SCIM 2.0 at " << server.baseUrl() << " (store " << store->path() << ")\n";
    if (generated)
        out() << "bearer token: " << QString::fromLatin1(options.token)
              << "  (made up for this run; --token T sets one)\n";
    else
        out() << "bearer token: the one given with --token\n";
    out() << "Ctrl+C stops the server.\n";
    out().flush();
    QCoreApplication::exec();
    out() << "stopped\n";
    out().flush();
    return Ok;
}

} // namespace jh::cli
