// The subcommand table of jitharness. Each subcommand lives in its own file
// and returns an exit code: 0 ok, 1 rejected or denied, 2 bad usage or
// unreadable input.
#pragma once

#include <QStringList>

namespace jh::cli {

enum ExitCode
{
    Ok = 0,
    Rejected = 1,
    BadInput = 2
};

int run(const QStringList& arguments);

} // namespace jh::cli
