// The first SSO login of someone a SCIM client provisioned
// beforehand: policy linkProvisioned links the login's subject to that
// account when the user name is exactly the account's and nobody has signed
// in to it yet — and in every other case leaves it alone.
#include "jit/provisioner.h"
#include "support/fixtures.h"
#include "support/jit_printers.h"

#include <QTest>

using namespace jh;
using namespace jh::jit;

Q_DECLARE_METATYPE(jh::jit::Action)
Q_DECLARE_METATYPE(jh::jit::Account)

namespace {

template <typename T> T orDie(Result<T> r)
{
    if (!r)
        qFatal("%s", qPrintable(r.error().message));
    return std::move(r).value();
}

const QString kIdp = QStringLiteral("http://www.okta.com/exk1contosoharness7");
const QString kFormat = QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
const QString kAlice = QStringLiteral("alice@contoso.example");

MappedLogin loginAs(const QString& userName)
{
    MappedLogin l;
    l.issuer = kIdp;
    l.subject = userName;
    l.nameIdFormat = kFormat;
    l.profile.userName = userName;
    l.profile.email = userName;
    l.profile.displayName = QStringLiteral("Alice Liddell");
    l.groups = GroupsState::NotMapped;
    return l;
}

Account provisioned(const QString& userName, Provisioning by = Provisioning::Scim,
                    AccountStatus status = AccountStatus::Active)
{
    Account a;
    a.status = status;
    a.provisionedBy = by;
    a.profile.userName = userName;
    a.profile.email = userName;
    a.created = a.updated = test::fixedNow().addDays(-1);
    return a;
}

struct Sp
{
    AccountStore store = orDie(AccountStore::open(QStringLiteral(":memory:")));

    qint64 insert(const Account& a, bool withLink = false)
    {
        return orDie(store.transact([&](StoreTx& tx) -> Result<qint64> {
            auto id = tx.insertAccount(a);
            if (id && withLink) {
                if (auto r = tx.addLink(
                        Link{kIdp, QStringLiteral("someone-else"), kFormat, *id, a.created});
                    !r)
                    return r.error();
            }
            return id;
        }));
    }

    Outcome login(const MappedLogin& l, JitPolicy policy = {})
    {
        return orDie(Provisioner(store, policy)
                         .provision(l, LoginMeta{test::fixedNow(), QStringLiteral("_a1"), {}}));
    }
};

} // namespace

class TestProvisionerLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstLoginTakesTheScimAccount();
    void onlyWayInWhenUnknownSubjectsAreDenied();
    void leftAlone_data();
    void leftAlone();
    void suspendedScimAccountIsDeniedNotDuplicated();
};

void TestProvisionerLink::firstLoginTakesTheScimAccount()
{
    Sp sp;
    const qint64 id = sp.insert(provisioned(kAlice));
    const Outcome o = sp.login(loginAs(kAlice));
    QCOMPARE(o.action, Action::Linked);
    QCOMPARE(o.account->id, id);
    QVERIFY(o.reasons.join(u'\n').contains(QStringLiteral("pre-provisioned account")));
    const QList<Link> links = orDie(sp.store.linksOf(id));
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().subject, kAlice);
    QCOMPARE(orDie(sp.store.counts()).accounts, 1);
    // The second login finds it by its link.
    QCOMPARE(sp.login(loginAs(kAlice)).action, Action::Unchanged);
    QCOMPARE(orDie(sp.store.counts()).accounts, 1);
}

void TestProvisionerLink::onlyWayInWhenUnknownSubjectsAreDenied()
{
    Sp sp;
    JitPolicy deny;
    deny.unknownSubject = UnknownSubject::Deny;
    QCOMPARE(sp.login(loginAs(QStringLiteral("bruno@contoso.example")), deny).action,
             Action::Denied);
    const qint64 id = sp.insert(provisioned(kAlice));
    const Outcome o = sp.login(loginAs(kAlice), deny);
    QCOMPARE(o.action, Action::Linked);
    QCOMPARE(o.account->id, id);
}

void TestProvisionerLink::leftAlone_data()
{
    QTest::addColumn<Account>("existing");
    QTest::addColumn<bool>("alreadyLinked");
    QTest::addColumn<bool>("policyOn");
    QTest::addColumn<QString>("loginName");

    QTest::newRow("policy off") << provisioned(kAlice) << false << false << kAlice;
    QTest::newRow("user name differs in case")
        << provisioned(kAlice) << false << true << QStringLiteral("Alice@contoso.example");
    QTest::newRow("made by JIT") << provisioned(kAlice, Provisioning::Jit) << false << true
                                 << kAlice;
    QTest::newRow("made by an admin")
        << provisioned(kAlice, Provisioning::Admin) << false << true << kAlice;
    QTest::newRow("made by self-registration")
        << provisioned(kAlice, Provisioning::SelfRegistration) << false << true << kAlice;
    QTest::newRow("already linked to another subject")
        << provisioned(kAlice) << true << true << kAlice;
    QTest::newRow("deleted by SCIM")
        << provisioned(kAlice, Provisioning::Scim, AccountStatus::Deleted) << false << true
        << kAlice;
}

void TestProvisionerLink::leftAlone()
{
    QFETCH(Account, existing);
    QFETCH(bool, alreadyLinked);
    QFETCH(bool, policyOn);
    QFETCH(QString, loginName);
    Sp sp;
    const qint64 id = sp.insert(existing, alreadyLinked);
    JitPolicy policy;
    policy.linkProvisioned = policyOn;
    const Outcome o = sp.login(loginAs(loginName), policy);
    QCOMPARE(o.action, Action::Created);
    QVERIFY(o.account->id != id);
    QCOMPARE(orDie(sp.store.account(id))->profile.userName, existing.profile.userName);
    QCOMPARE(orDie(sp.store.linksOf(id)).size(), alreadyLinked ? 1 : 0);
}

void TestProvisionerLink::suspendedScimAccountIsDeniedNotDuplicated()
{
    Sp sp;
    sp.insert(provisioned(kAlice, Provisioning::Scim, AccountStatus::Suspended));
    const Outcome o = sp.login(loginAs(kAlice));
    QCOMPARE(o.action, Action::Denied);
    QCOMPARE(orDie(sp.store.counts()).accounts, 1);
    QCOMPARE(orDie(sp.store.counts()).links, 0);
}

QTEST_GUILESS_MAIN(TestProvisionerLink)
#include "test_provisioner_link.moc"
