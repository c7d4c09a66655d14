// Attribute mapping: the default claim tables follow each built-in preset
// file; a verified login is read rule by rule, each refusal with its passing
// twin (first present wins, several values, a repeated claim, a megabyte
// value, control characters), values are taken literally; groups are
// reported as sent / not sent / overage / not mapped, never guessed; roles
// come only from the (issuer, group as sent) allow-list; the e-mail verified
// flag counts only as "true". Last, the real pipeline: the IdP issues for a
// person with a preset, the strict SP validates, and defaultMapping reads it.
#include "idp/directory_file.h"
#include "idp/issuer.h"
#include "idp/preset_catalog.h"
#include "jit/attribute_mapping.h"
#include "sp/validator.h"
#include "support/fixtures.h"

#include <QTest>

using namespace jh;
using namespace jh::jit;
using Attrs = QList<saml::Attribute>;

Q_DECLARE_METATYPE(jh::saml::Attribute)
Q_DECLARE_METATYPE(jh::jit::GroupsState)
Q_DECLARE_METATYPE(jh::jit::RoleRule)
Q_DECLARE_METATYPE(jh::jit::AttributeMapping)
Q_DECLARE_METATYPE(jh::idp::GroupOverage)

namespace {

const QString kEntraIssuer =
    QStringLiteral("https://sts.windows.net/4df3f2e6-836d-5a5a-a00b-658bcef42a66/");
const QString kOktaIssuer = QStringLiteral("http://www.okta.com/exk1contosoharness7");
const QString kNameId = QStringLiteral("alice@contoso.example");
const QString kEngineeringId = QStringLiteral("d67284f9-cf69-5355-b50d-21181f43b568");
constexpr qsizetype kMegabyte = qsizetype{1024} * 1024;
const QString kItAdminsId = QStringLiteral("7f2d70d2-a807-56bd-b44d-4ba7d0d315fb");

saml::Attribute attr(const QString& name, const QStringList& values)
{
    saml::Attribute a;
    a.name = name;
    a.values = values;
    return a;
}

sp::VerifiedLogin loginWith(const Attrs& attributes, const QString& issuer = kEntraIssuer)
{
    sp::VerifiedLogin l;
    l.issuer = issuer;
    l.nameId = kNameId;
    l.nameIdFormat = QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    l.attributes = attributes;
    return l;
}

// "field <- claim | claim": readable in a failure message, unlike a struct.
QStringList describe(const QList<ClaimRule>& rules)
{
    QStringList out;
    for (const ClaimRule& r : rules)
        out << r.field + QStringLiteral(" <- ") + r.claims.join(QStringLiteral(" | "));
    return out;
}

// The mapping the profile rows read through: two claims for email (first
// present wins), one for each other field, no groups.
AttributeMapping profileMapping()
{
    AttributeMapping m;
    m.claims = {
        {QStringLiteral("email"), {QStringLiteral("mail"), QStringLiteral("mailAlt")}},
        {QStringLiteral("givenName"), {QStringLiteral("first")}},
        {QStringLiteral("department"), {QStringLiteral("dept")}},
    };
    return m;
}

// Groups read from "groups", overage announced by "groups.link".
AttributeMapping groupsMapping(const QList<RoleRule>& roles = {})
{
    AttributeMapping m;
    m.groupsClaim = QStringLiteral("groups");
    m.overageClaim = QStringLiteral("groups.link");
    m.roles = roles;
    return m;
}

// A value as a row name: line breaks and tabs spelt out, so one row is one line.
QString rowLabel(QString value)
{
    return value.replace(QLatin1Char('\n'), QStringLiteral("\\n"))
        .replace(QLatin1Char('\r'), QStringLiteral("\\r"))
        .replace(QLatin1Char('\t'), QStringLiteral("\\t"));
}

std::shared_ptr<X509> certificateOf(const crypto::KeyPair& pair)
{
    auto cert = crypto::certificateFromPem(pair.certificatePem(), QStringLiteral("test cert"));
    return cert ? *cert : nullptr;
}

} // namespace

class TestAttributeMapping : public QObject
{
    Q_OBJECT

    idp::PresetCatalog m_presets;
    idp::Directory m_directory;

private Q_SLOTS:
    void initTestCase()
    {
        auto presets = idp::PresetCatalog::builtIn();
        QVERIFY2(presets, presets ? "" : qPrintable(presets.error().message));
        m_presets = *presets;
        auto directory =
            idp::loadDirectory(test::sourcePath(QStringLiteral("samples/directory.yaml")));
        QVERIFY2(directory, directory ? "" : qPrintable(directory.error().message));
        m_directory = *directory;
    }

    // --- defaultMapping ----------------------------------------------------

    void defaultMappingFollowsThePreset_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QStringList>("claims");
        QTest::addColumn<QString>("groupsClaim");
        QTest::addColumn<QString>("overageClaim");

        const QString ws = QStringLiteral("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/");
        QTest::newRow("entra: claim URIs, object-id groups, groups.link overage")
            << QStringLiteral("entra")
            << QStringList{QStringLiteral("email <- ") + ws + QStringLiteral("emailaddress"),
                           QStringLiteral("givenName <- ") + ws + QStringLiteral("givenname"),
                           QStringLiteral("familyName <- ") + ws + QStringLiteral("surname"),
                           QStringLiteral("userName <- ") + ws + QStringLiteral("name")}
            << QStringLiteral("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups")
            << QStringLiteral("http://schemas.microsoft.com/claims/groups.link");
        QTest::newRow("okta: short names, no overage")
            << QStringLiteral("okta")
            << QStringList{QStringLiteral("email <- email"),
                           QStringLiteral("givenName <- firstName"),
                           QStringLiteral("familyName <- lastName")}
            << QStringLiteral("groups") << QString();
        QTest::newRow("google: truncates past 75, so no overage claim")
            << QStringLiteral("google")
            << QStringList{QStringLiteral("email <- email"),
                           QStringLiteral("givenName <- firstName"),
                           QStringLiteral("familyName <- lastName")}
            << QStringLiteral("groups") << QString();
        QTest::newRow("adfs: upn claim fills userName, name claim the display name")
            << QStringLiteral("adfs")
            << QStringList{QStringLiteral("email <- ") + ws + QStringLiteral("emailaddress"),
                           QStringLiteral("userName <- ") + ws + QStringLiteral("upn"),
                           QStringLiteral("givenName <- ") + ws + QStringLiteral("givenname"),
                           QStringLiteral("familyName <- ") + ws + QStringLiteral("surname"),
                           QStringLiteral("displayName <- ") + ws + QStringLiteral("name")}
            << QStringLiteral("http://schemas.xmlsoap.org/claims/Group") << QString();
        QTest::newRow("pingfederate: LDAP names, department")
            << QStringLiteral("pingfederate")
            << QStringList{QStringLiteral("email <- mail"),
                           QStringLiteral("givenName <- givenName"),
                           QStringLiteral("familyName <- sn"),
                           QStringLiteral("department <- department")}
            << QStringLiteral("memberOf") << QString();
    }

    void defaultMappingFollowsThePreset()
    {
        QFETCH(QString, preset);
        QFETCH(QStringList, claims);
        QFETCH(QString, groupsClaim);
        QFETCH(QString, overageClaim);
        const idp::Preset* p = m_presets.find(preset);
        QVERIFY(p);
        const AttributeMapping m = defaultMapping(*p);
        QCOMPARE(describe(m.claims), claims);
        QCOMPARE(m.groupsClaim, groupsClaim);
        QCOMPARE(m.overageClaim, overageClaim);
        QCOMPARE(m.emailVerifiedClaim, QString()); // no built-in SAML IdP sends one
        QVERIFY(m.roles.isEmpty());                // roles are always the SP's choice
        QCOMPARE(m.maxValueLength, 1024);
    }

    void defaultMappingReadsOnlyProfileSources_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("field"); // empty: no claim rule

        const char* const same[] = {"email", "givenName", "familyName", "displayName",
                                    "department"};
        for (const char* s : same)
            QTest::addRow("%s fills %s", s, s) << QString::fromLatin1(s) << QString::fromLatin1(s);
        QTest::newRow("username fills userName")
            << QStringLiteral("username") << QStringLiteral("userName");
        QTest::newRow("upn fills userName") << QStringLiteral("upn") << QStringLiteral("userName");
        QTest::newRow("custom:jobTitle fills jobTitle")
            << QStringLiteral("custom:jobTitle") << QStringLiteral("jobTitle");
        QTest::newRow("custom:employeeId fills employeeId")
            << QStringLiteral("custom:employeeId") << QStringLiteral("employeeId");
        const char* const none[] = {"id",
                                    "objectId",
                                    "tenantId",
                                    "status",
                                    "localUpn",
                                    "identityProvider",
                                    "employeeType",
                                    "const:Contoso",
                                    "custom:costcenter",
                                    "custom:JobTitle",
                                    "custom:",
                                    "Email"};
        for (const char* s : none)
            QTest::addRow("%s fills nothing", s) << QString::fromLatin1(s) << QString();
    }

    void defaultMappingReadsOnlyProfileSources()
    {
        QFETCH(QString, source);
        QFETCH(QString, field);
        idp::Preset p;
        p.attributes = {{QStringLiteral("claim"), source, {}, {}, {}}};
        const AttributeMapping m = defaultMapping(p);
        if (field.isEmpty()) {
            QVERIFY(m.claims.isEmpty());
        } else {
            QCOMPARE(m.claims, (QList<ClaimRule>{{field, {QStringLiteral("claim")}}}));
        }
    }

    void defaultMappingKeepsPresetOrderForOneField()
    {
        idp::Preset p;
        p.attributes = {
            {QStringLiteral("upn"), QStringLiteral("upn"), {}, {}, {}},
            {QStringLiteral("mail"), QStringLiteral("email"), {}, {}, {}},
            {QStringLiteral("login"), QStringLiteral("username"), {}, {}, {}},
            {QStringLiteral("tid"), QStringLiteral("tenantId"), {}, {}, {}},
            {QStringLiteral("upn"), QStringLiteral("upn"), {}, {}, {}}, // listed twice: once
        };
        p.email.verifiedAttribute = QStringLiteral("email_verified");
        const AttributeMapping m = defaultMapping(p);
        QCOMPARE(describe(m.claims), (QStringList{QStringLiteral("userName <- upn | login"),
                                                  QStringLiteral("email <- mail")}));
        QCOMPARE(m.emailVerifiedClaim, QStringLiteral("email_verified"));
    }

    void defaultMappingGroupsOnlyWhenEnabled_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<idp::GroupOverage>("overage");
        QTest::addColumn<QString>("groupsClaim");
        QTest::addColumn<QString>("overageClaim");
        const QString g = QStringLiteral("groups");
        QTest::newRow("enabled, link overage")
            << true << idp::GroupOverage::LinkClaim << g << QStringLiteral("groups.link");
        QTest::newRow("enabled, truncate") << true << idp::GroupOverage::Truncate << g << QString();
        QTest::newRow("enabled, omit") << true << idp::GroupOverage::OmitClaim << g << QString();
        QTest::newRow("disabled, link overage")
            << false << idp::GroupOverage::LinkClaim << QString() << QString();
    }

    void defaultMappingGroupsOnlyWhenEnabled()
    {
        QFETCH(bool, enabled);
        QFETCH(idp::GroupOverage, overage);
        QFETCH(QString, groupsClaim);
        QFETCH(QString, overageClaim);
        idp::Preset p;
        p.groups.enabled = enabled;
        p.groups.attribute = QStringLiteral("groups");
        p.groups.overage = overage;
        p.groups.overageAttribute = QStringLiteral("groups.link");
        const AttributeMapping m = defaultMapping(p);
        QCOMPARE(m.groupsClaim, groupsClaim);
        QCOMPARE(m.overageClaim, overageClaim);
    }

    // --- mapLogin: profile -------------------------------------------------

    void subjectIssuerAndFormatAreCopied()
    {
        const MappedLogin m = mapLogin(loginWith({}), AttributeMapping{});
        QCOMPARE(m.issuer, kEntraIssuer);
        QCOMPARE(m.subject, kNameId);
        QCOMPARE(m.nameIdFormat,
                 QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"));
        QCOMPARE(m.groups, GroupsState::NotMapped);
        QVERIFY(m.warnings.isEmpty());
    }

    void profileRules_data()
    {
        QTest::addColumn<Attrs>("attributes");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("warnings");

        const QString a = QStringLiteral("a@x.example");
        const QString b = QStringLiteral("b@x.example");
        const QString mail = QStringLiteral("mail");
        const QString alt = QStringLiteral("mailAlt");
        const QString email = QStringLiteral("email");
        const QStringList none;

        QTest::newRow("first present wins: both sent")
            << Attrs{attr(alt, {b}), attr(mail, {a})} << email << a << none;
        QTest::newRow("first present wins: first absent")
            << Attrs{attr(alt, {b})} << email << b << none;
        QTest::newRow("first present wins: first empty")
            << Attrs{attr(mail, {QString()}), attr(alt, {b})} << email << b << none;
        QTest::newRow("first present wins: first has no value")
            << Attrs{attr(mail, {}), attr(alt, {b})} << email << b << none;
        QTest::newRow("nothing sent") << Attrs{} << email << QString() << none;

        QTest::newRow("one value: taken") << Attrs{attr(mail, {a})} << email << a << none;
        QTest::newRow("several values: none taken")
            << Attrs{attr(mail, {a, b})} << email << QString()
            << QStringList{QStringLiteral("email: 2 values sent in mail, none taken")};
        QTest::newRow("several values, then a single one: the single one")
            << Attrs{attr(mail, {a, b}), attr(alt, {b})} << email << b
            << QStringList{QStringLiteral("email: 2 values sent in mail, none taken")};

        QTest::newRow("claim sent once: taken")
            << Attrs{attr(mail, {a}), attr(alt, {b})} << email << a << none;
        QTest::newRow("claim sent twice: none taken")
            << Attrs{attr(mail, {a}), attr(mail, {b})} << email << QString()
            << QStringList{QStringLiteral("email: mail sent 2 times, none taken")};
        QTest::newRow("claim sent twice with the same value: none taken")
            << Attrs{attr(mail, {a}), attr(mail, {a})} << email << QString()
            << QStringList{QStringLiteral("email: mail sent 2 times, none taken")};

        const QString atMax = QString(1024, QLatin1Char('x'));
        const QString megabyte = QString(kMegabyte, QLatin1Char('x'));
        QTest::newRow("1024 characters: taken")
            << Attrs{attr(mail, {atMax})} << email << atMax << none;
        QTest::newRow("1025 characters: not taken")
            << Attrs{attr(mail, {atMax + QLatin1Char('x')})} << email << QString()
            << QStringList{QStringLiteral(
                   "email: value of 1025 characters in mail is longer than 1024, not taken")};
        QTest::newRow("1 MB: not taken")
            << Attrs{attr(mail, {megabyte})} << email << QString()
            << QStringList{QStringLiteral(
                   "email: value of 1048576 characters in mail is longer than 1024, not taken")};

        // Data, not code: the output side escapes, the mapping does not edit.
        const QString first = QStringLiteral("first");
        const QString given = QStringLiteral("givenName");
        const QStringList literal{
            QStringLiteral("<script>alert(1)</script>"),
            QStringLiteral("<b>Alice</b> &amp; co"),
            QStringLiteral("Alice\nMartin"),
            QStringLiteral("Alice\r\nMartin\t"),
            QStringLiteral("=HYPERLINK(\"http://evil.example\",\"Alice\")"),
            QStringLiteral("+cmd|' /C calc'!A0"),
            QStringLiteral("@SUM(1+1)"),
            QStringLiteral("  Alice  "),
            QStringLiteral("'; DROP TABLE accounts; --"),
            QStringLiteral("\u0410lice"), // Cyrillic A: the look-alike check is the JIT's job
        };
        for (const QString& v : literal) {
            QTest::addRow("taken literally: %s", qPrintable(rowLabel(v)))
                << Attrs{attr(first, {v})} << given << v << none;
        }

        const QString dept = QStringLiteral("dept");
        const QString department = QStringLiteral("department");
        QTest::newRow("control character BEL: taken, flagged")
            << Attrs{attr(dept, {QStringLiteral("IT\u0007")})} << department
            << QStringLiteral("IT\u0007")
            << QStringList{
                   QStringLiteral("department: value in dept has control characters (U+0007 at 2), "
                                  "taken literally")};
        QTest::newRow("control character DEL: taken, flagged")
            << Attrs{attr(dept, {QStringLiteral("\u007fIT")})} << department
            << QStringLiteral("\u007fIT")
            << QStringList{
                   QStringLiteral("department: value in dept has control characters (U+007F at 0), "
                                  "taken literally")};
        QTest::newRow("C1 control NEL: taken, flagged")
            << Attrs{attr(dept, {QStringLiteral("I\u0085T")})} << department
            << QStringLiteral("I\u0085T")
            << QStringList{
                   QStringLiteral("department: value in dept has control characters (U+0085 at 1), "
                                  "taken literally")};
        QTest::newRow("tab, newline and carriage return: not flagged")
            << Attrs{attr(dept, {QStringLiteral("I\tT\r\n")})} << department
            << QStringLiteral("I\tT\r\n") << none;
    }

    void profileRules()
    {
        QFETCH(Attrs, attributes);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QStringList, warnings);
        const MappedLogin m = mapLogin(loginWith(attributes), profileMapping());
        QCOMPARE(profileValue(m.profile, field), value);
        QCOMPARE(m.warnings, warnings);
    }

    void aLaterRuleForTheSameFieldDoesNotOverwrite()
    {
        AttributeMapping mapping;
        mapping.claims = {{QStringLiteral("email"), {QStringLiteral("mail")}},
                          {QStringLiteral("email"), {QStringLiteral("other")}},
                          {QStringLiteral("roles"), {QStringLiteral("role")}}};
        const MappedLogin m =
            mapLogin(loginWith({attr(QStringLiteral("mail"), {QStringLiteral("a@x.example")}),
                                attr(QStringLiteral("other"), {QStringLiteral("b@x.example")}),
                                attr(QStringLiteral("role"), {QStringLiteral("admin")})}),
                     mapping);
        QCOMPARE(m.profile.email, QStringLiteral("a@x.example"));
        QCOMPARE(m.warnings,
                 QStringList{QStringLiteral(
                     "mapping: roles is not a profile field, its claims are not read")});
    }

    void maxValueLengthIsTheMappingsChoice()
    {
        AttributeMapping mapping = profileMapping();
        mapping.maxValueLength = 4;
        const MappedLogin m =
            mapLogin(loginWith({attr(QStringLiteral("first"), {QStringLiteral("Alice")}),
                                attr(QStringLiteral("dept"), {QStringLiteral("IT")})}),
                     mapping);
        QCOMPARE(m.profile.givenName, QString());
        QCOMPARE(m.profile.department, QStringLiteral("IT"));
        QCOMPARE(m.warnings,
                 QStringList{QStringLiteral(
                     "givenName: value of 5 characters in first is longer than 4, not taken")});
    }

    void userName_data()
    {
        QTest::addColumn<bool>("rule");
        QTest::addColumn<Attrs>("attributes");
        QTest::addColumn<QString>("userName");
        QTest::addColumn<QStringList>("warnings");

        const QString upn = QStringLiteral("upn");
        const QString sent = QStringLiteral("alice.m@contoso.example");
        QTest::newRow("no userName rule: the NameID")
            << false << Attrs{} << kNameId << QStringList();
        QTest::newRow("no userName rule, upn sent anyway: the NameID")
            << false << Attrs{attr(upn, {sent})} << kNameId << QStringList();
        QTest::newRow("rule, claim absent: the NameID")
            << true << Attrs{} << kNameId << QStringList();
        QTest::newRow("rule, claim empty: the NameID")
            << true << Attrs{attr(upn, {QString()})} << kNameId << QStringList();
        QTest::newRow("rule, claim sent: the claim")
            << true << Attrs{attr(upn, {sent})} << sent << QStringList();
        QTest::newRow("rule, claim refused: empty, not the NameID")
            << true << Attrs{attr(upn, {sent, kNameId})} << QString()
            << QStringList{QStringLiteral("userName: 2 values sent in upn, none taken"),
                           QStringLiteral("userName: left empty, not replaced by the NameID")};
    }

    void userName()
    {
        QFETCH(bool, rule);
        QFETCH(Attrs, attributes);
        QFETCH(QString, userName);
        QFETCH(QStringList, warnings);
        AttributeMapping mapping;
        if (rule)
            mapping.claims = {{QStringLiteral("userName"), {QStringLiteral("upn")}}};
        const MappedLogin m = mapLogin(loginWith(attributes), mapping);
        QCOMPARE(m.profile.userName, userName);
        QCOMPARE(m.warnings, warnings);
    }

    // --- mapLogin: groups and roles ---------------------------------------

    void groupsState_data()
    {
        QTest::addColumn<AttributeMapping>("mapping");
        QTest::addColumn<Attrs>("attributes");
        QTest::addColumn<GroupsState>("state");
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<QStringList>("warnings");

        const QString groups = QStringLiteral("groups");
        const QString link = QStringLiteral("groups.link");
        const QString graph =
            QStringLiteral("https://graph.windows.net/t/users/o/getMemberObjects");
        const AttributeMapping m =
            groupsMapping({{kEntraIssuer, kItAdminsId, QStringLiteral("admin")}});
        AttributeMapping noGroups = m;
        noGroups.groupsClaim.clear();
        AttributeMapping noOverage = m;
        noOverage.overageClaim.clear();
        const QStringList admin{QStringLiteral("admin")};

        QTest::newRow("sent") << m << Attrs{attr(groups, {kItAdminsId})} << GroupsState::Sent
                              << admin << QStringList();
        QTest::newRow("sent with no value: no groups")
            << m << Attrs{attr(groups, {})} << GroupsState::Sent << QStringList() << QStringList();
        QTest::newRow("not sent: unknown, not none")
            << m << Attrs{} << GroupsState::NotSent << QStringList()
            << QStringList{QStringLiteral("no groups claim (groups): roles left as they are "
                                          "unless the policy says otherwise")};
        QTest::newRow("sent twice: none read, as not sent")
            << m << Attrs{attr(groups, {kItAdminsId}), attr(groups, {QStringLiteral("x")})}
            << GroupsState::NotSent << QStringList()
            << QStringList{QStringLiteral("groups: groups sent 2 times, none read: treated as not "
                                          "sent")};
        QTest::newRow("overage: the link, no groups")
            << m << Attrs{attr(link, {graph})} << GroupsState::Overage << QStringList()
            << QStringList{QStringLiteral("groups overage: groups.link sent instead of the groups "
                                          "(\"") +
                           graph + QStringLiteral("\"); no groups read")};
        QTest::newRow("overage with a partial groups claim: still no groups")
            << m << Attrs{attr(groups, {kItAdminsId, QStringLiteral("x")}), attr(link, {graph})}
            << GroupsState::Overage << QStringList()
            << QStringList{QStringLiteral("groups overage: groups.link sent instead of the groups "
                                          "(\"") +
                           graph +
                           QStringLiteral("\"); no groups read, and the 2 values also sent in "
                                          "groups are ignored: they may be only part of the "
                                          "groups")};
        QTest::newRow("overage link of 1 MB: its length only")
            << m << Attrs{attr(link, {QString(kMegabyte, QLatin1Char('l'))})}
            << GroupsState::Overage << QStringList()
            << QStringList{QStringLiteral("groups overage: groups.link sent instead of the groups "
                                          "(a value of 1048576 characters); no groups read")};
        QTest::newRow("overage claim not mapped: the groups are read")
            << noOverage << Attrs{attr(groups, {kItAdminsId}), attr(link, {graph})}
            << GroupsState::Sent << admin << QStringList();
        QTest::newRow("not mapped: groups sent are not read")
            << noGroups << Attrs{attr(groups, {kItAdminsId}), attr(link, {graph})}
            << GroupsState::NotMapped << QStringList() << QStringList();
    }

    void groupsState()
    {
        QFETCH(AttributeMapping, mapping);
        QFETCH(Attrs, attributes);
        QFETCH(GroupsState, state);
        QFETCH(QStringList, roles);
        QFETCH(QStringList, warnings);
        const MappedLogin m = mapLogin(loginWith(attributes), mapping);
        QCOMPARE(groupsStateName(m.groups), groupsStateName(state));
        QCOMPARE(m.rolesGranted, roles);
        QCOMPARE(m.warnings, warnings);
        if (state != GroupsState::Sent)
            QVERIFY(m.groupsIgnored.isEmpty());
    }

    void groupsStateNames()
    {
        QCOMPARE(groupsStateName(GroupsState::Sent), QStringLiteral("sent"));
        QCOMPARE(groupsStateName(GroupsState::NotSent), QStringLiteral("not-sent"));
        QCOMPARE(groupsStateName(GroupsState::Overage), QStringLiteral("overage"));
        QCOMPARE(groupsStateName(GroupsState::NotMapped), QStringLiteral("not-mapped"));
    }

    void roleAllowList_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QStringList>("groups");
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<QStringList>("ignored");
        QTest::addColumn<QStringList>("warnings");

        const QString admins = QStringLiteral("Admins");
        const QStringList none;
        const QStringList admin{QStringLiteral("admin")};

        QTest::newRow("id mapped for this issuer: granted")
            << kEntraIssuer << QStringList{kItAdminsId} << admin << none << none;
        QTest::newRow("one group, two rules: both roles, sorted")
            << kEntraIssuer << QStringList{kEngineeringId}
            << QStringList{QStringLiteral("developer"), QStringLiteral("engineer")} << none << none;
        QTest::newRow("roles sorted and unique across groups")
            << kEntraIssuer << QStringList{kItAdminsId, kEngineeringId, kEngineeringId}
            << QStringList{QStringLiteral("admin"), QStringLiteral("developer"),
                           QStringLiteral("engineer")}
            << none << none;
        QTest::newRow("same id from another issuer: nothing")
            << kOktaIssuer << QStringList{kItAdminsId} << none << QStringList{kItAdminsId}
            << QStringList{QStringLiteral("groups: \"") + kItAdminsId +
                           QStringLiteral("\" is mapped only for issuer ") + kEntraIssuer +
                           QStringLiteral(", not for ") + kOktaIssuer +
                           QStringLiteral(": no role")};
        QTest::newRow("issuer differing by a trailing slash: nothing")
            << kEntraIssuer.chopped(1) << QStringList{kItAdminsId} << none
            << QStringList{kItAdminsId}
            << QStringList{QStringLiteral("groups: \"") + kItAdminsId +
                           QStringLiteral("\" is mapped only for issuer ") + kEntraIssuer +
                           QStringLiteral(", not for ") + kEntraIssuer.chopped(1) +
                           QStringLiteral(": no role")};
        QTest::newRow("display name where an id is mapped: nothing")
            << kEntraIssuer << QStringList{QStringLiteral("IT Admins")} << none
            << QStringList{QStringLiteral("IT Admins")} << none;
        QTest::newRow("display name mapped for the IdP that sends names: granted")
            << kOktaIssuer << QStringList{admins} << admin << none << none;
        QTest::newRow("padded display name: nothing")
            << kOktaIssuer << QStringList{QStringLiteral(" Admins")} << none
            << QStringList{QStringLiteral(" Admins")}
            << QStringList{QStringLiteral("groups: \" Admins\" sent, \"Admins\" mapped (case or "
                                          "spaces differ): no role")};
        QTest::newRow("display name in another case: nothing")
            << kOktaIssuer << QStringList{QStringLiteral("admins")} << none
            << QStringList{QStringLiteral("admins")}
            << QStringList{QStringLiteral("groups: \"admins\" sent, \"Admins\" mapped (case or "
                                          "spaces differ): no role")};
        QTest::newRow("padded id: nothing")
            << kEntraIssuer << QStringList{kItAdminsId + QLatin1Char(' ')} << none
            << QStringList{kItAdminsId + QLatin1Char(' ')}
            << QStringList{QStringLiteral("groups: \"") + kItAdminsId +
                           QStringLiteral(" \" sent, \"") + kItAdminsId +
                           QStringLiteral("\" mapped (case or spaces differ): no role")};
        QTest::newRow("empty group value meets no rule, not even an empty one")
            << kEntraIssuer << QStringList{QString()} << none << QStringList{QString()} << none;
        QTest::newRow("ignored groups unique, in the order sent")
            << kEntraIssuer
            << QStringList{QStringLiteral("b"), kItAdminsId, QStringLiteral("a"),
                           QStringLiteral("b")}
            << admin << QStringList{QStringLiteral("b"), QStringLiteral("a")} << none;
    }

    void roleAllowList()
    {
        QFETCH(QString, issuer);
        QFETCH(QStringList, groups);
        QFETCH(QStringList, roles);
        QFETCH(QStringList, ignored);
        QFETCH(QStringList, warnings);
        const AttributeMapping mapping = groupsMapping({
            {kEntraIssuer, kItAdminsId, QStringLiteral("admin")},
            {kEntraIssuer, kEngineeringId, QStringLiteral("engineer")},
            {kEntraIssuer, kEngineeringId, QStringLiteral("developer")},
            {kOktaIssuer, QStringLiteral("Admins"), QStringLiteral("admin")},
            {kEntraIssuer, QString(), QStringLiteral("root")},     // unfinished: never matches
            {kEntraIssuer, QStringLiteral("a"), QString()},        // no role: grants nothing
            {QString(), QStringLiteral("b"), QStringLiteral("x")}, // no issuer: never applies
        });
        const MappedLogin m =
            mapLogin(loginWith({attr(QStringLiteral("groups"), groups)}, issuer), mapping);
        QCOMPARE(m.groups, GroupsState::Sent);
        QCOMPARE(m.rolesGranted, roles);
        QCOMPARE(m.groupsIgnored, ignored);
        QCOMPARE(m.warnings, warnings);
    }

    // --- mapLogin: e-mail verified ----------------------------------------

    void emailVerified_data()
    {
        QTest::addColumn<QString>("claim"); // the mapping's emailVerifiedClaim
        QTest::addColumn<Attrs>("attributes");
        QTest::addColumn<bool>("verified");
        QTest::addColumn<QStringList>("warnings");

        const QString ev = QStringLiteral("email_verified");
        const saml::Attribute mail = attr(QStringLiteral("mail"), {QStringLiteral("a@x.example")});
        auto flag = [&](const QStringList& values) {
            return attr(ev, values);
        };
        auto refused = [&](const QString& shownValue) {
            return QStringList{QStringLiteral("email not verified: email_verified sent ") +
                               shownValue +
                               QStringLiteral(", only the single value \"true\" counts")};
        };

        QTest::newRow("\"true\": verified")
            << ev << Attrs{mail, flag({QStringLiteral("true")})} << true << QStringList();
        QTest::newRow("no flag claim mapped (SAML presets): not verified, even if sent")
            << QString() << Attrs{mail, flag({QStringLiteral("true")})} << false << QStringList();
        QTest::newRow("flag absent: not verified") << ev << Attrs{mail} << false << QStringList();
        QTest::newRow("\"false\": not verified")
            << ev << Attrs{mail, flag({QStringLiteral("false")})} << false << QStringList();
        QTest::newRow("\"TRUE\": not verified") << ev << Attrs{mail, flag({QStringLiteral("TRUE")})}
                                                << false << refused(QStringLiteral("\"TRUE\""));
        QTest::newRow("\"1\": not verified") << ev << Attrs{mail, flag({QStringLiteral("1")})}
                                             << false << refused(QStringLiteral("\"1\""));
        QTest::newRow("\" true\": not verified")
            << ev << Attrs{mail, flag({QStringLiteral(" true")})} << false
            << refused(QStringLiteral("\" true\""));
        QTest::newRow("empty value: not verified")
            << ev << Attrs{mail, flag({QString()})} << false << refused(QStringLiteral("\"\""));
        QTest::newRow("two values: not verified")
            << ev << Attrs{mail, flag({QStringLiteral("true"), QStringLiteral("false")})} << false
            << refused(QStringLiteral("\"true, false\""));
        QTest::newRow("sent twice: not verified")
            << ev << Attrs{mail, flag({QStringLiteral("true")}), flag({QStringLiteral("true")})}
            << false << refused(QStringLiteral("\"true, true\""));
        QTest::newRow("\"true\" but no e-mail taken: not verified")
            << ev << Attrs{flag({QStringLiteral("true")})} << false << QStringList();
    }

    void emailVerified()
    {
        QFETCH(QString, claim);
        QFETCH(Attrs, attributes);
        QFETCH(bool, verified);
        QFETCH(QStringList, warnings);
        AttributeMapping mapping = profileMapping();
        mapping.emailVerifiedClaim = claim;
        const MappedLogin m = mapLogin(loginWith(attributes), mapping);
        QCOMPARE(m.emailVerified, verified);
        QCOMPARE(m.warnings, warnings);
    }

    // --- the real pipeline ------------------------------------------------

    void issuedValidatedMapped_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QStringList>("profile"); // userName, email, givenName, familyName
        QTest::addColumn<GroupsState>("groups");
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<QString>("warning"); // a text one warning contains; empty: none

        const QStringList alice{QStringLiteral("alice@contoso.example"),
                                QStringLiteral("alice.martin@contoso.example"),
                                QStringLiteral("Alice"), QStringLiteral("Martin")};
        const QStringList olga{QStringLiteral("olga@contoso.example"),
                               QStringLiteral("olga.petrova@contoso.example"),
                               QStringLiteral("Olga"), QStringLiteral("Petrova")};
        const QStringList engineer{QStringLiteral("engineer")};

        QTest::newRow("alice, entra: group ids, Engineering by id")
            << QStringLiteral("alice") << QStringLiteral("entra") << kEntraIssuer << alice
            << GroupsState::Sent << engineer << QString();
        QTest::newRow("alice, okta: group names, Engineering by name")
            << QStringLiteral("alice") << QStringLiteral("okta") << kOktaIssuer << alice
            << GroupsState::Sent << engineer << QString();
        QTest::newRow("olga, entra: 160 groups, overage link")
            << QStringLiteral("olga") << QStringLiteral("entra") << kEntraIssuer << olga
            << GroupsState::Overage << QStringList()
            << QStringLiteral("https://graph.windows.net/4df3f2e6-836d-5a5a-a00b-658bcef42a66/"
                              "users/");
        QTest::newRow("olga, okta: no limit, all 160 sent")
            << QStringLiteral("olga") << QStringLiteral("okta") << kOktaIssuer << olga
            << GroupsState::Sent << engineer << QString();
    }

    void issuedValidatedMapped()
    {
        QFETCH(QString, person);
        QFETCH(QString, preset);
        QFETCH(QString, issuer);
        QFETCH(QStringList, profile);
        QFETCH(GroupsState, groups);
        QFETCH(QStringList, roles);
        QFETCH(QString, warning);

        const crypto::KeyPair key = test::testIdpKey(crypto::KeyType::Rsa);
        const idp::ResponseSigner signer(
            [&key](crypto::KeyType) -> Result<crypto::KeyPair> { return key; });
        ManualClock clock(test::fixedNow());
        const idp::Issuer mockIdp(m_directory, m_presets, signer, clock);
        idp::IssueRequest request;
        request.personId = person;
        request.presetId = preset;
        request.sp.audience = QStringLiteral("https://sp.example.test");
        request.sp.acsUrl = QStringLiteral("https://sp.example.test/acs");
        request.inResponseTo = QStringLiteral("_authnrequest1");
        auto issued = mockIdp.issue(request);
        QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message));
        QCOMPARE(issued->spec.issuer, issuer);

        sp::SpConfig config;
        config.entityId = request.sp.audience;
        config.acsUrls = {request.sp.acsUrl};
        config.idp.entityId = issuer;
        config.idp.signingCertificates = {certificateOf(key)};
        clock.advance(30);
        sp::Validator validator(config, clock);
        const sp::Report report =
            validator.validate(issued->response.xml.toBase64(), {request.inResponseTo, false});
        QVERIFY2(report.accepted(), qPrintable(report.failedIds().join(QLatin1Char(' '))));

        AttributeMapping mapping = defaultMapping(*m_presets.find(preset));
        mapping.roles = {{kEntraIssuer, kEngineeringId, QStringLiteral("engineer")},
                         {kOktaIssuer, QStringLiteral("Engineering"), QStringLiteral("engineer")},
                         // The other IdP's spelling of the same group: never crosses over.
                         {kEntraIssuer, QStringLiteral("Engineering"), QStringLiteral("names")},
                         {kOktaIssuer, kEngineeringId, QStringLiteral("ids")}};
        const MappedLogin m = mapLogin(*report.login, mapping);
        QCOMPARE(m.issuer, issuer);
        QCOMPARE(m.subject, issued->spec.subject.nameId);
        QCOMPARE((QStringList{m.profile.userName, m.profile.email, m.profile.givenName,
                              m.profile.familyName}),
                 profile);
        QCOMPARE(groupsStateName(m.groups), groupsStateName(groups));
        QCOMPARE(m.rolesGranted, roles);
        QVERIFY(!m.emailVerified); // SAML e-mail is never verified
        if (warning.isEmpty()) {
            QCOMPARE(m.warnings, QStringList());
        } else {
            QCOMPARE(m.warnings.size(), 1);
            QVERIFY2(m.warnings.front().contains(warning), qPrintable(m.warnings.front()));
        }
        if (groups == GroupsState::Sent) {
            qsizetype sent = 0;
            for (const saml::Attribute& a : report.login->attributes) {
                if (a.name == mapping.groupsClaim)
                    sent = a.values.size();
            }
            QCOMPARE(m.groupsIgnored.size() + 1, sent); // all but Engineering
        }
    }
};

QTEST_GUILESS_MAIN(TestAttributeMapping)
#include "test_attribute_mapping.moc"
