#include "support/cli_runner.h"

#include "support/fixtures.h"

#include <QProcess>

namespace jh::test {

CliRun runCli(const QStringList& args, const QByteArray& stdinData)
{
    QProcess p;
    p.setProgram(cliPath());
    p.setArguments(args);
    p.start();
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    CliRun r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit) {
        p.kill();
        r.err = "process did not finish normally";
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace jh::test
