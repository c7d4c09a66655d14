// The fault catalogue on the command line: `idp faults` lists it, and
// `idp issue --fault NAME` uses these helpers to turn the message it would
// issue into the faulted one, with notes saying what a strict SP must do.
#pragma once

#include "cli/cli_context.h"
#include "idp/fault_catalog.h"
#include "idp/issuer.h"

namespace jh::cli {

void addFaultOption(Command& c);

// The fault --fault names; null when the option is not given. An unknown
// name is an error (id cli.usage) that lists the known ones.
Result<const idp::Fault*> faultOption(const Command& c);

// The faulted message built from what `issued` says and how it is signed,
// with an untrusted key of the same type generated for the faults that need
// one. Adds notes on what a strict SP must do with it to `issued.notes`.
Result<QByteArray> buildFaulted(const idp::Fault& fault, idp::Issued& issued,
                                const idp::ResponseSigner& signer, X509* encryptFor,
                                const QDateTime& now);

int runIdpFaults(const QStringList& args);

} // namespace jh::cli
