#include "time/clock.h"

#include <QTimeZone>

namespace jh {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

const SystemClock& SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

ManualClock::ManualClock(const QDateTime& start) : m_now(start.toUTC()) {}

void ManualClock::set(const QDateTime& t)
{
    m_now = t.toUTC();
}

QDateTime parseIsoInstant(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    // A bare local time is ambiguous; an instant must say its offset.
    if (t.timeSpec() == Qt::LocalTime)
        return {};
    return t.toUTC();
}

QString formatSamlInstant(const QDateTime& t)
{
    const QDateTime u = t.toUTC();
    const Qt::DateFormat f = u.time().msec() ? Qt::ISODateWithMs : Qt::ISODate;
    return u.toString(f);
}

} // namespace jh
