// stdout / stderr as QTextStreams (UTF-8), shared by all subcommands.
#pragma once

#include <QTextStream>

namespace jh::cli {

QTextStream& out();
QTextStream& err();

} // namespace jh::cli
