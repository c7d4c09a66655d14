// The directory file: the sample loads with the cast it promises, a load ->
// save -> load round trip is exact, and each broken fixture (tests/data/
// directory/Broken*.yaml) is rejected with its file, line and field named —
// while the same file with the defect undone loads.
#include "common/file_io.h"
#include "idp/directory_file.h"
#include "support/fixtures.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using namespace jh::idp;

class TestDirectoryFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleHasTheCastItPromises();
    void roundTripIsExact();
    void awkwardStringsSurviveARoundTrip();
    void brokenFileNamesLineAndField_data();
    void brokenFileNamesLineAndField();
    void brokenFileWithTheDefectUndoneLoads_data();
    void brokenFileWithTheDefectUndoneLoads();
    void missingFileIsUnreadable();
    void failedSaveWritesNothing();
    void groupsCanBeNamedByIdOrUniqueName();
    void directoryKeepsItselfConsistent();
};

namespace {
QString fixture(const QString& name)
{
    return test::dataPath(QStringLiteral("directory/%1.yaml").arg(name));
}

Directory sample()
{
    auto d = loadDirectory(test::sourcePath(QStringLiteral("samples/directory.yaml")));
    if (!d)
        qFatal("sample directory: %s", qPrintable(d.error().message));
    return *d;
}
} // namespace

void TestDirectoryFile::sampleHasTheCastItPromises()
{
    const Directory d = sample();
    QCOMPARE(d.tenant().displayName, QStringLiteral("Contoso"));
    QCOMPARE(d.tenant().initialDomain, QStringLiteral("contoso.onmicrosoft.com"));
    QCOMPARE(d.people().size(), 13);
    QCOMPARE(d.groups().size(), 163);

    QCOMPARE(d.person(QStringLiteral("alice"))->manager, QStringLiteral("bruno"));
    QCOMPARE(d.person(QStringLiteral("bruno"))->manager, QStringLiteral("carol"));
    QCOMPARE(d.person(QStringLiteral("devi"))->employeeType, QStringLiteral("Contractor"));
    QCOMPARE(d.person(QStringLiteral("uma"))->status, PersonStatus::Left);
    QCOMPARE(d.person(QStringLiteral("gus"))->status, PersonStatus::Suspended);
    QCOMPARE(d.person(QStringLiteral("olga"))->groups.size(), 160);

    const Person* bob = d.person(QStringLiteral("bob"));
    QVERIFY(bob && bob->isGuest());
    QCOMPARE(bob->guest->identityProvider, QString::fromLatin1(kExternalAzureAd));
    QCOMPARE(bob->guest->homeDomain, QStringLiteral("fabrikam.example"));

    const Person* alice = d.person(QStringLiteral("alice"));
    const CustomAttribute* projects =
        alice->customAttribute(QStringLiteral("http://schemas.example.com/claims/projects"));
    QVERIFY(projects);
    QCOMPARE(projects->values, (QStringList{QStringLiteral("Atlas"), QStringLiteral("Borealis")}));
    QCOMPARE(alice->customAttributes.first().name,
             QStringLiteral("http://schemas.example.com/claims/costcenter"));
    // Memberships written by name are stored as group ids.
    QCOMPARE(d.groupsOf(*alice).first()->displayName, QStringLiteral("All Staff"));
    QVERIFY(d.group(alice->groups.first()));
    QVERIFY(!d.person(QStringLiteral("nobody")));
}

void TestDirectoryFile::roundTripIsExact()
{
    const Directory original = sample();
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("saved.yaml"));
    QVERIFY(saveDirectory(original, path));
    auto reloaded = loadDirectory(path);
    QVERIFY2(reloaded, reloaded ? "" : qPrintable(reloaded.error().message));
    QVERIFY(*reloaded == original);
    // Saving what was reloaded gives the same bytes: the format is stable.
    QCOMPARE(serializeDirectory(*reloaded), *readFile(path));
}

void TestDirectoryFile::awkwardStringsSurviveARoundTrip()
{
    Directory d;
    d.setTenant({QStringLiteral("11111111-2222-4333-8444-555555555555"),
                 QStringLiteral("Zoë & Co: \"quoted\""),
                 QStringLiteral("zoe.example"),
                 {}});
    QVERIFY(d.addGroup({QStringLiteral("g1"), QStringLiteral("null")}));
    QVERIFY(d.addGroup({QStringLiteral("g2"), QStringLiteral("# not a comment")}));
    Person p;
    p.id = QStringLiteral("yes");
    p.username = QStringLiteral("~");
    p.displayName = QStringLiteral(" leading and trailing ");
    p.department = QStringLiteral("a: b, [c]");
    p.groups = {QStringLiteral("g1"), QStringLiteral("g2")};
    p.customAttributes = {{QStringLiteral("urn:x"),
                           {QStringLiteral("true"), QStringLiteral("007"), QStringLiteral("")}}};
    QVERIFY(d.addPerson(p));
    auto back = parseDirectory(serializeDirectory(d), QStringLiteral("mem.yaml"));
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QCOMPARE(back->people().first(), p);
    QVERIFY(*back == d);
}

namespace {
void brokenRows()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line"); // 0: any line
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("brokenText");
    QTest::addColumn<QString>("fixedText");
    auto row = [](const char* name, int line, const char* field, const char* message,
                  const char* broken, const char* fixed) {
        QTest::newRow(name) << QString::fromLatin1(name) << line << QString::fromLatin1(field)
                            << QString::fromLatin1(message) << QString::fromLatin1(broken)
                            << QString::fromLatin1(fixed);
    };
    row("BrokenUnknownGroup", 17, "people[1].groups[1]", "unknown group 'eng-x'", "eng-x", "Sales");
    row("BrokenDuplicateId", 18, "people[2].id", "duplicate person id 'alice' (first at line 10)",
        "  - id: alice\n    username: carol", "  - id: carol\n    username: carol");
    row("BrokenUnknownManager", 16, "people[1].manager", "unknown person 'zed'", "manager: zed",
        "manager: alice");
    row("BrokenUnknownKey", 12, "people[0].emial", "unknown key", "emial:", "email:");
    row("BrokenMissingUsername", 14, "people[1].username", "required", "  - id: bruno\n",
        "  - id: bruno\n    username: bruno@fixture.example\n");
    row("BrokenMissingId", 10, "people[0].id", "required", "  - username: alice",
        "  - id: alice\n    username: alice");
    row("BrokenEmailNotString", 12, "people[0].email", "expected a string",
        "[alice@fixture.example, a2@fixture.example]", "alice@fixture.example");
    row("BrokenMalformedYaml", 0, "", "malformed YAML", "[Engineering\n", "[Engineering]\n");
    row("BrokenUnknownStatus", 20, "people[2].status", "unknown status 'gone'", "status: gone",
        "status: active");
    row("BrokenTenantIdNotGuid", 3, "tenant.id", "'contoso' is not a GUID", "id: contoso",
        "id: 11111111-2222-4333-8444-555555555555");
    row("BrokenDuplicateGroupId", 8, "groups[1].id",
        "duplicate group id '0a000000-0000-4000-8000-000000000001'", "0001, displayName: Sales",
        "0002, displayName: Sales");
    row("BrokenSelfManager", 21, "people[2].manager", "a person cannot be their own manager",
        "\n    manager: carol", "");
}
} // namespace

void TestDirectoryFile::brokenFileNamesLineAndField_data()
{
    brokenRows();
}

void TestDirectoryFile::brokenFileNamesLineAndField()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const QString path = fixture(file);
    const QByteArray before = *readFile(path);

    auto d = loadDirectory(path);
    QVERIFY(!d);
    QCOMPARE(d.error().id, QStringLiteral("directory.invalid"));
    const QString text = d.error().message;
    if (line > 0) {
        const QString where = QStringLiteral("%1:%2: %3: ").arg(path).arg(line).arg(field);
        QVERIFY2(text.startsWith(where),
                 qPrintable(QStringLiteral("got: ") + text + QStringLiteral("\nwanted: ") + where));
    } else {
        QVERIFY2(QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(path) +
                                    QStringLiteral(":\\d+: "))
                     .match(text)
                     .hasMatch(),
                 qPrintable(text));
    }
    QVERIFY2(text.contains(message), qPrintable(text));
    QCOMPARE(*readFile(path), before); // a failed load leaves the file alone
}

void TestDirectoryFile::brokenFileWithTheDefectUndoneLoads_data()
{
    brokenRows();
}

void TestDirectoryFile::brokenFileWithTheDefectUndoneLoads()
{
    QFETCH(QString, file);
    QFETCH(QString, brokenText);
    QFETCH(QString, fixedText);
    QString text = QString::fromUtf8(*readFile(fixture(file)));
    QVERIFY2(text.contains(brokenText), "the row's broken text is not in the fixture");
    text.replace(brokenText, fixedText);
    auto d = parseDirectory(text.toUtf8(), file);
    QVERIFY2(d, d ? "" : qPrintable(d.error().message));
    QVERIFY(*d == *loadDirectory(fixture(QStringLiteral("Valid"))));
}

void TestDirectoryFile::missingFileIsUnreadable()
{
    auto d = loadDirectory(fixture(QStringLiteral("NoSuchFile")));
    QVERIFY(!d);
    QCOMPARE(d.error().id, QStringLiteral("io.unreadable"));
}

void TestDirectoryFile::failedSaveWritesNothing()
{
    QTemporaryDir tmp;
    // The parent "folder" is a file, so the save cannot even start.
    const QString blocker = tmp.filePath(QStringLiteral("blocker"));
    QVERIFY(writeFileAtomic(blocker, "keep me"));
    auto saved = saveDirectory(sample(), blocker + QStringLiteral("/directory.yaml"));
    QVERIFY(!saved);
    QCOMPARE(saved.error().id, QStringLiteral("io.unwritable"));
    QCOMPARE(*readFile(blocker), QByteArray("keep me"));
    // The target is a folder: QSaveFile cannot replace it, and nothing is left behind.
    const QString folder = tmp.filePath(QStringLiteral("folder"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(!saveDirectory(sample(), folder));
    QCOMPARE(QDir(tmp.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 2);
    QVERIFY(QDir(folder).isEmpty());
}

void TestDirectoryFile::groupsCanBeNamedByIdOrUniqueName()
{
    QString text = QString::fromUtf8(*readFile(fixture(QStringLiteral("Valid"))));
    text.replace(QStringLiteral("groups: [Engineering]"),
                 QStringLiteral("groups: [0a000000-0000-4000-8000-000000000001]"));
    auto byId = parseDirectory(text.toUtf8(), QStringLiteral("by-id.yaml"));
    QVERIFY(byId);
    QVERIFY(*byId == *loadDirectory(fixture(QStringLiteral("Valid"))));

    text.replace(QStringLiteral("displayName: Sales"), QStringLiteral("displayName: Engineering"));
    text.replace(QStringLiteral("groups: [Engineering, Sales]"),
                 QStringLiteral("groups: [Engineering]"));
    auto ambiguous = parseDirectory(text.toUtf8(), QStringLiteral("twins.yaml"));
    QVERIFY(!ambiguous);
    QVERIFY2(ambiguous.error().message.contains(
                 QStringLiteral("people[1].groups[0]: group name 'Engineering' is ambiguous")),
             qPrintable(ambiguous.error().message));
}

void TestDirectoryFile::directoryKeepsItselfConsistent()
{
    Directory d = sample();
    Person twin = *d.person(QStringLiteral("alice"));
    QCOMPARE(d.addPerson(twin).error().id, QStringLiteral("directory.invalid"));
    twin.id = QStringLiteral("alice2");
    twin.manager = QStringLiteral("nobody");
    QVERIFY(d.addPerson(twin).error().message.contains(QStringLiteral("unknown manager 'nobody'")));
    twin.manager.clear();
    QVERIFY(d.addPerson(twin));

    QVERIFY(d.removePerson(QStringLiteral("bruno")));
    QVERIFY(d.person(QStringLiteral("alice"))->manager.isEmpty());
    QVERIFY(d.person(QStringLiteral("carol")));

    const QString engineering = d.person(QStringLiteral("alice"))->groups.at(1);
    QVERIFY(d.removeGroup(engineering));
    QVERIFY(!d.person(QStringLiteral("alice"))->groups.contains(engineering));
    QVERIFY(!d.removeGroup(engineering));

    Person carol = *d.person(QStringLiteral("carol"));
    carol.status = PersonStatus::Left;
    QVERIFY(d.updatePerson(carol));
    QCOMPARE(d.person(QStringLiteral("carol"))->status, PersonStatus::Left);
}

QTEST_GUILESS_MAIN(TestDirectoryFile)
#include "test_directory_file.moc"
