// The SAML corpus (../shared/saml-corpus): 173 real fixtures from six SAML
// libraries' test suites, each with its verdict and the SP configuration
// that gives it. Every row is run through our SP configured from that row
// alone (trusted certificate, entities, ACS, pending request, clock,
// relaxations) and the verdict is compared; a REJECT row must be refused
// first by a check of its reason (or of what else it fails). Rows of kind
// "assertion" (a bare Assertion) have no entry point in an SP that receives
// Responses: they are counted, not run.
#include "common/file_io.h"
#include "sp/validator.h"
#include "support/fixtures.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>
#include <openssl/x509.h>

using namespace jh;

namespace {

// shared/ sits beside the project's clone (CI lays it there too);
// JH_SAML_CORPUS points elsewhere.
QString corpusDir()
{
    const QString env = qEnvironmentVariable("JH_SAML_CORPUS");
    return env.isEmpty()
               ? QDir::cleanPath(test::sourcePath(QStringLiteral("../shared/saml-corpus")))
               : env;
}

using Row = QHash<QString, QString>;

QList<Row> manifest()
{
    const auto bytes = readFile(corpusDir() + QStringLiteral("/MANIFEST.tsv"));
    if (!bytes)
        return {};
    const QList<QByteArray> lines = bytes->split('\n');
    const QList<QByteArray> header = lines.value(0).split('\t');
    QList<Row> rows;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const QList<QByteArray> cells = lines[i].split('\t');
        Row r;
        for (qsizetype c = 0; c < header.size(); ++c)
            r.insert(QString::fromUtf8(header[c]), QString::fromUtf8(cells.value(c)));
        rows << r;
    }
    return rows;
}

// The checks that make up "the signature step" for scope=signature rows.
bool isSignatureStep(const QString& id)
{
    return id.startsWith(QLatin1String("decode.")) || id.startsWith(QLatin1String("xml.")) ||
           id.startsWith(QLatin1String("structure.")) || id.startsWith(QLatin1String("decrypt.")) ||
           id.startsWith(QLatin1String("sig."));
}

// The checks that may fail first on a REJECT row: those of its `reason`,
// and those of each problem `also_fails` lists (free text, read by keyword).
// A row refused for some other reason would be right by luck.
QSet<QString> checksFor(const QString& reason, const QString& alsoFails)
{
    static const QHash<QString, QStringList> byReason = {
        {QStringLiteral("sig-invalid"),
         {QStringLiteral("sig.value"), QStringLiteral("sig.signed-info")}},
        {QStringLiteral("sig-untrusted-key"),
         {QStringLiteral("sig.value"), QStringLiteral("sig.process")}},
        {QStringLiteral("sig-hmac-keyinfo"), {QStringLiteral("sig.algorithm")}},
        {QStringLiteral("sig-transforms"), {QStringLiteral("sig.transforms")}},
        {QStringLiteral("sig-reference-id"), {QStringLiteral("sig.reference-target")}},
        {QStringLiteral("sig-no-signedinfo"), {QStringLiteral("sig.signed-info")}},
        // xml-crypto's document also holds two Assertions; either is a refusal.
        {QStringLiteral("sig-multiple-signedinfo"),
         {QStringLiteral("sig.signed-info"), QStringLiteral("structure.single-assertion")}},
        {QStringLiteral("policy-sha1"), {QStringLiteral("sig.algorithm")}},
        {QStringLiteral("c14n-failure"),
         {QStringLiteral("sig.process"), QStringLiteral("sig.value")}},
        {QStringLiteral("unsigned"), {QStringLiteral("sig.required")}},
        // Wrapping is defeated by whichever structural or reference rule sees it first.
        {QStringLiteral("xsw"),
         {QStringLiteral("structure.single-assertion"), QStringLiteral("structure.unique-ids"),
          QStringLiteral("sig.signed-info"), QStringLiteral("sig.reference-target"),
          QStringLiteral("sig.value"), QStringLiteral("sig.required")}},
        {QStringLiteral("xsw-encrypted"),
         {QStringLiteral("structure.single-assertion"), QStringLiteral("sig.reference-target"),
          QStringLiteral("sig.required")}},
        {QStringLiteral("xsw-duplicate-id"), {QStringLiteral("structure.unique-ids")}},
        // ruby-saml's two signatures over one ID: a second SignedInfo in the same place.
        {QStringLiteral("duplicate-id"),
         {QStringLiteral("structure.unique-ids"), QStringLiteral("sig.signed-info")}},
        {QStringLiteral("multiple-assertions"), {QStringLiteral("structure.single-assertion")}},
        {QStringLiteral("xml-multiple-roots"), {QStringLiteral("xml.parse")}},
        {QStringLiteral("xml-dtd-entity-expansion"), {QStringLiteral("xml.dtd")}},
        {QStringLiteral("xpath-injection"),
         {QStringLiteral("structure.version"), QStringLiteral("structure.single-assertion")}},
        // A SAML 1.1 samlp:Response is another namespace's root element.
        {QStringLiteral("version"),
         {QStringLiteral("structure.version"), QStringLiteral("structure.root")}},
        {QStringLiteral("no-status"), {QStringLiteral("resp.status")}},
        {QStringLiteral("status-not-success"), {QStringLiteral("resp.status")}},
        {QStringLiteral("issuer"),
         {QStringLiteral("resp.issuer"), QStringLiteral("assert.issuer")}},
        {QStringLiteral("no-assertion-issuer"), {QStringLiteral("assert.issuer")}},
        {QStringLiteral("destination-empty"), {QStringLiteral("resp.destination")}},
        {QStringLiteral("inresponseto"), {QStringLiteral("resp.in-response-to")}},
        {QStringLiteral("audience"), {QStringLiteral("cond.audience")}},
        {QStringLiteral("no-conditions"), {QStringLiteral("cond.audience")}},
        {QStringLiteral("time-expired"),
         {QStringLiteral("cond.not-on-or-after"), QStringLiteral("subj.not-on-or-after")}},
        {QStringLiteral("time-notbefore"), {QStringLiteral("cond.not-before")}},
        {QStringLiteral("time-malformed"),
         {QStringLiteral("cond.not-before"), QStringLiteral("cond.not-on-or-after"),
          QStringLiteral("subj.not-on-or-after")}},
        {QStringLiteral("subjectconfirmation-recipient"), {QStringLiteral("subj.recipient")}},
        {QStringLiteral("subjectconfirmation-not-bearer"), {QStringLiteral("subj.bearer")}},
        {QStringLiteral("subjectconfirmation-missing-data"),
         {QStringLiteral("subj.bearer"), QStringLiteral("subj.recipient")}},
        {QStringLiteral("subjectconfirmation-inresponseto"),
         {QStringLiteral("subj.in-response-to")}},
        {QStringLiteral("subjectconfirmation-expired"), {QStringLiteral("subj.not-on-or-after")}},
        // The bearer confirmation's window is NotBefore..NotOnOrAfter; the
        // fixture's clock sits outside it, past the end our SP checks.
        {QStringLiteral("subjectconfirmation-notbefore"),
         {QStringLiteral("subj.bearer"), QStringLiteral("subj.not-on-or-after")}},
        {QStringLiteral("no-authnstatement"), {QStringLiteral("authn.statement")}},
        {QStringLiteral("nameid-missing"), {QStringLiteral("nameid.present")}},
        {QStringLiteral("nameid-empty"), {QStringLiteral("nameid.present")}},
        {QStringLiteral("nameid-spnamequalifier"), {QStringLiteral("nameid.format")}},
        {QStringLiteral("duplicate-attribute"), {QStringLiteral("attr.duplicates")}},
    };
    static const QList<std::pair<QString, QString>> byKeyword = {
        {QStringLiteral("unsigned"), QStringLiteral("sig.required")},
        {QStringLiteral("no samlp:Status"), QStringLiteral("resp.status")},
        {QStringLiteral("no assertion"), QStringLiteral("structure.single-assertion")},
        {QStringLiteral("verif"), QStringLiteral("sig.value")},
        {QStringLiteral("verif"), QStringLiteral("sig.process")},
        {QStringLiteral("Recipient"), QStringLiteral("subj.recipient")},
        {QStringLiteral("Destination"), QStringLiteral("resp.destination")},
        {QStringLiteral("Conditions expired"), QStringLiteral("cond.not-on-or-after")},
    };
    QSet<QString> ids;
    for (const QString& id : byReason.value(reason))
        ids.insert(id);
    for (const auto& [keyword, id] : byKeyword)
        if (alsoFails.contains(keyword))
            ids.insert(id);
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(Row)

class TestSamlCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manifestIsThere()
    {
        const auto rows = manifest();
        QVERIFY2(
            rows.size() == 173,
            qPrintable(
                QStringLiteral("%1 rows in %2/MANIFEST.tsv").arg(rows.size()).arg(corpusDir())));
        qsizetype bare = 0;
        for (const Row& r : rows)
            bare += r.value(QStringLiteral("kind")) == QLatin1String("assertion");
        qInfo("%lld rows run, %lld bare-Assertion rows counted but not run",
              qint64(rows.size() - bare), qint64(bare));
    }

    void row_data()
    {
        QTest::addColumn<Row>("row");
        const auto rows = manifest();
        // Without the corpus there is nothing to run: one empty row fails.
        if (rows.isEmpty())
            QTest::newRow("corpus missing") << Row();
        for (const Row& r : rows)
            if (r.value(QStringLiteral("kind")) != QLatin1String("assertion"))
                QTest::newRow(qPrintable(r.value(QStringLiteral("case")))) << r;
    }

    void row()
    {
        QFETCH(Row, row);
        if (row.isEmpty())
            QFAIL(qPrintable(QStringLiteral("no corpus at %1").arg(corpusDir())));
        const auto v = [&](const char* k) {
            return row.value(QLatin1String(k));
        };

        sp::SpConfig config;
        config.entityId = v("sp_entity");
        config.acsUrls = {v("acs")};
        config.idp.entityId = v("idp_entity");
        const QString certPath = corpusDir() + QLatin1Char('/') + v("idp_cert");
        auto cert = crypto::certificateFromPem(readFile(certPath).value(), certPath);
        QVERIFY2(cert.ok(), cert.ok() ? "" : qPrintable(cert.error().message));
        config.idp.signingCertificates = {*cert};
        if (!v("sp_key").isEmpty()) {
            const QString keyPath = corpusDir() + QLatin1Char('/') + v("sp_key");
            auto key = crypto::KeyPair::fromPrivateKeyPem(readFile(keyPath).value(), keyPath);
            QVERIFY2(key.ok(), key.ok() ? "" : qPrintable(key.error().message));
            config.decryptionKey = *key;
        }
        QStringList unknown;
        for (const QString& flag : v("relax").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (auto r = sp::relaxationFromName(flag))
                config.relaxations.insert(*r);
            else
                unknown << flag;
        }
        // The corpus predates this SP's legacy-encryption relaxation: rows whose
        // fixture is encrypted with AES-CBC or RSA PKCS#1 v1.5 (some with 3DES) get it, since
        // they are about what lies behind the encryption, not its algorithm.
        const QByteArray raw = readFile(corpusDir() + QLatin1Char('/') + v("path")).value();
        const QByteArray plain = raw.trimmed().startsWith('<') ? raw : QByteArray::fromBase64(raw);
        if (plain.contains("xmlenc#aes128-cbc") || plain.contains("xmlenc#aes256-cbc") ||
            plain.contains("xmlenc#rsa-1_5"))
            config.relaxations.insert(sp::Relaxation::LegacyEncryption);
        // An empty in_response_to means the row is unsolicited by design.
        if (v("in_response_to").isEmpty())
            config.relaxations.insert(sp::Relaxation::Unsolicited);

        QDateTime validAt = v("valid_at").isEmpty() ? QDateTime() : parseIsoInstant(v("valid_at"));
        // Signature-scope rows have no instant (their windows cannot all hold):
        // judge them a day after the trusted certificate's notBefore.
        if (!validAt.isValid()) {
            struct tm t = {};
            ASN1_TIME_to_tm(X509_get0_notBefore(cert->get()), &t);
            validAt =
                QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday), QTime(0, 0), Qt::UTC)
                    .addDays(1);
        }
        ManualClock clock(validAt);
        sp::Validator validator(config, clock);

        const QByteArray& bytes = raw;
        const bool deflated = v("encoding") == QLatin1String("base64-deflate");
        const sp::Report report = validator.validate(bytes, {v("in_response_to"), deflated});

        const QStringList failed = report.failedIds();
        const sp::CheckResult* first = report.firstFailure();
        const QString got =
            QStringLiteral("failed: [%1]%2")
                .arg(failed.join(QStringLiteral(", ")),
                     first ? QStringLiteral(" first: %1 (%2)").arg(first->found, first->detail)
                           : QString());
        const bool expectAccept = v("expected") == QLatin1String("ACCEPT");
        if (!unknown.isEmpty() && expectAccept)
            QEXPECT_FAIL(
                "",
                qPrintable(QStringLiteral("needs %1, which xmlsec1 1.2.37 cannot do (RSASSA-PSS)")
                               .arg(unknown.join(QLatin1Char(',')))),
                Abort);

        if (v("scope") == QLatin1String("signature")) {
            bool signatureStepFailed = false;
            for (const QString& id : failed)
                signatureStepFailed = signatureStepFailed || isSignatureStep(id);
            QVERIFY2(
                signatureStepFailed != expectAccept,
                qPrintable(
                    QStringLiteral("signature scope, expected %1; %2").arg(v("expected"), got)));
            return;
        }
        if (expectAccept) {
            if (!report.accepted() && v("severity") == QLatin1String("policy")) {
                qInfo("%s: policy row refused (%s) — a defensible strictness",
                      qPrintable(v("case")), qPrintable(got));
                return;
            }
            QVERIFY2(report.accepted(), qPrintable(got));
            if (!v("expect_nameid").isEmpty())
                QCOMPARE(report.login->nameId, v("expect_nameid"));
        } else {
            QVERIFY2(!report.accepted(),
                     qPrintable(QStringLiteral("ACCEPTED a %1 REJECT row (reason %2)")
                                    .arg(v("severity"), v("reason"))));
            const QSet<QString> fair = checksFor(v("reason"), v("also_fails"));
            QVERIFY2(
                !fair.isEmpty(),
                qPrintable(QStringLiteral("no checks known for reason '%1'").arg(v("reason"))));
            QVERIFY2(
                fair.contains(first->id),
                qPrintable(QStringLiteral("refused at %1, not for the row's reason %2 (%3); %4")
                               .arg(first->id, v("reason"), v("also_fails"), got)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSamlCorpus)
#include "test_saml_corpus.moc"
