// core/http: our endpoints on 127.0.0.1 and the HTTP client that talks to
// them (or to anyone's). This file: the SCIM service served over HTTP by
// QHttpServer under /scim/v2. The server owns only what HTTP adds — the
// bearer token (401), the body size limit (413), the media type (415),
// methods SCIM has no use for (405), paths outside the base (404), the
// exchange log — and turns everything else into ScimRequests for a handler
// (normally ScimService::handle) and ScimResponses back into HTTP, headers
// included (ETag, Location, Content-Type; If-Match and If-None-Match in).
// It binds 127.0.0.1 only, lives on the thread that made it, and answers
// on that thread's event loop — a nested one (a client of ours waiting in
// the same thread) included.
#pragma once

#include "common/result.h"
#include "http/exchange_log.h"
#include "scim/scim_exchange.h"
#include "time/clock.h"

#include <QString>
#include <functional>
#include <memory>

namespace jh::scim {
class ScimService;
}

namespace jh::http {

struct ScimHttpOptions
{
    // The bearer token every request must carry. Empty: every request is
    // refused, so a server never runs open by mistake.
    QByteArray token;
    // The largest request body accepted (413 beyond). The headers may add
    // up to kHeaderAllowance before a connection is cut off unread.
    qint64 maxBodyBytes = qint64(1) << 20;
};

inline constexpr qint64 kHeaderAllowance = qint64(64) << 10;

using ScimHandler = std::function<scim::ScimResponse(const scim::ScimRequest&)>;

class ScimHttpServer
{
public:
    // `clock` stamps the exchange log and must outlive the server.
    ScimHttpServer(const Clock& clock, ScimHttpOptions options);
    ~ScimHttpServer();
    ScimHttpServer(const ScimHttpServer&) = delete;
    ScimHttpServer& operator=(const ScimHttpServer&) = delete;

    // Binds 127.0.0.1:port; 0 picks a free port (see port()). Error
    // http.listen naming the address and the reason (e.g. in use).
    Result<void> listen(quint16 port);
    quint16 port() const;    // 0 until listening
    QString baseUrl() const; // "http://127.0.0.1:<port>/scim/v2"

    // Who answers the SCIM requests; until set, every request gets 503.
    // Set once listening, so that the service can be told the base URL.
    void setHandler(ScimHandler handler);
    void serve(scim::ScimService& service); // setHandler(service.handle)
    void setExchangeSink(ExchangeSink sink);

    const ScimHttpOptions& options() const { return m_options; }

private:
    class Impl;
    const Clock& m_clock;
    ScimHttpOptions m_options;
    std::unique_ptr<Impl> m_impl;
};

} // namespace jh::http
