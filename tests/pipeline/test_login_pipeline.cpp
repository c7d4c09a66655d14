// The one pipeline, in process, against a store on disk: the JIT story told
// by the store's rows and audit log (first login creates, a group change
// updates and removes the lost role, a rename keeps the account, a leaver's
// account stays); a rejected message, whatever its fault, and a denied login
// leave every row as it was; an assertion used with a store is refused by any
// other connection to that file, never by another store; an encrypted
// assertion provisions; Entra's groups overage keeps the roles and says so.
#include "common/file_io.h"
#include "idp/directory_file.h"
#include "pipeline/login_pipeline.h"
#include "sp/sp_config_file.h"
#include "support/fixtures.h"
#include "support/jit_printers.h"

#include <QTemporaryDir>
#include <QTest>
#include <openssl/x509.h>

using namespace jh;

namespace {

const QString kOktaIssuer = QStringLiteral("http://www.okta.com/exk1contosoharness7");
const QString kEntraGroups =
    QStringLiteral("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups");
const QString kEntraOverage = QStringLiteral("http://schemas.microsoft.com/claims/groups.link");
const QString kEntraEngineering = QStringLiteral("d67284f9-cf69-5355-b50d-21181f43b568");

// 2026-01-05T09:00:00Z, a Monday: the story's first day.
QDateTime day0()
{
    return QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
}

constexpr qint64 kDay = 86400;

// Everything the store holds that a login could change.
struct Snapshot
{
    jit::StoreCounts counts;
    QList<jit::Account> accounts;
    QList<jit::AuditEntry> audit;
};

Snapshot snapshot(jit::AccountStore& store)
{
    return {store.counts().value(), store.accounts().value(), store.audit().value()};
}

// Why a login did not go as expected, for QVERIFY2.
QByteArray why(const Result<pipeline::LoginSteps>& r)
{
    if (!r)
        return (r.error().id + QStringLiteral(": ") + r.error().message).toUtf8();
    QString t = QStringLiteral("failed checks: ") + r->report.failedIds().join(QLatin1Char(','));
    if (r->outcome)
        t += QStringLiteral("; outcome ") + jit::actionName(r->outcome->action) +
             QStringLiteral(": ") + r->outcome->reasons.join(QStringLiteral("; "));
    return t.toUtf8();
}

const sp::CheckResult* check(const sp::Report& report, const QString& id)
{
    for (const sp::CheckResult& c : report.checks)
        if (c.id == id)
            return &c;
    return nullptr;
}

} // namespace

// One SP: its clock, store, policy and pipeline, and an IdP on the same clock.
// Held by pointer: the pipeline borrows the members.
struct Site
{
    Site(const idp::Directory& directory, const idp::PresetCatalog& presets,
         const idp::ResponseSigner& signer, sp::SpConfig cfg, jit::JitSettings s,
         jit::AccountStore st, const QDateTime& now)
        : clock(now), settings(std::move(s)), store(std::move(st)),
          issuer(directory, presets, signer, clock), pipe(presets, cfg, store, settings, clock)
    {}

    ManualClock clock;
    jit::JitSettings settings;
    jit::AccountStore store;
    idp::Issuer issuer;
    pipeline::LoginPipeline pipe;
};

class TestLoginPipeline : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    idp::Directory m_directory;
    idp::PresetCatalog m_presets;
    std::unique_ptr<idp::ResponseSigner> m_signer;
    sp::SpConfig m_sampleSp;   // samples/sp-config.yaml: the sample SP trusting the Okta preset
    jit::JitSettings m_policy; // samples/jit-policy.yaml
    int m_stores = 0;
    int m_requests = 0;

    QString newStorePath() { return m_dir.filePath(QStringLiteral("s%1.db").arg(++m_stores)); }

    // The sample SP, trusting the TEST-ONLY IdP keys as `preset`'s issuer.
    sp::SpConfig spFor(const QString& preset) const
    {
        sp::SpConfig cfg = m_sampleSp;
        if (preset == QLatin1String("entra"))
            cfg.idp.entityId = QStringLiteral("https://sts.windows.net/") +
                               m_directory.tenant().id + QLatin1Char('/');
        return cfg;
    }

    std::unique_ptr<Site> site(const QString& path, const QString& preset = QStringLiteral("okta"),
                               std::optional<jit::JitSettings> settings = std::nullopt,
                               const QDateTime& now = day0())
    {
        auto store = jit::AccountStore::open(path);
        if (!store)
            qFatal("cannot open %s: %s", qPrintable(path), qPrintable(store.error().message));
        return std::make_unique<Site>(m_directory, m_presets, *m_signer, spFor(preset),
                                      settings.value_or(m_policy), std::move(*store), now);
    }

    // What the sample SP asks for, answering a fresh AuthnRequest.
    idp::IssueRequest request(const QString& person, const QString& preset = QStringLiteral("okta"))
    {
        idp::IssueRequest r;
        r.personId = person;
        r.presetId = preset;
        r.sp.audience = m_sampleSp.entityId;
        r.sp.acsUrl = m_sampleSp.acsUrls.value(0);
        r.inResponseTo = QStringLiteral("_req%1").arg(++m_requests);
        r.sign = idp::SignMode::Both;
        return r;
    }

    static idp::ClaimOverrides attrs(const QList<std::pair<QString, QStringList>>& a)
    {
        idp::ClaimOverrides o;
        o.attributes = a;
        return o;
    }

    // A Response for `r` as the browser would POST it, without signing anyone in.
    QByteArray issue(Site& s, const idp::IssueRequest& r)
    {
        auto issued = s.issuer.issue(r);
        if (!issued)
            qFatal("issue: %s", qPrintable(issued.error().message));
        return pipeline::postFormBody(issued->response.xml);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_directory =
            idp::loadDirectory(test::sourcePath(QStringLiteral("samples/directory.yaml"))).value();
        m_presets = idp::PresetCatalog::builtIn().value();
        m_signer = std::make_unique<idp::ResponseSigner>(
            [](crypto::KeyType t) -> Result<crypto::KeyPair> { return test::testIdpKey(t); });
        auto sp = sp::loadSpConfig(test::sourcePath(QStringLiteral("samples/sp-config.yaml")));
        QVERIFY2(sp.ok(), sp.ok() ? "" : qPrintable(sp.error().message));
        m_sampleSp = *sp;
        QCOMPARE(m_sampleSp.idp.entityId, kOktaIssuer);
        auto policy =
            jit::loadJitSettings(test::sourcePath(QStringLiteral("samples/jit-policy.yaml")));
        QVERIFY2(policy.ok(), policy.ok() ? "" : qPrintable(policy.error().message));
        m_policy = *policy;
    }

    // The issue's story, told by the rows: created, updated (a role lost),
    // renamed (same account), and a leaver's account that nobody removes.
    void firstLoginUpdatesRenameAndTheLeaverStays()
    {
        auto s = site(newStorePath());
        const QString mail = QStringLiteral("alice.martin@contoso.example");

        // Day 0: alice's first login creates her account, roles from her groups.
        auto first = s->pipe.signIn(s->issuer, request(QStringLiteral("alice")));
        QVERIFY2(first && first->provisioned(), why(first).constData());
        QCOMPARE(first->outcome->action, jit::Action::Created);
        const qint64 id = first->outcome->account->id;
        auto alice = s->store.account(id).value();
        QVERIFY(alice);
        QCOMPARE(alice->status, jit::AccountStatus::Active);
        QCOMPARE(alice->provisionedBy, jit::Provisioning::Jit);
        QCOMPARE(alice->profile.userName, QStringLiteral("alice@contoso.example"));
        QCOMPARE(alice->profile.email, mail);
        QCOMPARE(alice->profile.givenName, QStringLiteral("Alice"));
        QCOMPARE(alice->profile.familyName, QStringLiteral("Martin"));
        QCOMPARE(alice->roles, QStringList{QStringLiteral("engineer")});
        QCOMPARE(alice->created, day0());
        QCOMPARE(alice->lastLogin, day0());
        const QList<jit::Link> links = s->store.linksOf(id).value();
        QCOMPARE(links.size(), 1);
        QCOMPARE(links[0].issuer, kOktaIssuer);
        QCOMPARE(links[0].subject, QStringLiteral("alice@contoso.example"));
        auto audit = s->store.audit(id).value();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit[0].action, QStringLiteral("created"));
        QCOMPARE(audit[0].actor, jit::Actor::Jit);
        QCOMPARE(audit[0].at, day0());
        QCOMPARE(audit[0].messageId, first->issued->spec.assertionId);
        QCOMPARE(audit[0].diff, first->outcome->diff);
        QVERIFY(audit[0].diff.contains(
            jit::FieldChange{QStringLiteral("roles"), QString(), QStringLiteral("engineer")}));
        QCOMPARE(s->store.counts().value(), (jit::StoreCounts{1, 1, 1, 1, 0, 0}));

        // Day 1: she moved to Sales and goes by Alicia: fields follow, the
        // engineer role goes.
        s->clock.advance(kDay);
        auto moved = request(QStringLiteral("alice"));
        moved.overrides = attrs({{QStringLiteral("groups"), {QStringLiteral("Sales")}},
                                 {QStringLiteral("firstName"), {QStringLiteral("Alicia")}}});
        auto second = s->pipe.signIn(s->issuer, moved);
        QVERIFY2(second && second->provisioned(), why(second).constData());
        QCOMPARE(second->outcome->action, jit::Action::Updated);
        QCOMPARE(second->outcome->account->id, id);
        QCOMPARE(second->outcome->rolesRemoved(), QStringList{QStringLiteral("engineer")});
        QCOMPARE(second->outcome->rolesAdded(), QStringList{QStringLiteral("sales")});
        alice = s->store.account(id).value();
        QCOMPARE(alice->roles, QStringList{QStringLiteral("sales")});
        QCOMPARE(alice->profile.givenName, QStringLiteral("Alicia"));
        QCOMPARE(alice->created, day0());
        QCOMPARE(alice->updated, day0().addSecs(kDay));
        QCOMPARE(alice->lastLogin, day0().addSecs(kDay));
        audit = s->store.audit(id).value();
        QCOMPARE(audit.size(), 2);
        QCOMPARE(audit[1].action, QStringLiteral("updated"));
        QCOMPARE(audit[1].at, day0().addSecs(kDay));
        const QList<jit::FieldChange> moveDiff{
            {QStringLiteral("givenName"), QStringLiteral("Alice"), QStringLiteral("Alicia")},
            {QStringLiteral("roles"), QStringLiteral("engineer"), QString()},
            {QStringLiteral("roles"), QString(), QStringLiteral("sales")}};
        QCOMPARE(audit[1].diff, moveDiff);

        // Day 2: a rename (first name and e-mail) keeps the very same account.
        s->clock.advance(kDay);
        auto renamed = request(QStringLiteral("alice"));
        renamed.overrides =
            attrs({{QStringLiteral("groups"), {QStringLiteral("Sales")}},
                   {QStringLiteral("firstName"), {QStringLiteral("Alys")}},
                   {QStringLiteral("email"), {QStringLiteral("alys.martin@contoso.example")}}});
        auto third = s->pipe.signIn(s->issuer, renamed);
        QVERIFY2(third && third->provisioned(), why(third).constData());
        QCOMPARE(third->outcome->action, jit::Action::Updated);
        QCOMPARE(third->outcome->account->id, id);
        QCOMPARE(s->store.accounts().value().size(), 1);
        QCOMPARE(s->store.linksOf(id).value(), links);
        alice = s->store.account(id).value();
        QCOMPARE(alice->profile.email, QStringLiteral("alys.martin@contoso.example"));
        QCOMPARE(alice->profile.givenName, QStringLiteral("Alys"));
        QCOMPARE(alice->roles, QStringList{QStringLiteral("sales")});
        audit = s->store.audit(id).value();
        QCOMPARE(audit.size(), 3);
        const QList<jit::FieldChange> renameDiff{
            {QStringLiteral("email"), mail, QStringLiteral("alys.martin@contoso.example")},
            {QStringLiteral("givenName"), QStringLiteral("Alicia"), QStringLiteral("Alys")}};
        QCOMPARE(audit[2].diff, renameDiff);
        // Each used assertion is kept for the replay window (a day), then purged.
        QCOMPARE(s->store.counts().value(), (jit::StoreCounts{1, 1, 3, 1, 0, 0}));

        // Day 2 too: uma, who has since left the company, signs in once.
        auto leaver = s->pipe.signIn(s->issuer, request(QStringLiteral("uma")));
        QVERIFY2(leaver && leaver->provisioned(), why(leaver).constData());
        QCOMPARE(leaver->outcome->action, jit::Action::Created);
        const qint64 umaId = leaver->outcome->account->id;
        QVERIFY(umaId != id);
        QVERIFY(leaver->issued->notes.join(QLatin1Char('\n')).contains(QLatin1String("left")));
        const QDateTime umaLast = s->clock.now();

        // Half a year passes; others sign in, uma never again.
        s->clock.advance(180 * kDay);
        auto other = s->pipe.signIn(s->issuer, request(QStringLiteral("bruno")));
        QVERIFY2(other && other->provisioned(), why(other).constData());
        const auto uma = s->store.account(umaId).value();
        QVERIFY(uma);
        QCOMPARE(uma->status, jit::AccountStatus::Active);
        QCOMPARE(uma->roles, QStringList{QStringLiteral("sales")});
        QCOMPARE(uma->lastLogin, umaLast);
        QCOMPARE(uma->updated, umaLast);
        const auto umaAudit = s->store.audit(umaId).value();
        QCOMPARE(umaAudit.size(), 1);
        QCOMPARE(umaAudit[0].action, QStringLiteral("created"));
        const QList<jit::AuditEntry> everything = s->store.audit().value();
        for (const jit::AuditEntry& e : everything)
            QVERIFY2(e.action == QLatin1String("created") || e.action == QLatin1String("updated"),
                     qPrintable(e.action));
        QCOMPARE(s->store.counts().value().accounts, 3);
    }

    void rejectedMessageLeavesTheStoreUntouched_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("failedCheck");
        // The passing twin: the same message, untouched, is accepted.
        QTest::newRow("none: the passing twin") << "none" << QString();
        QTest::newRow("expired: clock moved past NotOnOrAfter") << "expired"
                                                                << "cond.not-on-or-after";
        // Also past the earlier login's replay horizon: the replay check must
        // not purge expired entries on behalf of a message it refuses.
        QTest::newRow("expired days later") << "expired-days"
                                            << "cond.not-on-or-after";
        QTest::newRow("tampered body") << "tampered"
                                       << "sig.value";
        QTest::newRow("wrong audience") << "audience"
                                        << "cond.audience";
        QTest::newRow("answers another request") << "in-response-to"
                                                 << "resp.in-response-to";
        QTest::newRow("unsigned") << "unsigned"
                                  << "sig.required";
        QTest::newRow("signed by an untrusted key") << "untrusted-key"
                                                    << "sig.value";
        QTest::newRow("not base64") << "not-base64"
                                    << "decode.base64";
        QTest::newRow("truncated") << "truncated"
                                   << "xml.parse";
        QTest::newRow("plain text") << "plain-text"
                                    << "decode.inflate";
        QTest::newRow("not XML") << "not-xml"
                                 << "xml.parse";
        QTest::newRow("DOCTYPE with an entity") << "doctype"
                                                << "xml.dtd";
        QTest::newRow("over the size limit") << "oversize"
                                             << "decode.size";
        QTest::newRow("empty") << "empty"
                               << "decode.base64";
    }

    void rejectedMessageLeavesTheStoreUntouched()
    {
        QFETCH(QString, fault);
        QFETCH(QString, failedCheck);
        auto s = site(newStorePath());
        // Something in the store to lose: alice's account, link, audit row
        // and used assertion.
        auto seeded = s->pipe.signIn(s->issuer, request(QStringLiteral("alice")));
        QVERIFY2(seeded && seeded->provisioned(), why(seeded).constData());

        auto r = request(QStringLiteral("bruno"));
        QString expectedRequest = r.inResponseTo;
        QByteArray message;
        if (fault == QLatin1String("audience"))
            r.sp.audience = QStringLiteral("https://other-sp.example.test/metadata");
        if (fault == QLatin1String("unsigned"))
            r.sign = idp::SignMode::None;
        if (fault == QLatin1String("in-response-to"))
            expectedRequest = QStringLiteral("_another");
        if (fault == QLatin1String("untrusted-key")) {
            auto rogue = crypto::KeyPair::generate(crypto::KeyType::Rsa,
                                                   QStringLiteral("rogue IdP"), s->clock.now());
            QVERIFY(rogue.ok());
            const crypto::KeyPair key = *rogue;
            idp::ResponseSigner rogueSigner(
                [key](crypto::KeyType) -> Result<crypto::KeyPair> { return key; });
            idp::Issuer rogueIssuer(m_directory, m_presets, rogueSigner, s->clock);
            auto issued = rogueIssuer.issue(r);
            QVERIFY(issued.ok());
            message = pipeline::postFormBody(issued->response.xml);
        } else {
            message = issue(*s, r);
        }
        const QByteArray xml =
            QByteArray::fromBase64(QByteArray::fromPercentEncoding(message.mid(13)));
        QVERIFY(xml.startsWith("<"));
        if (fault == QLatin1String("expired"))
            s->clock.advance(3600);
        else if (fault == QLatin1String("expired-days"))
            s->clock.advance(3 * kDay);
        else if (fault == QLatin1String("tampered")) {
            QVERIFY(xml.contains(">Bruno<"));
            QByteArray changed = xml;
            message = pipeline::postFormBody(changed.replace(">Bruno<", ">Brutus<"));
        } else if (fault == QLatin1String("not-base64"))
            message = "SAMLResponse=%%%not*base64!!!";
        else if (fault == QLatin1String("truncated"))
            message = pipeline::postFormBody(xml.left(xml.size() / 2));
        else if (fault == QLatin1String("plain-text"))
            message = pipeline::postFormBody("this is not XML at all");
        else if (fault == QLatin1String("not-xml"))
            message = pipeline::postFormBody("<html><p>not a SAML message</div></html>");
        else if (fault == QLatin1String("doctype"))
            message =
                pipeline::postFormBody("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]>" +
                                       xml.mid(xml.indexOf("<samlp:Response")));
        else if (fault == QLatin1String("oversize"))
            message = pipeline::postFormBody(
                xml + "<!--" + QByteArray(int(m_sampleSp.maxMessageBytes), 'x') + "-->");
        else if (fault == QLatin1String("empty"))
            message.clear();

        const Snapshot before = snapshot(s->store);
        auto steps = s->pipe.receive(message, sp::ValidationRequest{expectedRequest},
                                     m_presets.find(QStringLiteral("okta")));
        QVERIFY2(steps.ok(), why(steps).constData());
        const Snapshot after = snapshot(s->store);
        if (failedCheck.isEmpty()) {
            QVERIFY2(steps->provisioned(), why(steps).constData());
            QCOMPARE(after.counts.accounts, before.counts.accounts + 1);
            return;
        }
        QVERIFY(!steps->accepted());
        QVERIFY2(steps->report.failedIds().contains(failedCheck), why(steps).constData());
        QVERIFY(!steps->mapped);
        QVERIFY(!steps->outcome);
        QCOMPARE(after.counts, before.counts);
        QVERIFY(after.accounts == before.accounts);
        QVERIFY(after.audit == before.audit);
    }

    // A denied login changes nothing — not even the replay record; its twin,
    // a known subject under the same policy, signs in.
    void deniedLoginChangesNothing()
    {
        const QString path = newStorePath();
        {
            auto seeding = site(path);
            auto alice = seeding->pipe.signIn(seeding->issuer, request(QStringLiteral("alice")));
            QVERIFY2(alice && alice->provisioned(), why(alice).constData());
        }
        // The sample policy with one change.
        QByteArray text =
            readFile(test::sourcePath(QStringLiteral("samples/jit-policy.yaml"))).value();
        QVERIFY(text.contains("unknownSubject: create"));
        text.replace("unknownSubject: create", "unknownSubject: deny");
        auto deny = jit::parseJitSettings(text, QStringLiteral("deny.yaml"));
        QVERIFY2(deny.ok(), deny.ok() ? "" : qPrintable(deny.error().message));
        auto s = site(path, QStringLiteral("okta"), *deny, day0().addSecs(kDay));

        const Snapshot before = snapshot(s->store);
        auto bruno = s->pipe.signIn(s->issuer, request(QStringLiteral("bruno")));
        QVERIFY2(bruno.ok(), why(bruno).constData());
        QVERIFY(bruno->accepted());
        QVERIFY(!bruno->provisioned());
        QCOMPARE(bruno->outcome->action, jit::Action::Denied);
        QVERIFY(bruno->outcome->reasons.join(QLatin1Char(' ')).contains(QLatin1String("deny")));
        const Snapshot after = snapshot(s->store);
        QCOMPARE(after.counts, before.counts);
        QVERIFY(after.accounts == before.accounts);
        QVERIFY(after.audit == before.audit);

        auto alice = s->pipe.signIn(s->issuer, request(QStringLiteral("alice")));
        QVERIFY2(alice && alice->provisioned(), why(alice).constData());
        QCOMPARE(alice->outcome->action, jit::Action::Unchanged);
        QCOMPARE(s->store.counts().value().audit, before.counts.audit + 1);
    }

    // Two stores on one file stand for two processes: the assertion one used
    // is refused by the other at check "replay", with nothing written. The
    // record belongs to the store: another file takes the same Response.
    void replayIsRefusedAcrossProcessesButNotAcrossStores()
    {
        const QString shared = newStorePath();
        auto first = site(shared);
        auto second = site(shared);
        auto r = request(QStringLiteral("alice"));
        const QByteArray body = issue(*first, r);
        const sp::ValidationRequest expecting{r.inResponseTo};
        const idp::Preset* okta = m_presets.find(QStringLiteral("okta"));

        auto used = first->pipe.receive(body, expecting, okta);
        QVERIFY2(used && used->provisioned(), why(used).constData());
        QCOMPARE(used->outcome->action, jit::Action::Created);

        const Snapshot before = snapshot(second->store);
        QCOMPARE(before.counts, (jit::StoreCounts{1, 1, 1, 1, 0, 0}));
        auto replayed = second->pipe.receive(body, expecting, okta);
        QVERIFY2(replayed.ok(), why(replayed).constData());
        QVERIFY(!replayed->accepted());
        QCOMPARE(replayed->report.failedIds(), QStringList{QStringLiteral("replay")});
        QVERIFY(check(replayed->report, QStringLiteral("replay"))
                    ->found.contains(QLatin1String("account store")));
        QVERIFY(!replayed->outcome);
        const Snapshot after = snapshot(second->store);
        QCOMPARE(after.counts, before.counts);
        QVERIFY(after.audit == before.audit);
        QVERIFY(after.accounts == before.accounts);

        // The same process again: refused too (its own cache or the store).
        auto again = first->pipe.receive(body, expecting, okta);
        QVERIFY(again.ok());
        QCOMPARE(again->report.failedIds(), QStringList{QStringLiteral("replay")});

        // Another store file knows nothing of it.
        auto elsewhere = site(newStorePath());
        auto fresh = elsewhere->pipe.receive(body, expecting, okta);
        QVERIFY2(fresh && fresh->provisioned(), why(fresh).constData());
        QCOMPARE(fresh->outcome->action, jit::Action::Created);
        QCOMPARE(elsewhere->store.counts().value(), (jit::StoreCounts{1, 1, 1, 1, 0, 0}));
        QCOMPARE(second->store.counts().value(), before.counts);
    }

    void encryptedAssertionProvisions()
    {
        auto s = site(newStorePath());
        auto r = request(QStringLiteral("carol"));
        r.encryption.enabled = true;
        r.sp.encryptionCertificate =
            std::shared_ptr<X509>(X509_dup(test::testSpKey().certificate()), X509_free);
        auto steps = s->pipe.signIn(s->issuer, r);
        QVERIFY2(steps && steps->provisioned(), why(steps).constData());
        QVERIFY(steps->issued->encryption.enabled);
        QVERIFY(steps->issued->response.xml.contains("EncryptedAssertion"));
        const sp::CheckResult* decrypted = check(steps->report, QStringLiteral("decrypt.key"));
        QVERIFY(decrypted);
        QCOMPARE(decrypted->outcome, sp::Outcome::Pass);
        QCOMPARE(steps->outcome->action, jit::Action::Created);
        const auto carol = s->store.account(steps->outcome->account->id).value();
        QVERIFY(carol);
        QCOMPARE(carol->profile.userName, QStringLiteral("carol@contoso.example"));
        QCOMPARE(carol->roles, QStringList{QStringLiteral("engineer")});
    }

    // olga is in 160 groups: Entra sends groups.link instead. The roles she
    // had stay (missingGroups: keep-roles) and the outcome says why; the twin
    // policy (remove-roles) takes them.
    void entraOverageKeepsRolesWithAWarning()
    {
        const QString path = newStorePath();
        auto s = site(path, QStringLiteral("entra"));

        auto firstOverage =
            s->pipe.signIn(s->issuer, request(QStringLiteral("olga"), QStringLiteral("entra")));
        QVERIFY2(firstOverage && firstOverage->provisioned(), why(firstOverage).constData());
        QCOMPARE(firstOverage->mapped->groups, jit::GroupsState::Overage);
        QCOMPARE(firstOverage->outcome->account->roles, QStringList());
        const qint64 id = firstOverage->outcome->account->id;

        // A login that carries her groups (as a filtered group claim would).
        s->clock.advance(kDay);
        auto withGroups = request(QStringLiteral("olga"), QStringLiteral("entra"));
        withGroups.overrides = attrs({{kEntraGroups, {kEntraEngineering}}});
        withGroups.overrides.dropAttributes = QStringList{kEntraOverage};
        auto granted = s->pipe.signIn(s->issuer, withGroups);
        QVERIFY2(granted && granted->provisioned(), why(granted).constData());
        QCOMPARE(granted->mapped->groups, jit::GroupsState::Sent);
        QCOMPARE(granted->outcome->action, jit::Action::Updated);
        QCOMPARE(s->store.account(id).value()->roles, QStringList{QStringLiteral("engineer")});

        // Overage again: roles kept, with the warning, in the outcome and the audit.
        s->clock.advance(kDay);
        auto overage =
            s->pipe.signIn(s->issuer, request(QStringLiteral("olga"), QStringLiteral("entra")));
        QVERIFY2(overage && overage->provisioned(), why(overage).constData());
        QCOMPARE(overage->mapped->groups, jit::GroupsState::Overage);
        QCOMPARE(overage->outcome->action, jit::Action::Unchanged);
        QCOMPARE(s->store.account(id).value()->roles, QStringList{QStringLiteral("engineer")});
        const QString warnings = overage->outcome->warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QLatin1String("roles left as they were")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QLatin1String("keep-roles")), qPrintable(warnings));
        const auto audit = s->store.audit(id).value();
        QCOMPARE(audit.size(), 3);
        QVERIFY(audit.last()
                    .reasons.join(QLatin1Char('\n'))
                    .contains(QLatin1String("roles left as they were")));

        jit::JitSettings remove = m_policy;
        remove.policy.missingGroups = jit::MissingGroups::RemoveRoles;
        s.reset();
        auto strict = site(path, QStringLiteral("entra"), remove, day0().addSecs(3 * kDay));
        auto removed = strict->pipe.signIn(
            strict->issuer, request(QStringLiteral("olga"), QStringLiteral("entra")));
        QVERIFY2(removed && removed->provisioned(), why(removed).constData());
        QCOMPARE(removed->outcome->action, jit::Action::Updated);
        QCOMPARE(removed->outcome->rolesRemoved(), QStringList{QStringLiteral("engineer")});
        QCOMPARE(strict->store.account(id).value()->roles, QStringList());
    }
};

QTEST_GUILESS_MAIN(TestLoginPipeline)
#include "test_login_pipeline.moc"
