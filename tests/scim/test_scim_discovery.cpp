// The SCIM service in process, discovery and routing (RFC 7644 §4):
// /ServiceProviderConfig, /ResourceTypes and /Schemas say what is supported
// and are found by name or URN, and refuse a filter; an unknown resource
// answers 404, an unsupported endpoint (Bulk, Me, .search) 501 and a wrong
// method 405, each leaving the store exactly as it was.
//
// Users made, read and deleted: test_scim_users.cpp; PUT and PATCH:
// test_scim_user_update.cpp; lists: test_scim_user_list.cpp; Groups and roles
// from membership: test_scim_groups.cpp; PATCH, resource checks and
// projection as units: test_scim_patch.cpp. The fixture:
// support/scim_fixture.h.
#include "scim/scim_service.h"
#include "support/scim_fixture.h"

#include <QJsonArray>
#include <QTest>

using namespace jh;
using namespace jh::scim;
using namespace jh::test;

using Sp = ScimSp;

class TestScimDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Discovery (RFC 7644 §4)
    void serviceProviderConfigSaysWhatIsSupported();
    void resourceTypesAreListedAndFoundByName();
    void schemasAreListedAndFoundByUrn();
    void unknownResourceIsNotFound_data();
    void unknownResourceIsNotFound();
    void filterOnDiscoveryIsRefused_data();
    void filterOnDiscoveryIsRefused();
    void unsupportedEndpointIsNotImplemented_data();
    void unsupportedEndpointIsNotImplemented();
    void wrongMethodIsNotAllowed_data();
    void wrongMethodIsNotAllowed();
};

// ---- discovery

void TestScimDiscovery::serviceProviderConfigSaysWhatIsSupported()
{
    ScimServiceOptions options;
    options.maxResults = 50;
    Sp sp(options);
    const ScimResponse r = sp.get(QStringLiteral("/ServiceProviderConfig"));
    CHECK_STATUS(r, 200);
    QCOMPARE(r.contentType, QByteArray(kScimContentType));
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("schemas")).toArray().first().toString(),
             s("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"));
    const auto supported = [&](const char* name) {
        return o.value(QLatin1String(name)).toObject().value(QStringLiteral("supported"));
    };
    QCOMPARE(supported("patch"), QJsonValue(true));
    QCOMPARE(supported("etag"), QJsonValue(true));
    QCOMPARE(supported("filter"), QJsonValue(true));
    QCOMPARE(o.value(QStringLiteral("filter")).toObject().value(QStringLiteral("maxResults")),
             QJsonValue(50));
    QCOMPARE(supported("bulk"), QJsonValue(false));
    QCOMPARE(supported("sort"), QJsonValue(false));
    QCOMPARE(supported("changePassword"), QJsonValue(false));
    const QJsonArray schemes = o.value(QStringLiteral("authenticationSchemes")).toArray();
    QCOMPARE(schemes.size(), 1);
    QCOMPARE(schemes.first().toObject().value(QStringLiteral("type")).toString(),
             s("oauthbearertoken"));
    QCOMPARE(
        o.value(QStringLiteral("meta")).toObject().value(QStringLiteral("location")).toString(),
        kBase + QStringLiteral("/ServiceProviderConfig"));
}

void TestScimDiscovery::resourceTypesAreListedAndFoundByName()
{
    Sp sp;
    const ScimResponse list = sp.get(QStringLiteral("/ResourceTypes"));
    CHECK_STATUS(list, 200);
    const QJsonObject o = list.json();
    QCOMPARE(o.value(QStringLiteral("totalResults")).toInt(), 2);
    QStringList names;
    for (const QJsonValue& v : o.value(QStringLiteral("Resources")).toArray())
        names.append(v.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names, (QStringList{s("User"), s("Group")}));

    const ScimResponse user = sp.get(QStringLiteral("/ResourceTypes/User"));
    CHECK_STATUS(user, 200);
    const QJsonObject u = user.json();
    QCOMPARE(u.value(QStringLiteral("endpoint")).toString(), s("/Users"));
    QCOMPARE(u.value(QStringLiteral("schema")).toString(), s(USER_URN));
    const QJsonArray ext = u.value(QStringLiteral("schemaExtensions")).toArray();
    QCOMPARE(ext.size(), 1);
    QCOMPARE(ext.first().toObject().value(QStringLiteral("schema")).toString(), s(ENT_URN));
    QCOMPARE(ext.first().toObject().value(QStringLiteral("required")), QJsonValue(false));

    const ScimResponse group = sp.get(QStringLiteral("/ResourceTypes/Group"));
    CHECK_STATUS(group, 200);
    QCOMPARE(group.json().value(QStringLiteral("endpoint")).toString(), s("/Groups"));
    QVERIFY(!group.json().contains(QStringLiteral("schemaExtensions")));
}

void TestScimDiscovery::schemasAreListedAndFoundByUrn()
{
    Sp sp;
    const ScimResponse list = sp.get(QStringLiteral("/Schemas"));
    CHECK_STATUS(list, 200);
    QCOMPARE(list.json().value(QStringLiteral("totalResults")).toInt(), 3);
    QStringList ids;
    for (const QJsonValue& v : list.json().value(QStringLiteral("Resources")).toArray())
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(ids, (QStringList{s(USER_URN), s(ENT_URN), s(GROUP_URN)}));

    const ScimResponse user = sp.get(QStringLiteral("/Schemas/" USER_URN));
    CHECK_STATUS(user, 200);
    const QJsonObject u = user.json();
    QCOMPARE(u.value(QStringLiteral("id")).toString(), s(USER_URN));
    QCOMPARE(u.value(QStringLiteral("name")).toString(), s("User"));
    QJsonObject userName;
    for (const QJsonValue& a : u.value(QStringLiteral("attributes")).toArray())
        if (a.toObject().value(QStringLiteral("name")).toString() == QLatin1String("userName"))
            userName = a.toObject();
    QCOMPARE(userName.value(QStringLiteral("required")), QJsonValue(true));
    QCOMPARE(userName.value(QStringLiteral("uniqueness")).toString(), s("server"));
    QCOMPARE(userName.value(QStringLiteral("caseExact")), QJsonValue(false));
    QCOMPARE(
        u.value(QStringLiteral("meta")).toObject().value(QStringLiteral("location")).toString(),
        kBase + QStringLiteral("/Schemas/" USER_URN));

    const ScimResponse ent = sp.get(QStringLiteral("/Schemas/" ENT_URN));
    CHECK_STATUS(ent, 200);
    QCOMPARE(ent.json().value(QStringLiteral("name")).toString(), s("EnterpriseUser"));
    const ScimResponse group = sp.get(QStringLiteral("/Schemas/" GROUP_URN));
    CHECK_STATUS(group, 200);
    QCOMPARE(group.json().value(QStringLiteral("name")).toString(), s("Group"));
}

void TestScimDiscovery::unknownResourceIsNotFound_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("unknown resource type") << s("/ResourceTypes/Device");
    QTest::newRow("unknown schema URN") << s("/Schemas/urn:example:params:scim:schemas:Device");
    QTest::newRow("schema URN cut short") << s("/Schemas/urn:ietf:params:scim:schemas:core:2.0");
    QTest::newRow("unknown endpoint") << s("/Devices");
    QTest::newRow("below ServiceProviderConfig") << s("/ServiceProviderConfig/1");
    QTest::newRow("too deep below Users") << s("/Users/1/groups");
    QTest::newRow("the root") << s("/");
    QTest::newRow("empty path") << QString();
}

void TestScimDiscovery::unknownResourceIsNotFound()
{
    QFETCH(QString, path);
    Sp sp;
    sp.create(j(kBjensen));
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.get(path);
    CHECK_STATUS(r, 404);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("schemas")).toArray().first().toString(), s(kErrorSchema));
    QCOMPARE(o.value(QStringLiteral("status")).toString(), s("404"));
    QVERIFY(!o.value(QStringLiteral("detail")).toString().isEmpty());
    checkUntouched(sp.store, before);
}

void TestScimDiscovery::filterOnDiscoveryIsRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType");
    // RFC 7644 §4: a filter on /ServiceProviderConfig is 403; scim_discovery.cpp
    // answers the lists with 400 invalidFilter.
    QTest::newRow("ServiceProviderConfig") << s("/ServiceProviderConfig") << 403 << QString();
    QTest::newRow("ResourceTypes") << s("/ResourceTypes") << 400 << s("invalidFilter");
    QTest::newRow("Schemas") << s("/Schemas") << 400 << s("invalidFilter");
}

void TestScimDiscovery::filterOnDiscoveryIsRefused()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    Sp sp;
    const ScimResponse r = sp.get(path, {{s("filter"), s("id eq \"User\"")}});
    CHECK_STATUS(r, status);
    QCOMPARE(r.scimType(), scimType);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QString::number(status));
    // The passing twin: without the filter.
    CHECK_STATUS(sp.get(path), 200);
}

void TestScimDiscovery::unsupportedEndpointIsNotImplemented_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("POST /Bulk") << QByteArray("POST") << s("/Bulk");
    QTest::newRow("GET /Me") << QByteArray("GET") << s("/Me");
    QTest::newRow("POST /.search") << QByteArray("POST") << s("/.search");
}

void TestScimDiscovery::unsupportedEndpointIsNotImplemented()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    Sp sp;
    sp.create(j(kBjensen));
    const Snapshot before = snapshot(sp.store);
    ScimRequest req = request(method.constData(), path,
                              j("{'schemas': ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],"
                                " 'Operations': []}"));
    const ScimResponse r = sp.send(req);
    CHECK_STATUS(r, 501);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), s("501"));
    checkUntouched(sp.store, before);
}

void TestScimDiscovery::wrongMethodIsNotAllowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("DELETE /Users") << QByteArray("DELETE") << s("/Users");
    QTest::newRow("PUT /Users") << QByteArray("PUT") << s("/Users");
    QTest::newRow("PATCH /Users") << QByteArray("PATCH") << s("/Users");
    QTest::newRow("POST /Users/1") << QByteArray("POST") << s("/Users/1");
    QTest::newRow("HEAD /Users/1") << QByteArray("HEAD") << s("/Users/1");
    QTest::newRow("DELETE /Groups") << QByteArray("DELETE") << s("/Groups");
    QTest::newRow("POST /Groups/1") << QByteArray("POST") << s("/Groups/1");
    QTest::newRow("POST /ServiceProviderConfig")
        << QByteArray("POST") << s("/ServiceProviderConfig");
    QTest::newRow("PUT /Schemas/" USER_URN) << QByteArray("PUT") << s("/Schemas/" USER_URN);
    QTest::newRow("DELETE /ResourceTypes/User") << QByteArray("DELETE") << s("/ResourceTypes/User");
}

void TestScimDiscovery::wrongMethodIsNotAllowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    Sp sp;
    sp.create(j(kBjensen));
    const Snapshot before = snapshot(sp.store);
    const ScimResponse r = sp.send(request(method.constData(), path, j(kBjensen)));
    CHECK_STATUS(r, 405);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), s("405"));
    checkUntouched(sp.store, before);
}

QTEST_GUILESS_MAIN(TestScimDiscovery)
#include "test_scim_discovery.moc"
