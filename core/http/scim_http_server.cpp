#include "http/scim_http_server.h"

#include "http/bearer_token.h"
#include "http/request_size_guard.h"
#include "http/scim_http_codec.h"
#include "scim/scim_service.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpSocket>

namespace jh::http {
namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;
using Method = QHttpServerRequest::Method;

const char kAllow[] = "GET, POST, PUT, PATCH, DELETE";

// What goes back: the SCIM response and the headers only HTTP knows of.
struct Answer
{
    scim::ScimResponse response;
    Headers headers;
};

QByteArray scimMethod(Method m)
{
    switch (m) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Patch:
        return "PATCH";
    case Method::Delete:
        return "DELETE";
    default:
        return {};
    }
}

// For the log: the method as sent, as far as QHttpServer tells it.
QByteArray methodName(Method m)
{
    const char* key = QMetaEnum::fromType<Method>().valueToKey(int(m));
    return key ? QByteArray(key).toUpper() : QByteArrayLiteral("UNKNOWN");
}

QByteArray requestTarget(const QUrl& url)
{
    QByteArray t = url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        t += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return t;
}

// A header value of the service's (an ETag, a Location) never splits the
// header block, whatever it holds.
QByteArray headerSafe(QByteArray value)
{
    value.replace('\r', ' ').replace('\n', ' ');
    return value;
}

QHttpServerResponder::StatusCode statusCode(int status)
{
    // QHttpServer writes the reason phrase from its own table; a status it
    // does not know would go out without one, so the service's odd ones
    // (none are expected) become 500.
    const bool known =
        QMetaEnum::fromType<QHttpServerResponder::StatusCode>().valueToKey(status) != nullptr;
    return QHttpServerResponder::StatusCode(known ? status : 500);
}

} // namespace

class ScimHttpServer::Impl final : public QAbstractHttpServer
{
public:
    explicit Impl(ScimHttpServer& owner) : m_owner(owner) {}

    RequestSizeGuard* tcp = nullptr;
    ScimHandler handler;
    ExchangeSink sink;

    Answer answer(const QHttpServerRequest& request) const;
    QByteArray overflowResponse(const QByteArray& requestLine, qint64 received) const;
    void log(const ExchangeRecord& record) const
    {
        if (sink)
            sink(record);
    }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

private:
    ScimHttpServer& m_owner;
};

Answer ScimHttpServer::Impl::answer(const QHttpServerRequest& request) const
{
    const ScimHttpOptions& o = m_owner.m_options;
    const QByteArray body = request.body();
    if (body.size() > o.maxBodyBytes)
        return {scim::errorResponse(413, {},
                                    QStringLiteral("the request body is %1 bytes; this server "
                                                   "takes at most %2")
                                        .arg(body.size())
                                        .arg(o.maxBodyBytes)),
                {}};
    const QByteArray presented = bearerToken(request.value("Authorization"));
    if (!tokenMatches(presented, o.token)) {
        QByteArray challenge = "Bearer realm=\"jitharness-scim\"";
        if (!presented.isEmpty())
            challenge += ", error=\"invalid_token\"";
        return {scim::errorResponse(401, {},
                                    presented.isEmpty()
                                        ? QStringLiteral("a bearer token is required "
                                                         "(Authorization: Bearer ...)")
                                        : QStringLiteral("the bearer token is not this server's")),
                {{"WWW-Authenticate", challenge}}};
    }
    const QString base = QString::fromLatin1(kScimBasePath);
    const QString path = request.url().path();
    if (path != base && !path.startsWith(base + QLatin1Char('/')))
        return {scim::errorResponse(404, {},
                                    QStringLiteral("the SCIM service is at %1; nothing else is "
                                                   "served here")
                                        .arg(base)),
                {}};
    scim::ScimRequest r;
    r.method = scimMethod(request.method());
    if (r.method.isEmpty())
        return {scim::errorResponse(405, {},
                                    QStringLiteral("SCIM has no use for %1; it takes %2")
                                        .arg(QString::fromLatin1(methodName(request.method())),
                                             QString::fromLatin1(kAllow))),
                {{"Allow", kAllow}}};
    if (!body.isEmpty() && !isScimMediaType(request.value("Content-Type")))
        return {scim::errorResponse(
                    415, {},
                    QStringLiteral("a request body must be application/scim+json or "
                                   "application/json, not '%1'")
                        .arg(QString::fromLatin1(headerSafe(request.value("Content-Type"))))),
                {}};
    if (!handler)
        return {scim::errorResponse(503, {}, QStringLiteral("the SCIM service is not up yet")), {}};
    r.path = path.mid(base.size());
    r.query = decodeQuery(request.url().query(QUrl::FullyEncoded).toLatin1());
    r.body = body;
    r.ifMatch = request.value("If-Match");
    r.ifNoneMatch = request.value("If-None-Match");
    return {handler(r), {}};
}

bool ScimHttpServer::Impl::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    QElapsedTimer timer;
    timer.start();
    if (tcp)
        tcp->requestComplete(socket);
    ExchangeRecord record{m_owner.m_clock.now(), methodName(request.method()),
                          requestTarget(request.url())};
    Answer a = answer(request);
    const scim::ScimResponse& resp = a.response;

    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(statusCode(resp.status));
    if (!resp.body.isEmpty())
        responder.writeHeader("Content-Type", headerSafe(resp.contentType));
    if (!resp.etag.isEmpty())
        responder.writeHeader("ETag", headerSafe(resp.etag));
    if (!resp.location.isEmpty())
        responder.writeHeader("Location", headerSafe(resp.location));
    for (const auto& [name, value] : a.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(resp.body.size()));
    // A HEAD response ends with its headers (RFC 9110 §9.3.2); a body would
    // be read as the start of the next response.
    const bool head = request.method() == Method::Head;
    responder.writeBody(head ? QByteArray() : resp.body);

    record.status = int(statusCode(resp.status));
    record.requestBytes = request.body().size();
    record.responseBytes = head ? 0 : resp.body.size();
    record.durationMs = double(timer.nsecsElapsed()) / 1e6;
    log(record);
    return true;
}

QByteArray ScimHttpServer::Impl::overflowResponse(const QByteArray& requestLine,
                                                  qint64 received) const
{
    const qint64 max = m_owner.m_options.maxBodyBytes;
    const scim::ScimResponse resp = scim::errorResponse(
        413, {},
        QStringLiteral("the request went past %1 bytes before it ended; this server takes at "
                       "most %2 bytes of body")
            .arg(received)
            .arg(max));
    const QList<QByteArray> parts = requestLine.split(' ');
    log({m_owner.m_clock.now(), parts.size() >= 2 ? parts[0] : QByteArrayLiteral("-"),
         parts.size() >= 2 ? parts[1] : QByteArrayLiteral("-"), 413, received, resp.body.size(),
         0});
    return "HTTP/1.1 413 Payload Too Large\r\nContent-Type: " + resp.contentType +
           "\r\nContent-Length: " + QByteArray::number(resp.body.size()) +
           "\r\nConnection: close\r\n\r\n" + resp.body;
}

ScimHttpServer::ScimHttpServer(const Clock& clock, ScimHttpOptions options)
    : m_clock(clock), m_options(std::move(options)), m_impl(std::make_unique<Impl>(*this))
{}

ScimHttpServer::~ScimHttpServer() = default;

Result<void> ScimHttpServer::listen(quint16 port)
{
    auto* tcp = new RequestSizeGuard(
        m_options.maxBodyBytes + kHeaderAllowance,
        [impl = m_impl.get()](const QByteArray& line, qint64 received) {
            return impl->overflowResponse(line, received);
        },
        m_impl.get());
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        const Error e = makeError(
            "http.listen",
            QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(tcp->errorString()));
        delete tcp;
        return e;
    }
    m_impl->bind(tcp);
    m_impl->tcp = tcp;
    return {};
}

quint16 ScimHttpServer::port() const
{
    return m_impl->tcp ? m_impl->tcp->serverPort() : 0;
}

QString ScimHttpServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(QLatin1String(kScimBasePath));
}

void ScimHttpServer::setHandler(ScimHandler handler)
{
    m_impl->handler = std::move(handler);
}

void ScimHttpServer::serve(scim::ScimService& service)
{
    setHandler([&service](const scim::ScimRequest& r) { return service.handle(r); });
}

void ScimHttpServer::setExchangeSink(ExchangeSink sink)
{
    m_impl->sink = std::move(sink);
}

} // namespace jh::http
