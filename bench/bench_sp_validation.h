// Measures of the mock SP: a typical signed Response (assertion signed,
// RSA-2048, rsa-sha256, issued by the project's own IdP) validated end to end
// — base64 in, verified login out — against a bare xmlSecDSigCtxVerify of the
// same document, the least any SP must do (parse, register the ID, verify
// with the key already loaded; it starts from the decoded XML, so base64 is
// charged to the SP alone). On one thread and on two.
#pragma once

#include "bench_measure.h"

namespace jh::bench {

// False (and a message on stderr) when the fixture cannot be built or the
// SP does not accept what the IdP issued: then there is nothing to measure.
bool addSpValidationMeasures(Runner& runner);

} // namespace jh::bench
