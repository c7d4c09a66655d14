// A SCIM transport over HTTP, for our SCIM clients talking to any SCIM
// server (ours on 127.0.0.1, or the user's): each ScimRequest becomes one
// HTTP request below the base URL with the bearer token, and the reply
// becomes a ScimResponse. send() blocks in a local event loop until the
// reply or the timeout, so the caller's thread keeps serving its own events
// meanwhile — a server of ours in the same thread answers. Use it on the
// thread that made it (QNetworkAccessManager is bound to that thread).
#pragma once

#include "scim/scim_exchange.h"

#include <QUrl>
#include <memory>

class QNetworkAccessManager;

namespace jh::http {

class HttpScimTransport final : public scim::ScimTransport
{
public:
    // `baseUrl`: the service root, e.g. http://127.0.0.1:7003/scim/v2. An
    // empty token sends no Authorization header.
    HttpScimTransport(QUrl baseUrl, QByteArray token, int timeoutMs = 30000);
    ~HttpScimTransport() override;
    HttpScimTransport(const HttpScimTransport&) = delete;
    HttpScimTransport& operator=(const HttpScimTransport&) = delete;

    // Errors: transport.failed (no HTTP response: refused, reset, bad URL)
    // and transport.timeout, both naming the URL. An HTTP error status is a
    // response, not an error.
    Result<scim::ScimResponse> send(const scim::ScimRequest& request) override;

    // The URL `request` goes to: base + encoded path + encoded query.
    QUrl urlFor(const scim::ScimRequest& request) const;

private:
    QUrl m_base;
    QByteArray m_token;
    int m_timeoutMs;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

} // namespace jh::http
