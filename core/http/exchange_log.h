// One line per HTTP exchange our servers answer: when (from the server's
// Clock, so a simulated or --now run logs its own time), what was asked,
// the status, the body sizes both ways and how long the answer took. The
// server hands each record to a sink; the CLI prints it, tests collect it.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <functional>

namespace jh::http {

struct ExchangeRecord
{
    QDateTime at;      // the Clock's time when the request was complete
    QByteArray method; // "GET", ...; "-" when the request never got parsed (cut off)
    QByteArray target; // path and query as sent (percent-encoded); "-" when unknown
    int status = 0;
    qint64 requestBytes = 0;  // body only; for a cut-off request, all bytes received of it
    qint64 responseBytes = 0; // body only
    double durationMs = 0;    // request complete -> response queued on the socket
};

using ExchangeSink = std::function<void(const ExchangeRecord&)>;

// "2026-03-02T09:30:00.000Z POST /scim/v2/Users 201 in 312 B out 540 B 1.2 ms";
// a target over 300 characters is cut and marked with "...".
QString formatExchange(const ExchangeRecord& record);

} // namespace jh::http
