// Account values: names of the enums both ways, the profile field table, the
// canonical roles, and the diff — the one place "what changed" is computed.
#include "jit/account.h"

#include <QTest>

using namespace jh::jit;

namespace {

Account sample()
{
    Account a;
    a.id = 7;
    a.profile.userName = QStringLiteral("alice");
    a.profile.email = QStringLiteral("alice@x.example");
    a.profile.givenName = QStringLiteral("Alice");
    a.roles = {QStringLiteral("user"), QStringLiteral("finance")};
    a.created = QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
    a.updated = a.created;
    return a;
}

} // namespace

class TestAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip()
    {
        for (auto s : {AccountStatus::Active, AccountStatus::Suspended, AccountStatus::Deleted})
            QCOMPARE(accountStatusFromName(accountStatusName(s)), s);
        for (auto p : {Provisioning::Jit, Provisioning::Scim, Provisioning::SelfRegistration,
                       Provisioning::Admin})
            QCOMPARE(provisioningFromName(provisioningName(p)), p);
        for (auto a : {Actor::Jit, Actor::Scim, Actor::Cleanup, Actor::Admin})
            QCOMPARE(actorFromName(actorName(a)), a);
        QCOMPARE(provisioningName(Provisioning::SelfRegistration),
                 QStringLiteral("self-registration"));
        QCOMPARE(actorName(Actor::Cleanup), QStringLiteral("clean-up"));
        QVERIFY(!accountStatusFromName(u"Active")); // names are exact
        QVERIFY(!actorFromName(u"cleanup"));
        QVERIFY(!provisioningFromName(u""));
    }

    void profileFieldsByName()
    {
        QCOMPARE(profileFields(),
                 (QStringList{QStringLiteral("userName"), QStringLiteral("email"),
                              QStringLiteral("givenName"), QStringLiteral("familyName"),
                              QStringLiteral("displayName"), QStringLiteral("department"),
                              QStringLiteral("jobTitle"), QStringLiteral("employeeId")}));
        Profile p;
        for (const QString& name : profileFields())
            QVERIFY(setProfileValue(p, name, name + QStringLiteral("-value")));
        QCOMPARE(p.jobTitle, QStringLiteral("jobTitle-value"));
        QCOMPARE(profileValue(p, u"employeeId"), QStringLiteral("employeeId-value"));
        QVERIFY(!profileValue(p, u"roles"));
        QVERIFY(!setProfileValue(p, u"password", QStringLiteral("x")));
    }

    void rolesAreCanonical()
    {
        QCOMPARE(normalizedRoles({QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("b"),
                                  QString(), QStringLiteral("B")}),
                 (QStringList{QStringLiteral("B"), QStringLiteral("a"), QStringLiteral("b")}));
    }

    void noChangeIsAnEmptyDiff()
    {
        Account after = sample();
        after.id = 8;
        after.updated = after.updated.addDays(1);
        after.lastLogin = after.updated;
        after.provisionedBy = Provisioning::Scim;
        after.roles = {QStringLiteral("finance"), QStringLiteral("user"), QStringLiteral("user")};
        QCOMPARE(diffAccounts(sample(), after), QList<FieldChange>());
    }

    void diffListsEachChangeInTableOrder()
    {
        Account after = sample();
        after.status = AccountStatus::Suspended;
        after.profile.email = QStringLiteral("alice.l@x.example");
        after.profile.userName = QStringLiteral("alice.l");
        after.profile.department = QStringLiteral("Risk");
        after.externalId = QStringLiteral("ext-9");
        after.roles = {QStringLiteral("user"), QStringLiteral("risk"), QStringLiteral("admin")};
        const QList<FieldChange> expected{
            {QStringLiteral("status"), QStringLiteral("active"), QStringLiteral("suspended")},
            {QStringLiteral("userName"), QStringLiteral("alice"), QStringLiteral("alice.l")},
            {QStringLiteral("email"), QStringLiteral("alice@x.example"),
             QStringLiteral("alice.l@x.example")},
            {QStringLiteral("department"), QString(), QStringLiteral("Risk")},
            {QStringLiteral("externalId"), QString(), QStringLiteral("ext-9")},
            {QStringLiteral("roles"), QStringLiteral("finance"), QString()},
            {QStringLiteral("roles"), QString(), QStringLiteral("admin")},
            {QStringLiteral("roles"), QString(), QStringLiteral("risk")},
        };
        const QList<FieldChange> diff = diffAccounts(sample(), after);
        QCOMPARE(diff, expected);
        QCOMPARE(rolesAdded(diff), (QStringList{QStringLiteral("admin"), QStringLiteral("risk")}));
        QCOMPARE(rolesRemoved(diff), QStringList{QStringLiteral("finance")});
    }

    void creationDiffsFromAnEmptyAccount()
    {
        const QList<FieldChange> diff = diffAccounts(Account(), sample());
        QCOMPARE(diff.size(), 5); // three profile fields, two roles; status unchanged
        QCOMPARE(rolesAdded(diff),
                 (QStringList{QStringLiteral("finance"), QStringLiteral("user")}));
        QVERIFY(rolesRemoved(diff).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAccount)
#include "test_account.moc"
