// A complete, realistic AssertionSpec for tests that do not need a preset.
#pragma once

#include "crypto/key_pair.h"
#include "saml/assertion_spec.h"

#include <QByteArray>
#include <QList>

namespace jh::test {

saml::AssertionSpec sampleSpec();

} // namespace jh::test
