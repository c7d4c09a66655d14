// Text from the outside world (claims, NameIDs, element values) on a
// terminal: control and format characters escaped (\n, \u001b, \u202e), at
// most 200 characters with the length said. Stored and JSON values stay
// literal; only what is printed for people goes through here, so that a claim
// can neither forge report lines nor bury them.
#pragma once

#include <QString>

namespace jh {

QString displayValue(const QString& value);

} // namespace jh
