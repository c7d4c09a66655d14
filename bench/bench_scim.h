// Measures of the SCIM service: a PATCH replacing one user's displayName
// (RFC 7644 §3.5.2.3, the update Okta and Entra send most), each a store
// transaction with its audit entry, the store a file on disk.
//   scim.patch.inprocess      ScimService::handle through InProcessTransport,
//                             against the same writes done by hand (read the
//                             account, update it, append the audit entry, one
//                             transaction): what the SCIM layer adds.
//   scim.patch.http.loopback  the same PATCH through HttpScimTransport to our
//                             server on 127.0.0.1, against the in-process
//                             PATCH: what HTTP adds.
//   scim.get.spconfig.http.loopback  GET /ServiceProviderConfig (no store
//                             work) over loopback against in process: the
//                             cost of one HTTP exchange alone.
// The server, its store and service run on a thread of their own, as a real
// server would be another process; the client waits on the runner's thread
// (and Qt does the client's HTTP on its own network thread). With the
// server on the client's thread instead, every exchange would also pay for
// the nested event loop hand-over, which no real deployment has.
#pragma once

#include "bench_measure.h"

namespace jh::bench {

// False (and a message on stderr) when the service cannot be set up (a
// store, a port, or a service that does not create the bench's user).
bool addScimMeasures(Runner& runner);

} // namespace jh::bench
