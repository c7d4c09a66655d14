#include "cli/commands.h"
namespace jh::cli { int runIdp(const QStringList&) { return BadInput; } }
