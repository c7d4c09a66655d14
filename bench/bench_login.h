// Measures of the whole pipeline: one login is the IdP shaping claims and
// signing a Response, the POST form encoding, the strict SP's validation,
// the mapping and the JIT core's upsert and audit entry in an SQLite store on
// disk. The reference is the crypto any SSO login must do: one RSA-2048
// signature and its verification, raw OpenSSL. On one thread and on two
// (two connections writing one store file).
#pragma once

#include "bench_measure.h"

namespace jh::bench {

bool addLoginMeasures(Runner& runner);

} // namespace jh::bench
