// The IdP's fault catalogue against the strict SP: every fault is rejected
// by the very check it declares (first failure), its passing twin is
// accepted, and the edge twins a strict SP must accept are accepted — for
// RSA and EC signing keys alike.
#include "sp/validator.h"
#include "support/fault_fixtures.h"
#include "support/fixtures.h"

#include <QTest>

using namespace jh;
using crypto::KeyType;

namespace {

sp::SpConfig configFor(const test::FaultBench& bench)
{
    sp::SpConfig c;
    c.entityId = QStringLiteral("https://sp.example.test");
    c.acsUrls = {QStringLiteral("https://sp.example.test/acs")};
    c.idp.entityId = QStringLiteral("https://idp.example.test/saml");
    c.idp.signingCertificates = {
        std::shared_ptr<X509>(X509_dup(bench.idpCertificate(KeyType::Rsa)), X509_free),
        std::shared_ptr<X509>(X509_dup(bench.idpCertificate(KeyType::Ec)), X509_free)};
    c.decryptionKey = bench.spKey();
    return c;
}

} // namespace

class TestSpVsFaults : public QObject
{
    Q_OBJECT

    test::FaultBench m_bench;

    sp::Report judge(const idp::Fault& fault, const QByteArray& message, bool twin, KeyType key)
    {
        const idp::FaultInput in = m_bench.input(key);
        ManualClock clock(in.now);
        sp::Validator sp(configFor(m_bench), clock);
        sp::ValidationRequest request{in.spec.inResponseTo, false};
        if (!twin && fault.noRequestOutstanding)
            request.inResponseTo.clear();
        sp::Report report = sp.validate(message, request);
        if (!twin && fault.sendTwice)
            report = sp.validate(message, request);
        return report;
    }

private Q_SLOTS:
    void fault_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<KeyType>("key");
        for (const idp::Fault& f : idp::faultCatalog()) {
            QTest::addRow("%s rsa", qPrintable(f.name)) << f.name << KeyType::Rsa;
            QTest::addRow("%s ec", qPrintable(f.name)) << f.name << KeyType::Ec;
        }
    }

    void fault()
    {
        QFETCH(QString, name);
        QFETCH(KeyType, key);
        const idp::Fault* f = idp::findFault(name);
        QVERIFY(f);
        const idp::FaultInput in = m_bench.input(key);

        auto twin = idp::buildPassingTwin(*f, in);
        QVERIFY2(twin.ok(), twin.ok() ? "" : qPrintable(twin.error().message));
        const sp::Report twinReport = judge(*f, *twin, true, key);
        QVERIFY2(twinReport.accepted(),
                 qPrintable(QStringLiteral("passing twin refused: %1")
                                .arg(twinReport.failedIds().join(QStringLiteral(", ")))));

        auto faulted = idp::buildFault(*f, in);
        QVERIFY2(faulted.ok(), faulted.ok() ? "" : qPrintable(faulted.error().message));
        const sp::Report report = judge(*f, *faulted, false, key);
        if (f->mustAccept()) {
            QVERIFY2(report.accepted(),
                     qPrintable(QStringLiteral("edge twin refused: %1")
                                    .arg(report.failedIds().join(QStringLiteral(", ")))));
            if (f->acceptedNameId)
                QCOMPARE(report.login->nameId, f->acceptedNameId(in.spec));
            return;
        }
        QVERIFY2(!report.accepted(), "a faulted message was accepted");
        QCOMPARE(report.firstFailure()->id, f->expectedCheck);
    }
};

QTEST_GUILESS_MAIN(TestSpVsFaults)
#include "test_sp_vs_faults.moc"
