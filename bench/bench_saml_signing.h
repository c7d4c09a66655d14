// Measures of the IdP's signing path: a typical assertion issued end to end
// (claims shaped, XML written, signed, serialised) against OpenSSL's raw
// EVP signature with the same key.
#pragma once

#include "bench_measure.h"

namespace jh::bench {

bool addSamlSigningMeasures(Runner& runner);

} // namespace jh::bench
