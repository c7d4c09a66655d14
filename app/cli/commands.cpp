#include "cli/commands.h"

#include "cli/cli_output.h"

namespace jh::cli {

int runIdp(const QStringList& args);
int runSpVerify(const QStringList& args);
int runAttackCommand(const QStringList& args);
int runLogin(const QStringList& args);
int runAccounts(const QStringList& args);
int runServe(const QStringList& args);
int runScim(const QStringList& args);

namespace {

const char kUsage[] = R"(usage: jitharness <command> [options]

Commands:
  idp issue      issue a signed SAML Response for a person of the directory
  idp metadata   print the IdP's SAML metadata (EntityDescriptor)
  idp cert       print the IdP's signing certificate (PEM)
  idp presets    list the IdP presets, or diff two of them
  idp people     list the people of the directory
  idp faults     list the fault catalogue (deliberately bad messages for SP testing)
  sp verify      validate a SAML Response as a strict SP, check by check
  attack         run the fault catalogue through the SP: what it caught, what fooled it
  login          sign a person in through IdP, SP and JIT: the report and the account diff
  accounts       the SP's accounts, one account, or the audit log (list | show ID | audit)
  scim push      apply a directory to a SCIM server as Okta or Entra ID would
  serve scim     serve the SCIM 2.0 API over the account store on 127.0.0.1

Run "jitharness <command> --help" for a command's options.
Exit codes: 0 ok, 1 rejected or denied, 2 bad usage or unreadable input.
)";

} // namespace

int run(const QStringList& arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h")) {
        out() << kUsage;
        return args.isEmpty() ? BadInput : Ok;
    }
    if (args.first() == QLatin1String("--version")) {
        out() << "jitharness " << JH_VERSION << "\n";
        return Ok;
    }
    if (args.first() == QLatin1String("idp"))
        return runIdp(args.mid(1));
    if (args.first() == QLatin1String("sp")) {
        if (args.value(1) == QLatin1String("verify"))
            return runSpVerify(args.mid(2));
        const bool help = args.value(1) == QLatin1String("--help");
        (help ? out() : err()) << "usage: jitharness sp verify FILE [options]\n";
        return help ? Ok : BadInput;
    }
    if (args.first() == QLatin1String("attack"))
        return runAttackCommand(args.mid(1));
    if (args.first() == QLatin1String("login"))
        return runLogin(args.mid(1));
    if (args.first() == QLatin1String("accounts"))
        return runAccounts(args.mid(1));
    if (args.first() == QLatin1String("scim"))
        return runScim(args.mid(1));
    if (args.first() == QLatin1String("serve"))
        return runServe(args.mid(1));
    err() << "jitharness: unknown command '" << args.first() << "'\n" << kUsage;
    return BadInput;
}

} // namespace jh::cli
