// The SCIM service's pure parts, table by table: applyPatch (RFC 7644
// §3.5.2) turns a resource and a PatchOp message into the patched resource
// or a scimType; checkResource (RFC 7643) turns what a client sent into the
// canonical form — schema spellings, nulls and read-only attributes dropped —
// or a scimType; project (RFC 7644 §3.4.2.5) keeps or drops the attributes a
// request names. Each failing row has a passing twin nearby.
#include "scim/scim_patch.h"
#include "scim/scim_projection.h"
#include "scim/scim_resource_check.h"
#include "support/scim_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace jh;
using namespace jh::scim;
using namespace jh::test;

namespace {

QJsonObject object(const QByteArray& json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad JSON object in the test: %s (%s)", json.constData(),
               qPrintable(error.errorString()));
    return doc.object();
}

// `base` with the top-level keys of `changes` set, or removed where null.
QJsonObject changed(QJsonObject base, const QByteArray& changes)
{
    const QJsonObject c = object(changes);
    for (auto it = c.begin(); it != c.end(); ++it) {
        if (it.value().isNull())
            base.remove(it.key());
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

// A User as applyPatch receives it (the writable form: no id, meta, groups).
const char kUser[] = "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'bjensen',"
                     " 'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}, 'title': 'Guide',"
                     " 'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true},"
                     "            {'value': 'h@x.example', 'type': 'home'}],"
                     " '" ENT_URN "': {'department': 'Tours', 'employeeNumber': '7'}}";

// The same without the extension.
const char kPlainUser[] = "{'schemas': ['" USER_URN "'], 'userName': 'plain'}";

const char kGroup[] = "{'schemas': ['" GROUP_URN "'], 'displayName': 'Admins',"
                      " 'members': [{'value': '1'}, {'value': '2'}]}";

QByteArray message(const QByteArray& operations)
{
    return "{\"schemas\": [\"" PATCH_URN "\"], \"Operations\": " + operations + "}";
}

// A full User with id and meta, for projections.
const char kRendered[] =
    "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1', 'userName': 'bjensen',"
    " 'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}, 'active': true,"
    " 'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true},"
    "            {'value': 'h@x.example', 'type': 'home'}],"
    " 'groups': [{'value': '3', 'display': 'Admins'}],"
    " '" ENT_URN "': {'department': 'Tours', 'employeeNumber': '7'},"
    " 'meta': {'resourceType': 'User', 'version': 'W/\\'1\\'', 'location': 'http://x/Users/1'}}";

} // namespace

class TestScimPatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applyPatchChangesTheResource_data();
    void applyPatchChangesTheResource();
    void applyPatchRefuses_data();
    void applyPatchRefuses();
    void applyPatchSummarisesEachOperation();
    void applyPatchNamesTheFailedOperation();
    void applyPatchLimitsTheOperations();

    void checkResourceCanonicalises_data();
    void checkResourceCanonicalises();
    void checkResourceRefuses_data();
    void checkResourceRefuses();

    void projectKeepsWhatIsAsked_data();
    void projectKeepsWhatIsAsked();
    void checkProjectionNamesOnlyAttributes_data();
    void checkProjectionNamesOnlyAttributes();
};

// ---- applyPatch

void TestScimPatch::applyPatchChangesTheResource_data()
{
    QTest::addColumn<QByteArray>("resource");
    QTest::addColumn<bool>("group"); // Group schemas, else User
    QTest::addColumn<QByteArray>("operations");
    QTest::addColumn<QByteArray>("changes"); // top-level keys of the result; null: removed
    const auto user = [](const char* name, const char* ops, const char* changes) {
        QTest::newRow(name) << j(kUser) << false << j(ops) << j(changes);
    };
    user("add a single-valued attribute", "[{'op': 'add', 'path': 'nickName', 'value': 'B'}]",
         "{'nickName': 'B'}");
    user("add replaces a single value", "[{'op': 'add', 'path': 'title', 'value': 'Boss'}]",
         "{'title': 'Boss'}");
    user("replace a sub-attribute",
         "[{'op': 'replace', 'path': 'name.familyName', 'value': 'Smith'}]",
         "{'name': {'familyName': 'Smith', 'givenName': 'Barbara'}}");
    user("add merges a complex value",
         "[{'op': 'add', 'path': 'name', 'value': {'middleName': 'J'}}]",
         "{'name': {'familyName': 'Jensen', 'givenName': 'Barbara', 'middleName': 'J'}}");
    user("replace merges a complex value",
         "[{'op': 'replace', 'path': 'name', 'value': {'givenName': 'Babs'}}]",
         "{'name': {'familyName': 'Jensen', 'givenName': 'Babs'}}");
    user("remove one sub-attribute", "[{'op': 'remove', 'path': 'name.givenName'}]",
         "{'name': {'familyName': 'Jensen'}}");
    user("removing the last sub-attributes unassigns the attribute",
         "[{'op': 'remove', 'path': 'name.givenName'},"
         " {'op': 'remove', 'path': 'name.familyName'}]",
         "{'name': null}");
    user("remove a single-valued attribute", "[{'op': 'remove', 'path': 'title'}]",
         "{'title': null}");
    user("remove an attribute that is not there", "[{'op': 'remove', 'path': 'nickName'}]", "{}");
    user("add appends to a multi-valued attribute, skipping equal values",
         "[{'op': 'add', 'path': 'emails', 'value': [{'value': 'h@x.example', 'type': 'home'},"
         " {'value': 'o@x.example'}]}]",
         "{'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true},"
         " {'value': 'h@x.example', 'type': 'home'}, {'value': 'o@x.example'}]}");
    user("add one value, not in an array",
         "[{'op': 'add', 'path': 'emails', 'value': {'value': 'o@x.example'}}]",
         "{'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true},"
         " {'value': 'h@x.example', 'type': 'home'}, {'value': 'o@x.example'}]}");
    user("replace a multi-valued attribute whole",
         "[{'op': 'replace', 'path': 'emails', 'value': [{'value': 'n@x.example'}]}]",
         "{'emails': [{'value': 'n@x.example'}]}");
    user("replace a sub-attribute through a filter",
         "[{'op': 'replace', 'path': 'emails[type eq \\'work\\'].value', 'value': 'n@x.example'}]",
         "{'emails': [{'value': 'n@x.example', 'type': 'work', 'primary': true},"
         " {'value': 'h@x.example', 'type': 'home'}]}");
    user("replace into every element the filter matches",
         "[{'op': 'replace', 'path': 'emails[value ew \\'@x.example\\'].display', 'value': 'D'}]",
         "{'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true, 'display': 'D'},"
         " {'value': 'h@x.example', 'type': 'home', 'display': 'D'}]}");
    user("replace an element through a filter merges",
         "[{'op': 'replace', 'path': 'emails[type eq \\'home\\']', 'value': {'value': "
         "'n@x.example'}}]",
         "{'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true},"
         " {'value': 'n@x.example', 'type': 'home'}]}");
    user("filter with a keyword in another case",
         "[{'op': 'replace', 'path': 'emails[type EQ \\'home\\'].value', 'value': 'n@x.example'}]",
         "{'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true},"
         " {'value': 'n@x.example', 'type': 'home'}]}");
    user("remove an element through a filter",
         "[{'op': 'remove', 'path': 'emails[type eq \\'work\\']'}]",
         "{'emails': [{'value': 'h@x.example', 'type': 'home'}]}");
    user("remove a sub-attribute through a filter",
         "[{'op': 'remove', 'path': 'emails[primary eq true].primary'}]",
         "{'emails': [{'value': 'w@x.example', 'type': 'work'},"
         " {'value': 'h@x.example', 'type': 'home'}]}");
    user("remove through a filter matching nothing",
         "[{'op': 'remove', 'path': "
         "'emails[type eq \\'fax\\']'}]",
         "{}");
    user("removing every element unassigns the attribute",
         "[{'op': 'remove', 'path': 'emails[type eq \\'work\\']'},"
         " {'op': 'remove', 'path': 'emails[type eq \\'home\\']'}]",
         "{'emails': null}");
    user("add through a filter matching nothing makes the element",
         "[{'op': 'add', 'path': 'emails[type eq \\'other\\' and display eq \\'O\\'].value',"
         " 'value': 'o@x.example'}]",
         "{'emails': [{'value': 'w@x.example', 'type': 'work', 'primary': true},"
         " {'value': 'h@x.example', 'type': 'home'},"
         " {'type': 'other', 'display': 'O', 'value': 'o@x.example'}]}");
    user("remove the values a value lists (Entra)",
         "[{'op': 'Remove', 'path': 'emails', 'value': [{'value': 'w@x.example'}]}]",
         "{'emails': [{'value': 'h@x.example', 'type': 'home'}]}");
    user("remove a whole multi-valued attribute", "[{'op': 'remove', 'path': 'emails'}]",
         "{'emails': null}");
    user("extension attribute path",
         "[{'op': 'replace', 'path': '" ENT_URN ":department', 'value': 'Ops'}]",
         "{'" ENT_URN "': {'department': 'Ops', 'employeeNumber': '7'}}");
    user("extension URN in another case",
         "[{'op': 'replace', 'path': 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:"
         "department', 'value': 'Ops'}]",
         "{'" ENT_URN "': {'department': 'Ops', 'employeeNumber': '7'}}");
    user("bare extension URN path",
         "[{'op': 'add', 'path': '" ENT_URN "', 'value': {'costCenter': '9'}}]",
         "{'" ENT_URN "': {'costCenter': '9', 'department': 'Tours', 'employeeNumber': '7'}}");
    user("remove a bare extension URN", "[{'op': 'remove', 'path': '" ENT_URN "'}]",
         "{'" ENT_URN "': null}");
    user("remove the last extension attribute",
         "[{'op': 'remove', 'path': '" ENT_URN ":department'},"
         " {'op': 'remove', 'path': '" ENT_URN ":employeeNumber'}]",
         "{'" ENT_URN "': null}");
    user("path-less value with plain, dotted and URN keys",
         "[{'op': 'replace', 'value': {'title': 'T', 'name.givenName': 'B',"
         " '" ENT_URN ":department': 'Ops'}}]",
         "{'title': 'T', 'name': {'familyName': 'Jensen', 'givenName': 'B'},"
         " '" ENT_URN "': {'department': 'Ops', 'employeeNumber': '7'}}");
    user("path-less value with an extension object",
         "[{'op': 'add', 'value': {'" ENT_URN "': {'division': 'D'}}}]",
         "{'" ENT_URN "': {'department': 'Tours', 'division': 'D', 'employeeNumber': '7'}}");
    user("path-less value ignores its schemas",
         "[{'op': 'replace', 'value': {'schemas': ['" GROUP_URN "'], 'title': 'T'}}]",
         "{'title': 'T'}");
    user("path-less value repeating the own id (Okta)",
         "[{'op': 'replace', 'value': {'id': '1', 'title': 'T'}}]", "{'title': 'T'}");
    user("op names in any case",
         "[{'op': 'REPLACE', 'path': 'title', 'value': 'A'},"
         " {'op': 'Add', 'path': 'nickName', 'value': 'N'}, {'op': 'rEmOvE', 'path': 'emails'}]",
         "{'title': 'A', 'nickName': 'N', 'emails': null}");
    user("attribute path in another case",
         "[{'op': 'replace', 'path': 'NAME.GIVENNAME', 'value': 'B'}]",
         "{'name': {'familyName': 'Jensen', 'givenName': 'B'}}");
    user("core URN-qualified path",
         "[{'op': 'replace', 'path': '" USER_URN ":name.givenName', 'value': 'B'}]",
         "{'name': {'familyName': 'Jensen', 'givenName': 'B'}}");
    user("operations apply in order",
         "[{'op': 'add', 'path': 'nickName', 'value': 'A'},"
         " {'op': 'replace', 'path': 'nickName', 'value': 'B'},"
         " {'op': 'remove', 'path': 'title'}]",
         "{'nickName': 'B', 'title': null}");
    QTest::newRow("extension path on a User without it")
        << j(kPlainUser) << false
        << j("[{'op': 'add', 'path': '" ENT_URN ":department', 'value': 'D'}]")
        << j("{'schemas': ['" USER_URN "', '" ENT_URN "'], '" ENT_URN "': {'department': 'D'}}");
    QTest::newRow("message attribute names in any case")
        << j(kPlainUser) << false
        << QByteArray("__whole__") // see below: the message is written whole
        << j("{'title': 'T'}");
    const auto group = [](const char* name, const char* ops, const char* changes) {
        QTest::newRow(name) << j(kGroup) << true << j(ops) << j(changes);
    };
    group("add members (Okta)",
          "[{'op': 'add', 'path': 'members', 'value': [{'value': '3', 'display': 'c'}]}]",
          "{'members': [{'value': '1'}, {'value': '2'}, {'value': '3', 'display': 'c'}]}");
    group("remove a member by filter (Okta)",
          "[{'op': 'remove', 'path': 'members[value eq \\'1\\']'}]",
          "{'members': [{'value': '2'}]}");
    group("remove members listed in value (Entra)",
          "[{'op': 'Remove', 'path': 'members', 'value': [{'value': '2'}, {'value': '9'}]}]",
          "{'members': [{'value': '1'}]}");
    group("replace members", "[{'op': 'replace', 'path': 'members', 'value': []}]",
          "{'members': null}");
    group("rename", "[{'op': 'replace', 'path': 'displayName', 'value': 'Ops'}]",
          "{'displayName': 'Ops'}");
    group("rename with the own id in the value (Okta)",
          "[{'op': 'replace', 'value': {'id': '1', 'displayName': 'Ops'}}]",
          "{'displayName': 'Ops'}");
}

void TestScimPatch::applyPatchChangesTheResource()
{
    QFETCH(QByteArray, resource);
    QFETCH(bool, group);
    QFETCH(QByteArray, operations);
    QFETCH(QByteArray, changes);
    const QJsonObject start = object(resource);
    const QByteArray msg =
        operations == "__whole__"
            ? j("{'SCHEMAS': ['" PATCH_URN "'], 'operations': [{'OP': 'add', 'PATH': 'title',"
                " 'VALUE': 'T'}]}")
            : message(operations);
    auto r = applyPatch(start, s("1"), object(msg), group ? groupSchemas() : userSchemas(), 100);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().id + u' ' + r.error().message));
    QCOMPARE(jsonText(r->resource), jsonText(changed(start, changes)));
}

void TestScimPatch::applyPatchRefuses_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("scimType");
    const auto ops = [](const char* name, const char* operations, const char* scimType) {
        QTest::newRow(name) << message(j(operations)) << s(scimType);
    };
    const auto whole = [](const char* name, const char* msg, const char* scimType) {
        QTest::newRow(name) << j(msg) << s(scimType);
    };
    whole("no schemas", "{'Operations': [{'op': 'remove', 'path': 'title'}]}", "invalidSyntax");
    whole("a resource schema instead of PatchOp",
          "{'schemas': ['" USER_URN "'], 'Operations': [{'op': 'remove', 'path': 'title'}]}",
          "invalidSyntax");
    whole("no Operations", "{'schemas': ['" PATCH_URN "']}", "invalidSyntax");
    whole("Operations an object",
          "{'schemas': ['" PATCH_URN "'], 'Operations': {'op': 'remove', 'path': 'title'}}",
          "invalidSyntax");
    ops("empty Operations", "[]", "invalidSyntax");
    ops("operation a string", "['remove']", "invalidSyntax");
    ops("unknown op", "[{'op': 'delete', 'path': 'title'}]", "invalidSyntax");
    ops("op missing", "[{'path': 'title', 'value': 'x'}]", "invalidSyntax");
    ops("op a boolean", "[{'op': true, 'path': 'title', 'value': 'x'}]", "invalidSyntax");
    ops("path a number", "[{'op': 'remove', 'path': 3}]", "invalidPath");
    ops("unknown attribute", "[{'op': 'add', 'path': 'shoeSize', 'value': 1}]", "invalidPath");
    ops("unknown sub-attribute", "[{'op': 'add', 'path': 'name.shoe', 'value': 'x'}]",
        "invalidPath");
    ops("unknown sub-attribute after a filter",
        "[{'op': 'add', 'path': 'emails[type eq \\'work\\'].shoe', 'value': 'x'}]", "invalidPath");
    ops("unknown schema", "[{'op': 'add', 'path': 'urn:example:Shoe:size', 'value': 'x'}]",
        "invalidPath");
    ops("unknown extension attribute", "[{'op': 'add', 'path': '" ENT_URN ":floor', 'value': 1}]",
        "invalidPath");
    ops("unparseable filter", "[{'op': 'remove', 'path': 'emails[type eq]'}]", "invalidPath");
    ops("unclosed bracket", "[{'op': 'remove', 'path': 'emails[type eq \\'work\\''}]",
        "invalidPath");
    ops("filter on a single-valued attribute",
        "[{'op': 'replace', 'path': 'name[givenName eq \\'B\\']', 'value': {}}]", "invalidPath");
    ops("sub-attribute of a multi-valued attribute without filter",
        "[{'op': 'replace', 'path': 'emails.value', 'value': 'x'}]", "invalidPath");
    ops("path-less value with an unknown key", "[{'op': 'add', 'value': {'shoeSize': 1}}]",
        "invalidPath");
    ops("replace through a filter matching nothing",
        "[{'op': 'replace', 'path': 'emails[type eq \\'fax\\'].value', 'value': 'x'}]", "noTarget");
    ops("add to an element through a filter that says nothing to make",
        "[{'op': 'add', 'path': 'emails[value sw \\'z\\'].display', 'value': 'x'}]", "noTarget");
    ops("remove without path", "[{'op': 'remove'}]", "noTarget");
    ops("remove with an empty path", "[{'op': 'remove', 'path': ''}]", "noTarget");
    ops("path id", "[{'op': 'replace', 'path': 'id', 'value': '2'}]", "mutability");
    ops("path meta.version", "[{'op': 'replace', 'path': 'meta.version', 'value': 'x'}]",
        "mutability");
    ops("path groups", "[{'op': 'add', 'path': 'groups', 'value': []}]", "mutability");
    ops("path-less value naming another id", "[{'op': 'replace', 'value': {'id': '2'}}]",
        "mutability");
    ops("path-less value naming the own id as a number", "[{'op': 'replace', 'value': {'id': 1}}]",
        "mutability");
    ops("path id even with the own id", "[{'op': 'replace', 'path': 'id', 'value': '1'}]",
        "mutability");
    ops("read-only sub-attribute",
        "[{'op': 'replace', 'path': '" ENT_URN ":manager.displayName', 'value': 'x'}]",
        "mutability");
    ops("add without value", "[{'op': 'add', 'path': 'title'}]", "invalidValue");
    ops("replace without value", "[{'op': 'replace', 'path': 'title'}]", "invalidValue");
    ops("path-less value a string", "[{'op': 'add', 'value': 'x'}]", "invalidValue");
    ops("path-less value missing", "[{'op': 'replace'}]", "invalidValue");
    ops("element replaced by a string",
        "[{'op': 'replace', 'path': 'emails[type eq \\'work\\']', 'value': 'x'}]", "invalidValue");
}

void TestScimPatch::applyPatchRefuses()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, scimType);
    auto r = applyPatch(object(j(kUser)), s("1"), object(message), userSchemas(), 100);
    QVERIFY2(!r.ok(), r.ok() ? qPrintable(jsonText(r->resource)) : "");
    QCOMPARE(r.error().id, QStringLiteral("scim.") + scimType);
    QVERIFY(!r.error().message.isEmpty());
}

void TestScimPatch::applyPatchSummarisesEachOperation()
{
    auto r =
        applyPatch(object(j(kUser)), s("1"),
                   object(message(j("[{'op': 'Replace', 'path': 'title', 'value': 'A'},"
                                    " {'op': 'add', 'value': {'nickName': 'N'}},"
                                    " {'op': 'remove', 'path': 'emails[type eq \\'home\\']'}]"))),
                   userSchemas(), 100);
    QVERIFY(r.ok());
    QCOMPARE(r->summary, (QStringList{s("replace title"), s("add (no path)"),
                                      s("remove emails[type eq \"home\"]")}));
}

void TestScimPatch::applyPatchNamesTheFailedOperation()
{
    auto r = applyPatch(object(j(kUser)), s("1"),
                        object(message(j("[{'op': 'replace', 'path': 'title', 'value': 'A'},"
                                         " {'op': 'replace', 'path': 'shoeSize', 'value': 1}]"))),
                        userSchemas(), 100);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id, s("scim.invalidPath"));
    QVERIFY2(r.error().message.startsWith(QLatin1String("Operations[1]")),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(QLatin1String("shoeSize")), qPrintable(r.error().message));
}

void TestScimPatch::applyPatchLimitsTheOperations()
{
    const QJsonObject three = object(message(j("[{'op': 'add', 'path': 'title', 'value': 'A'},"
                                               " {'op': 'add', 'path': 'title', 'value': 'B'},"
                                               " {'op': 'add', 'path': 'title', 'value': 'C'}]")));
    auto refused = applyPatch(object(j(kUser)), s("1"), three, userSchemas(), 2);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().id, s("scim.invalidValue"));
    auto accepted = applyPatch(object(j(kUser)), s("1"), three, userSchemas(), 3);
    QVERIFY(accepted.ok());
    QCOMPARE(accepted->resource.value(QStringLiteral("title")).toString(), s("C"));
}

// ---- checkResource

void TestScimPatch::checkResourceCanonicalises_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("group");
    QTest::addColumn<QByteArray>("expected");
    const auto user = [](const char* name, const char* input, const char* expected) {
        QTest::newRow(name) << j(input) << false << j(expected);
    };
    user("already canonical", "{'schemas': ['" USER_URN "'], 'userName': 'a'}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a'}");
    user("attribute names spelt as the schema spells them",
         "{'schemas': ['" USER_URN "'], 'USERNAME': 'a', 'NAME': {'GIVENNAME': 'A'},"
         " 'Emails': [{'VALUE': 'a@x', 'Primary': true}], 'EXTERNALID': 'e'}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'name': {'givenName': 'A'},"
         " 'emails': [{'value': 'a@x', 'primary': true}], 'externalId': 'e'}");
    user("schema URNs spelt canonically",
         "{'schemas': ['URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER',"
         " 'urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:User'], 'userName': 'a',"
         " 'urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:User': {'Department': 'D'}}",
         "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a',"
         " '" ENT_URN "': {'department': 'D'}}");
    user("nulls are unassigned",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'title': null,"
         " 'name': {'givenName': null, 'familyName': 'F'}, 'emails': [null, {'value': 'e'}],"
         " '" ENT_URN "': null}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'name': {'familyName': 'F'},"
         " 'emails': [{'value': 'e'}]}");
    user("read-only attributes dropped",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'id': '5', 'meta': {'version': 'v'},"
         " 'groups': [{'value': '1'}]}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a'}");
    user("read-only sub-attribute dropped",
         "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a',"
         " '" ENT_URN "': {'manager': {'value': '2', 'displayName': 'Boss'}}}",
         "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a',"
         " '" ENT_URN "': {'manager': {'value': '2'}}}");
    user("an extension listed but absent is not listed",
         "{'schemas': ['" ENT_URN "', '" USER_URN "'], 'userName': 'a'}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a'}");
    user("an empty extension is dropped",
         "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a', '" ENT_URN "': {}}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a'}");
    user("string booleans read as booleans (Entra)",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'active': 'TRUE',"
         " 'emails': [{'value': 'e', 'primary': 'False'}]}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'active': true,"
         " 'emails': [{'value': 'e', 'primary': false}]}");
    user("write-only password kept for the handler to drop",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'password': 'p'}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'password': 'p'}");
    user("an empty multi-valued attribute stays empty",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'phoneNumbers': []}",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'phoneNumbers': []}");
    QTest::newRow("group members lose the read-only display")
        << j("{'schemas': ['" GROUP_URN "'], 'displayName': 'G', 'members': [{'value': '1',"
             " 'display': 'Alice', '$ref': 'http://x/Users/1', 'type': 'User'}]}")
        << true
        << j("{'schemas': ['" GROUP_URN "'], 'displayName': 'G', 'members': [{'value': '1',"
             " '$ref': 'http://x/Users/1', 'type': 'User'}]}");
}

void TestScimPatch::checkResourceCanonicalises()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, group);
    QFETCH(QByteArray, expected);
    auto r = checkResource(object(input), group ? groupSchemas() : userSchemas());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().id + u' ' + r.error().message));
    QCOMPARE(jsonText(*r), jsonText(object(expected)));
    // Canonical is a fixed point.
    auto again = checkResource(*r, group ? groupSchemas() : userSchemas());
    QVERIFY(again.ok());
    QCOMPARE(jsonText(*again), jsonText(*r));
}

void TestScimPatch::checkResourceRefuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("group");
    QTest::addColumn<bool>("stringBooleans");
    QTest::addColumn<bool>("readOnlyIsError");
    QTest::addColumn<QString>("scimType");
    QTest::addColumn<QString>("named"); // the message names it
    const auto user = [](const char* name, const char* input, const char* scimType,
                         const char* named) {
        QTest::newRow(name) << j(input) << false << true << false << s(scimType) << s(named);
    };
    user("no schemas", "{'userName': 'a'}", "invalidSyntax", "schemas");
    user("schemas empty", "{'schemas': [], 'userName': 'a'}", "invalidSyntax", "schemas");
    user("schemas a string", "{'schemas': '" USER_URN "', 'userName': 'a'}", "invalidSyntax",
         "schemas");
    user("schemas holding an object", "{'schemas': [{}], 'userName': 'a'}", "invalidSyntax",
         "schemas");
    user("Group schema for a User", "{'schemas': ['" GROUP_URN "'], 'userName': 'a'}",
         "invalidSyntax", GROUP_URN);
    user("core schema missing", "{'schemas': ['" ENT_URN "'], 'userName': 'a'}", "invalidSyntax",
         USER_URN);
    user("extension not in schemas",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', '" ENT_URN "': {'department': 'D'}}",
         "invalidSyntax", ENT_URN);
    user("unknown URN key", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'urn:x:y': {}}",
         "invalidSyntax", "urn:x:y");
    user("unknown attribute", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'shoeSize': 1}",
         "invalidValue", "shoeSize");
    user("unknown sub-attribute",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'name': {'shoe': 'x'}}", "invalidValue",
         "name.shoe");
    user("unknown extension attribute",
         "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'userName': 'a',"
         " '" ENT_URN "': {'floor': 1}}",
         "invalidValue", "floor");
    user("string a number", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'title': 3}",
         "invalidValue", "title");
    user("boolean a number", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'active': 0}",
         "invalidValue", "active");
    user("boolean an unknown string",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'active': 'no'}", "invalidValue",
         "active");
    user("complex a string", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'name': 'A'}",
         "invalidValue", "name");
    user("multi-valued an object",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'emails': {'value': 'e'}}", "invalidValue",
         "emails");
    user("element a string", "{'schemas': ['" USER_URN "'], 'userName': 'a', 'emails': ['e']}",
         "invalidValue", "emails[0]");
    user("two primary values",
         "{'schemas': ['" USER_URN "'], 'userName': 'a', 'phoneNumbers': [{'value': '1',"
         " 'primary': true}, {'value': '2', 'primary': 'true'}]}",
         "invalidValue", "phoneNumbers");
    user("missing userName", "{'schemas': ['" USER_URN "']}", "invalidValue", "userName");
    user("blank userName", "{'schemas': ['" USER_URN "'], 'userName': ' \\t'}", "invalidValue",
         "userName");
    QTest::newRow("string boolean when they are refused")
        << j("{'schemas': ['" USER_URN "'], 'userName': 'a', 'active': 'true'}") << false << false
        << false << s("invalidValue") << s("active");
    QTest::newRow("read-only attribute when it is an error")
        << j("{'schemas': ['" USER_URN "'], 'userName': 'a', 'id': '2'}") << false << true << true
        << s("mutability") << s("id");
    QTest::newRow("read-only sub-attribute when it is an error")
        << j("{'schemas': ['" GROUP_URN "'], 'displayName': 'G', 'members': [{'value': '1',"
             " 'display': 'A'}]}")
        << true << true << true << s("mutability") << s("display");
    QTest::newRow("group without displayName")
        << j("{'schemas': ['" GROUP_URN "'], 'members': []}") << true << true << false
        << s("invalidValue") << s("displayName");
    QTest::newRow("enterprise extension on a Group")
        << j("{'schemas': ['" GROUP_URN "', '" ENT_URN "'], 'displayName': 'G'}") << true << true
        << false << s("invalidSyntax") << s(ENT_URN);
}

void TestScimPatch::checkResourceRefuses()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, group);
    QFETCH(bool, stringBooleans);
    QFETCH(bool, readOnlyIsError);
    QFETCH(QString, scimType);
    QFETCH(QString, named);
    CheckOptions options;
    options.acceptStringBooleans = stringBooleans;
    options.readOnlyIsError = readOnlyIsError;
    auto r = checkResource(object(input), group ? groupSchemas() : userSchemas(), options);
    QVERIFY2(!r.ok(), r.ok() ? qPrintable(jsonText(*r)) : "");
    QCOMPARE(r.error().id, QStringLiteral("scim.") + scimType);
    QVERIFY2(r.error().message.contains(named), qPrintable(r.error().message));
}

// ---- project

void TestScimPatch::projectKeepsWhatIsAsked_data()
{
    QTest::addColumn<QString>("attributes");
    QTest::addColumn<QString>("excluded");
    QTest::addColumn<QByteArray>("expected"); // whole; "*": the resource unchanged
    const auto row = [](const char* name, const char* attributes, const char* excluded,
                        const char* expected) {
        QTest::newRow(name) << s(attributes) << s(excluded) << j(expected);
    };
    row("nothing asked", "", "", "*");
    row("blank lists", " , ", " ,", "*");
    row("one attribute", "userName", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " 'userName': 'bjensen'}");
    row("id and schemas alone", "id", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1'}");
    row("a sub-attribute", "name.familyName", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN
        "'], 'id': '1', 'name': {'familyName': 'Jensen'}}");
    row("a sub-attribute of every element", "emails.type", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " 'emails': [{'type': 'work'}, {'type': 'home'}]}");
    row("the attribute and its sub-attribute", "name,name.givenName", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " 'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}}");
    row("an extension attribute in another case", ENT_URN ":DEPARTMENT", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " '" ENT_URN "': {'department': 'Tours'}}");
    row("two extension attributes", ENT_URN ":department," ENT_URN ":employeeNumber", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " '" ENT_URN "': {'department': 'Tours', 'employeeNumber': '7'}}");
    row("a whole extension", ENT_URN, "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " '" ENT_URN "': {'department': 'Tours', 'employeeNumber': '7'}}");
    row("an attribute that is not there", "nickName", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1'}");
    row("read-only attributes when asked", "groups,meta.version", "",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " 'groups': [{'value': '3', 'display': 'Admins'}], 'meta': {'version': 'W/\\'1\\''}}");
    row("excluded attributes", "", "emails,meta,groups,name,active",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1', 'userName': 'bjensen',"
        " '" ENT_URN "': {'department': 'Tours', 'employeeNumber': '7'}}");
    row("excluded id and schemas are kept", "",
        "id,schemas,userName,emails,name,groups,meta,"
        "active," ENT_URN,
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1'}");
    row("excluded sub-attribute of every element", "",
        "emails.primary,emails.type,name,groups,"
        "meta,active,userName," ENT_URN,
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1',"
        " 'emails': [{'value': 'w@x.example'}, {'value': 'h@x.example'}]}");
    row("excluded last extension attribute drops the extension", "",
        ENT_URN ":department," ENT_URN ":employeeNumber,emails,name,groups,meta,active,userName",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1'}");
    row("attributes then excluded", "userName,name", "name.givenName",
        "{'schemas': ['" USER_URN "', '" ENT_URN "'], 'id': '1', 'userName': 'bjensen',"
        " 'name': {'familyName': 'Jensen'}}");
}

void TestScimPatch::projectKeepsWhatIsAsked()
{
    QFETCH(QString, attributes);
    QFETCH(QString, excluded);
    QFETCH(QByteArray, expected);
    const QJsonObject resource = object(j(kRendered));
    const QJsonObject out = project(resource, projectionFrom(attributes, excluded), userSchemas());
    QCOMPARE(jsonText(out), jsonText(expected == "*" ? resource : object(expected)));
}

void TestScimPatch::checkProjectionNamesOnlyAttributes_data()
{
    QTest::addColumn<QString>("attributes");
    QTest::addColumn<QString>("excluded");
    QTest::addColumn<bool>("group");
    QTest::addColumn<bool>("valid");
    const auto row = [](const char* name, const char* attributes, const char* excluded, bool group,
                        bool valid) {
        QTest::newRow(name) << s(attributes) << s(excluded) << group << valid;
    };
    row("core attributes", "userName,name.givenName,emails.value", "", false, true);
    row("names in another case", "USERNAME,Name.GivenName", "META.VERSION", false, true);
    row("common attributes", "id,externalId,meta.lastModified", "", false, true);
    row("schemas", "schemas", "", false, true);
    row("read-only attributes", "groups.display", "", false, true);
    row("core URN-qualified", USER_URN ":userName", "", false, true);
    row("an extension attribute", ENT_URN ":department", ENT_URN ":manager.value", false, true);
    row("a whole extension", ENT_URN, "", false, true);
    row("group attributes", "displayName,members.value", "", true, true);
    row("unknown attribute", "shoeSize", "", false, false);
    row("unknown sub-attribute", "name.shoe", "", false, false);
    row("unknown excluded attribute", "", "shoeSize", false, false);
    row("a filter where a name belongs", "emails[type eq \"work\"]", "", false, false);
    row("unknown schema", "urn:example:params:scim:schemas:Shoe:size", "", false, false);
    row("unknown extension attribute", ENT_URN ":floor", "", false, false);
    row("a User attribute on a Group", "userName", "", true, false);
    row("the enterprise extension on a Group", ENT_URN ":department", "", true, false);
}

void TestScimPatch::checkProjectionNamesOnlyAttributes()
{
    QFETCH(QString, attributes);
    QFETCH(QString, excluded);
    QFETCH(bool, group);
    QFETCH(bool, valid);
    auto r = checkProjection(projectionFrom(attributes, excluded),
                             group ? groupSchemas() : userSchemas());
    QVERIFY2(r.ok() == valid, r.ok() ? "accepted" : qPrintable(r.error().message));
    if (!valid)
        QCOMPARE(r.error().id, s("scim.invalidValue"));
}

QTEST_GUILESS_MAIN(TestScimPatch)
#include "test_scim_patch.moc"
