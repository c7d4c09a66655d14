// The fault catalogue: every fault the IdP can put in a Response, grouped by
// kind (core/idp/faults/), looked up by name, built with the preconditions
// checked in one place, and each fault's passing twin — the same message
// without the defect, which a strict SP must accept.
#pragma once

#include "idp/fault.h"

#include <QList>
#include <QStringList>

namespace jh::idp {

// In kind order, then as each group lists them. Names are unique.
const QList<Fault>& faultCatalog();
const Fault* findFault(const QString& name);
QStringList faultNames();

// Builds the faulted message. Error ids: idp.fault-needs-request (the base
// answers no request: give it an InResponseTo), idp.fault-needs-encryption
// (no SP encryption certificate), and the signer's and xmlsec's own.
Result<QByteArray> buildFault(const Fault& fault, const FaultInput& input);

// The valid message signed and encrypted the way the fault's message is.
Result<QByteArray> buildPassingTwin(const Fault& fault, const FaultInput& input);

} // namespace jh::idp
