// jitharness idp ...: the mock IdP's subcommands, dispatched by name.
#include "cli/cli_output.h"
#include "cli/commands.h"

namespace jh::cli {

int runIdpIssue(const QStringList& args);
int runIdpFaults(const QStringList& args);
int runIdpMetadata(const QStringList& args);
int runIdpCert(const QStringList& args);
int runIdpPresets(const QStringList& args);
int runIdpPeople(const QStringList& args);

int runIdp(const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("issue"))
        return runIdpIssue(rest);
    if (sub == QLatin1String("metadata"))
        return runIdpMetadata(rest);
    if (sub == QLatin1String("cert"))
        return runIdpCert(rest);
    if (sub == QLatin1String("presets"))
        return runIdpPresets(rest);
    if (sub == QLatin1String("people"))
        return runIdpPeople(rest);
    if (sub == QLatin1String("faults"))
        return runIdpFaults(rest);
    const bool help = sub == QLatin1String("--help") || sub == QLatin1String("-h");
    (help ? out() : err())
        << (sub.isEmpty() || help
                ? QString()
                : QStringLiteral("jitharness idp: unknown subcommand '%1'\n").arg(sub))
        << "usage: jitharness idp issue|metadata|cert|presets|people|faults [options]\n"
           "Run 'jitharness idp <subcommand> --help' for its options.\n";
    return help ? Ok : BadInput;
}

} // namespace jh::cli
