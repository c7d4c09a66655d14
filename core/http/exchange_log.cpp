#include "http/exchange_log.h"

namespace jh::http {

QString formatExchange(const ExchangeRecord& r)
{
    constexpr qsizetype kMaxTarget = 300;
    // The target is percent-encoded ASCII, so it cannot carry a line break or
    // a terminal escape; only its length needs bounding. Joined, not .arg():
    // its "%2F" would be taken for a placeholder.
    QString target = QString::fromLatin1(r.target.left(kMaxTarget));
    if (r.target.size() > kMaxTarget)
        target += QStringLiteral("...");
    const QLatin1Char space(' ');
    return r.at.toUTC().toString(Qt::ISODateWithMs) + space + QString::fromLatin1(r.method) +
           space + target + space + QString::number(r.status) + QStringLiteral(" in ") +
           QString::number(r.requestBytes) + QStringLiteral(" B out ") +
           QString::number(r.responseBytes) + QStringLiteral(" B ") +
           QString::number(r.durationMs, 'f', 1) + QStringLiteral(" ms");
}

} // namespace jh::http
