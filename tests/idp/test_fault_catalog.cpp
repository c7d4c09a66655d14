// The IdP's fault catalogue as a whole: at least 40 uniquely named faults,
// each naming a check the SP knows (or none, for an edge twin), each built
// with the TEST-ONLY keys at a fixed instant for both key types, each
// different from its passing twin, which the IdP's own read-back accepts;
// and what can be shown without an SP: the times each time fault writes,
// DTDs the hardened parser refuses, the oversized message's size, the
// preconditions, the structure and encryption faults. Signature and
// wrapping shapes: test_fault_shapes.cpp.
#include "idp/fault_catalog.h"
#include "idp/self_check.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "support/fault_fixtures.h"
#include "support/fixtures.h"
#include "support/saml_fixtures.h"
#include "xml/xml_parse.h"
#include "xmlsec/xml_signer.h"
#include "xmlsec/xml_verifier.h"

#include <QSet>
#include <QTest>
#include <libxml/entities.h>
#include <libxml/parser.h>

using namespace jh;
using crypto::KeyType;
using xml::firstChild;

Q_DECLARE_METATYPE(crypto::KeyType)

class TestFaultCatalog : public QObject
{
    Q_OBJECT

    test::FaultBench m_bench;

    idp::FaultInput input(KeyType key = KeyType::Rsa) const { return m_bench.input(key); }
    QByteArray build(const QString& name) const { return m_bench.build(name); }
    X509* idpCert(KeyType key = KeyType::Rsa) const { return m_bench.idpCertificate(key); }

private Q_SLOTS:
    void catalogue()
    {
        const auto& all = idp::faultCatalog();
        QVERIFY2(all.size() >= 40, qPrintable(QString::number(all.size())));
        QSet<QString> names;
        for (const idp::Fault& f : all) {
            QVERIFY2(!names.contains(f.name), qPrintable(f.name));
            names.insert(f.name);
            QVERIFY2(f.mustAccept() || sp::findCheck(f.expectedCheck),
                     qPrintable(f.name + QStringLiteral(": ") + f.expectedCheck));
            QVERIFY2(!f.summary.isEmpty() && !f.source.isEmpty() && !f.kind.isEmpty(),
                     qPrintable(f.name));
            QVERIFY(f.build);
            QCOMPARE(idp::findFault(f.name), &f);
        }
        QCOMPARE(idp::faultNames().size(), all.size());
        QVERIFY(!idp::findFault(QStringLiteral("no-such-fault")));
    }

    void issueListsEveryNamedFault()
    {
        // The faults issue 4 names, one by one.
        for (const char* n : {"expired",
                              "not-yet-valid",
                              "not-before-skew-inside",
                              "not-before-skew-outside",
                              "not-on-or-after-skew-inside",
                              "not-on-or-after-skew-outside",
                              "wrong-audience",
                              "wrong-recipient",
                              "wrong-destination",
                              "wrong-issuer",
                              "wrong-in-response-to",
                              "unsolicited",
                              "unsigned",
                              "signature-stripped",
                              "tampered-after-signing",
                              "unknown-key",
                              "attacker-cert-in-keyinfo",
                              "keyvalue-only",
                              "hmac-with-public-cert",
                              "sha1",
                              "md5",
                              "xsw1",
                              "xsw2",
                              "xsw3",
                              "xsw4",
                              "xsw5",
                              "xsw6",
                              "xsw7",
                              "xsw8",
                              "two-assertions",
                              "duplicate-ids",
                              "reference-to-other-element",
                              "extra-transform",
                              "xslt-transform",
                              "xpath-transform",
                              "two-signedinfo",
                              "decoy-digest-in-extensions",
                              "comment-in-nameid",
                              "cdata-in-nameid",
                              "doctype-xxe",
                              "external-dtd",
                              "billion-laughs",
                              "not-a-response",
                              "replay",
                              "responder-status",
                              "missing-nameid",
                              "missing-authn-statement",
                              "missing-subject-confirmation",
                              "unsigned-assertion-in-encrypted",
                              "plain-beside-encrypted",
                              "oversized"})
            QVERIFY2(idp::findFault(QString::fromLatin1(n)), n);
    }

    void everyFaultBuilds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<KeyType>("key");
        for (const idp::Fault& f : idp::faultCatalog())
            for (KeyType k : {KeyType::Rsa, KeyType::Ec})
                QTest::addRow("%s %s", qPrintable(f.name), k == KeyType::Rsa ? "rsa" : "ec")
                    << f.name << k;
    }

    void everyFaultBuilds()
    {
        QFETCH(QString, name);
        QFETCH(KeyType, key);
        const idp::Fault& f = *idp::findFault(name);
        const idp::FaultInput in = input(key);
        auto faulted = idp::buildFault(f, in);
        QVERIFY2(faulted.ok(), faulted.ok() ? "" : qPrintable(faulted.error().message));
        auto twin = idp::buildPassingTwin(f, in);
        QVERIFY2(twin.ok(), twin.ok() ? "" : qPrintable(twin.error().message));

        // The twin is what the IdP issues: it reads back, signed and as meant.
        const auto check = idp::selfCheck(*twin, idpCert(key), &m_bench.spKey());
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char('\n'))));
        QVERIFY(check.verified.contains(QStringLiteral("Assertion")) ||
                check.verified.contains(QStringLiteral("Response")));
        QCOMPARE(check.read.subject, in.spec.subject);
        QCOMPARE(check.encrypted, f.encrypted.value_or(false));

        if (f.sendTwice) {
            // The defect is the second sending, not the message.
            QVERIFY(idp::selfCheck(*faulted, idpCert(key), &m_bench.spKey()).ok());
            return;
        }
        QVERIFY(*faulted != *twin);
        if (f.mustAccept()) {
            // Edge twins verify and say nothing worse than the valid message.
            const auto edge = idp::selfCheck(*faulted, idpCert(key), &m_bench.spKey());
            QVERIFY2(edge.ok(), qPrintable(edge.failures.join(QLatin1Char('\n'))));
        }
    }

    void timesAreOnTheEdges_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("element");
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<int>("offset"); // seconds from the check instant
        const QString c = QStringLiteral("Conditions");
        const QString scd = QStringLiteral("SubjectConfirmationData");
        const QString nb = QStringLiteral("NotBefore");
        const QString na = QStringLiteral("NotOnOrAfter");
        QTest::newRow("expired") << QStringLiteral("expired") << c << na << -3600;
        QTest::newRow("expired confirmation") << QStringLiteral("expired") << scd << na << -3600;
        QTest::newRow("not-yet-valid") << QStringLiteral("not-yet-valid") << c << nb << 3600;
        QTest::newRow("nb inside") << QStringLiteral("not-before-skew-inside") << c << nb << 180;
        QTest::newRow("nb outside") << QStringLiteral("not-before-skew-outside") << c << nb << 181;
        QTest::newRow("noa inside")
            << QStringLiteral("not-on-or-after-skew-inside") << c << na << -179;
        QTest::newRow("noa outside")
            << QStringLiteral("not-on-or-after-skew-outside") << c << na << -180;
        QTest::newRow("confirmation-expired")
            << QStringLiteral("confirmation-expired") << scd << na << -3600;
        QTest::newRow("confirmation-expired keeps Conditions")
            << QStringLiteral("confirmation-expired") << c << na << 300;
    }

    void timesAreOnTheEdges()
    {
        QFETCH(QString, name);
        QFETCH(QString, element);
        QFETCH(QString, attribute);
        QFETCH(int, offset);
        const auto check = idp::selfCheck(build(name), idpCert(), &m_bench.spKey());
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char('\n'))));
        const saml::AssertionSpec& r = check.read;
        const QDateTime found =
            element == QLatin1String("Conditions")
                ? (attribute == QLatin1String("NotBefore") ? r.conditions.notBefore
                                                           : r.conditions.notOnOrAfter)
                : r.confirmation.notOnOrAfter;
        QCOMPARE(found, test::fixedNow().addSecs(offset));
        // One defect at a time: the window is never inverted.
        QVERIFY(r.conditions.notBefore < r.conditions.notOnOrAfter);
    }

    void dtdsAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("entity"); // declared in the internal subset; empty: none
        QTest::newRow("doctype-xxe") << QStringLiteral("doctype-xxe") << QByteArray("xxe");
        QTest::newRow("external-dtd") << QStringLiteral("external-dtd") << QByteArray();
        QTest::newRow("billion-laughs") << QStringLiteral("billion-laughs") << QByteArray("lol9");
    }

    void dtdsAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, entity);
        const QByteArray bytes = build(name);
        auto hardened = xml::parseHardened(bytes, name);
        QVERIFY(!hardened.ok());
        QCOMPARE(hardened.error().id, QStringLiteral("xml.dtd-forbidden"));

        // What the DOCTYPE carries, read by a parser that expands nothing.
        xml::DocPtr doc(xmlReadMemory(bytes.constData(), int(bytes.size()), nullptr, nullptr,
                                      XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                          XML_PARSE_NOWARNING));
        QVERIFY(doc && doc->intSubset);
        if (entity.isEmpty()) {
            QCOMPARE(QByteArray(reinterpret_cast<const char*>(doc->intSubset->SystemID)),
                     QByteArray("https://evil.example/saml.dtd"));
        } else {
            QVERIFY(xmlGetDocEntity(doc.get(), xml::xc(entity.constData())));
            QVERIFY(bytes.contains("&" + entity + ";"));
        }
    }

    void oversizedIsSignedAndLarge()
    {
        const QByteArray bytes = build(QStringLiteral("oversized"));
        QVERIFY(bytes.size() > qsizetype{256} * 1024);
        const auto check = idp::selfCheck(bytes, idpCert(), &m_bench.spKey());
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char('\n'))));
    }

    void preconditionsAreNamed()
    {
        idp::FaultInput in = input();
        in.spec.inResponseTo.clear();
        in.spec.confirmation.inResponseTo.clear();
        auto r = idp::buildFault(*idp::findFault(QStringLiteral("unsolicited")), in);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().id, QStringLiteral("idp.fault-needs-request"));

        idp::FaultInput noCert = input();
        noCert.encryptFor = nullptr;
        auto e = idp::buildFault(*idp::findFault(QStringLiteral("cbc-encryption")), noCert);
        QVERIFY(!e.ok());
        QCOMPARE(e.error().id, QStringLiteral("idp.fault-needs-encryption"));
        // Faults that need neither build without them.
        QVERIFY(idp::buildFault(*idp::findFault(QStringLiteral("expired")), noCert).ok());
    }

    void structure()
    {
        {
            auto doc = m_bench.parsed(QStringLiteral("two-assertions"));
            const auto assertions =
                test::descendants(xmlDocGetRootElement(doc.get()), saml::kNsAssertion, "Assertion");
            QCOMPARE(assertions.size(), 2);
            QVERIFY(firstChild(assertions[0], saml::kNsDsig, "Signature"));
            QVERIFY(!firstChild(assertions[1], saml::kNsDsig, "Signature"));
            QCOMPARE(test::nameIdOf(assertions[1]), test::kAdminNameId);
            QVERIFY(xml::attribute(assertions[0], "ID") != xml::attribute(assertions[1], "ID"));
        }
        {
            auto doc = m_bench.parsed(QStringLiteral("duplicate-ids"));
            xmlNode* response = xmlDocGetRootElement(doc.get());
            QCOMPARE(xml::attribute(response, "ID"),
                     xml::attribute(firstChild(response, saml::kNsAssertion, "Assertion"), "ID"));
        }
        {
            auto doc = m_bench.parsed(QStringLiteral("not-a-response"));
            xmlNode* root = xmlDocGetRootElement(doc.get());
            QVERIFY(xml::isElement(root, saml::kNsAssertion, "Assertion"));
            (void)xmlsec::registerId(doc.get(), root);
            auto v = xmlsec::verifySignature(firstChild(root, saml::kNsDsig, "Signature"),
                                             m_bench.idpCertificate());
            QVERIFY(v.ok() && v->valid);
        }
        {
            auto doc = m_bench.parsed(QStringLiteral("wrong-version"));
            QCOMPARE(xml::attribute(xmlDocGetRootElement(doc.get()), "Version"),
                     QStringLiteral("1.1"));
        }
    }

    void encryption()
    {
        const auto inside =
            idp::selfCheck(m_bench.build(QStringLiteral("unsigned-assertion-in-encrypted")),
                           m_bench.idpCertificate(), &m_bench.spKey());
        QVERIFY(inside.ok() && inside.decrypted);
        QVERIFY(inside.verified.isEmpty());
        QCOMPARE(inside.read.subject.nameId, test::kAdminNameId);

        auto beside = m_bench.parsed(QStringLiteral("plain-beside-encrypted"));
        xmlNode* response = xmlDocGetRootElement(beside.get());
        xmlNode* plain = firstChild(response, saml::kNsAssertion, "Assertion");
        QCOMPARE(test::nameIdOf(plain), test::kAdminNameId);
        QVERIFY(!firstChild(plain, saml::kNsDsig, "Signature"));
        QVERIFY(firstChild(response, saml::kNsAssertion, "EncryptedAssertion"));

        const auto methods = [this](const QString& name) {
            QStringList uris;
            auto doc = m_bench.parsed(name);
            for (xmlNode* m : test::descendants(xmlDocGetRootElement(doc.get()), saml::kNsXenc,
                                                "EncryptionMethod"))
                uris << xml::attribute(m, "Algorithm");
            return uris;
        };
        QVERIFY(methods(QStringLiteral("cbc-encryption"))
                    .contains(QStringLiteral("http://www.w3.org/2001/04/xmlenc#aes256-cbc")));
        QVERIFY(methods(QStringLiteral("rsa-1_5-key-transport"))
                    .contains(QStringLiteral("http://www.w3.org/2001/04/xmlenc#rsa-1_5")));

        // Encrypted for a certificate whose key the SP does not hold.
        const QByteArray other = m_bench.build(QStringLiteral("encrypted-for-another-key"));
        const auto bySp = idp::selfCheck(other, m_bench.idpCertificate(), &m_bench.spKey());
        QVERIFY(!bySp.ok() && !bySp.decrypted);
        const auto byOther = idp::selfCheck(other, m_bench.idpCertificate(), &m_bench.idpKey());
        QVERIFY2(byOther.ok() && byOther.decrypted,
                 qPrintable(byOther.failures.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestFaultCatalog)
#include "test_fault_catalog.moc"
