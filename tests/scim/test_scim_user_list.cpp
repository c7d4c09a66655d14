// SCIM User lists in process (RFC 7644 §3.4.2): GET /Users filtered (every
// operator, logic and grouping, value paths, schema-qualified and kept
// attributes), paged (startIndex, count, cut to maxResults) and projected
// (attributes, excludedAttributes — on reads, lists and writes). A bad
// filter, a non-integer page parameter or a projection naming nothing known
// is refused and leaves the store exactly as it was.
//
// Discovery and routing: test_scim_discovery.cpp; Users made, read and
// deleted: test_scim_users.cpp; PUT and PATCH: test_scim_user_update.cpp;
// Groups and roles from membership: test_scim_groups.cpp; PATCH, resource
// checks and projection as units: test_scim_patch.cpp. The fixture:
// support/scim_fixture.h.
#include "scim/scim_service.h"
#include "support/scim_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace jh;
using namespace jh::scim;
using namespace jh::test;

using Sp = ScimSp;

namespace {

QStringList sortedKeys(const QJsonObject& o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestScimUserList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // GET /Users
    void listFiltersUsers_data();
    void listFiltersUsers();
    void invalidFilterIsRefused_data();
    void invalidFilterIsRefused();
    void listPagesUsers_data();
    void listPagesUsers();
    void countIsCutToMaxResults();
    void nonIntegerPagingIsInvalidValue_data();
    void nonIntegerPagingIsInvalidValue();
    void projectionPicksAttributes_data();
    void projectionPicksAttributes();
    void projectionAppliesToListsAndWrites();
    void projectionNamingNothingIsInvalidValue_data();
    void projectionNamingNothingIsInvalidValue();
};

// ---- GET /Users

void TestScimUserList::listFiltersUsers_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char* name, const char* filter, const char* names) {
        QTest::newRow(name) << s(filter) << s(names).split(u' ', Qt::SkipEmptyParts);
    };
    // Comparison operators on strings
    row("eq", "userName eq \"bob@example.com\"", "bob");
    row("eq ignores case of userName", "userName eq \"BOB@Example.COM\"", "bob");
    row("eq with keyword in another case", "userName EQ \"bob@example.com\"", "bob");
    row("eq matching nothing", "userName eq \"nobody@example.com\"", "");
    row("ne (missing counts as not equal)", "title ne \"Engineer\"", "bob dave");
    row("co", "userName co \"example.com\"", "alice bob dave");
    row("sw", "userName sw \"CA\"", "carol");
    row("ew", "userName ew \".org\"", "carol");
    row("pr", "title pr", "alice bob carol");
    row("gt", "name.familyName gt \"C\"", "alice carol dave");
    row("ge", "name.familyName ge \"Doe\"", "alice dave");
    row("lt", "name.familyName lt \"Clark\"", "bob");
    row("le", "name.familyName le \"Clark\"", "bob carol");
    // Dates: compared as instants
    row("date gt", "meta.lastModified gt \"2026-03-02T10:00:00Z\"", "bob carol dave");
    row("date ge", "meta.lastModified ge \"2026-03-02T10:30:00Z\"", "bob carol dave");
    row("date lt", "meta.lastModified lt \"2026-03-02T10:30:00Z\"", "alice");
    row("date le", "meta.lastModified le \"2026-03-02T10:30:00Z\"", "alice bob");
    row("date eq", "meta.created eq \"2026-03-02T12:30:00Z\"", "dave");
    row("date ne", "meta.lastModified ne \"2026-03-02T09:30:00Z\"", "bob carol dave");
    row("date with an offset", "meta.lastModified le \"2026-03-02T11:30:00+02:00\"", "alice");
    row("date with a fraction", "meta.created gt \"2026-03-02T10:30:00.000Z\"", "carol dave");
    row("meta.resourceType", "meta.resourceType eq \"User\"", "alice bob carol dave");
    // Logic and grouping
    row("and", "title eq \"Engineer\" and active eq true", "alice");
    row("or", "userName sw \"bob\" or userName sw \"dave\"", "bob dave");
    row("not", "not (title pr)", "dave");
    row("and binds tighter than or",
        "title eq \"Manager\" or title eq \"Engineer\" and active eq false", "bob carol");
    row("grouping", "(title eq \"Manager\" or title eq \"Engineer\") and active eq true",
        "alice bob");
    row("not of a group", "not (userName sw \"a\" or userName sw \"b\")", "carol dave");
    // Multi-valued and value paths
    row("any e-mail value", "emails.value eq \"alice@home.example\"", "alice");
    row("value path", "emails[type eq \"home\"]", "alice carol");
    row("value path with and", "emails[type eq \"work\" and value co \"bob\"]", "bob");
    row("value path then sub-attribute (Entra)",
        "emails[type eq \"work\"].value eq \"dave@example.com\"", "dave");
    row("value path inside or", "emails[type eq \"home\"] or title eq \"Manager\"",
        "alice bob carol");
    // Schema-qualified attributes
    row("enterprise department", ENT_URN ":department eq \"Engineering\"", "alice carol");
    row("enterprise employeeNumber", ENT_URN ":employeeNumber eq \"1002\"", "bob");
    row("enterprise pr", ENT_URN ":employeeNumber pr", "alice bob");
    row("core URN-qualified userName", USER_URN ":userName eq \"alice@example.com\"", "alice");
    // Booleans, ids, kept attributes, case-exact attributes
    row("active eq false", "active eq false", "carol");
    row("active eq true", "active eq true", "alice bob dave");
    row("id", "id eq \"2\"", "bob");
    row("externalId", "externalId eq \"ext-alice\"", "alice");
    row("externalId is case-exact", "externalId eq \"EXT-ALICE\"", "");
    row("a kept attribute", "nickName eq \"Caz\"", "carol");
    row("no groups yet", "groups pr", "");
    row("pr on a complex attribute", "name pr", "alice bob carol dave");
    row("pr on a complex attribute, negated", "not (name pr)", "");
}

void TestScimUserList::listFiltersUsers()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    Sp sp;
    sp.seedFour();
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.get(QStringLiteral("/Users"), {{s("filter"), filter}});
    CHECK_STATUS(r, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("schemas")).toArray().first().toString(),
             s("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
    QCOMPARE(namesOf(o), expected);
    QCOMPARE(o.value(QStringLiteral("totalResults")).toInt(), expected.size());
    QCOMPARE(o.value(QStringLiteral("itemsPerPage")).toInt(), expected.size());
    QCOMPARE(o.value(QStringLiteral("startIndex")).toInt(), 1);
    checkUntouched(sp.store, before);
}

void TestScimUserList::invalidFilterIsRefused_data()
{
    QTest::addColumn<QString>("filter");
    QTest::newRow("no value") << s("userName eq");
    QTest::newRow("unknown operator") << s("userName is \"a\"");
    QTest::newRow("unclosed parenthesis") << s("(userName eq \"a\"");
    QTest::newRow("dangling and") << s("userName eq \"a\" and");
    QTest::newRow("unclosed bracket") << s("emails[type eq \"work\"");
    QTest::newRow("unquoted string") << s("userName eq bjensen");
    QTest::newRow("empty") << QString();
    QTest::newRow("only a quote") << s("\"");
    // Parsed, but naming what the schemas do not have (scim_filter_check.h)
    QTest::newRow("unknown attribute") << s("shoeSize eq \"42\"");
    QTest::newRow("unknown sub-attribute") << s("name.shoe eq \"x\"");
    QTest::newRow("unknown schema") << s("urn:example:params:scim:schemas:Shoe:size eq \"x\"");
    QTest::newRow("unknown enterprise attribute") << s(ENT_URN ":floor eq \"3\"");
    QTest::newRow("co on a boolean") << s("active co \"t\"");
    QTest::newRow("gt with null") << s("title gt null");
    QTest::newRow("value filter on a single-valued attribute") << s("userName[value eq \"a\"]");
    QTest::newRow("unknown sub-attribute in a value filter") << s("emails[shoe eq \"x\"]");
}

void TestScimUserList::invalidFilterIsRefused()
{
    QFETCH(QString, filter);
    Sp sp;
    sp.seedFour();
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.get(QStringLiteral("/Users"), {{s("filter"), filter}});
    CHECK_STATUS(r, 400);
    QCOMPARE(r.scimType(), s("invalidFilter"));
    const ScimResponse groups = sp.get(QStringLiteral("/Groups"), {{s("filter"), filter}});
    CHECK_STATUS(groups, 400);
    QCOMPARE(groups.scimType(), s("invalidFilter"));
    checkUntouched(sp.store, before);
}

void TestScimUserList::listPagesUsers_data()
{
    QTest::addColumn<QString>("startIndex"); // null: not sent
    QTest::addColumn<QString>("count");      // null: not sent
    QTest::addColumn<QString>("filter");     // null: not sent
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("start");
    QTest::addColumn<QStringList>("names");
    const QString none;
    const auto names = [](const char* list) {
        return s(list).split(u' ', Qt::SkipEmptyParts);
    };
    QTest::newRow("no paging") << none << none << none << 4 << 1 << names("alice bob carol dave");
    QTest::newRow("first page of 2") << s("1") << s("2") << none << 4 << 1 << names("alice bob");
    QTest::newRow("second page of 2") << s("3") << s("2") << none << 4 << 3 << names("carol dave");
    QTest::newRow("from the middle") << s("2") << s("2") << none << 4 << 2 << names("bob carol");
    QTest::newRow("count 0 gives only the total") << none << s("0") << none << 4 << 1 << names("");
    QTest::newRow("count 1") << none << s("1") << none << 4 << 1 << names("alice");
    QTest::newRow("last item") << s("4") << s("10") << none << 4 << 4 << names("dave");
    QTest::newRow("startIndex beyond the end") << s("5") << none << none << 4 << 5 << names("");
    QTest::newRow("startIndex far beyond") << s("100") << s("2") << none << 4 << 100 << names("");
    QTest::newRow("startIndex 0 is 1") << s("0") << s("1") << none << 4 << 1 << names("alice");
    QTest::newRow("negative startIndex is 1")
        << s("-3") << s("1") << none << 4 << 1 << names("alice");
    QTest::newRow("negative count is 0") << none << s("-1") << none << 4 << 1 << names("");
    QTest::newRow("blanks around a number")
        << s(" 2 ") << s(" 1 ") << none << 4 << 2 << names("bob");
    QTest::newRow("paging a filtered list")
        << s("2") << s("1") << s("active eq true") << 3 << 2 << names("bob");
    QTest::newRow("filter matching nothing")
        << none << none << s("userName eq \"x\"") << 0 << 1 << names("");
}

void TestScimUserList::listPagesUsers()
{
    QFETCH(QString, startIndex);
    QFETCH(QString, count);
    QFETCH(QString, filter);
    QFETCH(int, total);
    QFETCH(int, start);
    QFETCH(QStringList, names);
    Sp sp;
    sp.seedFour();
    Query query;
    if (!filter.isNull())
        query.append({s("filter"), filter});
    if (!startIndex.isNull())
        query.append({s("startIndex"), startIndex});
    if (!count.isNull())
        query.append({s("count"), count});
    const ScimResponse r = sp.get(QStringLiteral("/Users"), query);
    CHECK_STATUS(r, 200);
    const QJsonObject o = r.json();
    QCOMPARE(namesOf(o), names);
    QCOMPARE(o.value(QStringLiteral("totalResults")).toInt(), total);
    QCOMPARE(o.value(QStringLiteral("startIndex")).toInt(), start);
    QCOMPARE(o.value(QStringLiteral("itemsPerPage")).toInt(), names.size());
    QVERIFY(o.value(QStringLiteral("Resources")).isArray());
}

void TestScimUserList::countIsCutToMaxResults()
{
    ScimServiceOptions options;
    options.maxResults = 2;
    Sp sp(options);
    sp.seedFour();
    const ScimResponse r = sp.get(QStringLiteral("/Users"), {{s("count"), s("10")}});
    CHECK_STATUS(r, 200);
    QCOMPARE(namesOf(r.json()), (QStringList{s("alice"), s("bob")}));
    QCOMPARE(r.json().value(QStringLiteral("totalResults")).toInt(), 4);
    QCOMPARE(r.json().value(QStringLiteral("itemsPerPage")).toInt(), 2);
    // No count at all: also at most maxResults.
    const ScimResponse all = sp.get(QStringLiteral("/Users"));
    QCOMPARE(all.json().value(QStringLiteral("itemsPerPage")).toInt(), 2);
    QCOMPARE(all.json().value(QStringLiteral("totalResults")).toInt(), 4);
}

void TestScimUserList::nonIntegerPagingIsInvalidValue_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::newRow("startIndex a word") << s("startIndex") << s("first");
    QTest::newRow("startIndex a fraction") << s("startIndex") << s("1.5");
    QTest::newRow("count a word") << s("count") << s("all");
    QTest::newRow("count empty") << s("count") << QStringLiteral("");
    QTest::newRow("count with a unit") << s("count") << s("10items");
}

void TestScimUserList::nonIntegerPagingIsInvalidValue()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    Sp sp;
    sp.seedFour();
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.get(QStringLiteral("/Users"), {{name, value}});
    CHECK_STATUS(r, 400);
    QCOMPARE(r.scimType(), s("invalidValue"));
    QVERIFY2(r.json().value(QStringLiteral("detail")).toString().contains(name),
             r.body.constData());
    checkUntouched(sp.store, before);
}

void TestScimUserList::projectionPicksAttributes_data()
{
    QTest::addColumn<QString>("attributes");
    QTest::addColumn<QString>("excluded");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QByteArray>("values"); // top-level key -> exact value, for some keys
    const QStringList all{s("active"), s("displayName"), s("emails"), s("externalId"),
                          s("id"),     s("meta"),        s("name"),   s("schemas"),
                          s("title"),  s("userName"),    s(ENT_URN)};
    const auto keys = [](std::initializer_list<const char*> list) {
        QStringList out;
        for (const char* k : list)
            out.append(s(k));
        out.sort();
        return out;
    };
    const auto without = [&](std::initializer_list<const char*> list) {
        QStringList out = all;
        for (const char* k : list)
            out.removeAll(s(k));
        out.sort();
        return out;
    };
    QStringList sortedAll = all;
    sortedAll.sort();
    const QString none;
    QTest::newRow("none") << none << none << sortedAll << j("{'id': '1'}");
    QTest::newRow("attributes userName")
        << s("userName") << none << keys({"id", "schemas", "userName"})
        << j("{'userName': 'alice@example.com'}");
    QTest::newRow("attribute names in any case")
        << s("USERNAME,DisplayName") << none << keys({"displayName", "id", "schemas", "userName"})
        << QByteArray("{}");
    QTest::newRow("blanks around names")
        << s(" userName , title ") << none << keys({"id", "schemas", "title", "userName"})
        << QByteArray("{}");
    QTest::newRow("a sub-attribute")
        << s("name.givenName") << none << keys({"id", "name", "schemas"})
        << j("{'name': {'givenName': 'Alice'}}");
    QTest::newRow("a sub-attribute of a multi-valued attribute")
        << s("emails.value") << none << keys({"emails", "id", "schemas"})
        << j("{'emails': [{'value': 'alice@example.com'}, {'value': 'alice@home.example'}]}");
    QTest::newRow("two sub-attributes of one attribute")
        << s("name.givenName,name.familyName") << none << keys({"id", "name", "schemas"})
        << j("{'name': {'familyName': 'Liddell', 'givenName': 'Alice'}}");
    QTest::newRow("core URN-qualified") << s(USER_URN ":userName") << none
                                        << keys({"id", "schemas", "userName"}) << QByteArray("{}");
    QTest::newRow("an enterprise attribute")
        << s(ENT_URN ":department") << none << keys({"id", "schemas", ENT_URN})
        << j("{'" ENT_URN "': {'department': 'Engineering'}}");
    QTest::newRow("the whole extension")
        << s(ENT_URN) << none << keys({"id", "schemas", ENT_URN})
        << j("{'" ENT_URN "': {'costCenter': 'CC-1', 'department': 'Engineering',"
             " 'employeeNumber': '1001'}}");
    QTest::newRow("meta") << s("meta") << none << keys({"id", "meta", "schemas"})
                          << QByteArray("{}");
    QTest::newRow("a meta sub-attribute")
        << s("meta.resourceType") << none << keys({"id", "meta", "schemas"})
        << j("{'meta': {'resourceType': 'User'}}");
    QTest::newRow("excluded emails and meta")
        << none << s("emails,meta") << without({"emails", "meta"}) << QByteArray("{}");
    QTest::newRow("id and schemas cannot be excluded")
        << none << s("id,schemas") << sortedAll << j("{'id': '1'}");
    QTest::newRow("excluded sub-attribute")
        << none << s("name.givenName") << sortedAll << j("{'name': {'familyName': 'Liddell'}}");
    QTest::newRow("excluded sub-attribute of a multi-valued attribute")
        << none << s("emails.type,emails.primary") << sortedAll
        << j("{'emails': [{'value': 'alice@example.com'}, {'value': 'alice@home.example'}]}");
    QTest::newRow("excluded enterprise attribute")
        << none << s(ENT_URN ":department") << sortedAll
        << j("{'" ENT_URN "': {'costCenter': 'CC-1', 'employeeNumber': '1001'}}");
    QTest::newRow("excluded whole extension")
        << none << s(ENT_URN) << without({ENT_URN}) << QByteArray("{}");
    QTest::newRow("excluded in any case")
        << none << s("EMAILS") << without({"emails"}) << QByteArray("{}");
}

void TestScimUserList::projectionPicksAttributes()
{
    QFETCH(QString, attributes);
    QFETCH(QString, excluded);
    QFETCH(QStringList, keys);
    QFETCH(QByteArray, values);
    Sp sp;
    sp.seedFour();
    Query query;
    if (!attributes.isNull())
        query.append({s("attributes"), attributes});
    if (!excluded.isNull())
        query.append({s("excludedAttributes"), excluded});
    const ScimResponse r = sp.get(QStringLiteral("/Users/1"), query);
    CHECK_STATUS(r, 200);
    const QJsonObject o = r.json();
    QCOMPARE(sortedKeys(o), keys);
    QCOMPARE(o.value(QStringLiteral("id")).toString(), s("1"));
    const QJsonObject expected = QJsonDocument::fromJson(values).object();
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QCOMPARE(jsonText(o.value(it.key())), jsonText(it.value()));
    // The ETag is the resource's, whatever the projection.
    QCOMPARE(r.etag, sp.get(QStringLiteral("/Users/1")).etag);
}

void TestScimUserList::projectionAppliesToListsAndWrites()
{
    Sp sp;
    sp.seedFour();
    const ScimResponse list =
        sp.get(QStringLiteral("/Users"), {{s("attributes"), s("userName")}, {s("count"), s("2")}});
    CHECK_STATUS(list, 200);
    for (const QJsonValue& v : list.json().value(QStringLiteral("Resources")).toArray())
        QCOMPARE(sortedKeys(v.toObject()), (QStringList{s("id"), s("schemas"), s("userName")}));

    ScimRequest post = request("POST", QStringLiteral("/Users"),
                               j("{'schemas': ['" USER_URN "'], 'userName': 'e@example.com',"
                                 " 'title': 'T'}"),
                               {{s("excludedAttributes"), s("title,meta")}});
    const ScimResponse created = sp.send(post);
    CHECK_STATUS(created, 201);
    QVERIFY(!created.json().contains(QStringLiteral("title")));
    QVERIFY(!created.json().contains(QStringLiteral("meta")));
    QVERIFY(!created.location.isEmpty());
    QVERIFY(!created.etag.isEmpty());
    QCOMPARE(sp.account(5).profile.jobTitle, s("T"));

    ScimRequest patch = request("PATCH", QStringLiteral("/Users/5"),
                                patchBody("[{'op': 'replace', 'path': 'title', 'value': 'U'}]"),
                                {{s("attributes"), s("title")}});
    const ScimResponse patched = sp.send(patch);
    CHECK_STATUS(patched, 200);
    QCOMPARE(sortedKeys(patched.json()), (QStringList{s("id"), s("schemas"), s("title")}));
    QCOMPARE(patched.json().value(QStringLiteral("title")).toString(), s("U"));
}

void TestScimUserList::projectionNamingNothingIsInvalidValue_data()
{
    QTest::addColumn<QString>("parameter");
    QTest::addColumn<QString>("names");
    QTest::newRow("unknown attribute") << s("attributes") << s("shoeSize");
    QTest::newRow("unknown sub-attribute") << s("attributes") << s("userName,name.shoe");
    QTest::newRow("a filter where a name belongs")
        << s("attributes") << s("emails[type eq \"work\"].value");
    QTest::newRow("unknown schema")
        << s("attributes") << s("urn:example:params:scim:schemas:Shoe:size");
    QTest::newRow("unknown enterprise attribute") << s("attributes") << s(ENT_URN ":floor");
    QTest::newRow("unknown excluded attribute") << s("excludedAttributes") << s("shoeSize");
}

void TestScimUserList::projectionNamingNothingIsInvalidValue()
{
    // scim_projection.h: a misspelt name is the client's mistake, said as
    // invalidValue before anything runs, rather than a quietly thinner body.
    QFETCH(QString, parameter);
    QFETCH(QString, names);
    Sp sp;
    sp.create(j(kBjensen));
    const Snapshot before = snapshot(sp.store);
    const Query query{{parameter, names}};
    const QList<ScimRequest> requests{
        request("GET", QStringLiteral("/Users/1"), {}, query),
        request("GET", QStringLiteral("/Users"), {}, query),
        request("POST", QStringLiteral("/Users"),
                j("{'schemas': ['" USER_URN "'], 'userName': 'new@example.com'}"), query),
        request("PATCH", QStringLiteral("/Users/1"),
                patchBody("[{'op': 'replace', 'path': 'title', 'value': 'x'}]"), query),
        request("PUT", QStringLiteral("/Users/1"), j(kBjensen), query),
        request("DELETE", QStringLiteral("/Users/1"), {}, query),
    };
    for (const ScimRequest& req : requests) {
        const ScimResponse r = sp.send(req);
        CHECK_STATUS(r, 400);
        QCOMPARE(r.scimType(), s("invalidValue"));
        QVERIFY2(r.json().value(QStringLiteral("detail")).toString().contains(parameter),
                 r.body.constData());
        checkUntouched(sp.store, before);
    }
    // The passing twin: a known name.
    CHECK_STATUS(sp.get(QStringLiteral("/Users/1"), {{parameter, s("userName")}}), 200);
}

QTEST_GUILESS_MAIN(TestScimUserList)
#include "test_scim_user_list.moc"
