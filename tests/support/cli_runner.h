// Runs the built jitharness binary the way a script outside the project
// would, and returns what it printed and its exit code.
#pragma once

#include <QByteArray>
#include <QStringList>

namespace jh::test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList& args, const QByteArray& stdinData = {});

} // namespace jh::test
