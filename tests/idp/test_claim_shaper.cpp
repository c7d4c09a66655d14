// The claim shaper, per preset, against the sample directory: NameID value and
// format, attribute names / NameFormat / xsi:type, issuer, groups as GUIDs,
// names or DNs, Okta's group filters, Entra's overage link past 150 (and not
// at exactly 150), Google's cut at 75, guests' #EXT# UPNs, and the notes
// that say what a real IdP would have done silently.
#include "idp/claim_shaper.h"
#include "idp/directory_file.h"
#include "idp/preset_catalog.h"
#include "support/fixtures.h"

#include <QTest>
#include <QUuid>

using namespace jh;
using namespace jh::idp;

Q_DECLARE_METATYPE(jh::idp::GroupFilterType)

class TestClaimShaper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachPresetShapesNameIdIssuerAndAttributes_data();
    void eachPresetShapesNameIdIssuerAndAttributes();
    void entraGroupOverage_data();
    void entraGroupOverage();
    void googleSendsAtMost75Groups_data();
    void googleSendsAtMost75Groups();
    void oktaGroupFilter_data();
    void oktaGroupFilter();
    void groupsAsGuidsNamesOrDistinguishedNames_data();
    void groupsAsGuidsNamesOrDistinguishedNames();
    void entraGuestUpn_data();
    void entraGuestUpn();
    void entraAlwaysAddsTenantObjectAndIdentityProvider();
    void customAttributesKeepUriNamesAndAllValues();
    void personWhoLeftIsShapedWithANote_data();
    void personWhoLeftIsShapedWithANote();
    void emptyNameIdSourceIsAnError();
    void emailVerificationFlagOnlyWhenThePresetSendsOne();

private:
    const Preset& preset(const char* id) const { return *m_catalog.find(QString::fromLatin1(id)); }
    const Person& person(const char* id) const { return *m_dir.person(QString::fromLatin1(id)); }
    // A copy of olga with only her first n groups.
    Person withGroups(int n) const;
    ShapedClaims shape(const Person& p, const Preset& preset) const;

    Directory m_dir;
    PresetCatalog m_catalog;
};

namespace {
const QString kTenant = QStringLiteral("4df3f2e6-836d-5a5a-a00b-658bcef42a66");
const QString kEntraGroups =
    QStringLiteral("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups");
const QString kGroupsLink = QStringLiteral("http://schemas.microsoft.com/claims/groups.link");

bool anyNoteContains(const ShapedClaims& c, const QString& text)
{
    for (const QString& n : c.notes)
        if (n.contains(text))
            return true;
    return false;
}
} // namespace

void TestClaimShaper::initTestCase()
{
    auto dir = loadDirectory(test::sourcePath(QStringLiteral("samples/directory.yaml")));
    QVERIFY2(dir, dir ? "" : qPrintable(dir.error().message));
    m_dir = *dir;
    QCOMPARE(m_dir.tenant().id, kTenant);
    auto catalog = PresetCatalog::builtIn();
    QVERIFY2(catalog, catalog ? "" : qPrintable(catalog.error().message));
    m_catalog = *catalog;
}

Person TestClaimShaper::withGroups(int n) const
{
    Person p = person("olga");
    p.groups = p.groups.mid(0, n);
    return p;
}

ShapedClaims TestClaimShaper::shape(const Person& p, const Preset& preset) const
{
    auto c = shapeClaims(p, m_dir, preset);
    if (!c)
        qFatal("shapeClaims(%s, %s): %s", qPrintable(p.id), qPrintable(preset.id),
               qPrintable(c.error().message));
    return *c;
}

void TestClaimShaper::eachPresetShapesNameIdIssuerAndAttributes_data()
{
    QTest::addColumn<QString>("presetId");
    QTest::addColumn<QString>("nameId");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("nameFormat");
    QTest::addColumn<QString>("valueType");
    const QString emailFmt =
        QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    const QString unspecified =
        QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
    const QString basic = QStringLiteral("urn:oasis:names:tc:SAML:2.0:attrname-format:basic");
    const QString upn = QStringLiteral("alice@contoso.example");
    const QString mail = QStringLiteral("alice.martin@contoso.example");
    QTest::newRow("entra: UPN as emailAddress, URI claim, no NameFormat or type")
        << QStringLiteral("entra") << upn << emailFmt
        << QStringLiteral("https://sts.windows.net/%1/").arg(kTenant)
        << QStringLiteral("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress")
        << mail << QString() << QString();
    QTest::newRow("okta: username unspecified, Basic and xs:string")
        << QStringLiteral("okta") << upn << unspecified
        << QStringLiteral("http://www.okta.com/exk1contosoharness7") << QStringLiteral("email")
        << mail << basic << QStringLiteral("xs:string");
    QTest::newRow("google: primary e-mail unspecified, xs:anyType")
        << QStringLiteral("google") << mail << unspecified
        << QStringLiteral("https://accounts.google.com/o/saml2?idpid=C01contoso")
        << QStringLiteral("email") << mail << QString() << QStringLiteral("xs:anyType");
    QTest::newRow("pingfederate: SAML_SUBJECT unspecified, LDAP names, Basic")
        << QStringLiteral("pingfederate") << upn << unspecified
        << QStringLiteral("https://sso.contoso.example") << QStringLiteral("sn")
        << QStringLiteral("Martin") << basic << QString();
    QTest::newRow("adfs: e-mail as emailAddress, claim-type URIs")
        << QStringLiteral("adfs") << mail << emailFmt
        << QStringLiteral("http://adfs.contoso.example/adfs/services/trust")
        << QStringLiteral("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn") << upn
        << QString() << QString();
}

void TestClaimShaper::eachPresetShapesNameIdIssuerAndAttributes()
{
    QFETCH(QString, presetId);
    QFETCH(QString, attribute);
    const ShapedClaims c = shape(person("alice"), *m_catalog.find(presetId));
    QTEST(c.subject.nameId, "nameId");
    QTEST(c.subject.format, "format");
    QTEST(c.issuer, "issuer");
    const saml::Attribute* a = c.attribute(attribute);
    QVERIFY2(a, qPrintable(attribute));
    QTEST(a->values.value(0), "value");
    QCOMPARE(a->values.size(), 1);
    QTEST(a->nameFormat, "nameFormat");
    QTEST(a->valueType, "valueType");
}

void TestClaimShaper::entraGroupOverage_data()
{
    QTest::addColumn<int>("groups");
    QTest::addColumn<bool>("overage");
    QTest::newRow("160 groups: over 150, groups.link instead") << 160 << true;
    QTest::newRow("151 groups: one over, groups.link instead") << 151 << true;
    QTest::newRow("exactly 150 groups: all sent as GUIDs") << 150 << false;
    QTest::newRow("6 groups: all sent") << 6 << false;
}

void TestClaimShaper::entraGroupOverage()
{
    QFETCH(int, groups);
    QFETCH(bool, overage);
    const Person p = withGroups(groups);
    QCOMPARE(p.groups.size(), groups);
    const ShapedClaims c = shape(p, preset("entra"));
    if (overage) {
        QVERIFY(!c.attribute(kEntraGroups));
        const saml::Attribute* link = c.attribute(kGroupsLink);
        QVERIFY(link);
        QCOMPARE(
            link->values,
            QStringList{QStringLiteral("https://graph.windows.net/%1/users/%2/getMemberObjects")
                            .arg(kTenant, objectIdOf(p, m_dir.tenant()))});
        QVERIFY(c.notes.contains(
            QStringLiteral("groups overage: %1 groups > 150, sent groups.link instead")
                .arg(groups)));
    } else {
        QVERIFY(!c.attribute(kGroupsLink));
        QCOMPARE(c.attribute(kEntraGroups)->values, p.groups);
        QVERIFY(!anyNoteContains(c, QStringLiteral("overage")));
    }
}

void TestClaimShaper::googleSendsAtMost75Groups_data()
{
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("sent");
    QTest::newRow("160 groups: the first 75 sent") << 160 << 75;
    QTest::newRow("76 groups: the first 75 sent") << 76 << 75;
    QTest::newRow("exactly 75 groups: all sent") << 75 << 75;
    QTest::newRow("3 groups: all sent") << 3 << 3;
}

void TestClaimShaper::googleSendsAtMost75Groups()
{
    QFETCH(int, groups);
    QFETCH(int, sent);
    const Person p = withGroups(groups);
    const ShapedClaims c = shape(p, preset("google"));
    const saml::Attribute* g = c.attribute(QStringLiteral("groups"));
    QVERIFY(g);
    QCOMPARE(g->values.size(), sent);
    QCOMPARE(g->values.first(), QStringLiteral("All Staff"));
    QCOMPARE(g->valueType, QStringLiteral("xs:anyType"));
    QCOMPARE(c.notes.contains(
                 QStringLiteral("groups capped: %1 groups > 75, sent the first 75").arg(groups)),
             groups > 75);
}

void TestClaimShaper::oktaGroupFilter_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<GroupFilterType>("type");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("expected");
    const QStringList alice = {
        QStringLiteral("All Staff"),           QStringLiteral("Engineering"),
        QStringLiteral("Engineering-Backend"), QStringLiteral("VPN Users"),
        QStringLiteral("Project 001"),         QStringLiteral("Project 002")};
    QTest::newRow("preset default: regex .* sends every group")
        << QStringLiteral("alice") << GroupFilterType::Regex << QStringLiteral(".*") << alice;
    QTest::newRow("starts with Engineering")
        << QStringLiteral("alice") << GroupFilterType::StartsWith << QStringLiteral("Engineering")
        << QStringList{QStringLiteral("Engineering"), QStringLiteral("Engineering-Backend")};
    QTest::newRow("equals Sales") << QStringLiteral("tara") << GroupFilterType::Equals
                                  << QStringLiteral("Sales")
                                  << QStringList{QStringLiteral("Sales")};
    QTest::newRow("contains Project")
        << QStringLiteral("alice") << GroupFilterType::Contains << QStringLiteral("Project")
        << QStringList{QStringLiteral("Project 001"), QStringLiteral("Project 002")};
    QTest::newRow("regex alternation Eng.*|VPN Users")
        << QStringLiteral("alice") << GroupFilterType::Regex << QStringLiteral("Eng.*|VPN Users")
        << QStringList{QStringLiteral("Engineering"), QStringLiteral("Engineering-Backend"),
                       QStringLiteral("VPN Users")};
    QTest::newRow("regex must match the whole name: Eng matches nothing")
        << QStringLiteral("alice") << GroupFilterType::Regex << QStringLiteral("Eng")
        << QStringList{};
}

void TestClaimShaper::oktaGroupFilter()
{
    QFETCH(QString, who);
    QFETCH(GroupFilterType, type);
    QFETCH(QString, pattern);
    QFETCH(QStringList, expected);
    Preset okta = preset("okta");
    okta.groups.filter = {type, pattern, {}};
    const ShapedClaims c = shape(*m_dir.person(who), okta);
    const saml::Attribute* g = c.attribute(QStringLiteral("groups"));
    if (expected.isEmpty()) {
        QVERIFY(!g);
    } else {
        QVERIFY(g);
        QCOMPARE(g->values, expected);
        QCOMPARE(g->valueType, QStringLiteral("xs:string"));
    }
    QCOMPARE(anyNoteContains(c, QStringLiteral("group filter")),
             expected.size() < m_dir.person(who)->groups.size());
}

void TestClaimShaper::groupsAsGuidsNamesOrDistinguishedNames_data()
{
    QTest::addColumn<QString>("presetId");
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("first");
    QTest::newRow("entra: object-id GUIDs")
        << QStringLiteral("entra") << kEntraGroups << QStringLiteral("<id>");
    QTest::newRow("okta: display names")
        << QStringLiteral("okta") << QStringLiteral("groups") << QStringLiteral("All Staff");
    QTest::newRow("adfs: unqualified names")
        << QStringLiteral("adfs") << QStringLiteral("http://schemas.xmlsoap.org/claims/Group")
        << QStringLiteral("All Staff");
    QTest::newRow("pingfederate: memberOf DNs")
        << QStringLiteral("pingfederate") << QStringLiteral("memberOf")
        << QStringLiteral("CN=All Staff,OU=Groups,DC=contoso,DC=example");
}

void TestClaimShaper::groupsAsGuidsNamesOrDistinguishedNames()
{
    QFETCH(QString, presetId);
    QFETCH(QString, attribute);
    QFETCH(QString, first);
    const Person& alice = person("alice");
    const ShapedClaims c = shape(alice, *m_catalog.find(presetId));
    const saml::Attribute* g = c.attribute(attribute);
    QVERIFY(g);
    QCOMPARE(g->values.size(), alice.groups.size());
    if (first == QLatin1String("<id>")) {
        QCOMPARE(g->values, alice.groups);
        QVERIFY(!QUuid::fromString(g->values.first()).isNull());
    } else {
        QCOMPARE(g->values.first(), first);
    }
}

void TestClaimShaper::entraGuestUpn_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("presetId");
    QTest::addColumn<QString>("nameId");
    QTest::addColumn<QString>("localUpn");
    QTest::addColumn<QString>("note");
    QTest::newRow("entra: guest from another Entra tenant, UPN claims carry the mail")
        << QStringLiteral("bob") << QStringLiteral("entra")
        << QStringLiteral("bob@fabrikam.example")
        << QStringLiteral("bob_fabrikam.example#EXT#@contoso.onmicrosoft.com")
        << QStringLiteral("guest 'bob' signs in with another Entra tenant");
    QTest::newRow("entra: Google-federated guest, #EXT# UPN as NameID")
        << QStringLiteral("nina") << QStringLiteral("entra")
        << QStringLiteral("nina_northwind.example#EXT#@contoso.onmicrosoft.com")
        << QStringLiteral("nina_northwind.example#EXT#@contoso.onmicrosoft.com") << QString();
    QTest::newRow("entra: member, UPN unchanged")
        << QStringLiteral("alice") << QStringLiteral("entra")
        << QStringLiteral("alice@contoso.example") << QStringLiteral("alice@contoso.example")
        << QString();
    QTest::newRow("okta: the same guest, no #EXT# form")
        << QStringLiteral("bob") << QStringLiteral("okta") << QStringLiteral("bob@fabrikam.example")
        << QStringLiteral("bob@fabrikam.example") << QString();
}

void TestClaimShaper::entraGuestUpn()
{
    QFETCH(QString, who);
    QFETCH(QString, presetId);
    QFETCH(QString, note);
    Preset p = *m_catalog.find(presetId);
    // user.localuserprincipalname: the #EXT# UPN whatever the guest signs in with.
    p.attributes.append({QStringLiteral("localupn"), QStringLiteral("localUpn"), {}, {}, {}});
    const ShapedClaims c = shape(*m_dir.person(who), p);
    QTEST(c.subject.nameId, "nameId");
    QTEST(c.attribute(QStringLiteral("localupn"))->values.value(0), "localUpn");
    if (!note.isEmpty())
        QVERIFY2(anyNoteContains(c, note), qPrintable(c.notes.join(QLatin1Char('\n'))));
    QCOMPARE(externalUpn(*m_dir.person(QStringLiteral("bob")), m_dir.tenant()),
             QStringLiteral("bob_fabrikam.example#EXT#@contoso.onmicrosoft.com"));
}

void TestClaimShaper::entraAlwaysAddsTenantObjectAndIdentityProvider()
{
    const ShapedClaims alice = shape(person("alice"), preset("entra"));
    QCOMPARE(
        alice.attribute(QStringLiteral("http://schemas.microsoft.com/identity/claims/tenantid"))
            ->values,
        QStringList{kTenant});
    const QString oid = alice
                            .attribute(QStringLiteral(
                                "http://schemas.microsoft.com/identity/claims/objectidentifier"))
                            ->values.value(0);
    QVERIFY(!QUuid::fromString(oid).isNull());
    QCOMPARE(oid,
             objectIdOf(person("alice"), m_dir.tenant())); // stable, derived from tenant and id
    QVERIFY(oid != objectIdOf(person("bruno"), m_dir.tenant()));
    const QString idp =
        QStringLiteral("http://schemas.microsoft.com/identity/claims/identityprovider");
    QCOMPARE(alice.attribute(idp)->values.value(0), alice.issuer);
    const ShapedClaims bob = shape(person("bob"), preset("entra"));
    QCOMPARE(bob.attribute(idp)->values.value(0),
             QStringLiteral("https://sts.windows.net/%1/").arg(person("bob").guest->homeTenantId));
}

void TestClaimShaper::customAttributesKeepUriNamesAndAllValues()
{
    Preset p = preset("okta");
    const QString projects = QStringLiteral("http://schemas.example.com/claims/projects");
    p.attributes.append({projects,
                         QStringLiteral("custom:") + projects,
                         p.attributes.first().nameFormat,
                         QStringLiteral("xs:string"),
                         {}});
    const ShapedClaims alice = shape(person("alice"), p);
    QCOMPARE(alice.attribute(projects)->values,
             (QStringList{QStringLiteral("Atlas"), QStringLiteral("Borealis")}));
    // Twin: someone without the attribute gets no claim, and a note.
    const ShapedClaims bruno = shape(person("bruno"), p);
    QVERIFY(!bruno.attribute(projects));
    QVERIFY(anyNoteContains(bruno, QStringLiteral("attribute '%1' omitted").arg(projects)));
}

void TestClaimShaper::personWhoLeftIsShapedWithANote_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("note");
    QTest::newRow("uma has left") << QStringLiteral("uma")
                                  << QStringLiteral("person 'uma' is left");
    QTest::newRow("gus is suspended")
        << QStringLiteral("gus") << QStringLiteral("person 'gus' is suspended");
    QTest::newRow("sam is active: no such note") << QStringLiteral("sam") << QString();
}

void TestClaimShaper::personWhoLeftIsShapedWithANote()
{
    QFETCH(QString, who);
    QFETCH(QString, note);
    for (const Preset& p : m_catalog.presets) {
        const ShapedClaims c = shape(*m_dir.person(who), p);
        QVERIFY(!c.subject.nameId.isEmpty());
        if (note.isEmpty())
            QVERIFY(!anyNoteContains(c, QStringLiteral("refuse to sign")));
        else
            QVERIFY2(anyNoteContains(c, note), qPrintable(c.notes.join(QLatin1Char('\n'))));
    }
}

void TestClaimShaper::emptyNameIdSourceIsAnError()
{
    Person noMail = person("sam");
    noMail.email.clear();
    auto c = shapeClaims(noMail, m_dir, preset("google"));
    QVERIFY(!c);
    QCOMPARE(c.error().id, QStringLiteral("claims.nameid-empty"));
    QVERIFY(c.error().message.contains(QStringLiteral("'email'")));
    // Twin: the same person with the address.
    QVERIFY(shapeClaims(person("sam"), m_dir, preset("google")));
}

void TestClaimShaper::emailVerificationFlagOnlyWhenThePresetSendsOne()
{
    const ShapedClaims plain = shape(person("alice"), preset("okta"));
    QVERIFY(anyNoteContains(plain, QStringLiteral("without a verification flag")));
    Preset p = preset("okta");
    p.email.verifiedAttribute = QStringLiteral("email_verified");
    QCOMPARE(shape(person("alice"), p).attribute(QStringLiteral("email_verified"))->values,
             QStringList{QStringLiteral("true")});
    QCOMPARE(shape(person("bob"), p).attribute(QStringLiteral("email_verified"))->values,
             QStringList{QStringLiteral("false")});
}

QTEST_GUILESS_MAIN(TestClaimShaper)
#include "test_claim_shaper.moc"
