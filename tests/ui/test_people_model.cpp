// The people model: a well-behaved table model (QAbstractItemModelTester,
// also across directory changes), one row per person in directory order, and
// tool tips that name the person's groups — capped for someone in 160.
#include "idp/directory_file.h"
#include "models/people_model.h"
#include "support/fixtures.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTest>

using namespace jh;
using namespace jh::ui;

class TestPeopleModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void passesTheModelTester();
    void staysConsistentAcrossDirectoryChanges();
    void hasOneRowPerPersonInDirectoryOrder();
    void toolTipNamesGroups_data();
    void toolTipNamesGroups();
    void personWhoLeftIsShownApart();
    void emptyWithoutDirectory();

private:
    idp::Directory m_directory;
};

void TestPeopleModel::initTestCase()
{
    auto d = idp::loadDirectory(test::sourcePath(QStringLiteral("samples/directory.yaml")));
    QVERIFY2(d, d ? "" : qPrintable(d.error().message));
    m_directory = *d;
}

void TestPeopleModel::passesTheModelTester()
{
    PeopleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDirectory(&m_directory);
    QVERIFY(model.rowCount() > 0);
}

void TestPeopleModel::staysConsistentAcrossDirectoryChanges()
{
    idp::Directory d = m_directory;
    PeopleModel model;
    model.setDirectory(&d);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int before = model.rowCount();

    model.beginDirectoryChange();
    QVERIFY(d.removePerson(QStringLiteral("uma")));
    model.endDirectoryChange();
    QCOMPARE(model.rowCount(), before - 1);
    QCOMPARE(model.rowOf(QStringLiteral("uma")), -1);

    model.setDirectory(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestPeopleModel::hasOneRowPerPersonInDirectoryOrder()
{
    PeopleModel model;
    model.setDirectory(&m_directory);
    QCOMPARE(model.rowCount(), int(m_directory.people().size()));
    QCOMPARE(model.columnCount(), int(PeopleModel::ColumnCount));
    for (int row = 0; row < model.rowCount(); ++row) {
        const idp::Person& p = m_directory.people().at(row);
        QCOMPARE(model.index(row, 0).data(PeopleModel::PersonIdRole).toString(), p.id);
        QCOMPARE(model.index(row, PeopleModel::UsernameColumn).data().toString(), p.username);
        QVERIFY(model.index(row, PeopleModel::StatusColumn)
                    .data()
                    .toString()
                    .startsWith(idp::personStatusName(p.status)));
        QCOMPARE(model.rowOf(p.id), row);
        QCOMPARE(model.personIdAt(row), p.id);
    }
    QCOMPARE(model.headerData(PeopleModel::NameColumn, Qt::Horizontal).toString(),
             QStringLiteral("Name"));
}

void TestPeopleModel::toolTipNamesGroups_data()
{
    QTest::addColumn<QString>("person");
    QTest::addColumn<QString>("contains");

    QTest::newRow("alice's groups by display name") << "alice"
                                                    << "Engineering";
    QTest::newRow("a guest says where from") << "bob"
                                             << "Guest from fabrikam.example";
    QTest::newRow("olga's 160 groups are capped") << "olga"
                                                  << "… and 148 more";
}

void TestPeopleModel::toolTipNamesGroups()
{
    QFETCH(QString, person);
    QFETCH(QString, contains);
    PeopleModel model;
    model.setDirectory(&m_directory);
    const int row = model.rowOf(person);
    QVERIFY(row >= 0);
    const QString tip = model.index(row, 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(contains), qPrintable(tip));
}

void TestPeopleModel::personWhoLeftIsShownApart()
{
    PeopleModel model;
    model.setDirectory(&m_directory);
    const QModelIndex uma =
        model.index(model.rowOf(QStringLiteral("uma")), PeopleModel::StatusColumn);
    QCOMPARE(uma.data().toString(), QStringLiteral("left"));
    QVERIFY(uma.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(uma.data(Qt::ForegroundRole).isValid());

    const QModelIndex alice =
        model.index(model.rowOf(QStringLiteral("alice")), PeopleModel::StatusColumn);
    QCOMPARE(alice.data().toString(), QStringLiteral("active"));
    QVERIFY(!alice.data(Qt::FontRole).isValid());
    QVERIFY(!alice.data(Qt::ForegroundRole).isValid());
}

void TestPeopleModel::emptyWithoutDirectory()
{
    PeopleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOf(QStringLiteral("alice")), -1);
    QVERIFY(model.personIdAt(0).isEmpty());
}

QTEST_MAIN(TestPeopleModel)
#include "test_people_model.moc"
