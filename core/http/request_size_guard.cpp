#include "http/request_size_guard.h"

#include <QTcpSocket>
#include <QTimer>

namespace jh::http {
namespace {

// How long a cut-off client may go on sending before we hang up.
constexpr int kDrainMs = 5000;

QByteArray printable(const QByteArray& bytes)
{
    QByteArray out;
    for (const char c : bytes) {
        if (c >= 0x20 && c < 0x7f && c != '%')
            out += c;
        else
            out += '%' + QByteArray::number(uchar(c), 16).rightJustified(2, '0').toUpper();
    }
    return out;
}

// The request line at the start of what is buffered, if it is all there.
QByteArray firstLine(QTcpSocket* socket)
{
    const QByteArray head = socket->peek(4096);
    const qsizetype end = head.indexOf('\n');
    return printable(head.left(end < 0 ? head.size() : end).trimmed());
}

} // namespace

RequestSizeGuard::RequestSizeGuard(qint64 maxRequestBytes, Overflow onOverflow, QObject* parent)
    : QTcpServer(parent), m_max(maxRequestBytes), m_onOverflow(std::move(onOverflow))
{}

void RequestSizeGuard::incomingConnection(qintptr socketDescriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Connected before QHttpServer connects its own reader (it does so when
    // the connection is handed over below), so this runs first on each read.
    connect(socket, &QIODevice::readyRead, this, [this, socket] { received(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_counters.remove(socket); });
    addPendingConnection(socket);
}

void RequestSizeGuard::requestComplete(QTcpSocket* socket)
{
    m_counters[socket] = {};
}

void RequestSizeGuard::received(QTcpSocket* socket)
{
    Counter& c = m_counters[socket];
    if (c.bytes == 0)
        c.requestLine = firstLine(socket);
    // QHttpServer reads everything buffered on each read (only bytes past a
    // complete request stay behind), so what is available now arrived since.
    c.bytes += socket->bytesAvailable();
    if (c.bytes > m_max)
        cutOff(socket, c);
}

void RequestSizeGuard::cutOff(QTcpSocket* socket, const Counter& counter)
{
    // Every reader goes, QHttpServer's included: it never sees this
    // connection again, and its half-parsed request dies with the socket.
    disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    if (socket->isTransactionStarted())
        socket->commitTransaction(); // drops what QHttpServer kept for a rollback
    socket->skip(socket->bytesAvailable());
    connect(socket, &QIODevice::readyRead, socket,
            [socket] { socket->skip(socket->bytesAvailable()); });
    socket->write(m_onOverflow(counter.requestLine, counter.bytes));
    QTimer::singleShot(kDrainMs, socket, [socket] { socket->disconnectFromHost(); });
}

} // namespace jh::http
