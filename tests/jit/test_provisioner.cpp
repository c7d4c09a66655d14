// The JIT provisioner against a store on disk: a first login creates the
// account, its link and one audit row; later logins keep it in step (roles
// removed included) and a leaver's account stays; each policy choice has a
// passing and a failing case; takeovers by e-mail, look-alikes, transient or
// changed subjects never reach the victim's account; hostile values are
// stored literally and shown escaped; a denied login, a replay and a store
// error mid-transaction leave every row count as it was.
#include "common/display_text.h"
#include "jit/provisioner.h"
#include "support/fixtures.h"
#include "support/jit_printers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using namespace jh::jit;

Q_DECLARE_METATYPE(jh::jit::Action)
Q_DECLARE_METATYPE(jh::jit::MappedLogin)
Q_DECLARE_METATYPE(jh::jit::UnknownSubject)
Q_DECLARE_METATYPE(jh::jit::SyncMode)
Q_DECLARE_METATYPE(jh::jit::MissingGroups)
Q_DECLARE_METATYPE(jh::jit::GroupsState)
Q_DECLARE_METATYPE(jh::jit::AccountStatus)
Q_DECLARE_METATYPE(jh::jit::InactivePolicy)

namespace {

const QString kIdp = QStringLiteral("https://idp.contoso.example/");
const QString kOtherIdp = QStringLiteral("https://idp.evil.example/");
const QString kOidc = QStringLiteral("https://login.oidc.example/");
const QString kPersistent = QStringLiteral("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
const QString kTransient = QStringLiteral("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
const QString kAliceMail = QStringLiteral("alice@contoso.example");

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// A SAML login as the mapping would hand it over.
MappedLogin samlLogin(const QString& subject, const QString& email,
                      const QStringList& roles = {QStringLiteral("user")},
                      const QString& issuer = kIdp)
{
    MappedLogin l;
    l.issuer = issuer;
    l.subject = subject;
    l.nameIdFormat = kPersistent;
    l.profile.userName = subject;
    l.profile.email = email;
    l.rolesGranted = normalizedRoles(roles);
    l.groups = GroupsState::Sent;
    return l;
}

MappedLogin alice()
{
    MappedLogin l = samlLogin(QStringLiteral("alice"), kAliceMail,
                              {QStringLiteral("engineering"), QStringLiteral("user")});
    l.profile.givenName = QStringLiteral("Alice");
    l.profile.familyName = QStringLiteral("Liddell");
    l.profile.displayName = QStringLiteral("Alice Liddell");
    l.profile.department = QStringLiteral("Engineering");
    return l;
}

// An OIDC login: no NameID format; email_verified as the IdP asserts it.
MappedLogin oidcLogin(const QString& issuer, const QString& sub, const QString& email,
                      bool verified)
{
    MappedLogin l = samlLogin(sub, email, {QStringLiteral("user")}, issuer);
    l.nameIdFormat.clear();
    l.emailVerified = verified;
    return l;
}

bool anyContains(const QStringList& lines, const QString& part)
{
    for (const QString& l : lines)
        if (l.contains(part))
            return true;
    return false;
}

template <typename T> const char* why(const Result<T>& r)
{
    static QByteArray text;
    text = r ? QByteArray() : r.error().message.toUtf8();
    return text.constData();
}

// An SP: a store in a temporary directory, a policy and a clock that moves an
// hour before each login.
class Sp
{
public:
    explicit Sp(JitPolicy p = {}) : policy(std::move(p))
    {
        if (!m_dir.isValid())
            qFatal("no temporary directory");
        auto opened = AccountStore::open(m_dir.filePath(QStringLiteral("sp.sqlite")));
        if (!opened)
            qFatal("open: %s", qPrintable(opened.error().message));
        m_store.emplace(std::move(opened).value());
    }

    AccountStore& store() { return *m_store; }

    Result<Outcome> login(const MappedLogin& l, std::optional<ReplayMark> replay = std::nullopt)
    {
        now = now.addSecs(3600);
        messageId = QStringLiteral("_msg-%1").arg(++m_seq);
        return Provisioner(*m_store, policy).provision(l, LoginMeta{now, messageId, replay});
    }
    ReplayMark mark(const QString& id) const { return ReplayMark{kIdp, id, now.addDays(1)}; }

    StoreCounts counts() { return orDie(m_store->counts()); }
    QList<Account> accounts() { return orDie(m_store->accounts()); }
    Account account(qint64 id)
    {
        auto a = orDie(m_store->account(id));
        if (!a)
            qFatal("no account %lld", id);
        return *a;
    }
    QList<Link> links(qint64 id) { return orDie(m_store->linksOf(id)); }
    QList<AuditEntry> audit(std::optional<qint64> id = std::nullopt)
    {
        return orDie(m_store->audit(id));
    }

    // An account made outside JIT (admin, SCIM), optionally linked.
    qint64 insert(Account a, const std::optional<Link>& link = std::nullopt)
    {
        a.created = a.updated = now;
        return orDie(m_store->transact([&](StoreTx& tx) -> Result<qint64> {
            auto id = tx.insertAccount(a);
            if (id && link) {
                Link l = *link;
                l.accountId = *id;
                l.created = now;
                if (auto added = tx.addLink(l); !added)
                    return added.error();
            }
            return id;
        }));
    }
    void setStatus(qint64 id, AccountStatus status)
    {
        orDie(m_store->transact([&](StoreTx& tx) -> Result<bool> {
            auto a = tx.accountById(id);
            if (!a)
                return a.error();
            Account changed = **a;
            changed.status = status;
            if (auto written = tx.updateAccount(changed); !written)
                return written.error();
            return true;
        }));
    }

    JitPolicy policy;
    QDateTime now = test::fixedNow();
    QString messageId;

private:
    template <typename T> static T orDie(Result<T> r)
    {
        if (!r)
            qFatal("store: %s", qPrintable(r.error().message));
        return std::move(r).value();
    }

    QTemporaryDir m_dir;
    std::optional<AccountStore> m_store;
    int m_seq = 0;
};

} // namespace

class TestProvisioner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The life of an account.
    void firstLoginCreatesAccountLinkAndAudit();
    void reLoginUpdatesFieldsAndRemovesTheLostRole();
    void renameKeepsTheAccount();
    void leaverKeepsAnActiveAccount();
    void unchangedLoginOnlyMovesLastLogin();

    // Policy choices.
    void unknownSubject_data();
    void unknownSubject();
    void unknownSubjectDenyStillAdmitsAKnownSubject();
    void syncMode_data();
    void syncMode();
    void roleRemovalOffKeepsTheLostRole();
    void missingGroups_data();
    void missingGroups();
    void linkByVerifiedEmail_data();
    void linkByVerifiedEmail();
    void linkByVerifiedEmailToASuspendedAccountWritesNothing();
    void inactiveAccount_data();
    void inactiveAccount();

    // Takeovers and look-alikes.
    void emailTakeover_data();
    void emailTakeover();
    void localAccountWithTheVictimsEmailIsNotMerged();
    void keyByEmailDemonstrationShowsTheFlaw();
    void transientNameId_data();
    void transientNameId();
    void changedPersistentSubjectMakesASecondAccount();
    void lookAlikeEmailsNeverMerge_data();
    void lookAlikeEmailsNeverMerge();
    void lookAlikeAfterAnEmailChange_data() { lookAlikeEmailsNeverMerge_data(); }
    void lookAlikeAfterAnEmailChange();
    void roleEscalation_data();
    void roleEscalation();

    // Hostile values, replay, store errors.
    void hostileValuesStoredLiterallyShownEscaped_data();
    void hostileValuesStoredLiterallyShownEscaped();
    void displayValueEscapesAndBounds_data();
    void displayValueEscapesAndBounds();
    void replayedAssertionIsDenied();
    void storeErrorMidTransactionRollsBack_data();
    void storeErrorMidTransactionRollsBack();
};

void TestProvisioner::firstLoginCreatesAccountLinkAndAudit()
{
    Sp sp;
    QCOMPARE(sp.counts(), StoreCounts{});
    const MappedLogin login = alice();
    auto out = sp.login(login);
    QVERIFY2(out, why(out));

    QCOMPARE(out->action, Action::Created);
    QVERIFY(out->provisioned());
    QVERIFY(out->account);
    QVERIFY(out->account->id > 0);
    QCOMPARE(out->messageId, sp.messageId);
    QCOMPARE(out->policy, JitPolicy().describe());
    QCOMPARE(out->rolesAdded(),
             (QStringList{QStringLiteral("engineering"), QStringLiteral("user")}));
    QVERIFY(out->rolesRemoved().isEmpty());
    QVERIFY(anyContains(out->reasons, QStringLiteral("account created")));
    QVERIFY2(out->warnings.isEmpty(), qPrintable(out->warnings.join(u'|')));

    const QList<FieldChange> expectedDiff{
        {QStringLiteral("userName"), {}, QStringLiteral("alice")},
        {QStringLiteral("email"), {}, kAliceMail},
        {QStringLiteral("givenName"), {}, QStringLiteral("Alice")},
        {QStringLiteral("familyName"), {}, QStringLiteral("Liddell")},
        {QStringLiteral("displayName"), {}, QStringLiteral("Alice Liddell")},
        {QStringLiteral("department"), {}, QStringLiteral("Engineering")},
        {QStringLiteral("roles"), {}, QStringLiteral("engineering")},
        {QStringLiteral("roles"), {}, QStringLiteral("user")},
    };
    QCOMPARE(out->diff, expectedDiff);

    // The rows.
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 1, 0, 0, 0}));
    const QList<Account> accounts = sp.accounts();
    QCOMPARE(accounts.size(), 1);
    const Account& a = accounts.first();
    QCOMPARE(a, *out->account);
    QCOMPARE(a.status, AccountStatus::Active);
    QCOMPARE(a.provisionedBy, Provisioning::Jit);
    QCOMPARE(a.profile, login.profile);
    QCOMPARE(a.roles, login.rolesGranted);
    QCOMPARE(a.created, sp.now);
    QCOMPARE(a.updated, sp.now);
    QCOMPARE(a.lastLogin, sp.now);

    const QList<Link> links = sp.links(a.id);
    QCOMPARE(links, (QList<Link>{{kIdp, QStringLiteral("alice"), kPersistent, a.id, sp.now}}));

    const QList<AuditEntry> audit = sp.audit();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].action, QStringLiteral("created"));
    QCOMPARE(audit[0].actor, Actor::Jit);
    QCOMPARE(audit[0].accountId, a.id);
    QCOMPARE(audit[0].at, sp.now);
    QCOMPARE(audit[0].diff, expectedDiff);
    QCOMPARE(audit[0].messageId, sp.messageId);
    QCOMPARE(audit[0].reasons, out->reasons + out->warnings);

    const QJsonObject json = outcomeJson(*out);
    QCOMPARE(json.value(QStringLiteral("action")).toString(), QStringLiteral("created"));
    QCOMPARE(
        json.value(QStringLiteral("account")).toObject().value(QStringLiteral("id")).toInteger(),
        a.id);
}

void TestProvisioner::reLoginUpdatesFieldsAndRemovesTheLostRole()
{
    Sp sp;
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    const QDateTime createdAt = sp.now;

    MappedLogin changed = alice();
    changed.profile.givenName = QStringLiteral("Alicia");
    changed.profile.displayName = QStringLiteral("Alicia Liddell");
    changed.rolesGranted = {QStringLiteral("sales"), QStringLiteral("user")}; // engineering lost
    sp.now = sp.now.addDays(30);
    auto second = sp.login(changed);
    QVERIFY2(second, why(second));

    QCOMPARE(second->action, Action::Updated);
    QCOMPARE(second->account->id, first->account->id);
    const QList<FieldChange> expectedDiff{
        {QStringLiteral("givenName"), QStringLiteral("Alice"), QStringLiteral("Alicia")},
        {QStringLiteral("displayName"), QStringLiteral("Alice Liddell"),
         QStringLiteral("Alicia Liddell")},
        {QStringLiteral("roles"), QStringLiteral("engineering"), {}},
        {QStringLiteral("roles"), {}, QStringLiteral("sales")},
    };
    QCOMPARE(second->diff, expectedDiff);
    QCOMPARE(second->rolesRemoved(), QStringList{QStringLiteral("engineering")});
    QCOMPARE(second->rolesAdded(), QStringList{QStringLiteral("sales")});

    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 2, 0, 0, 0}));
    const Account a = sp.account(first->account->id);
    QCOMPARE(a.profile.givenName, QStringLiteral("Alicia"));
    QCOMPARE(a.roles, (QStringList{QStringLiteral("sales"), QStringLiteral("user")}));
    QCOMPARE(a.created, createdAt);
    QCOMPARE(a.updated, sp.now);
    QCOMPARE(a.lastLogin, sp.now);

    const QList<AuditEntry> audit = sp.audit(a.id);
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[1].action, QStringLiteral("updated"));
    QCOMPARE(audit[1].diff, expectedDiff);
    QCOMPARE(audit[1].messageId, sp.messageId);
    QCOMPARE(audit[1].at, sp.now);

    const QString text = outcomeText(*second);
    QVERIFY2(text.contains(QStringLiteral("givenName: Alice -> Alicia")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("- role engineering")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("+ role sales")), qPrintable(text));
}

void TestProvisioner::renameKeepsTheAccount()
{
    Sp sp;
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));

    MappedLogin renamed = alice();
    renamed.profile.userName = QStringLiteral("alice.hargreaves");
    renamed.profile.email = QStringLiteral("alice.hargreaves@contoso.example");
    renamed.profile.familyName = QStringLiteral("Hargreaves");
    renamed.profile.displayName = QStringLiteral("Alice Hargreaves");
    auto second = sp.login(renamed);
    QVERIFY2(second, why(second));

    QCOMPARE(second->action, Action::Updated);
    QCOMPARE(second->account->id, first->account->id);
    QVERIFY(second->diff.contains(
        FieldChange{QStringLiteral("email"), kAliceMail, renamed.profile.email}));
    QVERIFY(second->diff.contains(FieldChange{QStringLiteral("userName"), QStringLiteral("alice"),
                                              QStringLiteral("alice.hargreaves")}));
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 2, 0, 0, 0}));
    QCOMPARE(sp.account(first->account->id).profile, renamed.profile);
    QCOMPARE(sp.links(first->account->id).size(), 1);
}

void TestProvisioner::leaverKeepsAnActiveAccount()
{
    Sp sp;
    auto a = sp.login(alice());
    QVERIFY2(a, why(a));
    auto b = sp.login(samlLogin(QStringLiteral("bob"), QStringLiteral("bob@contoso.example"),
                                {QStringLiteral("admin")}));
    QVERIFY2(b, why(b));
    const Account bobAtCreation = sp.account(b->account->id);

    // Bob leaves the company the next day and never signs in again; Alice
    // signs in every month for a year.
    for (int month = 0; month < 12; ++month) {
        sp.now = sp.now.addMonths(1);
        auto again = sp.login(alice());
        QVERIFY2(again, why(again));
        QCOMPARE(again->account->id, a->account->id);
    }

    QCOMPARE(sp.counts(), (StoreCounts{2, 2, 14, 0, 0, 0}));
    const Account bob = sp.account(b->account->id);
    QCOMPARE(bob, bobAtCreation);
    QCOMPARE(bob.status, AccountStatus::Active);
    QCOMPARE(bob.roles, QStringList{QStringLiteral("admin")});
    QCOMPARE(sp.audit(bob.id).size(), 1);
    QCOMPARE(sp.links(bob.id).size(), 1);
}

void TestProvisioner::unchangedLoginOnlyMovesLastLogin()
{
    Sp sp;
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    const Account before = sp.account(first->account->id);
    auto second = sp.login(alice());
    QVERIFY2(second, why(second));

    QCOMPARE(second->action, Action::Unchanged);
    QVERIFY(second->diff.isEmpty());
    Account expected = before;
    expected.lastLogin = sp.now;
    QCOMPARE(sp.account(before.id), expected);
    QCOMPARE(sp.audit(before.id).last().action, QStringLiteral("unchanged"));
    QVERIFY(outcomeText(*second).contains(QStringLiteral("no change")));
}

void TestProvisioner::unknownSubject_data()
{
    QTest::addColumn<UnknownSubject>("policy");
    QTest::addColumn<QString>("email");
    QTest::addColumn<Action>("expected");

    QTest::newRow("create") << UnknownSubject::Create << kAliceMail << Action::Created;
    QTest::newRow("create, no e-mail") << UnknownSubject::Create << QString() << Action::Created;
    QTest::newRow("deny") << UnknownSubject::Deny << kAliceMail << Action::Denied;

    const auto allowed = UnknownSubject::CreateAllowedDomains;
    QTest::newRow("allowed domain") << allowed << kAliceMail << Action::Created;
    QTest::newRow("allowed domain, upper case")
        << allowed << QStringLiteral("ALICE@CONTOSO.EXAMPLE") << Action::Created;
    QTest::newRow("allowed domain, mixed case")
        << allowed << QStringLiteral("alice@Contoso.Example") << Action::Created;
    QTest::newRow("suffix of another domain")
        << allowed << QStringLiteral("alice@contoso.example.evil.com") << Action::Denied;
    QTest::newRow("suffix of another domain, upper case")
        << allowed << QStringLiteral("ALICE@CONTOSO.EXAMPLE.EVIL.COM") << Action::Denied;
    QTest::newRow("allowed domain as a suffix")
        << allowed << QStringLiteral("alice@evilcontoso.example") << Action::Denied;
    QTest::newRow("allowed domain as a suffix, upper case")
        << allowed << QStringLiteral("ALICE@EVILCONTOSO.EXAMPLE") << Action::Denied;
    QTest::newRow("subdomain") << allowed << QStringLiteral("alice@sub.contoso.example")
                               << Action::Denied;
    QTest::newRow("two at signs") << allowed << QStringLiteral("alice@contoso.example@evil.com")
                                  << Action::Denied;
    QTest::newRow("full-width letter in the domain")
        << allowed << s("alice@\xef\xbd\x83ontoso.example") << Action::Denied;
    QTest::newRow("Cyrillic letter in the domain")
        << allowed << s("alice@\xd1\x81ontoso.example") << Action::Denied;
    QTest::newRow("no at sign") << allowed << QStringLiteral("alice") << Action::Denied;
    QTest::newRow("no e-mail") << allowed << QString() << Action::Denied;
}

void TestProvisioner::unknownSubject()
{
    QFETCH(UnknownSubject, policy);
    QFETCH(QString, email);
    QFETCH(Action, expected);

    JitPolicy p;
    p.unknownSubject = policy;
    p.allowedDomains = {QStringLiteral("fabrikam.example"), QStringLiteral("contoso.example")};
    Sp sp(p);
    // Someone already there, so that "nothing written" is not "nothing there".
    auto bob = sp.login(samlLogin(QStringLiteral("bob"), QStringLiteral("bob@fabrikam.example")));
    QVERIFY2(bob &&
                 bob->action == (policy == UnknownSubject::Deny ? Action::Denied : Action::Created),
             why(bob));
    const StoreCounts before = sp.counts();
    const QList<Account> accountsBefore = sp.accounts();

    auto out = sp.login(samlLogin(QStringLiteral("alice"), email));
    QVERIFY2(out, why(out));
    QCOMPARE(out->action, expected);
    if (expected == Action::Denied) {
        QVERIFY(!out->account);
        QCOMPARE(sp.counts(), before);
        QCOMPARE(sp.accounts(), accountsBefore);
        QVERIFY(!out->reasons.isEmpty());
    } else {
        QCOMPARE(sp.counts(), (StoreCounts{before.accounts + 1, before.links + 1, before.audit + 1,
                                           before.replay, 0, 0}));
        if (policy == UnknownSubject::CreateAllowedDomains)
            QVERIFY2(anyContains(out->reasons, QStringLiteral("is allowed")),
                     qPrintable(out->reasons.join(u'|')));
    }
}

void TestProvisioner::unknownSubjectDenyStillAdmitsAKnownSubject()
{
    JitPolicy p;
    p.unknownSubject = UnknownSubject::Deny;
    Sp sp(p);
    Account pre; // made beforehand by SCIM
    pre.provisionedBy = Provisioning::Scim;
    pre.profile.userName = QStringLiteral("alice");
    pre.profile.email = kAliceMail;
    const qint64 id = sp.insert(pre, Link{kIdp, QStringLiteral("alice"), kPersistent, 0, {}});

    auto out = sp.login(alice());
    QVERIFY2(out, why(out));
    QCOMPARE(out->action, Action::Updated);
    QCOMPARE(out->account->id, id);
    QCOMPARE(sp.account(id).provisionedBy, Provisioning::Scim);
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 1, 0, 0, 0}));
}

void TestProvisioner::syncMode_data()
{
    QTest::addColumn<SyncMode>("mode");
    QTest::newRow("every-login") << SyncMode::EveryLogin;
    QTest::newRow("first-login") << SyncMode::FirstLogin;
    QTest::newRow("never") << SyncMode::Never;
}

void TestProvisioner::syncMode()
{
    QFETCH(SyncMode, mode);
    JitPolicy p;
    p.sync = mode;
    Sp sp(p);

    const MappedLogin login = alice();
    auto first = sp.login(login);
    QVERIFY2(first, why(first));
    QCOMPARE(first->action, Action::Created);
    const Account created = sp.account(first->account->id);
    if (mode == SyncMode::Never) {
        // Created bare: the user name to know it by, nothing else.
        Profile bare;
        bare.userName = login.profile.userName;
        QCOMPARE(created.profile, bare);
        QVERIFY(created.roles.isEmpty());
        QVERIFY(anyContains(first->reasons, QStringLiteral("sync: never")));
    } else {
        QCOMPARE(created.profile, login.profile);
        QCOMPARE(created.roles, login.rolesGranted);
    }

    MappedLogin changed = login;
    changed.profile.familyName = QStringLiteral("Hargreaves");
    changed.rolesGranted = {QStringLiteral("user")};
    auto second = sp.login(changed);
    QVERIFY2(second, why(second));
    const Account after = sp.account(created.id);
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 2, 0, 0, 0}));
    QCOMPARE(after.lastLogin, sp.now);
    if (mode == SyncMode::EveryLogin) {
        QCOMPARE(second->action, Action::Updated);
        QCOMPARE(after.profile.familyName, QStringLiteral("Hargreaves"));
        QCOMPARE(after.roles, QStringList{QStringLiteral("user")});
    } else {
        // Nothing but lastLogin moves.
        QCOMPARE(second->action, Action::Unchanged);
        QVERIFY(second->diff.isEmpty());
        Account expected = created;
        expected.lastLogin = sp.now;
        QCOMPARE(after, expected);
        QVERIFY(anyContains(second->reasons, QStringLiteral("attributes not updated")));
    }
}

void TestProvisioner::roleRemovalOffKeepsTheLostRole()
{
    JitPolicy p;
    p.removeRoles = false;
    Sp sp(p);
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));

    MappedLogin moved = alice();
    moved.rolesGranted = {QStringLiteral("sales"), QStringLiteral("user")};
    auto second = sp.login(moved);
    QVERIFY2(second, why(second));

    QCOMPARE(second->action, Action::Updated);
    QVERIFY(second->rolesRemoved().isEmpty());
    QCOMPARE(second->rolesAdded(), QStringList{QStringLiteral("sales")});
    QVERIFY2(anyContains(second->warnings, QStringLiteral("privilege creep")),
             qPrintable(second->warnings.join(u'|')));
    QVERIFY(anyContains(second->warnings, QStringLiteral("engineering")));
    QCOMPARE(sp.account(first->account->id).roles,
             (QStringList{QStringLiteral("engineering"), QStringLiteral("sales"),
                          QStringLiteral("user")}));
    QVERIFY(anyContains(sp.audit().last().reasons, QStringLiteral("privilege creep")));
    QVERIFY(anyContains(second->policy, QStringLiteral("role removal at re-login: off (changed")));
}

void TestProvisioner::missingGroups_data()
{
    QTest::addColumn<MissingGroups>("policy");
    QTest::addColumn<GroupsState>("groups");
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QString>("warning");
    QTest::addColumn<QString>("reason");

    const QStringList before{QStringLiteral("engineering"), QStringLiteral("user")};
    const auto keep = MissingGroups::KeepRoles;
    const auto remove = MissingGroups::RemoveRoles;
    QTest::newRow("keep-roles, not sent")
        << keep << GroupsState::NotSent << QStringList() << before
        << QStringLiteral("groups not-sent: roles left as they were") << QString();
    QTest::newRow("keep-roles, overage")
        << keep << GroupsState::Overage << QStringList() << before
        << QStringLiteral("groups overage: roles left as they were") << QString();
    QTest::newRow("remove-roles, not sent")
        << remove << GroupsState::NotSent << QStringList() << QStringList() << QString()
        << QStringLiteral("groups not-sent read as no groups");
    QTest::newRow("remove-roles, overage")
        << remove << GroupsState::Overage << QStringList() << QStringList() << QString()
        << QStringLiteral("groups overage read as no groups");
    // The passing twins: groups sent, with none of the old ones, always count.
    QTest::newRow("keep-roles, sent empty")
        << keep << GroupsState::Sent << QStringList() << QStringList() << QString() << QString();
    QTest::newRow("keep-roles, sent")
        << keep << GroupsState::Sent << QStringList{QStringLiteral("sales")}
        << QStringList{QStringLiteral("sales")} << QString() << QString();
    QTest::newRow("keep-roles, not mapped")
        << keep << GroupsState::NotMapped << QStringList() << before << QString() << QString();
}

void TestProvisioner::missingGroups()
{
    QFETCH(MissingGroups, policy);
    QFETCH(GroupsState, groups);
    QFETCH(QStringList, granted);
    QFETCH(QStringList, roles);
    QFETCH(QString, warning);
    QFETCH(QString, reason);

    JitPolicy p;
    p.missingGroups = policy;
    Sp sp(p);
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));

    MappedLogin again = alice();
    again.groups = groups;
    again.rolesGranted = granted;
    auto second = sp.login(again);
    QVERIFY2(second, why(second));
    QCOMPARE(sp.account(first->account->id).roles, roles);
    QCOMPARE(second->account->roles, roles);
    if (!warning.isEmpty())
        QVERIFY2(anyContains(second->warnings, warning), qPrintable(second->warnings.join(u'|')));
    else
        QVERIFY2(!anyContains(second->warnings, QStringLiteral("groups")),
                 qPrintable(second->warnings.join(u'|')));
    if (!reason.isEmpty())
        QVERIFY2(anyContains(second->reasons, reason), qPrintable(second->reasons.join(u'|')));
}

void TestProvisioner::linkByVerifiedEmail_data()
{
    QTest::addColumn<bool>("relaxation");
    QTest::addColumn<QString>("victimIssuer"); // the issuer the victim's account came from
    QTest::addColumn<MappedLogin>("login");
    QTest::addColumn<bool>("linked");
    QTest::addColumn<QString>("explains");

    const QString otherMail = QStringLiteral("carol@contoso.example");
    MappedLogin samlVerified = samlLogin(QStringLiteral("alice-2"), kAliceMail);
    samlVerified.emailVerified = true; // a SAML attribute saying so counts for nothing
    QTest::newRow("SAML, even with emailVerified")
        << true << kIdp << samlVerified << false << QStringLiteral("SAML e-mail attributes");
    QTest::newRow("OIDC, email_verified false")
        << true << kIdp << oidcLogin(kOidc, QStringLiteral("sub-1"), kAliceMail, false) << false
        << QStringLiteral("email_verified is absent or false");
    QTest::newRow("OIDC, verified, relaxation off")
        << false << kIdp << oidcLogin(kOidc, QStringLiteral("sub-1"), kAliceMail, true) << false
        << QString();
    QTest::newRow("OIDC, verified, another issuer's account")
        << true << kIdp << oidcLogin(kOidc, QStringLiteral("sub-1"), kAliceMail, true) << true
        << QStringLiteral("by verified e-mail");
    QTest::newRow("OIDC, verified, account already has this issuer")
        << true << kOidc << oidcLogin(kOidc, QStringLiteral("sub-1"), kAliceMail, true) << false
        << QStringLiteral("already belongs to another subject of this issuer");
    QTest::newRow("OIDC, verified, case look-alike")
        << true << kIdp
        << oidcLogin(kOidc, QStringLiteral("sub-1"), QStringLiteral("Alice@Contoso.example"), true)
        << false << QStringLiteral("not merged");
    QTest::newRow("OIDC, verified, full-width look-alike")
        << true << kIdp
        << oidcLogin(kOidc, QStringLiteral("sub-1"), s("\xef\xbd\x81lice@contoso.example"), true)
        << false << QStringLiteral("not merged");
    QTest::newRow("OIDC, verified, nobody has it")
        << true << kIdp << oidcLogin(kOidc, QStringLiteral("sub-1"), otherMail, true) << false
        << QString();
}

void TestProvisioner::linkByVerifiedEmail()
{
    QFETCH(bool, relaxation);
    QFETCH(QString, victimIssuer);
    QFETCH(MappedLogin, login);
    QFETCH(bool, linked);
    QFETCH(QString, explains);

    JitPolicy p;
    p.linkByVerifiedEmail = relaxation;
    Sp sp(p);
    MappedLogin victim = alice();
    victim.issuer = victimIssuer;
    if (victimIssuer == kOidc)
        victim.nameIdFormat.clear();
    auto first = sp.login(victim);
    QVERIFY2(first, why(first));
    const qint64 victimId = first->account->id;

    auto out = sp.login(login);
    QVERIFY2(out, why(out));
    const QString said = (out->reasons + out->warnings).join(u'|');
    if (!explains.isEmpty())
        QVERIFY2(said.contains(explains), qPrintable(said));
    if (linked) {
        QCOMPARE(out->action, Action::Linked);
        QCOMPARE(out->account->id, victimId);
        QCOMPARE(sp.counts(), (StoreCounts{1, 2, 2, 0, 0, 0}));
        const QList<Link> links = sp.links(victimId);
        QCOMPARE(links.size(), 2);
        QCOMPARE(links[1], (Link{kOidc, login.subject, QString(), victimId, sp.now}));
        QCOMPARE(sp.audit().last().action, QStringLiteral("linked"));
    } else {
        QCOMPARE(out->action, Action::Created);
        QVERIFY(out->account->id != victimId);
        QCOMPARE(sp.counts(), (StoreCounts{2, 2, 2, 0, 0, 0}));
        QCOMPARE(sp.links(victimId).size(), 1);
    }
}

void TestProvisioner::linkByVerifiedEmailToASuspendedAccountWritesNothing()
{
    JitPolicy p;
    p.linkByVerifiedEmail = true;
    Sp sp(p);
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    sp.setStatus(first->account->id, AccountStatus::Suspended);
    const StoreCounts before = sp.counts();

    auto out = sp.login(oidcLogin(kOidc, QStringLiteral("sub-1"), kAliceMail, true));
    QVERIFY2(out, why(out));
    QCOMPARE(out->action, Action::Denied);
    QCOMPARE(sp.counts(), before);
    QCOMPARE(sp.links(first->account->id).size(), 1);
    QVERIFY(!anyContains(out->reasons, QStringLiteral("linked to account")));

    // The passing twin: reactivation lets it in and links.
    sp.policy.inactive = InactivePolicy::Reactivate;
    auto again = sp.login(oidcLogin(kOidc, QStringLiteral("sub-1"), kAliceMail, true));
    QVERIFY2(again, why(again));
    QCOMPARE(again->action, Action::Reactivated);
    QCOMPARE(sp.links(first->account->id).size(), 2);
}

void TestProvisioner::inactiveAccount_data()
{
    QTest::addColumn<AccountStatus>("status");
    QTest::addColumn<InactivePolicy>("policy");
    QTest::newRow("suspended, deny") << AccountStatus::Suspended << InactivePolicy::Deny;
    QTest::newRow("deleted, deny") << AccountStatus::Deleted << InactivePolicy::Deny;
    QTest::newRow("suspended, reactivate")
        << AccountStatus::Suspended << InactivePolicy::Reactivate;
    QTest::newRow("deleted, reactivate") << AccountStatus::Deleted << InactivePolicy::Reactivate;
}

void TestProvisioner::inactiveAccount()
{
    QFETCH(AccountStatus, status);
    QFETCH(InactivePolicy, policy);

    JitPolicy p;
    p.inactive = policy;
    Sp sp(p);
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    const qint64 id = first->account->id;
    sp.setStatus(id, status);
    const Account before = sp.account(id);
    const StoreCounts countsBefore = sp.counts();

    MappedLogin again = alice();
    again.profile.jobTitle = QStringLiteral("Engineer");
    auto out = sp.login(again);
    QVERIFY2(out, why(out));
    if (policy == InactivePolicy::Deny) {
        QCOMPARE(out->action, Action::Denied);
        QCOMPARE(out->account->id, id);
        QVERIFY2(anyContains(out->reasons, QStringLiteral("policy inactive: deny")),
                 qPrintable(out->reasons.join(u'|')));
        QCOMPARE(sp.counts(), countsBefore);
        QCOMPARE(sp.account(id), before);
    } else {
        QCOMPARE(out->action, Action::Reactivated);
        QVERIFY(out->diff.contains(FieldChange{QStringLiteral("status"), accountStatusName(status),
                                               QStringLiteral("active")}));
        const Account after = sp.account(id);
        QCOMPARE(after.status, AccountStatus::Active);
        QCOMPARE(after.profile.jobTitle, QStringLiteral("Engineer"));
        QCOMPARE(sp.counts(), (StoreCounts{1, 1, countsBefore.audit + 1, 0, 0, 0}));
        const AuditEntry last = sp.audit(id).last();
        QCOMPARE(last.action, QStringLiteral("reactivated"));
        QCOMPARE(last.diff, out->diff);
    }
}

void TestProvisioner::emailTakeover_data()
{
    QTest::addColumn<MappedLogin>("login");
    QTest::addColumn<bool>("victims");

    QTest::newRow("another issuer, same subject and e-mail")
        << samlLogin(QStringLiteral("alice"), kAliceMail, {QStringLiteral("user")}, kOtherIdp)
        << false;
    QTest::newRow("same issuer, another subject, same e-mail")
        << samlLogin(QStringLiteral("mallory"), kAliceMail) << false;
    QTest::newRow("OIDC issuer, unverified e-mail")
        << oidcLogin(kOidc, QStringLiteral("alice"), kAliceMail, false) << false;
    QTest::newRow("another IdP, subject scoped to the victim's domain")
        << samlLogin(kAliceMail, kAliceMail, {QStringLiteral("user")}, kOtherIdp) << false;
    QTest::newRow("same subject, another NameID format") << [] {
        MappedLogin l = samlLogin(QStringLiteral("alice"), kAliceMail);
        l.nameIdFormat = QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        return l;
    }() << false;
    // The passing twin.
    QTest::newRow("the victim's own subject") << alice() << true;
}

void TestProvisioner::emailTakeover()
{
    QFETCH(MappedLogin, login);
    QFETCH(bool, victims);

    Sp sp;
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    const Account victim = sp.account(first->account->id);

    auto out = sp.login(login);
    QVERIFY2(out, why(out));
    if (victims) {
        QCOMPARE(out->account->id, victim.id);
        QVERIFY(!anyContains(out->warnings, QStringLiteral("not merged")));
        return;
    }
    QCOMPARE(out->action, Action::Created);
    QVERIFY(out->account->id != victim.id);
    QVERIFY(!out->account->roles.contains(QStringLiteral("engineering")));
    QVERIFY2(anyContains(out->warnings, QStringLiteral("account #%1").arg(victim.id)),
             qPrintable(out->warnings.join(u'|')));
    QVERIFY(anyContains(out->warnings, QStringLiteral("not merged")));
    QCOMPARE(sp.account(victim.id), victim);
    QCOMPARE(sp.links(victim.id).size(), 1);
    QCOMPARE(sp.counts(), (StoreCounts{2, 2, 2, 0, 0, 0}));
}

void TestProvisioner::localAccountWithTheVictimsEmailIsNotMerged()
{
    Sp sp;
    Account local; // pre-created by an admin, no link
    local.provisionedBy = Provisioning::Admin;
    local.profile.userName = QStringLiteral("alice");
    local.profile.email = kAliceMail;
    local.roles = {QStringLiteral("admin")};
    const qint64 localId = sp.insert(local);
    const Account before = sp.account(localId);

    auto out = sp.login(alice());
    QVERIFY2(out, why(out));
    QCOMPARE(out->action, Action::Created);
    QVERIFY(out->account->id != localId);
    QVERIFY(!out->account->roles.contains(QStringLiteral("admin")));
    QVERIFY2(anyContains(out->warnings, QStringLiteral("account #%1").arg(localId)),
             qPrintable(out->warnings.join(u'|')));
    QCOMPARE(sp.account(localId), before);
    QVERIFY(sp.links(localId).isEmpty());
}

void TestProvisioner::keyByEmailDemonstrationShowsTheFlaw()
{
    JitPolicy naive;
    naive.keyByEmail = true;
    Sp sp(naive);
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    const qint64 victimId = first->account->id;
    QVERIFY(anyContains(first->policy, QStringLiteral("accounts keyed by: e-mail")));

    // Another issuer's user asserting the victim's e-mail gets her account.
    auto attacker = sp.login(
        samlLogin(QStringLiteral("mallory"), kAliceMail, {QStringLiteral("user")}, kOtherIdp));
    QVERIFY2(attacker, why(attacker));
    QCOMPARE(attacker->account->id, victimId);
    QVERIFY2(anyContains(attacker->warnings, QStringLiteral("e-mail alone")),
             qPrintable(attacker->warnings.join(u'|')));
    QVERIFY(anyContains(sp.audit(victimId).last().reasons, QStringLiteral("e-mail alone")));

    // The victim's e-mail changes: a duplicate account.
    MappedLogin renamed = alice();
    renamed.profile.email = QStringLiteral("alice.hargreaves@contoso.example");
    auto dup = sp.login(renamed);
    QVERIFY2(dup, why(dup));
    QCOMPARE(dup->action, Action::Created);
    QVERIFY(dup->account->id != victimId);
    QCOMPARE(sp.counts().accounts, qint64(2));

    // The passing twin: the default policy, the same three logins.
    Sp careful;
    auto c1 = careful.login(alice());
    auto c2 = careful.login(
        samlLogin(QStringLiteral("mallory"), kAliceMail, {QStringLiteral("user")}, kOtherIdp));
    auto c3 = careful.login(renamed);
    QVERIFY(c1 && c2 && c3);
    QVERIFY(c2->account->id != c1->account->id);
    QCOMPARE(c3->account->id, c1->account->id);
    QCOMPARE(c3->action, Action::Updated);
    QCOMPARE(careful.counts().accounts, qint64(2));
}

void TestProvisioner::transientNameId_data()
{
    QTest::addColumn<bool>("session");
    QTest::newRow("transient: deny") << false;
    QTest::newRow("transient: session") << true;
}

void TestProvisioner::transientNameId()
{
    QFETCH(bool, session);
    JitPolicy p;
    p.transient = session ? TransientPolicy::SessionOnly : TransientPolicy::Deny;
    Sp sp(p);
    auto existing = sp.login(alice());
    QVERIFY2(existing, why(existing));
    const StoreCounts before = sp.counts();

    MappedLogin transient = alice();
    transient.subject = QStringLiteral("_a7c1e9f0transient");
    transient.nameIdFormat = kTransient;
    auto out = sp.login(transient, sp.mark(QStringLiteral("_assertion-t1")));
    QVERIFY2(out, why(out));
    const StoreCounts after = sp.counts();
    QCOMPARE(after.accounts, before.accounts);
    QCOMPARE(after.links, before.links);
    QCOMPARE(after.audit, before.audit);
    if (!session) {
        QCOMPARE(out->action, Action::Denied);
        QVERIFY(anyContains(out->reasons, QStringLiteral("transient")));
        QCOMPARE(after, before);
        return;
    }
    QCOMPARE(out->action, Action::SessionOnly);
    QVERIFY(out->provisioned());
    QVERIFY(out->account);
    QCOMPARE(out->account->id, qint64(0));
    QCOMPARE(out->account->profile, transient.profile);
    // The assertion is spent even though no account was made.
    QCOMPARE(after.replay, before.replay + 1);
    auto replayed = sp.login(transient, sp.mark(QStringLiteral("_assertion-t1")));
    QVERIFY2(replayed, why(replayed));
    QCOMPARE(replayed->action, Action::Denied);
    QCOMPARE(sp.counts(), after);
}

void TestProvisioner::changedPersistentSubjectMakesASecondAccount()
{
    Sp sp;
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    MappedLogin changed = alice();
    changed.subject = QStringLiteral("alice-reissued");
    auto second = sp.login(changed);
    QVERIFY2(second, why(second));
    QCOMPARE(second->action, Action::Created);
    QVERIFY(second->account->id != first->account->id);
    QVERIFY(anyContains(second->warnings, QStringLiteral("not merged")));
    QCOMPARE(sp.counts(), (StoreCounts{2, 2, 2, 0, 0, 0}));
    QCOMPARE(sp.account(first->account->id), *first->account);
}

void TestProvisioner::lookAlikeEmailsNeverMerge_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("how"); // empty: no collision
    QTest::newRow("same e-mail, another subject") << kAliceMail << QStringLiteral("e-mail '");
    QTest::newRow("case") << QStringLiteral("Alice@Contoso.example")
                          << QStringLiteral("ignoring case and width");
    QTest::newRow("full-width letters") << s("\xef\xbd\x81\xef\xbd\x8c"
                                             "ice@contoso.example")
                                        << QStringLiteral("ignoring case and width");
    QTest::newRow("Cyrillic a") << s("\xd0\xb0lice@contoso.example")
                                << QStringLiteral("looks like");
    QTest::newRow("Cyrillic capital A")
        << s("\xd0\x90lice@contoso.example") << QStringLiteral("looks like");
    QTest::newRow("another person") << QStringLiteral("bob@contoso.example") << QString();
}

void TestProvisioner::lookAlikeEmailsNeverMerge()
{
    QFETCH(QString, email);
    QFETCH(QString, how);

    Sp sp;
    auto first = sp.login(alice());
    QVERIFY2(first, why(first));
    const qint64 victimId = first->account->id;

    // Another subject of the same IdP; its user name differs too, so that
    // only the e-mail can collide.
    MappedLogin other = samlLogin(QStringLiteral("u-7731"), email);
    auto out = sp.login(other);
    QVERIFY2(out, why(out));
    QCOMPARE(out->action, Action::Created);
    QVERIFY(out->account->id != victimId);
    QCOMPARE(sp.counts().accounts, qint64(2));
    QCOMPARE(sp.account(victimId), *first->account);
    QCOMPARE(sp.account(out->account->id).profile.email, email); // stored as sent
    if (how.isEmpty()) {
        QVERIFY2(out->warnings.isEmpty(), qPrintable(out->warnings.join(u'|')));
        return;
    }
    QCOMPARE(out->warnings.size(), 1);
    QVERIFY2(out->warnings[0].contains(how), qPrintable(out->warnings[0]));
    QVERIFY2(out->warnings[0].contains(QStringLiteral("account #%1").arg(victimId)),
             qPrintable(out->warnings[0]));
}

// The same collisions, reached by a later login that changes an existing
// account's e-mail: reported, the two accounts stay apart.
void TestProvisioner::lookAlikeAfterAnEmailChange()
{
    QFETCH(QString, email);
    QFETCH(QString, how);

    Sp sp;
    auto victim = sp.login(alice());
    QVERIFY2(victim, why(victim));
    auto before =
        sp.login(samlLogin(QStringLiteral("u-7731"), QStringLiteral("u7731@contoso.example")));
    QVERIFY2(before, why(before));
    QVERIFY(before->warnings.isEmpty());

    auto changed = sp.login(samlLogin(QStringLiteral("u-7731"), email));
    QVERIFY2(changed, why(changed));
    QCOMPARE(changed->action, Action::Updated);
    QCOMPARE(changed->account->id, before->account->id);
    QCOMPARE(sp.counts().accounts, qint64(2));
    QCOMPARE(sp.account(victim->account->id), *victim->account);
    if (how.isEmpty()) {
        QVERIFY2(changed->warnings.isEmpty(), qPrintable(changed->warnings.join(u'|')));
        return;
    }
    QCOMPARE(changed->warnings.size(), 1);
    QVERIFY2(changed->warnings[0].contains(how), qPrintable(changed->warnings[0]));
    QVERIFY2(changed->warnings[0].contains(QStringLiteral("account #%1").arg(victim->account->id)),
             qPrintable(changed->warnings[0]));
    QVERIFY2(changed->warnings[0].contains(QStringLiteral("keeps its own subject")),
             qPrintable(changed->warnings[0]));

    // Logging in again with the unchanged e-mail raises nothing new.
    auto again = sp.login(samlLogin(QStringLiteral("u-7731"), email));
    QVERIFY2(again, why(again));
    QVERIFY2(again->warnings.isEmpty(), qPrintable(again->warnings.join(u'|')));
}

void TestProvisioner::roleEscalation_data()
{
    QTest::addColumn<MappedLogin>("login");
    QTest::addColumn<QStringList>("roles");

    MappedLogin noRoles =
        samlLogin(QStringLiteral("mallory"), QStringLiteral("m@contoso.example"), {});
    QTest::newRow("groups sent, none granting") << noRoles << QStringList();
    MappedLogin notSent = noRoles;
    notSent.groups = GroupsState::NotSent;
    QTest::newRow("groups not sent") << notSent << QStringList();
    MappedLogin overage = noRoles;
    overage.groups = GroupsState::Overage;
    QTest::newRow("groups overage") << overage << QStringList();
    QTest::newRow("the admin's subject from another issuer")
        << samlLogin(QStringLiteral("root"), QStringLiteral("root@contoso.example"), {}, kOtherIdp)
        << QStringList();
    QTest::newRow("the admin's e-mail")
        << samlLogin(QStringLiteral("mallory"), QStringLiteral("root@contoso.example"), {})
        << QStringList();
    QTest::newRow("a look-alike of the admin's user name")
        << samlLogin(s("r\xd0\xbe\xd0\xbet"), QStringLiteral("m@contoso.example"), {})
        << QStringList();
    // The passing twin: what the mapping grants is what the account gets.
    QTest::newRow("granted user") << samlLogin(QStringLiteral("mallory"),
                                               QStringLiteral("m@contoso.example"),
                                               {QStringLiteral("user")})
                                  << QStringList{QStringLiteral("user")};
}

void TestProvisioner::roleEscalation()
{
    QFETCH(MappedLogin, login);
    QFETCH(QStringList, roles);

    Sp sp;
    auto admin = sp.login(samlLogin(QStringLiteral("root"), QStringLiteral("root@contoso.example"),
                                    {QStringLiteral("admin")}));
    QVERIFY2(admin, why(admin));
    const Account adminBefore = sp.account(admin->account->id);

    auto out = sp.login(login);
    QVERIFY2(out, why(out));
    QCOMPARE(out->action, Action::Created);
    QVERIFY(out->account->id != adminBefore.id);
    QCOMPARE(sp.account(out->account->id).roles, roles);
    QCOMPARE(sp.account(adminBefore.id), adminBefore);

    // And a second login of the same subject does not pick admin up either.
    auto again = sp.login(login);
    QVERIFY2(again, why(again));
    QCOMPARE(sp.account(out->account->id).roles, roles);
}

void TestProvisioner::hostileValuesStoredLiterallyShownEscaped_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    const QString markup = QStringLiteral("<script>alert(1)</script><b onload=\"x()\">&amp;");
    const QString forged = QStringLiteral("Alice\nJIT: CREATED account #1\n  because: trusted");
    const QString formula = QStringLiteral("=cmd|' /C calc'!A0");
    const QString controls = s("A\x1b[31mred\x1b[0m\x07\r\x7f\xc2\x85\xe2\x80\xae"
                               "gnp.exe\xe2\x80\xa8\xe2\x80\xa9\xf3\xa0\x80\x81");
    QString megabyte;
    megabyte.reserve(1 << 20);
    while (megabyte.size() < (1 << 20))
        megabyte += QStringLiteral("<x>\n=A1\t");
    megabyte.truncate(1 << 20);

    for (const char* f : {"displayName", "email", "subject"}) {
        const QString field = QString::fromLatin1(f);
        QTest::addRow("%s: markup", f) << field << markup;
        QTest::addRow("%s: newlines", f) << field << forged;
        QTest::addRow("%s: formula", f) << field << formula;
        QTest::addRow("%s: control characters", f) << field << controls;
        QTest::addRow("%s: 1 MB", f) << field << megabyte;
    }
}

void TestProvisioner::hostileValuesStoredLiterallyShownEscaped()
{
    QFETCH(QString, field);
    QFETCH(QString, value);

    Sp sp;
    // So that an e-mail look-alike warning quotes the value too.
    auto bob = sp.login(samlLogin(QStringLiteral("bob"), QStringLiteral("bob@contoso.example")));
    QVERIFY2(bob, why(bob));

    MappedLogin login = alice();
    if (field == QLatin1String("subject"))
        login.subject = login.profile.userName = value;
    else
        QVERIFY(setProfileValue(login.profile, field, value));
    auto out = sp.login(login);
    QVERIFY2(out, why(out));
    QCOMPARE(out->action, Action::Created);

    // Stored literally, read back equal, and found again by the same key.
    const Account stored = sp.account(out->account->id);
    QCOMPARE(stored.profile, login.profile);
    const QList<Link> links = sp.links(stored.id);
    QCOMPARE(links.size(), 1);
    QVERIFY(links[0].subject == login.subject);
    const AuditEntry audit = sp.audit(stored.id).first();
    QCOMPARE(audit.diff, out->diff);
    auto again = sp.login(login);
    QVERIFY2(again, why(again));
    QCOMPARE(again->action, Action::Unchanged);
    QCOMPARE(again->account->id, stored.id);

    // Shown escaped and bounded: every line is one of ours, no control
    // character reaches the terminal, and a megabyte stays short.
    for (const Outcome& o : {*out, *again}) {
        const QString text = outcomeText(o);
        QVERIFY2(text.size() < 6000, qPrintable(QString::number(text.size())));
        const QStringList lines = text.split(u'\n');
        QVERIFY(lines.last().isEmpty());
        for (const QString& line : lines.first(lines.size() - 1)) {
            QVERIFY2(line.startsWith(QLatin1String("JIT: ")) ||
                         line.startsWith(QLatin1String("  ")),
                     qPrintable(line.left(200)));
            QVERIFY2(!line.startsWith(QLatin1String("  because: trusted")),
                     qPrintable(line.left(200)));
            for (const char32_t cp : line.toUcs4()) {
                const QChar::Category c = QChar::category(cp);
                QVERIFY2(c != QChar::Other_Control && c != QChar::Other_Format &&
                             c != QChar::Separator_Line && c != QChar::Separator_Paragraph &&
                             c != QChar::Other_Surrogate,
                         qPrintable(QStringLiteral("U+%1 in: %2")
                                        .arg(uint(cp), 4, 16, QLatin1Char('0'))
                                        .arg(line.left(200))));
            }
        }
    }
    if (field == QLatin1String("displayName")) {
        const QString text = outcomeText(*out);
        if (value.size() > 1000)
            QVERIFY2(text.contains(QStringLiteral("(1048576 characters)")), qPrintable(text));
        else if (value.contains(u'\n'))
            QVERIFY2(text.contains(QStringLiteral("Alice\\nJIT: CREATED")), qPrintable(text));
        else if (value.startsWith(u'<') || value.startsWith(u'='))
            QVERIFY2(text.contains(value), qPrintable(text)); // printable: shown as is
    }
}

void TestProvisioner::displayValueEscapesAndBounds_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shown");

    QTest::newRow("plain") << QStringLiteral("Alice <a@b> =SUM(A1)")
                           << QStringLiteral("Alice <a@b> =SUM(A1)");
    QTest::newRow("newline, tab, backslash")
        << QStringLiteral("a\nb\tc\\d") << QStringLiteral("a\\nb\\tc\\\\d");
    QTest::newRow("carriage return, escape, bell")
        << s("\r\x1b[2J\x07") << QStringLiteral("\\u000d\\u001b[2J\\u0007");
    QTest::newRow("DEL and C1") << s("\x7f\xc2\x85\xc2\x9b")
                                << QStringLiteral("\\u007f\\u0085\\u009b");
    QTest::newRow("bidi override, zero-width space")
        << s("\xe2\x80\xae\xe2\x80\x8b") << QStringLiteral("\\u202e\\u200b");
    QTest::newRow("line and paragraph separators") << s("a\xe2\x80\xa8"
                                                        "b\xe2\x80\xa9")
                                                   << QStringLiteral("a\\u2028b\\u2029");
    QTest::newRow("tag characters") << s("x\xf3\xa0\x80\x81") << QStringLiteral("x\\U000e0001");
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) << QStringLiteral("\\ud800");
    QTest::newRow("a pair kept") << s("\xf0\x9f\x99\x82 \xd0\xb0")
                                 << s("\xf0\x9f\x99\x82 \xd0\xb0");
    QTest::newRow("200 characters") << QString(200, u'x') << QString(200, u'x');
    QTest::newRow("201 characters")
        << QString(201, u'x') << QString(200, u'x') + s("\xe2\x80\xa6 (201 characters)");
}

void TestProvisioner::displayValueEscapesAndBounds()
{
    QFETCH(QString, value);
    QFETCH(QString, shown);
    QCOMPARE(displayValue(value), shown);
}

void TestProvisioner::replayedAssertionIsDenied()
{
    JitPolicy p;
    p.unknownSubject = UnknownSubject::Deny;
    Sp sp(p);

    // A denied login does not spend its assertion.
    auto denied = sp.login(alice(), sp.mark(QStringLiteral("_a1")));
    QVERIFY2(denied, why(denied));
    QCOMPARE(denied->action, Action::Denied);
    QCOMPARE(sp.counts(), StoreCounts{});

    // Once the policy lets it in, the same assertion is provisioned and
    // remembered, with the account, in one transaction.
    sp.policy.unknownSubject = UnknownSubject::Create;
    auto first = sp.login(alice(), sp.mark(QStringLiteral("_a1")));
    QVERIFY2(first, why(first));
    QCOMPARE(first->action, Action::Created);
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 1, 1, 0, 0}));
    const Account account = sp.account(first->account->id);

    // The same assertion again: denied, nothing written.
    MappedLogin changed = alice();
    changed.profile.givenName = QStringLiteral("Mallory");
    auto replayed = sp.login(changed, sp.mark(QStringLiteral("_a1")));
    QVERIFY2(replayed, why(replayed));
    QCOMPARE(replayed->action, Action::Denied);
    QVERIFY2(anyContains(replayed->reasons, QStringLiteral("_a1 was already used")),
             qPrintable(replayed->reasons.join(u'|')));
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 1, 1, 0, 0}));
    QCOMPARE(sp.account(account.id), account);

    // The passing twin: another assertion of the same subject.
    auto next = sp.login(changed, sp.mark(QStringLiteral("_a2")));
    QVERIFY2(next, why(next));
    QCOMPARE(next->action, Action::Updated);
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 2, 2, 0, 0}));

    // Days later both marks have expired. The replay check purges expired
    // marks, but a denied login rolls that back too: it writes nothing at all.
    sp.now = sp.now.addDays(3);
    sp.policy.unknownSubject = UnknownSubject::Deny;
    auto stranger =
        sp.login(samlLogin(QStringLiteral("bob"), QStringLiteral("bob@contoso.example")),
                 sp.mark(QStringLiteral("_b1")));
    QVERIFY2(stranger, why(stranger));
    QCOMPARE(stranger->action, Action::Denied);
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 2, 2, 0, 0}));
    // A provisioned login purges them and keeps its own.
    auto later = sp.login(changed, sp.mark(QStringLiteral("_a3")));
    QVERIFY2(later, why(later));
    QCOMPARE(later->action, Action::Unchanged);
    QCOMPARE(sp.counts(), (StoreCounts{1, 1, 3, 1, 0, 0}));
}

void TestProvisioner::storeErrorMidTransactionRollsBack_data()
{
    // The link key is looked up before it is added, so a link already there
    // finds its account instead of failing addLink. These make a later write
    // of the same login fail after earlier ones succeeded.
    QTest::addColumn<bool>("existing");     // the account exists before the login
    QTest::addColumn<bool>("badReplay");    // the replay mark has no expiry
    QTest::addColumn<bool>("badMessageId"); // the audit row refuses a lone surrogate
    QTest::newRow("create: account and link written, replay fails") << false << true << false;
    QTest::newRow("create: all written, audit fails") << false << false << true;
    QTest::newRow("update: account written, audit fails") << true << false << true;
    QTest::newRow("update: account written, replay fails") << true << true << false;
}

void TestProvisioner::storeErrorMidTransactionRollsBack()
{
    QFETCH(bool, existing);
    QFETCH(bool, badReplay);
    QFETCH(bool, badMessageId);

    Sp sp;
    if (existing) {
        auto first = sp.login(alice());
        QVERIFY2(first, why(first));
    }
    const StoreCounts before = sp.counts();
    const QList<Account> accountsBefore = sp.accounts();
    const QList<AuditEntry> auditBefore = sp.audit();

    MappedLogin login = alice();
    login.profile.givenName = QStringLiteral("Alicia");
    ReplayMark mark{kIdp, QStringLiteral("_a1"), badReplay ? QDateTime() : sp.now.addDays(1)};
    sp.now = sp.now.addSecs(60);
    const QString messageId = badMessageId ? QString(QChar(0xD800)) : QStringLiteral("_a1");
    auto out =
        Provisioner(sp.store(), sp.policy).provision(login, LoginMeta{sp.now, messageId, mark});
    QVERIFY(!out);
    QCOMPARE(out.error().id, QStringLiteral("store.invalid"));

    QCOMPARE(sp.counts(), before);
    QCOMPARE(sp.accounts(), accountsBefore);
    QCOMPARE(sp.audit(), auditBefore);
}

QTEST_GUILESS_MAIN(TestProvisioner)
#include "test_provisioner.moc"
