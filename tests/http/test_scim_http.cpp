// SCIM over HTTP on 127.0.0.1, server and client in this thread (the
// client's wait lets the server answer): no token or a wrong one is 401 with
// a Bearer challenge and the store untouched; a body over the limit is 413,
// cut off unread when far over, and a real client still reads the answer; a
// body in another media type is 415; methods SCIM has no use for are 405 and
// paths outside /scim/v2 are 404. What passes reaches the service exactly as
// sent (path, decoded query, body, If-Match, If-None-Match) and its ETag,
// Location and Content-Type come back. Every exchange is logged with the
// clock's time.
#include "http/exchange_log.h"
#include "http/http_scim_transport.h"
#include "http/scim_http_server.h"
#include "scim/scim_service.h"
#include "support/fixtures.h"
#include "support/jit_printers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

using namespace jh;

namespace {

const QByteArray kToken = "s3cret-Token_for.tests";
const QByteArray kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

QByteArray userJson(const QString& userName)
{
    return QJsonDocument(
               QJsonObject{
                   {QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kUserSchema)}},
                   {QStringLiteral("userName"), userName},
                   {QStringLiteral("name"),
                    QJsonObject{{QStringLiteral("givenName"), QStringLiteral("Ada")},
                                {QStringLiteral("familyName"), QStringLiteral("Lovelace")}}},
                   {QStringLiteral("emails"),
                    QJsonArray{QJsonObject{{QStringLiteral("value"), userName},
                                           {QStringLiteral("type"), QStringLiteral("work")},
                                           {QStringLiteral("primary"), true}}}},
                   {QStringLiteral("active"), true}})
        .toJson(QJsonDocument::Compact);
}

// A JSON object of exactly `size` bytes (at least 2).
QByteArray jsonOfSize(qsizetype size)
{
    return "{" + QByteArray(size - 2, ' ') + "}";
}

scim::ScimRequest request(const char* method, const QString& path, const QByteArray& body = {})
{
    scim::ScimRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    return r;
}

// A server in this thread over a fresh in-memory store, answering with the
// real service or with a stand-in that records what it was given.
struct Served
{
    ManualClock clock{test::fixedNow()};
    jit::AccountStore store;
    std::unique_ptr<scim::ScimService> service;
    http::ScimHttpServer server;
    QList<http::ExchangeRecord> log;
    QList<scim::ScimRequest> seen;
    scim::ScimResponse canned;

    Served(jit::AccountStore s, const http::ScimHttpOptions& options)
        : store(std::move(s)), server(clock, options)
    {
        canned.status = 200;
        canned.body = "{\"standIn\":true}";
    }

    QString baseUrl() const { return server.baseUrl(); }
    http::HttpScimTransport client(const QByteArray& token = kToken) const
    {
        return http::HttpScimTransport(QUrl(baseUrl()), token);
    }
    jit::StoreCounts counts()
    {
        auto c = store.counts();
        if (!c)
            qFatal("counts: %s", qPrintable(c.error().message));
        return *c;
    }
};

enum class Behind
{
    Service,
    StandIn
};

http::ScimHttpOptions options(qint64 maxBody = qint64(1) << 20)
{
    http::ScimHttpOptions o;
    o.token = kToken;
    o.maxBodyBytes = maxBody;
    return o;
}

std::unique_ptr<Served> serve(Behind behind, const http::ScimHttpOptions& o = options())
{
    auto store = jit::AccountStore::open(QStringLiteral(":memory:"));
    if (!store)
        qFatal("store: %s", qPrintable(store.error().message));
    auto s = std::make_unique<Served>(std::move(*store), o);
    if (auto l = s->server.listen(0); !l)
        qFatal("listen: %s", qPrintable(l.error().message));
    Served* p = s.get();
    s->server.setExchangeSink([p](const http::ExchangeRecord& r) { p->log.append(r); });
    if (behind == Behind::Service) {
        scim::ScimServiceOptions so;
        so.baseUrl = s->baseUrl();
        s->service = std::make_unique<scim::ScimService>(s->store, s->clock, so);
        s->server.serve(*s->service);
    } else {
        s->server.setHandler([p](const scim::ScimRequest& r) {
            p->seen.append(r);
            return p->canned;
        });
    }
    return s;
}

// An HTTP exchange on a plain socket, for what our client would never send
// (no token, odd media types, HEAD): the request as bytes, the response
// parsed just enough.
struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool complete = false;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [n, v] : headers)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

RawResponse parseResponse(const QByteArray& bytes, bool headOnly)
{
    RawResponse r;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return r;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    r.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    const qsizetype length = headOnly ? 0 : r.header("Content-Length").toLongLong();
    r.body = bytes.mid(end + 4, length);
    r.complete = bytes.size() >= end + 4 + length;
    return r;
}

RawResponse rawExchange(quint16 port, const QByteArray& bytes, bool headOnly = false)
{
    QTcpSocket socket;
    QByteArray got;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { got += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(bytes);
    if (!QTest::qWaitFor([&] { return parseResponse(got, headOnly).complete; }, 10000))
        qWarning("no complete response; got %d bytes: %s", int(got.size()),
                 got.left(300).constData());
    return parseResponse(got, headOnly);
}

QByteArray httpRequest(const QByteArray& method, const QByteArray& target,
                       const QList<QByteArray>& headers, const QByteArray& body = {})
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const QByteArray& h : headers)
        r += h + "\r\n";
    if (!body.isEmpty())
        r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

void checkScimError(const QJsonObject& error, int status)
{
    QCOMPARE(error.value(QStringLiteral("schemas")).toArray(),
             QJsonArray{QString::fromLatin1(scim::kErrorSchema)});
    QCOMPARE(error.value(QStringLiteral("status")).toString(), QString::number(status));
    QVERIFY(!error.value(QStringLiteral("detail")).toString().isEmpty());
}

} // namespace

class TestScimHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesWithoutTheToken_data()
    {
        QTest::addColumn<QByteArray>("authorization"); // the whole header line; empty: none
        QTest::newRow("no Authorization header") << QByteArray();
        QTest::newRow("empty bearer") << QByteArray("Authorization: Bearer ");
        QTest::newRow("wrong token") << QByteArray("Authorization: Bearer nope");
        QTest::newRow("the token and one more character")
            << QByteArray("Authorization: Bearer " + kToken + "x");
        QTest::newRow("the token less its last character")
            << QByteArray("Authorization: Bearer " + kToken.chopped(1));
        QTest::newRow("the token in another case")
            << QByteArray("Authorization: Bearer " + kToken.toUpper());
        QTest::newRow("the token under the Basic scheme")
            << QByteArray("Authorization: Basic " + kToken);
        QTest::newRow("the token with no scheme") << QByteArray("Authorization: " + kToken);
    }
    void refusesWithoutTheToken()
    {
        QFETCH(QByteArray, authorization);
        auto s = serve(Behind::Service);
        const jit::StoreCounts before = s->counts();
        QList<QByteArray> headers{"Content-Type: application/scim+json"};
        if (!authorization.isEmpty())
            headers << authorization;
        const RawResponse r =
            rawExchange(s->server.port(), httpRequest("POST", "/scim/v2/Users", headers,
                                                      userJson(QStringLiteral("ada@x.test"))));
        QCOMPARE(r.status, 401);
        QVERIFY2(r.header("WWW-Authenticate").startsWith("Bearer"),
                 r.header("WWW-Authenticate").constData());
        QCOMPARE(r.header("WWW-Authenticate").contains("invalid_token"),
                 authorization.startsWith("Authorization: Bearer ") &&
                     authorization != "Authorization: Bearer ");
        QVERIFY(r.header("Content-Type").startsWith(scim::kScimContentType));
        checkScimError(r.json(), 401);
        QCOMPARE(s->counts(), before);
        QCOMPARE(s->log.size(), 1);
        QCOMPARE(s->log[0].status, 401);
    }

    // The passing twins: the scheme is case-insensitive (RFC 7235 §2.1).
    void acceptsTheToken_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("Bearer") << QByteArray("Authorization: Bearer " + kToken);
        QTest::newRow("bearer, lower case") << QByteArray("Authorization: bearer " + kToken);
        QTest::newRow("BEARER and two spaces") << QByteArray("Authorization: BEARER  " + kToken);
    }
    void acceptsTheToken()
    {
        QFETCH(QByteArray, authorization);
        auto s = serve(Behind::StandIn);
        const RawResponse r =
            rawExchange(s->server.port(), httpRequest("GET", "/scim/v2/Users", {authorization}));
        QCOMPARE(r.status, 200);
        QCOMPARE(s->seen.size(), 1);
    }

    void aServerWithoutATokenRefusesEveryone()
    {
        http::ScimHttpOptions o = options();
        o.token.clear();
        auto s = serve(Behind::StandIn, o);
        for (const QByteArray& auth : {QByteArray("Authorization: Bearer "),
                                       QByteArray("Authorization: Bearer x"), QByteArray()}) {
            const RawResponse r = rawExchange(
                s->server.port(),
                httpRequest("GET", "/scim/v2/Users",
                            auth.isEmpty() ? QList<QByteArray>() : QList<QByteArray>{auth}));
            QCOMPARE(r.status, 401);
        }
        QVERIFY(s->seen.isEmpty());
    }

    void bodySizeLimit_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<int>("status");
        const qsizetype limit = 4096;
        QTest::newRow("at the limit") << limit << 200;
        QTest::newRow("one byte over") << limit + 1 << 413;
        QTest::newRow("past the header allowance too: cut off unread")
            << limit + qsizetype(http::kHeaderAllowance) + 1024 << 413;
        QTest::newRow("four megabytes") << qsizetype(4 << 20) << 413;
    }
    void bodySizeLimit()
    {
        QFETCH(qsizetype, size);
        QFETCH(int, status);
        auto s = serve(Behind::StandIn, options(4096));
        auto client = s->client();
        auto r = client.send(request("POST", QStringLiteral("/Users"), jsonOfSize(size)));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->status, status);
        QCOMPARE(s->seen.size(), status == 200 ? 1 : 0);
        if (status == 413) {
            checkScimError(r->json(), 413);
            QCOMPARE(s->log.size(), 1);
            QCOMPARE(s->log[0].status, 413);
            QCOMPARE(s->log[0].method, QByteArray("POST"));
            QCOMPARE(s->log[0].target, QByteArray("/scim/v2/Users"));
        } else {
            QCOMPARE(s->seen[0].body.size(), size);
        }
        // The client goes on (on the same connection, or a new one after a cut-off).
        auto next = client.send(request("GET", QStringLiteral("/Users")));
        QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error().message));
        QCOMPARE(next->status, 200);
    }

    // The guard counts per request, not per connection.
    void manyRequestsUnderTheLimitOnOneConnection()
    {
        auto s = serve(Behind::StandIn, options(4096));
        auto client = s->client();
        const int n = int(3 * http::kHeaderAllowance / 4000);
        for (int i = 0; i < n; ++i) {
            auto r = client.send(request("PUT", QStringLiteral("/Users/1"), jsonOfSize(4000)));
            QVERIFY(r.ok());
            QCOMPARE(r->status, 200);
        }
        QCOMPARE(s->seen.size(), n);
    }

    void contentType_data()
    {
        QTest::addColumn<QByteArray>("contentType"); // empty: no header
        QTest::addColumn<int>("status");
        QTest::newRow("application/scim+json") << QByteArray("application/scim+json") << 200;
        QTest::newRow("application/json") << QByteArray("application/json") << 200;
        QTest::newRow("with a charset")
            << QByteArray("application/scim+json; charset=utf-8") << 200;
        QTest::newRow("upper case") << QByteArray("Application/SCIM+JSON") << 200;
        QTest::newRow("space before the parameter")
            << QByteArray("application/json ;charset=UTF-8") << 200;
        QTest::newRow("missing") << QByteArray() << 415;
        QTest::newRow("text/plain") << QByteArray("text/plain") << 415;
        QTest::newRow("form encoded") << QByteArray("application/x-www-form-urlencoded") << 415;
        QTest::newRow("json-patch") << QByteArray("application/json-patch+json") << 415;
        QTest::newRow("a longer name starting alike") << QByteArray("application/jsonx") << 415;
        QTest::newRow("xml") << QByteArray("application/xml") << 415;
    }
    void contentType()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        auto s = serve(Behind::StandIn);
        QList<QByteArray> headers{"Authorization: Bearer " + kToken};
        if (!contentType.isEmpty())
            headers << "Content-Type: " + contentType;
        const QByteArray body = userJson(QStringLiteral("ada@x.test"));
        const RawResponse r =
            rawExchange(s->server.port(), httpRequest("POST", "/scim/v2/Users", headers, body));
        QCOMPARE(r.status, status);
        if (status == 200) {
            QCOMPARE(s->seen.size(), 1);
            QCOMPARE(s->seen[0].body, body);
        } else {
            QVERIFY(s->seen.isEmpty());
            checkScimError(r.json(), 415);
        }
    }

    void requestReachesTheHandlerAsSent()
    {
        auto s = serve(Behind::StandIn);
        scim::ScimRequest sent =
            request("PATCH", QStringLiteral("/Users/ada lovelace%+&é"), "{\"Operations\":[]}");
        sent.query = {{QStringLiteral("filter"),
                       QStringLiteral("userName eq \"a+b&c=d\" and displayName co \"Zoë\"")},
                      {QStringLiteral("startIndex"), QStringLiteral("1")},
                      {QStringLiteral("count"), QStringLiteral("10")},
                      {QStringLiteral("filter"), QStringLiteral("second one")}};
        sent.ifMatch = "W/\"3\"";
        sent.ifNoneMatch = "*";
        auto r = s->client().send(sent);
        QVERIFY(r.ok());
        QCOMPARE(s->seen.size(), 1);
        const scim::ScimRequest& got = s->seen[0];
        QCOMPARE(got.method, sent.method);
        QCOMPARE(got.path, sent.path);
        QCOMPARE(got.query, sent.query);
        QCOMPARE(got.body, sent.body);
        QCOMPARE(got.ifMatch, sent.ifMatch);
        QCOMPARE(got.ifNoneMatch, sent.ifNoneMatch);
    }

    void queryAsOtherClientsEncodeIt_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("filter");
        QTest::newRow("plus for space, %2B for plus")
            << QByteArray("/scim/v2/Users?filter=userName+eq+%22x%2By%22")
            << QStringLiteral("userName eq \"x+y\"");
        QTest::newRow("%20 for space, quotes bare")
            << QByteArray("/scim/v2/Users?filter=userName%20eq%20\"x@y\"")
            << QStringLiteral("userName eq \"x@y\"");
        QTest::newRow("UTF-8")
            << QByteArray("/scim/v2/Users?filter=name.familyName%20eq%20%22Bront%C3%AB%22")
            << QStringLiteral("name.familyName eq \"Brontë\"");
    }
    void queryAsOtherClientsEncodeIt()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, filter);
        auto s = serve(Behind::StandIn);
        const RawResponse r = rawExchange(
            s->server.port(), httpRequest("GET", target, {"Authorization: Bearer " + kToken}));
        QCOMPARE(r.status, 200);
        QCOMPARE(s->seen.size(), 1);
        QCOMPARE(s->seen[0].path, QStringLiteral("/Users"));
        QCOMPARE(s->seen[0].queryValue(QStringLiteral("filter")), filter);
    }

    void responseHeadersComeBack_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("etag");
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("created") << 201 << QByteArray("{\"id\":\"7\"}") << QByteArray("W/\"1\"")
                                 << QByteArray("http://127.0.0.1/scim/v2/Users/7")
                                 << QByteArray("application/scim+json");
        QTest::newRow("no content")
            << 204 << QByteArray() << QByteArray() << QByteArray() << QByteArray();
        QTest::newRow("not modified")
            << 304 << QByteArray() << QByteArray("W/\"2\"") << QByteArray() << QByteArray();
        QTest::newRow("precondition failed")
            << 412 << QByteArray("{\"status\":\"412\"}") << QByteArray() << QByteArray()
            << QByteArray("application/scim+json; charset=utf-8");
    }
    void responseHeadersComeBack()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, etag);
        QFETCH(QByteArray, location);
        QFETCH(QByteArray, contentType);
        auto s = serve(Behind::StandIn);
        s->canned = {status, body, etag, location, contentType};
        auto r = s->client().send(request("GET", QStringLiteral("/Users/7")));
        QVERIFY(r.ok());
        QCOMPARE(r->status, status);
        QCOMPARE(r->body, body);
        QCOMPARE(r->etag, etag);
        QCOMPARE(r->location, location);
        QCOMPARE(r->contentType, contentType);
    }

    void methodsScimHasNoUseFor_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("logged"); // QHttpServer 6.4 knows no TRACE
        QTest::newRow("HEAD") << QByteArray("HEAD") << QByteArray("HEAD");
        QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << QByteArray("OPTIONS");
        QTest::newRow("TRACE") << QByteArray("TRACE") << QByteArray("UNKNOWN");
    }
    void methodsScimHasNoUseFor()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, logged);
        auto s = serve(Behind::StandIn);
        const bool head = method == "HEAD";
        const RawResponse r = rawExchange(
            s->server.port(),
            httpRequest(method, "/scim/v2/Users", {"Authorization: Bearer " + kToken}), head);
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), QByteArray("GET, POST, PUT, PATCH, DELETE"));
        if (!head)
            checkScimError(r.json(), 405);
        QVERIFY(s->seen.isEmpty());
        QCOMPARE(s->log.value(0).method, logged);
    }

    void pathsOutsideTheBase_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("root") << QByteArray("/");
        QTest::newRow("another version") << QByteArray("/scim/v1/Users");
        QTest::newRow("the base as a prefix of a name") << QByteArray("/scim/v2Users");
        QTest::newRow("other case") << QByteArray("/SCIM/v2/Users");
    }
    void pathsOutsideTheBase()
    {
        QFETCH(QByteArray, target);
        auto s = serve(Behind::StandIn);
        const RawResponse r = rawExchange(
            s->server.port(), httpRequest("GET", target, {"Authorization: Bearer " + kToken}));
        QCOMPARE(r.status, 404);
        checkScimError(r.json(), 404);
        QVERIFY(s->seen.isEmpty());
    }

    void theBaseItselfGoesToTheHandler()
    {
        auto s = serve(Behind::StandIn);
        auto r = s->client().send(request("GET", QString()));
        QVERIFY(r.ok());
        QCOMPARE(s->seen.size(), 1);
        QCOMPARE(s->seen[0].path, QString());
    }

    void noHandlerYetIs503()
    {
        auto store = jit::AccountStore::open(QStringLiteral(":memory:"));
        QVERIFY(store.ok());
        Served s(std::move(*store), options());
        QVERIFY(s.server.listen(0).ok());
        auto r = s.client().send(request("GET", QStringLiteral("/Users")));
        QVERIFY(r.ok());
        QCOMPARE(r->status, 503);
        checkScimError(r->json(), 503);
    }

    void exchangesAreLogged()
    {
        auto s = serve(Behind::StandIn);
        s->canned = {201, "{\"id\":\"1\"}", {}, {}, scim::kScimContentType};
        const QByteArray body = userJson(QStringLiteral("ada@x.test"));
        scim::ScimRequest post = request("POST", QStringLiteral("/Users/a/b"), body);
        post.query = {{QStringLiteral("attributes"), QStringLiteral("userName")}};
        QVERIFY(s->client().send(post).ok());
        s->clock.advance(90);
        QVERIFY(s->client("wrong").send(request("GET", QStringLiteral("/Users"))).ok());

        QCOMPARE(s->log.size(), 2);
        const http::ExchangeRecord& first = s->log[0];
        QCOMPARE(first.at, test::fixedNow());
        QCOMPARE(first.method, QByteArray("POST"));
        QCOMPARE(first.target, QByteArray("/scim/v2/Users/a/b?attributes=userName"));
        QCOMPARE(first.status, 201);
        QCOMPARE(first.requestBytes, body.size());
        QCOMPARE(first.responseBytes, qint64(10));
        QVERIFY(first.durationMs >= 0);
        const QString line = http::formatExchange(first);
        QVERIFY2(
            line.startsWith(QStringLiteral("2026-03-02T09:30:00.000Z POST "
                                           "/scim/v2/Users/a/b?attributes=userName 201 in %1 B "
                                           "out 10 B ")
                                .arg(body.size())),
            qPrintable(line));
        QVERIFY2(line.endsWith(QStringLiteral(" ms")), qPrintable(line));
        QCOMPARE(s->log[1].at, test::fixedNow().addSecs(90));
        QCOMPARE(s->log[1].status, 401);
    }

    // A target's "%2F" is text, not a placeholder to fill.
    void logLinesKeepPercentsLiterally()
    {
        http::ExchangeRecord r{test::fixedNow(),
                               "GET",
                               "/scim/v2/Users/a%2Fb%1?filter=x%20eq%20%22y%22",
                               200,
                               0,
                               5,
                               0.3125};
        QCOMPARE(http::formatExchange(r),
                 QStringLiteral("2026-03-02T09:30:00.000Z GET "
                                "/scim/v2/Users/a%2Fb%1?filter=x%20eq%20%22y%22 200 in 0 B out 5 B "
                                "0.3 ms"));
    }

    // Through the real service: what the HTTP layer adds to its answers.
    void theServiceOverHttp()
    {
        auto s = serve(Behind::Service);
        auto client = s->client();
        auto created = client.send(
            request("POST", QStringLiteral("/Users"), userJson(QStringLiteral("ada@x.test"))));
        QVERIFY(created.ok());
        QCOMPARE(created->status, 201);
        QVERIFY2(
            created->location.startsWith((s->baseUrl() + QStringLiteral("/Users/")).toLatin1()),
            created->location.constData());
        QVERIFY(!created->etag.isEmpty());
        QCOMPARE(created->contentType, QByteArray(scim::kScimContentType));
        QCOMPARE(s->counts().accounts, 1);

        const QString path = QString::fromLatin1(created->location).mid(s->baseUrl().size());
        auto read = client.send(request("GET", path));
        QVERIFY(read.ok());
        QCOMPARE(read->status, 200);
        QCOMPARE(read->etag, created->etag);

        scim::ScimRequest patch = request(
            "PATCH", path,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Ada L.\"}]}");
        patch.ifMatch = created->etag;
        auto patched = client.send(patch);
        QVERIFY(patched.ok());
        QCOMPARE(patched->status, 200);
        QVERIFY(patched->etag != created->etag);
        auto stale = client.send(patch); // the old ETag no longer matches
        QVERIFY(stale.ok());
        QCOMPARE(stale->status, 412);

        scim::ScimRequest find = request("GET", QStringLiteral("/Users"));
        find.query = {{QStringLiteral("filter"), QStringLiteral("userName eq \"ada@x.test\"")}};
        auto found = client.send(find);
        QVERIFY(found.ok());
        QCOMPARE(found->status, 200);
        QCOMPARE(found->json().value(QStringLiteral("totalResults")).toInt(), 1);

        auto removed = client.send(request("DELETE", path));
        QVERIFY(removed.ok());
        QCOMPARE(removed->status, 204);
        QVERIFY(removed->body.isEmpty());
    }

    // Both media types reach the real service.
    void theServiceTakesBothMediaTypes_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("application/scim+json") << QByteArray("application/scim+json");
        QTest::newRow("application/json; charset=utf-8")
            << QByteArray("application/json; charset=utf-8");
    }
    void theServiceTakesBothMediaTypes()
    {
        QFETCH(QByteArray, contentType);
        auto s = serve(Behind::Service);
        const RawResponse r = rawExchange(
            s->server.port(),
            httpRequest("POST", "/scim/v2/Users",
                        {"Authorization: Bearer " + kToken, "Content-Type: " + contentType},
                        userJson(QStringLiteral("grace@x.test"))));
        QCOMPARE(r.status, 201);
        QCOMPARE(s->counts().accounts, 1);
    }
};

QTEST_GUILESS_MAIN(TestScimHttp)
#include "test_scim_http.moc"
