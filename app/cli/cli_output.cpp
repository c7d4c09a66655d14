#include "cli/cli_output.h"

#include <cstdio>

namespace jh::cli {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

} // namespace jh::cli
