#include "http/http_scim_transport.h"

#include "http/scim_http_codec.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

namespace jh::http {
namespace {

bool isLoopback(const QUrl& url)
{
    const QHostAddress address(url.host());
    return url.host() == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
}

} // namespace

HttpScimTransport::HttpScimTransport(QUrl baseUrl, QByteArray token, int timeoutMs)
    : m_base(std::move(baseUrl)), m_token(std::move(token)), m_timeoutMs(timeoutMs),
      m_nam(std::make_unique<QNetworkAccessManager>())
{
    // A proxy from the environment (http_proxy) must not carry our
    // loopback exchanges off the machine; other hosts keep whatever the
    // system says.
    if (isLoopback(m_base))
        m_nam->setProxy(QNetworkProxy::NoProxy);
}

HttpScimTransport::~HttpScimTransport() = default;

QUrl HttpScimTransport::urlFor(const scim::ScimRequest& request) const
{
    QByteArray url = m_base.toEncoded(QUrl::StripTrailingSlash) + encodePath(request.path);
    if (!request.query.isEmpty())
        url += '?' + encodeQuery(request.query);
    return QUrl::fromEncoded(url, QUrl::StrictMode);
}

Result<scim::ScimResponse> HttpScimTransport::send(const scim::ScimRequest& request)
{
    const QUrl url = urlFor(request);
    const QString where = url.toDisplayString();
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return makeError("transport.failed", QStringLiteral("%1: not an http(s) URL").arg(where));

    QNetworkRequest req(url);
    // A SCIM client sees redirects as responses; following one would send
    // the token to wherever it points.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setRawHeader("Accept", "application/scim+json, application/json");
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token);
    if (!request.body.isEmpty())
        req.setRawHeader("Content-Type", scim::kScimContentType);
    if (!request.ifMatch.isEmpty())
        req.setRawHeader("If-Match", request.ifMatch);
    if (!request.ifNoneMatch.isEmpty())
        req.setRawHeader("If-None-Match", request.ifNoneMatch);

    std::unique_ptr<QNetworkReply> reply(
        m_nam->sendCustomRequest(req, request.method, request.body));
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    deadline.start(m_timeoutMs);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (timedOut) {
        reply->abort();
        return makeError("transport.timeout", QStringLiteral("%1: no response within %2 ms")
                                                  .arg(where, QString::number(m_timeoutMs)));
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return makeError("transport.failed",
                         QStringLiteral("%1: %2").arg(where, reply->errorString()));
    scim::ScimResponse r;
    r.status = status.toInt();
    r.body = reply->readAll();
    r.etag = reply->rawHeader("ETag");
    r.location = reply->rawHeader("Location");
    r.contentType = reply->rawHeader("Content-Type");
    return r;
}

} // namespace jh::http
