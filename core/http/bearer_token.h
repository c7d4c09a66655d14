// The bearer token that guards our HTTP endpoints (RFC 6750): reading it
// from an Authorization header, comparing it without leaking through timing
// how much of it a guess got right, and making a fresh one when the user gave
// none, so that a server of ours never runs open.
#pragma once

#include <QByteArray>

namespace jh::http {

// The token of an "Authorization: Bearer T" header (scheme case-insensitive,
// RFC 7235 §2.1); empty when the header is absent or carries another scheme.
QByteArray bearerToken(const QByteArray& authorization);

// True when `presented` equals `expected`, in time independent of where they
// differ and of their lengths. An empty `expected` matches nothing.
bool tokenMatches(const QByteArray& presented, const QByteArray& expected);

// 32 random bytes from the system's generator, base64url without padding.
QByteArray newBearerToken();

} // namespace jh::http
