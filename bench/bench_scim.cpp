#include "bench_scim.h"

#include "http/http_scim_transport.h"
#include "http/scim_http_server.h"
#include "scim/scim_service.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <memory>

namespace jh::bench {
namespace {

const QByteArray kToken = "bench-token";

QDateTime benchInstant()
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
}

// A SCIM world: clock, store, service. Lives on one thread (the store's
// SQLite connection is bound to the thread that opened it).
struct ScimWorld
{
    ManualClock clock{benchInstant()};
    jit::AccountStore store;
    scim::ScimService service;

    ScimWorld(jit::AccountStore s, const QString& baseUrl)
        : store(std::move(s)), service(store, clock, options(baseUrl))
    {}
    static scim::ScimServiceOptions options(const QString& baseUrl)
    {
        scim::ScimServiceOptions o;
        o.baseUrl = baseUrl;
        return o;
    }
};

scim::ScimRequest request(const char* method, const QString& path, QByteArray body = {})
{
    scim::ScimRequest r;
    r.method = method;
    r.path = path;
    r.body = std::move(body);
    return r;
}

QByteArray newUser(const QString& userName)
{
    const QJsonObject user{
        {QStringLiteral("schemas"),
         QJsonArray{QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
        {QStringLiteral("userName"), userName},
        {QStringLiteral("name"),
         QJsonObject{{QStringLiteral("givenName"), QStringLiteral("Bench")},
                     {QStringLiteral("familyName"), QStringLiteral("User")}}},
        {QStringLiteral("emails"),
         QJsonArray{QJsonObject{{QStringLiteral("value"), userName},
                                {QStringLiteral("type"), QStringLiteral("work")},
                                {QStringLiteral("primary"), true}}}},
        {QStringLiteral("active"), true}};
    return QJsonDocument(user).toJson(QJsonDocument::Compact);
}

QByteArray patchDisplayName(const QString& value)
{
    const QJsonObject op{{QStringLiteral("op"), QStringLiteral("replace")},
                         {QStringLiteral("path"), QStringLiteral("displayName")},
                         {QStringLiteral("value"), value}};
    const QJsonObject patch{
        {QStringLiteral("schemas"),
         QJsonArray{QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
        {QStringLiteral("Operations"), QJsonArray{op}}};
    return QJsonDocument(patch).toJson(QJsonDocument::Compact);
}

// Creates a user through `t`; returns the path of the new resource.
Result<QString> createUser(scim::ScimTransport& t, const QString& userName)
{
    auto r = t.send(request("POST", QStringLiteral("/Users"), newUser(userName)));
    if (!r)
        return r.error();
    const QString id = r->json().value(QStringLiteral("id")).toString();
    if (r->status != 201 || id.isEmpty())
        return makeError("bench.setup", QStringLiteral("the SCIM service did not create %1: %2 %3")
                                            .arg(userName, QString::number(r->status),
                                                 QString::fromUtf8(r->body)));
    return QStringLiteral("/Users/") + id;
}

// One client's PATCHes to one user: a new displayName each time, so that
// every PATCH writes.
class Patcher
{
public:
    Patcher(scim::ScimTransport& t, QString path) : m_t(t), m_path(std::move(path)) {}
    bool patch()
    {
        auto r = m_t.send(
            request("PATCH", m_path, patchDisplayName(QStringLiteral("Bench %1").arg(++m_n))));
        return r && r->status == 200;
    }
    bool getServiceProviderConfig()
    {
        auto r = m_t.send(request("GET", QStringLiteral("/ServiceProviderConfig")));
        return r && r->status == 200;
    }

private:
    scim::ScimTransport& m_t;
    QString m_path;
    qint64 m_n = 0;
};

// The reference for the in-process PATCH: its store work by hand.
class StoreWriter
{
public:
    StoreWriter(ScimWorld& w, qint64 accountId) : m_w(w), m_id(accountId) {}
    bool update()
    {
        const QString value = QStringLiteral("Bench %1").arg(++m_n);
        auto done = m_w.store.transact([&](jit::StoreTx& tx) -> Result<void> {
            auto a = tx.accountById(m_id);
            if (!a)
                return a.error();
            if (!*a)
                return makeError("bench.gone", QStringLiteral("account %1 is gone").arg(m_id));
            jit::Account account = **a;
            const QString before = account.profile.displayName;
            account.profile.displayName = value;
            account.updated = m_w.clock.now();
            if (auto u = tx.updateAccount(account); !u)
                return u;
            jit::AuditEntry e;
            e.at = m_w.clock.now();
            e.actor = jit::Actor::Scim;
            e.action = QStringLiteral("updated");
            e.accountId = m_id;
            e.diff = {{QStringLiteral("displayName"), before, value}};
            if (auto s = tx.appendAudit(e); !s)
                return s.error();
            return {};
        });
        return done.ok();
    }

private:
    ScimWorld& m_w;
    qint64 m_id;
    qint64 m_n = 0;
};

// Our HTTP server with its own world, on a thread of its own.
class ServerThread
{
public:
    static Result<std::unique_ptr<ServerThread>> start(const QString& storePath)
    {
        std::unique_ptr<ServerThread> t(new ServerThread);
        t->m_thread.start();
        t->m_context.moveToThread(&t->m_thread);
        Result<void> made;
        QMetaObject::invokeMethod(
            &t->m_context, [&] { made = t->build(storePath); }, Qt::BlockingQueuedConnection);
        if (!made)
            return made.error();
        return t;
    }
    ~ServerThread()
    {
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                m_server.reset();
                m_world.reset();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ServerThread(const ServerThread&) = delete;
    ServerThread& operator=(const ServerThread&) = delete;
    const QString& baseUrl() const { return m_baseUrl; }

private:
    ServerThread() = default;
    Result<void> build(const QString& storePath)
    {
        auto store = jit::AccountStore::open(storePath);
        if (!store)
            return store.error();
        http::ScimHttpOptions o;
        o.token = kToken;
        m_server = std::make_unique<http::ScimHttpServer>(m_clock, o);
        if (auto l = m_server->listen(0); !l)
            return l;
        m_baseUrl = m_server->baseUrl();
        m_world = std::make_unique<ScimWorld>(std::move(*store), m_baseUrl);
        m_server->serve(m_world->service);
        return {};
    }

    QThread m_thread;
    QObject m_context;
    ManualClock m_clock{benchInstant()};
    std::unique_ptr<ScimWorld> m_world;
    std::unique_ptr<http::ScimHttpServer> m_server;
    QString m_baseUrl;
};

// Everything the measures hold, kept alive by them.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<ScimWorld> local;
    std::unique_ptr<scim::InProcessTransport> inProcess;
    std::unique_ptr<ServerThread> server;
    std::unique_ptr<http::HttpScimTransport> http;
    std::unique_ptr<Patcher> localPatcher;
    std::unique_ptr<Patcher> httpPatcher;
    std::unique_ptr<StoreWriter> writer;
};

Result<std::shared_ptr<Fixture>> makeFixture()
{
    auto f = std::make_shared<Fixture>();
    if (!f->dir.isValid())
        return makeError("bench.setup",
                         QStringLiteral("cannot make a folder for the bench stores"));
    auto store = jit::AccountStore::open(f->dir.filePath(QStringLiteral("scim-local.sqlite")));
    if (!store)
        return store.error();
    f->local = std::make_unique<ScimWorld>(std::move(*store),
                                           QStringLiteral("http://127.0.0.1:7003/scim/v2"));
    f->inProcess = std::make_unique<scim::InProcessTransport>(f->local->service);
    auto server = ServerThread::start(f->dir.filePath(QStringLiteral("scim-http.sqlite")));
    if (!server)
        return server.error();
    f->server = std::move(*server);
    f->http = std::make_unique<http::HttpScimTransport>(QUrl(f->server->baseUrl()), kToken);

    auto localUser = createUser(*f->inProcess, QStringLiteral("patch.me@bench.test"));
    auto httpUser = createUser(*f->http, QStringLiteral("patch.me@bench.test"));
    if (!localUser || !httpUser)
        return !localUser ? localUser.error() : httpUser.error();
    // The reference's account is made by hand too, so that it does not
    // depend on how the service names its Users.
    jit::Account a;
    a.provisionedBy = jit::Provisioning::Scim;
    a.profile.userName = a.profile.email = QStringLiteral("by.hand@bench.test");
    a.created = a.updated = f->local->clock.now();
    auto byHandId = f->local->store.transact([&](jit::StoreTx& tx) { return tx.insertAccount(a); });
    if (!byHandId)
        return byHandId.error();
    f->localPatcher = std::make_unique<Patcher>(*f->inProcess, *localUser);
    f->httpPatcher = std::make_unique<Patcher>(*f->http, *httpUser);
    f->writer = std::make_unique<StoreWriter>(*f->local, *byHandId);
    return f;
}

} // namespace

bool addScimMeasures(Runner& runner)
{
    auto made = makeFixture();
    if (!made) {
        QTextStream(stderr) << "jitharness-bench: scim: " << made.error().message << "\n";
        return false;
    }
    const std::shared_ptr<Fixture> f = *made;
    runner.add({QStringLiteral("scim.patch.inprocess"), QStringLiteral("store.tx.update+audit"),
                [f] { return f->localPatcher->patch(); },
                [f] {
                    return f->writer->update();
                }});
    runner.add({QStringLiteral("scim.patch.http.loopback"), QStringLiteral("scim.patch.inprocess"),
                [f] { return f->httpPatcher->patch(); },
                [f] {
                    return f->localPatcher->patch();
                }});
    runner.add({QStringLiteral("scim.get.spconfig.http.loopback"),
                QStringLiteral("scim.get.spconfig.inprocess"),
                [f] { return f->httpPatcher->getServiceProviderConfig(); },
                [f] {
                    return f->localPatcher->getServiceProviderConfig();
                }});
    return true;
}

} // namespace jh::bench
