// How QCOMPARE prints the JIT core's values when they differ: one line each,
// long values cut, so a failure says what differed.
#pragma once

#include "jit/account_store.h"
#include "jit/outcome.h"

namespace jh::jit {

char* toString(Action a);
char* toString(AccountStatus s);
char* toString(const StoreCounts& c);
char* toString(const Account& a);
char* toString(const AuditEntry& e);
char* toString(const FieldChange& c);

} // namespace jh::jit
