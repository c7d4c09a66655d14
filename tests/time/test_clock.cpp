// The clock and the instant formats every time check relies on.
#include "time/clock.h"

#include <QTest>

using namespace jh;

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manualClockMovesOnlyWhenTold()
    {
        const QDateTime start(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        ManualClock c(start);
        QCOMPARE(c.now(), start);
        c.advance(86400);
        QCOMPARE(c.now(), start.addDays(1));
        c.set(start);
        QCOMPARE(c.now(), start);
    }

    void systemClockIsUtc() { QCOMPARE(SystemClock::instance().now().timeSpec(), Qt::UTC); }

    void parseIso_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: must be refused
        const QDateTime t(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
        QTest::newRow("Z") << QStringLiteral("2026-03-02T09:30:00Z") << t;
        QTest::newRow("offset") << QStringLiteral("2026-03-02T10:30:00+01:00") << t;
        QTest::newRow("milliseconds")
            << QStringLiteral("2026-03-02T09:30:00.250Z") << t.addMSecs(250);
        QTest::newRow("no zone is ambiguous")
            << QStringLiteral("2026-03-02T09:30:00") << QDateTime();
        QTest::newRow("not a date") << QStringLiteral("yesterday") << QDateTime();
    }

    void parseIso()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime got = parseIsoInstant(text);
        QCOMPARE(got.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(got, expected);
    }

    // The canonical form is read without Qt's parser; on every input, of
    // that shape or nearly, the result must be what Qt's parser gives.
    void parseIsoAgreesWithQt_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* t :
             {"2026-03-02T09:30:00Z",      "2026-03-02T09:30:00.007Z", "2026-03-02T09:30:00.999Z",
              "2024-02-29T23:59:59Z",      "2026-02-29T00:00:00Z",     "2026-02-30T00:00:00Z",
              "2026-13-01T00:00:00Z",      "2026-00-10T00:00:00Z",     "2026-03-02T24:00:00Z",
              "2026-03-02T23:60:00Z",      "2026-03-02T23:59:60Z",     "2026-03-02T09:30:00.5Z",
              "2026-03-02T09:30:00.1234Z", "2026-03-02t09:30:00Z",     "2026-03-02T09:30:00z",
              "2026-03-02 09:30:00Z",      "2026-3-02T09:30:00Z",      "+026-03-02T09:30:00Z",
              "0001-01-01T00:00:00Z",      "9999-12-31T23:59:59.999Z", "2026-03-02T09:30:00.abcZ",
              "2026-03-02T09:30:00,123Z"})
            QTest::newRow(t) << QString::fromLatin1(t);
        QTest::newRow("full-width digits") << QStringLiteral("２０２６-03-02T09:30:00Z");
    }

    void parseIsoAgreesWithQt()
    {
        QFETCH(QString, text);
        QDateTime qt = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (qt.isValid() && qt.timeSpec() == Qt::LocalTime)
            qt = {};
        const QDateTime got = parseIsoInstant(text);
        QCOMPARE(got.isValid(), qt.isValid());
        if (qt.isValid())
            QCOMPARE(got, qt.toUTC());
    }

    void samlInstantIsUtcWithZ()
    {
        const QDateTime t(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
        QCOMPARE(formatSamlInstant(t), QStringLiteral("2026-03-02T09:30:00Z"));
        QCOMPARE(formatSamlInstant(t.addMSecs(5)), QStringLiteral("2026-03-02T09:30:00.005Z"));
        QCOMPARE(formatSamlInstant(t.toOffsetFromUtc(3600)),
                 QStringLiteral("2026-03-02T09:30:00Z"));
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "test_clock.moc"
