// SCIM filters (RFC 7644 §3.4.2.2): every valid filter prints to its
// canonical form and parses back to the same tree; every invalid one is
// refused at the column named; evaluation over one sample User follows the
// documented rules for case, multi-valued attributes, pr, not and precedence.
#include "scim/scim_filter.h"
#include "support/scim_json.h"

#include <QJsonDocument>
#include <QTest>

using namespace jh::scim;
using namespace jh::test;

namespace {

// Not a raw string: moc (Qt 6.4) misreads quotes and apostrophes inside raw strings.
const char kUser[] =
    "{"
    "  \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\","
    "              \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"],"
    "  \"id\": \"2819c223-7f76-453a-919d-413861904646\","
    "  \"externalId\": \"Bjensen-EXT\","
    "  \"userName\": \"bjensen@example.com\","
    "  \"name\": {\"formatted\": \"Ms. Barbara J Jensen, III\", \"familyName\": \"O'Malley\","
    "           \"givenName\": \"Barbara\", \"middleName\": \"\"},"
    "  \"displayName\": \"Babs Jensen\","
    "  \"title\": \"Tour Guide\","
    "  \"userType\": \"Employee\","
    "  \"nickName\": null,"
    "  \"active\": true,"
    "  \"loginCount\": 42,"
    "  \"emails\": ["
    "    {\"value\": \"bjensen@example.com\", \"type\": \"work\", \"primary\": true},"
    "    {\"value\": \"babs@jensen.org\", \"type\": \"home\"}"
    "  ],"
    "  \"ims\": [],"
    "  \"phoneNumbers\": [{\"value\": \"555-555-8377\", \"type\": \"work\"}],"
    "  \"groups\": [{\"value\": \"e9e30dba\", \"display\": \"Sales\"}],"
    "  \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": {"
    "    \"employeeNumber\": \"701984\","
    "    \"department\": \"Tour Operations\","
    "    \"manager\": {\"value\": \"26118915-6090-4610-87e4-49d8ca9f808d\", \"displayName\": "
    "\"John Smith\"}"
    "  },"
    "  \"meta\": {"
    "    \"resourceType\": \"User\","
    "    \"created\": \"2010-01-23T04:56:22Z\","
    "    \"lastModified\": \"2011-05-13T04:42:34Z\","
    "    \"version\": \"W/\\\"a330bc54f0671c9\\\"\","
    "    \"location\": \"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646\""
    "  }"
    "}";

QJsonObject user()
{
    return QJsonDocument::fromJson(QByteArray(kUser)).object();
}

// A row whose filter is already canonical, or with its canonical form.
void validRow(const char* name, const char* filter, const char* canonical = nullptr)
{
    QTest::newRow(name) << s(filter) << s(canonical ? canonical : filter);
}

} // namespace

class TestScimFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("canonical");
        // RFC 7644 §3.4.2.2, every example filter.
        validRow("rfc eq", "userName eq \"bjensen\"");
        validRow("rfc co apostrophe", "name.familyName co \"O'Malley\"");
        validRow("rfc sw", "userName sw \"J\"");
        validRow("rfc core urn", "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"");
        validRow("rfc pr", "title pr");
        validRow("rfc gt date", "meta.lastModified gt \"2011-05-13T04:42:34Z\"");
        validRow("rfc ge date", "meta.lastModified ge \"2011-05-13T04:42:34Z\"");
        validRow("rfc lt date", "meta.lastModified lt \"2011-05-13T04:42:34Z\"");
        validRow("rfc le date", "meta.lastModified le \"2011-05-13T04:42:34Z\"");
        validRow("rfc pr and", "title pr and userType eq \"Employee\"");
        validRow("rfc pr or", "title pr or userType eq \"Intern\"");
        validRow("rfc schemas eq",
                 "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"");
        validRow("rfc and group", "userType eq \"Employee\" and (emails co \"example.com\" or "
                                  "emails.value co \"example.org\")");
        validRow("rfc not group", "userType ne \"Employee\" and not (emails co \"example.com\" or "
                                  "emails.value co \"example.org\")");
        validRow("rfc redundant group", "userType eq \"Employee\" and (emails.type eq \"work\")",
                 "userType eq \"Employee\" and emails.type eq \"work\"");
        validRow(
            "rfc value path",
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]");
        validRow("rfc two value paths", "emails[type eq \"work\" and value co \"@example.com\"] or "
                                        "ims[type eq \"xmpp\" and value co \"@foo.com\"]");
        // What Okta and Entra send.
        validRow("okta userName", "userName eq \"alice@contoso.example\"");
        validRow("entra externalId", "externalId eq \"8f2c1a3e-0d4b-4f6a-9c1e-2b7d5e8a9f01\"");
        validRow("entra group displayName", "displayName eq \"Sales\"");
        validRow("entra value path tail",
                 "emails[type eq \"work\"].value eq \"x@contoso.example\"");
        validRow("entra enterprise", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"
                                     "employeeNumber eq \"701984\"");
        validRow("entra members", "members[value eq \"2819c223\"]");
        // Keywords, spacing and literals.
        validRow("upper-case operator", "userName EQ \"bjensen\"", "userName eq \"bjensen\"");
        validRow("mixed-case logic", "title PR And userType Eq \"x\" OR nickName pr",
                 "title pr and userType eq \"x\" or nickName pr");
        validRow("Not upper", "NOT (title pr)", "not (title pr)");
        validRow("extra spaces", "  title   pr   and\tnickName  pr ", "title pr and nickName pr");
        validRow("no space before paren", "not(title pr)", "not (title pr)");
        validRow("true", "active eq true");
        validRow("false upper", "active eq FALSE", "active eq false");
        validRow("null", "nickName eq null");
        validRow("integer", "loginCount gt 41");
        validRow("negative", "loginCount ge -3");
        validRow("fraction", "loginCount lt 41.5");
        validRow("exponent", "loginCount le 1.5e3", "loginCount le 1500");
        validRow("zero", "loginCount ne 0");
        validRow("escapes", "displayName eq \"a\\\"b\\\\c\\/d\\n\\u00e9\"",
                 "displayName eq \"a\\\"b\\\\c/d\\n\u00e9\"");
        validRow("unicode literal", "displayName co \"J\u00f8rgen\"");
        validRow("every op", "a eq 1 and b ne 1 and c co \"x\" and d sw \"x\" and e ew \"x\" and f "
                             "gt 1 and g ge 1 and h lt 1 and i le 1");
        // Precedence: and binds tighter; the canonical form keeps needed parentheses only.
        validRow("and over or", "a pr or b pr and c pr");
        validRow("or grouped under and", "(a pr or b pr) and c pr");
        validRow("right and kept", "a pr and (b pr and c pr)");
        validRow("left and dropped", "(a pr and b pr) and c pr", "a pr and b pr and c pr");
        validRow("right or kept", "a pr or (b pr or c pr)");
        validRow("double paren", "((title pr))", "title pr");
        validRow("not not", "not (not (title pr))");
        validRow("value path with not", "emails[not (type eq \"work\")]");
        validRow("value path with or", "emails[type eq \"work\" or primary eq true]");
        validRow("attribute named not", "not eq \"x\"");
        validRow("dollar ref", "members.$ref co \"Users\"");
        validRow("hyphen and underscore", "x-custom_attr2 eq \"y\"");
        validRow("nested depth 32",
                 "((((((((((((((((((((((((((((((((title pr))))))))))))))))))))))))))))))))",
                 "title pr");
    }

    void validFilters()
    {
        QFETCH(QString, filter);
        QFETCH(QString, canonical);
        const auto parsed = parseFilter(filter);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(toString(*parsed), canonical);
        const auto again = parseFilter(canonical);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QVERIFY(*again == *parsed);
        QCOMPARE(toString(*again), canonical);
    }

    void invalidFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("needle"); // part of the message
        auto row = [](const char* name, const QString& filter, int column, const char* needle) {
            QTest::newRow(name) << filter << column << s(needle);
        };
        row("empty", QString(), 1, "empty");
        row("blank", s("   "), 1, "empty");
        row("misspelt op", s("userName eqq \"bjensen\""), 10,
            "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr), found "
            "\"eqq\"");
        row("missing op", s("userName \"bjensen\""), 10, "expected a comparison operator");
        row("compare without value", s("userName eq"), 12, "expected a value");
        row("compare value is paren", s("(userName eq)"), 13, "expected a value");
        row("unquoted value", s("userName eq bjensen"), 13, "found \"bjensen\"");
        row("pr with value", s("title pr \"x\""), 10, "\"pr\" takes no value");
        row("pr with true", s("title pr true"), 10, "\"pr\" takes no value");
        row("unterminated string", s("userName eq \"bjensen"), 13, "unterminated string");
        row("bad escape", s("userName eq \"a\\qb\""), 15, "invalid escape");
        row("short unicode escape", s("userName eq \"\\u12\""), 14, "four hex digits");
        row("raw newline in string", s("userName eq \"a\nb\""), 15, "control character");
        row("unclosed paren", s("(title pr"), 10, "closing the \"(\" at column 1");
        row("extra close paren", s("title pr)"), 9, "unbalanced \")\"");
        row("unclosed bracket", s("emails[type eq \"work\""), 22, "closing the \"[\" at column 7");
        row("extra close bracket", s("title pr]"), 9, "unbalanced \"]\"");
        row("nested value path", s("emails[type[value eq \"x\"] pr]"), 12, "cannot be nested");
        row("value path on sub-attribute", s("name.givenName[value eq \"x\"]"), 15,
            "not to the sub-attribute");
        row("trailing garbage", s("userName eq \"x\" garbage"), 17,
            "expected \"and\", \"or\" or the end of the filter, found \"garbage\"");
        row("dangling and", s("title pr and"), 13, "expected an attribute name");
        row("leading or", s("or title pr"), 4, "expected a comparison operator");
        row("not without paren", s("not title pr"), 5, "expected \"(\" after \"not\"");
        row("empty group", s("()"), 2, "expected an attribute name");
        row("attribute starting with digit", s("1abc pr"), 1, "expected an attribute name");
        row("bad sub-attribute", s("name. pr"), 6, "expected a sub-attribute name");
        row("three-level path", s("a.b.c pr"), 3, "expected a sub-attribute name");
        row("schema that is not a urn", s("http://x:userName pr"), 1, "schema URN");
        row("number with junk", s("loginCount eq 12abc"), 15, "expected a value");
        row("number leading dot", s("loginCount eq .5"), 15, "expected a value");
        row("number trailing dot", s("loginCount eq 5."), 15, "expected a value");
        row("number overflow", s("loginCount eq 1e999"), 15, "out of range");
        row("true misspelt", s("active eq truee"), 11, "found \"truee\"");
        row("value path tail without op", s("emails[type eq \"work\"].value"), 29,
            "expected a comparison operator");
        row("too deep", QString(33, u'(') + s("title pr") + QString(33, u')'), 33,
            "nested deeper than 32");
        row("deep hostile", QString(100000, u'('), 4097, "longer than the limit");
        row("too long", s("userName eq \"") + QString(5000, u'x') + s("\""), 4097, "longer");
    }

    void invalidFilters()
    {
        QFETCH(QString, filter);
        QFETCH(int, column);
        QFETCH(QString, needle);
        const auto parsed = parseFilter(filter);
        QVERIFY2(!parsed.ok(), qPrintable(parsed.ok() ? toString(*parsed) : QString()));
        QCOMPARE(parsed.error().id, QStringLiteral("scim.invalidFilter"));
        const QString message = parsed.error().message;
        QVERIFY2(message.startsWith(QStringLiteral("column %1: ").arg(column)),
                 qPrintable(message));
        QVERIFY2(message.contains(needle), qPrintable(message));
    }

    // A hostile depth within the length limit is refused, not recursed into.
    void deepNestingWithinLength()
    {
        const auto parsed = parseFilter(QString(4000, u'('));
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().message.startsWith(QStringLiteral("column 33: nested deeper")));
        const auto nots = parseFilter(QStringLiteral("not (").repeated(500));
        QVERIFY(!nots.ok());
        QVERIFY(nots.error().message.contains(QStringLiteral("nested deeper")));
    }

    // A long flat chain is iteration in the parser, and a deep-but-bounded tree after.
    void longFlatChain()
    {
        QString text = QStringLiteral("a pr");
        while (text.size() + 9 <= kMaxFilterLength)
            text += QStringLiteral(" and a pr");
        const auto parsed = parseFilter(text);
        QVERIFY(parsed.ok());
        QCOMPARE(toString(*parsed), text);
        QVERIFY(matches(*parsed, QJsonObject{{QStringLiteral("a"), 1}}));
    }

    void paths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("attr");
        QTest::addColumn<QString>("subAttr"); // after "]"
        QTest::addColumn<bool>("hasFilter");
        auto row = [](const char* name, const char* path, const char* canonical, const char* attr,
                      const char* sub, bool filter) {
            QTest::newRow(name) << s(path) << s(canonical) << s(attr) << s(sub) << filter;
        };
        row("attribute", "displayName", "displayName", "displayName", "", false);
        row("sub-attribute", "name.familyName", "name.familyName", "name.familyName", "", false);
        row("enterprise",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "", false);
        row("enterprise manager",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "", false);
        row("entra work email", "emails[type eq \"work\"].value", "emails[type eq \"work\"].value",
            "emails", "value", true);
        row("members filter", "members[value eq \"2819c223\"]", "members[value eq \"2819c223\"]",
            "members", "", true);
        row("address filter", "addresses[type EQ \"work\"].streetAddress",
            "addresses[type eq \"work\"].streetAddress", "addresses", "streetAddress", true);
    }

    void paths()
    {
        QFETCH(QString, path);
        QFETCH(QString, canonical);
        QFETCH(QString, attr);
        QFETCH(QString, subAttr);
        QFETCH(bool, hasFilter);
        const auto parsed = parsePath(path);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(toString(*parsed), canonical);
        QCOMPARE(toString(parsed->attr), attr);
        QCOMPARE(parsed->subAttr, subAttr);
        QCOMPARE(bool(parsed->filter), hasFilter);
        const auto again = parsePath(canonical);
        QVERIFY(again.ok() && *again == *parsed);
    }

    void invalidPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("column");
        QTest::newRow("empty") << QString() << 1;
        QTest::newRow("filter is not a path") << s("userName eq \"x\"") << 10;
        QTest::newRow("unclosed") << s("emails[type eq \"work\"") << 22;
        QTest::newRow("nested") << s("emails[type[value pr] pr]") << 12;
        QTest::newRow("dot without name") << s("emails[type eq \"work\"].") << 24;
        QTest::newRow("two dots after filter") << s("emails[type eq \"work\"].value.x") << 24;
    }

    void invalidPaths()
    {
        QFETCH(QString, path);
        QFETCH(int, column);
        const auto parsed = parsePath(path);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().id, QStringLiteral("scim.invalidFilter"));
        QVERIFY2(parsed.error().message.startsWith(QStringLiteral("column %1: ").arg(column)),
                 qPrintable(parsed.error().message));
    }

    void matching_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("expected");
        auto row = [](const char* name, const char* filter, bool expected) {
            QTest::newRow(name) << s(filter) << expected;
        };
        // Case: userName is caseExact=false, id and externalId are caseExact=true.
        row("userName eq", "userName eq \"bjensen@example.com\"", true);
        row("userName folded", "userName eq \"BJensen@Example.COM\"", true);
        row("attribute name folded", "USERNAME eq \"bjensen@example.com\"", true);
        row("externalId exact", "externalId eq \"Bjensen-EXT\"", true);
        row("externalId case differs", "externalId eq \"bjensen-ext\"", false);
        row("id exact", "id eq \"2819c223-7f76-453a-919d-413861904646\"", true);
        row("id case differs", "id eq \"2819C223-7F76-453A-919D-413861904646\"", false);
        row("meta.version exact", "meta.version eq \"W/\\\"a330bc54f0671c9\\\"\"", true);
        row("meta.version case differs", "meta.version eq \"w/\\\"A330BC54F0671C9\\\"\"", false);
        row("ne", "userType ne \"Employee\"", false);
        row("ne folded", "userType ne \"EMPLOYEE\"", false);
        row("ne other", "userType ne \"Intern\"", true);
        row("ne on missing", "costCenter ne \"x\"", true);
        row("eq on missing", "costCenter eq \"x\"", false);
        row("co", "name.familyName co \"malley\"", true);
        row("sw", "userName sw \"BJEN\"", true);
        row("ew", "userName ew \"@example.com\"", true);
        row("ew misses", "userName ew \"@example.org\"", false);
        row("string gt", "displayName gt \"Babs\"", true);
        row("string lt folded", "displayName lt \"babs jensen zz\"", true);
        // Dates compare as instants; offsets and fractions count.
        row("date gt", "meta.lastModified gt \"2011-05-13T04:42:33Z\"", true);
        row("date gt equal", "meta.lastModified gt \"2011-05-13T04:42:34Z\"", false);
        row("date ge equal", "meta.lastModified ge \"2011-05-13T04:42:34Z\"", true);
        row("date lt offset", "meta.lastModified lt \"2011-05-13T06:42:35+02:00\"", true);
        row("date eq offset", "meta.lastModified eq \"2011-05-13T06:42:34+02:00\"", true);
        row("date le fraction", "meta.lastModified le \"2011-05-13T04:42:33.999Z\"", false);
        // Numbers and booleans.
        row("number gt", "loginCount gt 41", true);
        row("number le", "loginCount le 41.9", false);
        row("number eq", "loginCount eq 42", true);
        row("number vs string", "loginCount eq \"42\"", false);
        row("bool eq", "active eq true", true);
        row("bool eq false", "active eq false", false);
        row("bool ne", "active ne false", true);
        row("bool gt never", "active gt false", false);
        row("null eq on null", "nickName eq null", true);
        row("null eq on missing", "costCenter eq null", true);
        row("null eq on present", "title eq null", false);
        row("null ne on present", "title ne null", true);
        // pr: null, "", [] and {} are absent.
        row("pr string", "title pr", true);
        row("pr null", "nickName pr", false);
        row("pr missing", "costCenter pr", false);
        row("pr empty string", "name.middleName pr", false);
        row("pr empty array", "ims pr", false);
        row("pr array", "emails pr", true);
        row("pr complex", "name pr", true);
        row("pr sub of multi", "emails.primary pr", true);
        // Multi-valued: any value matches; complex without sub-attribute compares "value".
        row("emails co", "emails co \"jensen.org\"", true);
        row("emails eq value", "emails eq \"BABS@jensen.org\"", true);
        row("emails.value eq", "emails.value eq \"bjensen@example.com\"", true);
        row("emails.type eq home", "emails.type eq \"home\"", true);
        row("emails.type eq other", "emails.type eq \"other\"", false);
        row("emails.type ne work", "emails.type ne \"work\"", false);
        row("schemas eq",
            "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", true);
        row("groups display", "groups.display eq \"sales\"", true);
        // Value paths: both conditions on the same element.
        row("value path same element", "emails[type eq \"work\" and value co \"@example.com\"]",
            true);
        row("value path across elements", "emails[type eq \"home\" and value co \"@example.com\"]",
            false);
        row("value path primary", "emails[primary eq true].value eq \"bjensen@example.com\"", true);
        row("value path tail misses", "emails[type eq \"work\"].value eq \"babs@jensen.org\"",
            false);
        row("value path tail hits", "emails[type eq \"home\"].value eq \"babs@jensen.org\"", true);
        row("value path not", "emails[not (type eq \"work\")]", true);
        row("value path on empty", "ims[type eq \"xmpp\"]", false);
        row("rfc or of value paths",
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and "
            "value co \"@foo.com\"]",
            true);
        // Extension and core URN prefixes.
        row("enterprise employeeNumber",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "
            "\"701984\"",
            true);
        row("enterprise manager value",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value sw "
            "\"26118915\"",
            true);
        row("enterprise manager complex",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq "
            "\"26118915-6090-4610-87e4-49d8ca9f808d\"",
            true);
        row("enterprise urn case folded",
            "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:department co \"tour\"",
            true);
        row("unknown extension", "urn:example:ext:1.0:User:employeeNumber pr", false);
        row("core urn", "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"b\"", true);
        row("no urn does not reach into extension", "employeeNumber eq \"701984\"", false);
        // not, and/or precedence.
        row("not", "not (userType eq \"Employee\")", false);
        row("not of missing", "not (costCenter pr)", true);
        row("and over or: false or (true and true)",
            "userType eq \"Intern\" or title pr and active eq true", true);
        row("and over or: (true or x) and false",
            "title pr or userType eq \"x\" and active eq false", true);
        row("grouped: (true or x) and false", "(title pr or userType eq \"x\") and active eq false",
            false);
        row("rfc not group",
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co "
            "\"example.org\")",
            false);
        row("rfc and group",
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co "
            "\"example.org\")",
            true);
    }

    void matching()
    {
        QFETCH(QString, filter);
        QFETCH(bool, expected);
        const auto parsed = parseFilter(filter);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(matches(*parsed, user()), expected);
    }

    void caseExactIsConfigurable()
    {
        const auto f = parseFilter(QStringLiteral("userName eq \"BJENSEN@example.com\""));
        QVERIFY(f.ok());
        QVERIFY(matches(*f, user()));
        QVERIFY(!matches(*f, user(), AttributeCaseExact({QStringLiteral("USERNAME")})));
        const auto sub = parseFilter(QStringLiteral("emails[value eq \"BABS@jensen.org\"]"));
        QVERIFY(sub.ok());
        QVERIFY(matches(*sub, user()));
        QVERIFY(!matches(*sub, user(), AttributeCaseExact({QStringLiteral("emails.value")})));
        const auto ext = parseFilter(QStringLiteral("externalId eq \"bjensen-ext\""));
        QVERIFY(ext.ok());
        QVERIFY(matches(*ext, user(), AttributeCaseExact()));
    }

    void equalityIsStructural()
    {
        const auto a = parseFilter(QStringLiteral("a pr and b pr and c pr"));
        const auto b = parseFilter(QStringLiteral("a pr and (b pr and c pr)"));
        const auto c = parseFilter(QStringLiteral("A pr and b pr and c pr"));
        QVERIFY(a.ok() && b.ok() && c.ok());
        QVERIFY(!(*a == *b));
        QVERIFY(!(*a == *c)); // names keep the case they were written in
        QVERIFY(*a == *parseFilter(QStringLiteral("(a pr and b pr) and c pr")));
    }
};

QTEST_GUILESS_MAIN(TestScimFilter)
#include "test_scim_filter.moc"
