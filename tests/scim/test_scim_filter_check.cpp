// Filters checked against the schemas before they run: every attribute
// the User and Group schemas have (core, enterprise extension, common
// attributes, sub-attributes, value paths) is accepted; unknown names and
// operators the attribute's type cannot support are invalidFilter.
#include "scim/scim_filter_check.h"

#include <QTest>

using namespace jh;
using namespace jh::scim;

class TestScimFilterCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
};

namespace {

Result<void> check(const QString& text, bool groups)
{
    auto f = parseFilter(text);
    if (!f)
        qFatal("does not parse: %s", qPrintable(text));
    return checkFilter(*f, groups ? groupSchemas() : userSchemas());
}

} // namespace

void TestScimFilterCheck::accepted_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("groups");
    const auto row = [](const char* name, const char* filter, bool groups = false) {
        QTest::newRow(name) << QString::fromUtf8(filter) << groups;
    };
    row("userName eq (Okta's look-up)", R"(userName eq "alice@contoso.example")");
    row("externalId eq", R"(externalId eq "00u1")");
    row("id and meta", R"(id eq "1" or meta.lastModified gt "2026-01-01T00:00:00Z")");
    row("core URN prefix", R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "a")");
    row("enterprise attribute",
        R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales")");
    row("enterprise sub-attribute",
        R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "2")");
    row("multi-valued compared by value", R"(emails co "@contoso")");
    row("value path", R"(emails[type eq "work" and value co "@"])");
    row("value path with tail (Entra)", R"(emails[type eq "work"].value eq "a@x")");
    row("boolean eq", "active eq false");
    row("present", "title pr and not (nickName pr)");
    row("case of names ignored", R"(USERNAME eq "a" and Name.FamilyName eq "b")");
    row("group displayName (Entra's look-up)", R"(displayName eq "Sales")", true);
    row("group members", R"(members[value eq "17"])", true);
}

void TestScimFilterCheck::accepted()
{
    QFETCH(QString, filter);
    QFETCH(bool, groups);
    const Result<void> r = check(filter, groups);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
}

void TestScimFilterCheck::refused_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("groups");
    QTest::addColumn<QString>("named"); // the message must name it
    const auto row = [](const char* name, const char* filter, const char* named,
                        bool groups = false) {
        QTest::newRow(name) << QString::fromUtf8(filter) << groups << QString::fromUtf8(named);
    };
    row("unknown attribute", R"(usrName eq "a")", "usrName");
    row("unknown sub-attribute", R"(name.surname eq "a")", "surname");
    row("unknown extension", R"(urn:example:ext:1.0:User:x eq "a")", "urn:example:ext:1.0:User");
    row("extension attribute in core", R"(department eq "Sales")", "department");
    row("complex compared whole", R"(name eq "a")", "name");
    row("boolean ordered", "active gt false", "active");
    row("boolean substring", R"(active co "t")", "active");
    row("substring of null", "userName co null", "co");
    row("ordering with a boolean", "userName gt true", "gt");
    row("value filter on a simple attribute", R"(userName[value eq "a"])", "userName");
    row("unknown name in a value filter", R"(emails[kind eq "work"])", "kind");
    row("user attribute on groups", R"(userName eq "a")", "userName", true);
    row("members sub-attribute unknown", R"(members[id eq "1"])", "id", true);
}

void TestScimFilterCheck::refused()
{
    QFETCH(QString, filter);
    QFETCH(bool, groups);
    QFETCH(QString, named);
    const Result<void> r = check(filter, groups);
    QVERIFY(!r);
    QCOMPARE(r.error().id, QStringLiteral("scim.invalidFilter"));
    QVERIFY2(r.error().message.contains(named), qPrintable(r.error().message));
}

QTEST_GUILESS_MAIN(TestScimFilterCheck)
#include "test_scim_filter_check.moc"
