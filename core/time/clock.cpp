#include "time/clock.h"

#include <QTimeZone>
#include <optional>

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

namespace {

// "2026-03-02T09:30:00Z" or "...:00.123Z", the form nearly every SAML
// timestamp takes, read directly: the SP reads several per message and Qt's
// general ISO parser is by far the slowest step of reading them. Anything
// else (offsets, other fractions, 24:00) goes to Qt, which decides.
std::optional<QDateTime> parseCanonicalUtc(const QString& text)
{
    const qsizetype n = text.size();
    if ((n != 20 && n != 24) || text[n - 1] != QLatin1Char('Z'))
        return std::nullopt;
    auto digits = [&](qsizetype at, qsizetype count) -> int {
        int v = 0;
        for (qsizetype i = at; i < at + count; ++i) {
            const char16_t c = text[i].unicode();
            if (c < u'0' || c > u'9')
                return -1;
            v = v * 10 + (c - u'0');
        }
        return v;
    };
    const auto sep = [&](qsizetype at, char16_t c) {
        return text[at].unicode() == c;
    };
    if (!sep(4, u'-') || !sep(7, u'-') || !sep(10, u'T') || !sep(13, u':') || !sep(16, u':'))
        return std::nullopt;
    const int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
    const int h = digits(11, 2), mi = digits(14, 2), s = digits(17, 2);
    int ms = 0;
    if (n == 24) {
        if (!sep(19, u'.'))
            return std::nullopt;
        ms = digits(20, 3);
    }
    if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || s < 0 || ms < 0)
        return std::nullopt;
    const QDate date(y, mo, d);
    const QTime time(h, mi, s, ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QDateTime parseIsoInstant(const QString& text)
{
    if (auto fast = parseCanonicalUtc(text))
        return *fast;
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
