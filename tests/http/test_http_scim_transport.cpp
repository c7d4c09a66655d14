// The HTTP SCIM client on its own: the URL it builds (path and query
// encoded so that any server decodes them back), and the exchanges that get
// no HTTP response at all — a closed port, a server that never answers, a
// URL that is not http — reported as transport errors naming the URL. (Its
// exchanges with our server are in test_scim_http.cpp.)
#include "http/http_scim_transport.h"

#include <QTcpServer>
#include <QTest>

using namespace jh;

namespace {

const QByteArray kToken = "token";

scim::ScimRequest request(const char* method, const QString& path)
{
    scim::ScimRequest r;
    r.method = method;
    r.path = path;
    return r;
}

} // namespace

class TestHttpScimTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transportErrors_data()
    {
        QTest::addColumn<QString>("kind"); // closed | silent | ftp
        QTest::addColumn<QString>("errorId");
        QTest::newRow("closed port")
            << QStringLiteral("closed") << QStringLiteral("transport.failed");
        QTest::newRow("a server that never answers")
            << QStringLiteral("silent") << QStringLiteral("transport.timeout");
        QTest::newRow("not an http URL")
            << QStringLiteral("ftp") << QStringLiteral("transport.failed");
    }
    void transportErrors()
    {
        QFETCH(QString, kind);
        QFETCH(QString, errorId);
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const quint16 port = silent.serverPort();
        if (kind == QLatin1String("closed"))
            silent.close();
        const QString base =
            QStringLiteral("%1://127.0.0.1:%2/scim/v2")
                .arg(kind == QLatin1String("ftp") ? QStringLiteral("ftp") : QStringLiteral("http"))
                .arg(port);
        http::HttpScimTransport client(QUrl(base), kToken, 300);
        auto r = client.send(request("GET", QStringLiteral("/Users")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().id, errorId);
        QVERIFY2(r.error().message.contains(base + QStringLiteral("/Users")),
                 qPrintable(r.error().message));
    }

    void urlForEncodesPathAndQuery()
    {
        http::HttpScimTransport client(QUrl(QStringLiteral("http://127.0.0.1:7003/scim/v2/")), {});
        scim::ScimRequest r = request("GET", QStringLiteral("/Users/a b"));
        r.query = {{QStringLiteral("filter"), QStringLiteral("userName eq \"a+b&c\"")}};
        QCOMPARE(client.urlFor(r).toEncoded(),
                 QByteArray("http://127.0.0.1:7003/scim/v2/Users/"
                            "a%20b?filter=userName%20eq%20%22a%2Bb%26c%22"));
    }
};

QTEST_GUILESS_MAIN(TestHttpScimTransport)
#include "test_http_scim_transport.moc"
