// The clock: every read of "now" in core goes through a Clock, so that tests
// and the simulation can freeze or advance time. Times are UTC, millisecond
// precision.
#pragma once

#include <QDateTime>

namespace jh {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};

// Real time, read from the operating system.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    static const SystemClock& instance();
};

// A clock that only moves when told to: tests, --now, the simulation.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime& start);
    QDateTime now() const override { return m_now; }
    void set(const QDateTime& t);
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

// Parses an ISO 8601 instant ("2026-11-25T10:00:00Z", offsets allowed) to UTC;
// returns an invalid QDateTime if the text is not one.
QDateTime parseIsoInstant(const QString& text);

// The xs:dateTime form SAML uses: UTC with a "Z", no fractional seconds
// unless the instant has milliseconds.
QString formatSamlInstant(const QDateTime& t);

} // namespace jh
