// The body size limit, enforced before the body is in memory. QHttpServer
// 6.4 reads a request's headers and body in full, with no limit, before any
// handler sees it; a client could make it buffer gigabytes. This TCP server
// (QHttpServer is bound to it) counts what each connection sends after its
// last complete request. Past the cap it takes the connection away from
// QHttpServer, writes the answer the owner gives (413, "Connection: close")
// and then reads and drops whatever the client still sends, so that the
// client reads the answer instead of meeting a reset, until the client
// closes or a few seconds pass. Requests under the cap are left to
// QHttpServer, whose handler checks the exact body size.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QTcpServer>
#include <functional>

class QTcpSocket;

namespace jh::http {

class RequestSizeGuard final : public QTcpServer
{
    Q_OBJECT

public:
    // Given the first line of the cut-off request as far as it arrived
    // (control and non-ASCII bytes percent-encoded; empty when none) and the
    // bytes received of it so far, returns the whole HTTP response to write.
    using Overflow = std::function<QByteArray(const QByteArray& requestLine, qint64 received)>;

    RequestSizeGuard(qint64 maxRequestBytes, Overflow onOverflow, QObject* parent = nullptr);

    // QHttpServer has taken a whole request from `socket`: its count restarts.
    void requestComplete(QTcpSocket* socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Counter
    {
        qint64 bytes = 0;
        QByteArray requestLine;
    };

    void received(QTcpSocket* socket);
    void cutOff(QTcpSocket* socket, const Counter& counter);

    qint64 m_max;
    Overflow m_onOverflow;
    QHash<QTcpSocket*, Counter> m_counters;
};

} // namespace jh::http
