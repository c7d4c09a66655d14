// Differential: the IdP's whole fault catalogue judged by two SPs that Debian
// ships and by ours, all configured alike (issue 4, "How it is checked").
//
//   python3-onelogin-saml2   strict mode (tests/interop/peers/onelogin_sp.py)
//   python3-pysaml2          Saml2Client (tests/interop/peers/pysaml2_sp.py)
//   jh::sp::Validator        strict defaults, as tests/sp/test_sp_vs_faults.cpp
//
// Alike means: the SP entity, ACS URL and IdP of test::sampleSpec(), which the
// faults are built from; the TEST-ONLY RSA IdP certificate as the only trust;
// the SP key for encrypted assertions; a signed Assertion required (our
// default, SignRequirement::Assertion); no unsolicited responses; the same
// 180 s clock skew; and the same "now" — the instant FaultBench builds for,
// which the peers read through a pinned clock, since the edge faults sit one
// second either side of a skew boundary. A fault sent twice (replay) reaches
// the same peer SP object twice, so that any replay protection it keeps can act.
//
// The claim: every message a peer rejects, ours rejects too. Messages a strict
// SP must accept (each fault's passing twin, and the edge twins) ours must
// accept; a peer refusing one of those is a finding about the peer, printed,
// and pinned in kPeerExpectations. The other way round — a peer accepting a
// fault ours rejects — is the peer's weakness (a check it lacks, an algorithm,
// transform or size it lets through): printed as a summary, and pinned in
// kPeerExpectations too, so that a peer upgrade that changes a verdict, for
// better or worse, is noticed.
//
// Each peer judges the whole catalogue in one --batch run (Python start-up
// and imports cost ~0.3 s a process, far more on a loaded machine); the two
// run concurrently while our SP judges the same messages in process.
// JH_DIFFERENTIAL_TABLE=1 prints every verdict with its reason.
#include "interop_support.h"
#include "sp/validator.h"
#include "support/fault_fixtures.h"
#include "support/fixtures.h"
#include "time/clock.h"

#include <QTest>

using namespace jh;
using namespace jh::interop;
using crypto::KeyType;

namespace {

// A peer's verdict as the expectations say it: "reject", or "accept <the
// NameID the peer read>" — the NameID tells a harmless acceptance (the signed
// subject) from an impersonation (the attacker's admin@...).
QString verdictLabel(const Verdict& v)
{
    if (!v.accepted)
        return QStringLiteral("reject");
    return v.nameId.isEmpty() ? QStringLiteral("accept (empty NameID)")
                              : QStringLiteral("accept ") + v.nameId;
}

struct PeerExpectation
{
    const char* message; // a fault's name, or "<name> twin" for its passing twin
    const char* onelogin;
    const char* pysaml2;
    const char* why; // what the peer does differently from ours
};

// Every message on which a peer's verdict is not ours, as measured with
// python3-onelogin-saml2 1.12.0 and python3-pysaml2 7.0.1 (Debian 12). Anything
// not listed is judged like ours: a fault rejected, a twin or edge twin
// accepted with the NameID a strict SP reports. No peer impersonates anyone
// here: every acceptance reads the signed subject, alice@. None of the XSW
// variants, nor comment or CDATA injection in the NameID, fools either.
constexpr char kAlice[] = "accept alice@contoso.example"; // the signed subject
const PeerExpectation kPeerExpectations[] = {
    {"not-on-or-after-skew-outside", "reject", kAlice,
     "pysaml2 refuses only when now > NotOnOrAfter + slack: the second at which the window "
     "closes is still inside (NotOnOrAfter is exclusive, SAML Core 2.5.1.2)"},
    {"missing-audience", kAlice, kAlice,
     "both check AudienceRestriction only when the assertion has one"},
    {"unsolicited", kAlice, "reject",
     "onelogin 1.12 has no setting to refuse IdP-initiated responses: with no request ID it "
     "skips InResponseTo"},
    {"replay", kAlice, kAlice,
     "neither keeps a cache of assertion IDs: one-time use is left to the application"},
    {"empty-nameid", "reject", "accept (empty NameID)", "pysaml2 takes an empty NameID"},
    {"sender-vouches-confirmation", "reject", kAlice,
     "pysaml2 accepts a sender-vouches SubjectConfirmation without checking anything"},
    {"duplicate-attribute", "reject", kAlice,
     "pysaml2 merges the two Attribute elements: email = [alice@, admin@]"},
    {"sha1", kAlice, kAlice,
     "no signature algorithm allow-list (onelogin 1.12 predates rejectDeprecatedAlgorithm)"},
    {"md5", kAlice, kAlice, "no signature algorithm allow-list: even rsa-md5 verifies"},
    {"two-references", kAlice, "reject", "onelogin does not count a signature's References"},
    {"extra-transform", kAlice, kAlice, "no transform allow-list"},
    {"xslt-transform", kAlice, kAlice,
     "no transform allow-list: xmlsec runs the message's XSLT stylesheet while verifying"},
    {"xpath-transform", kAlice, kAlice, "no transform allow-list"},
    {"signature-object", kAlice, kAlice,
     "a ds:Object inside the signature is tolerated (its unsigned AttributeStatement is not "
     "read by either)"},
    {"duplicate-ids", "reject", kAlice,
     "pysaml2 does not check that IDs are unique (onelogin's schema validation does)"},
    {"oversized", kAlice, kAlice, "no message size limit"},
    {"external-dtd", "reject", kAlice,
     "pysaml2's defusedxml refuses entities, not a DOCTYPE naming an external DTD"},
    {"cbc-encryption", kAlice, kAlice, "no decryption algorithm allow-list: AES-CBC is taken"},
    {"rsa-1_5-key-transport", kAlice, kAlice,
     "no decryption algorithm allow-list: RSA PKCS#1 v1.5 key transport is taken"},
};

QString why(const QString& message)
{
    for (const PeerExpectation& e : kPeerExpectations)
        if (message == QLatin1String(e.message))
            return QString::fromUtf8(e.why);
    return QStringLiteral("not in kPeerExpectations");
}

} // namespace

class TestDifferential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void peerRejectionIsOursToo_data();
    void peerRejectionIsOursToo();
    void peerVerdictsAsExpected_data();
    void peerVerdictsAsExpected();
    void expectationsNameCatalogueMessages();

private:
    struct Message
    {
        const idp::Fault* fault = nullptr;
        bool twin = false;
        QByteArray xml;
        sp::Report ours;
    };

    sp::SpConfig ourConfig() const;
    sp::Report judgeOurs(const Message& m) const;
    PeerCase peerCase(const Message& m) const;
    QString expectedLabel(const Message& m, const QString& peer) const;
    void printSummary() const;
    const Message* find(const QString& name) const;
    static QString messageName(const idp::Fault& f, bool twin)
    {
        return twin ? f.name + QStringLiteral(" twin") : f.name;
    }

    test::FaultBench m_bench;
    QList<Message> m_messages;                          // catalogue order, each fault then its twin
    QHash<QString, QHash<QString, Verdict>> m_verdicts; // peer -> message name -> verdict
    QHash<QString, QHash<QString, bool>> m_firstDelivery; // peer -> sent-twice message -> accepted
    QHash<QString, QString> m_peerFailures;               // peer -> why the batch did not run
};

sp::SpConfig TestDifferential::ourConfig() const
{
    const saml::AssertionSpec spec = m_bench.input(KeyType::Rsa).spec;
    sp::SpConfig c;
    c.entityId = spec.conditions.audiences.value(0);
    c.acsUrls = {spec.destination};
    c.idp.entityId = spec.issuer;
    c.idp.signingCertificates = {
        std::shared_ptr<X509>(X509_dup(m_bench.idpCertificate(KeyType::Rsa)), X509_free)};
    c.decryptionKey = m_bench.spKey();
    return c;
}

// As tests/sp/test_sp_vs_faults.cpp: a fresh SP per message, the request it
// has outstanding, and a second delivery for the replay fault.
sp::Report TestDifferential::judgeOurs(const Message& m) const
{
    const idp::FaultInput in = m_bench.input(KeyType::Rsa);
    ManualClock clock(in.now);
    sp::Validator sp(ourConfig(), clock);
    sp::ValidationRequest request{in.spec.inResponseTo, false};
    if (!m.twin && m.fault->noRequestOutstanding)
        request.inResponseTo.clear();
    sp::Report report = sp.validate(m.xml, request);
    if (!m.twin && m.fault->sendTwice)
        report = sp.validate(m.xml, request);
    return report;
}

PeerCase TestDifferential::peerCase(const Message& m) const
{
    const idp::FaultInput in = m_bench.input(KeyType::Rsa);
    PeerCase c;
    c.name = messageName(*m.fault, m.twin);
    c.response = m.xml;
    c.issuer = in.spec.issuer;
    c.certKey = QStringLiteral("rsa"); // FaultBench signs with TEST-ONLY-idp-rsa
    c.spEntity = in.spec.conditions.audiences.value(0);
    c.acs = in.spec.destination;
    c.inResponseTo = (!m.twin && m.fault->noRequestOutstanding) ? QString() : in.spec.inResponseTo;
    c.wantAssertionsSigned = true; // our default: SignRequirement::Assertion
    c.holdSpKey = true;            // ours always holds its decryption key
    c.now = formatSamlInstant(in.now);
    c.clockSkewSeconds = in.clockSkewSeconds;
    c.allowUnsolicited = false; // ours refuses IdP-initiated logins unless relaxed
    c.deliveries = (!m.twin && m.fault->sendTwice) ? 2 : 1;
    return c;
}

void TestDifferential::initTestCase()
{
    QElapsedTimer clock;
    clock.start();

    // The peers are Debian packages that scripts/setup-debian.sh installs:
    // without them the differential claim is untested, so that is a failure.
    if (!QFileInfo(kSystemPython).isExecutable())
        QFAIL("/usr/bin/python3 is not installed (scripts/setup-debian.sh installs it)");
    if (QStandardPaths::findExecutable(QStringLiteral("xmlsec1")).isEmpty())
        QFAIL("xmlsec1 is not installed (pysaml2 runs it; scripts/setup-debian.sh installs it)");

    const idp::FaultInput in = m_bench.input(KeyType::Rsa);
    for (const idp::Fault& f : idp::faultCatalog()) {
        Message faulted{&f, false, {}, {}};
        auto built = idp::buildFault(f, in);
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().message));
        faulted.xml = *built;
        Message twin{&f, true, {}, {}};
        auto twinBuilt = idp::buildPassingTwin(f, in);
        QVERIFY2(twinBuilt.ok(), twinBuilt.ok() ? "" : qPrintable(twinBuilt.error().message));
        twin.xml = *twinBuilt;
        m_messages << faulted << twin;
    }
    const qint64 builtAt = clock.elapsed();

    QJsonArray batch;
    const QString spKey = test::testKeyDir() + QStringLiteral("/TEST-ONLY-sp-rsa.key.pem");
    const QString spCert = test::testKeyDir() + QStringLiteral("/TEST-ONLY-sp-rsa.crt.pem");
    for (const Message& m : std::as_const(m_messages))
        batch.append(toJson(peerCase(m), spKey, spCert));
    const QByteArray batchJson = QJsonDocument(batch).toJson(QJsonDocument::Compact);
    QHash<QString, std::shared_ptr<QProcess>> running;
    for (const QString& peer : kPythonPeers) {
        auto p = std::make_shared<QProcess>();
        p->start(kSystemPython, {interopPath(QStringLiteral("peers/%1_sp.py").arg(peer)),
                                 QStringLiteral("--batch")});
        p->write(batchJson);
        p->closeWriteChannel();
        running.insert(peer, p);
    }

    for (Message& m : m_messages)
        m.ours = judgeOurs(m);
    const qint64 oursAt = clock.elapsed();

    for (const QString& peer : kPythonPeers) {
        const Ran r = finish(*running.value(peer), 240000);
        // Exit 1 only says that some message was rejected, which faults are.
        const QJsonArray results = QJsonDocument::fromJson(r.out).array();
        if ((r.exitCode != 0 && r.exitCode != 1) || results.size() != m_messages.size()) {
            m_peerFailures.insert(peer, r.describe());
            continue;
        }
        for (const auto& x : results) {
            const QJsonObject o = x.toObject();
            const QString name = o.value(QLatin1String("name")).toString();
            m_verdicts[peer].insert(name, verdictFrom(o));
            const QJsonArray earlier = o.value(QLatin1String("earlier_accepted")).toArray();
            if (!earlier.isEmpty())
                m_firstDelivery[peer].insert(name, earlier.first().toBool());
        }
    }
    // A missing library is a failure of every row, not a skip.
    for (const QString& peer : kPythonPeers)
        QVERIFY2(!m_peerFailures.contains(peer),
                 qPrintable(peer + QStringLiteral(" did not judge the catalogue: ") +
                            m_peerFailures.value(peer)));
    qInfo("%lld messages built in %lld ms; ours judged them by %lld ms; both peers by %lld ms",
          qint64(m_messages.size()), builtAt, oursAt, clock.elapsed());
    printSummary();
}

const TestDifferential::Message* TestDifferential::find(const QString& name) const
{
    for (const Message& m : m_messages)
        if (messageName(*m.fault, m.twin) == name)
            return &m;
    return nullptr;
}

// What a peer should say when it judges like ours: the expectation listed
// for the message, else ours — a fault rejected, a (edge) twin accepted with
// the NameID a strict SP reports.
QString TestDifferential::expectedLabel(const Message& m, const QString& peer) const
{
    const QString name = messageName(*m.fault, m.twin);
    for (const PeerExpectation& e : kPeerExpectations)
        if (name == QLatin1String(e.message))
            return QString::fromUtf8(peer == QLatin1String("onelogin") ? e.onelogin : e.pysaml2);
    if (!m.twin && !m.fault->mustAccept())
        return QStringLiteral("reject");
    const saml::AssertionSpec spec = m_bench.input(KeyType::Rsa).spec;
    const QString nameId =
        (!m.twin && m.fault->acceptedNameId) ? m.fault->acceptedNameId(spec) : spec.subject.nameId;
    return QStringLiteral("accept ") + nameId;
}

void TestDifferential::printSummary() const
{
    // JH_DIFFERENTIAL_TABLE=1: every message with every verdict and reason,
    // for whoever updates kPeerExpectations after a peer upgrade.
    if (qEnvironmentVariableIsSet("JH_DIFFERENTIAL_TABLE")) {
        for (const Message& m : m_messages) {
            const QString name = messageName(*m.fault, m.twin);
            QStringList columns{name, m.ours.accepted()
                                          ? QStringLiteral("accept")
                                          : m.ours.failedIds().join(QLatin1Char(','))};
            for (const QString& peer : kPythonPeers) {
                const Verdict v = m_verdicts.value(peer).value(name);
                columns << (v.accepted ? verdictLabel(v) : v.error.left(200));
            }
            qInfo("%s", qPrintable(columns.join(QStringLiteral(" | "))));
        }
    }
    for (const QString& peer : kPythonPeers) {
        QStringList weaknesses; // faults the peer accepts, ours rejects
        QStringList refusals;   // messages ours accepts, the peer refuses
        for (const Message& m : m_messages) {
            const QString name = messageName(*m.fault, m.twin);
            const Verdict v = m_verdicts.value(peer).value(name);
            if (v.accepted && !m.ours.accepted())
                weaknesses << QStringLiteral("%1 (%2)").arg(name, why(name));
            if (!v.accepted && m.ours.accepted())
                refusals << QStringLiteral("%1 (%2)").arg(name, v.error.left(160));
        }
        qInfo("%s accepts %lld faulted messages that ours rejects: %s", qPrintable(peer),
              qint64(weaknesses.size()), qPrintable(weaknesses.join(QStringLiteral("; "))));
        qInfo("%s rejects %lld messages that ours accepts: %s", qPrintable(peer),
              qint64(refusals.size()), qPrintable(refusals.join(QStringLiteral("; "))));
    }
}

void TestDifferential::peerRejectionIsOursToo_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("message");
    for (const QString& peer : kPythonPeers)
        for (const Message& m : std::as_const(m_messages)) {
            const QString name = messageName(*m.fault, m.twin);
            QTest::addRow("%s: %s", qPrintable(peer), qPrintable(name)) << peer << name;
        }
}

void TestDifferential::peerRejectionIsOursToo()
{
    QFETCH(QString, peer);
    QFETCH(QString, message);
    const Message* m = find(message);
    QVERIFY(m);
    QVERIFY2(m_verdicts.value(peer).contains(message), "the peer gave no verdict");
    const Verdict v = m_verdicts.value(peer).value(message);
    const QString ourFailures = m->ours.failedIds().join(QStringLiteral(", "));
    if (m->twin || m->fault->mustAccept()) {
        // A strict SP accepts these; a peer refusing one is its finding
        // (printed by the summary, pinned in kPeerExpectations).
        QVERIFY2(m->ours.accepted(), qPrintable(QStringLiteral("ours refused a message a strict "
                                                               "SP must accept: ") +
                                                ourFailures));
        return;
    }
    if (!v.accepted)
        QVERIFY2(
            !m->ours.accepted(),
            qPrintable(QStringLiteral("the peer refused it (%1), ours accepted").arg(v.error)));
    // Whatever the peer says, a fault is ours to refuse, by its declared check.
    QVERIFY2(!m->ours.accepted(), "ours accepted a faulted message");
    QCOMPARE(m->ours.firstFailure()->id, m->fault->expectedCheck);
}

void TestDifferential::peerVerdictsAsExpected_data()
{
    QTest::addColumn<QString>("message");
    for (const Message& m : std::as_const(m_messages)) {
        const QString name = messageName(*m.fault, m.twin);
        QTest::addRow("%s", qPrintable(name)) << name;
    }
}

void TestDifferential::peerVerdictsAsExpected()
{
    QFETCH(QString, message);
    const Message* m = find(message);
    QVERIFY(m);
    for (const QString& peer : kPythonPeers) {
        const Verdict v = m_verdicts.value(peer).value(message);
        QVERIFY2(v.present, qPrintable(peer + QStringLiteral(" gave no verdict")));
        // A replay verdict means nothing if the first delivery was refused.
        if (m_firstDelivery.value(peer).contains(message))
            QVERIFY2(m_firstDelivery.value(peer).value(message),
                     qPrintable(peer + QStringLiteral(" refused the first delivery")));
        const QString expected = expectedLabel(*m, peer);
        QVERIFY2(verdictLabel(v) == expected,
                 qPrintable(
                     QStringLiteral("%1 changed its verdict: now \"%2\"%3, expected \"%4\"")
                         .arg(peer, verdictLabel(v),
                              v.error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(v.error),
                              expected)));
    }
}

// A renamed or removed fault must not leave a stale expectation behind.
void TestDifferential::expectationsNameCatalogueMessages()
{
    for (const PeerExpectation& e : kPeerExpectations)
        QVERIFY2(find(QString::fromUtf8(e.message)), e.message);
}

QTEST_GUILESS_MAIN(TestDifferential)
#include "test_differential.moc"
