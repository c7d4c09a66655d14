// The options that say which SP judges a message, shared by `sp verify` and
// `attack`: a configuration file (--sp), metadata and PEM files, and flags
// that override single settings — strict unless a relaxation is named.
#pragma once

#include "cli/cli_context.h"
#include "sp/sp_config.h"

namespace jh::cli {

void addSpOptions(Command& c);

// The configuration the options describe, starting from --sp CONFIG (or from
// `base` without it); metadata and flags given beside the file override it.
// Usage errors have id cli.usage; a file's own errors keep theirs. The result
// is not checked for completeness: callers that fill in defaults do so first.
Result<sp::SpConfig> spConfigFrom(const Command& c, sp::SpConfig base = {});

} // namespace jh::cli
