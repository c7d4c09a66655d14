// What each signature-level fault is, shown without an SP: wrapping (the
// signature still verifies over the original element, re-assembled on its
// own, while the assertion an SP finds by position is the admin's), keys the
// SP must not trust, refused algorithms, profile breaches that a lax
// verifier would accept, decoys, and the comment/CDATA twins read in full.
#include "idp/faults/custom_signature.h"
#include "idp/self_check.h"
#include "saml/saml_names.h"
#include "support/fault_fixtures.h"
#include "support/fixtures.h"
#include "support/saml_fixtures.h"
#include "xmlsec/xml_signer.h"
#include "xmlsec/xml_verifier.h"

#include <QTest>

using namespace jh;
using crypto::KeyType;
using xml::firstChild;

class TestFaultShapes : public QObject
{
    Q_OBJECT

    test::FaultBench m_bench;

private Q_SLOTS:
    void wrapping_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("byRootChild"); // where the SP a variant targets looks
        for (int n = 1; n <= 8; ++n)
            QTest::addRow("xsw%d", n) << QStringLiteral("xsw%1").arg(n) << (n <= 2);
    }

    void wrapping()
    {
        QFETCH(QString, name);
        QFETCH(bool, byRootChild);
        auto doc = m_bench.parsed(name);
        xmlNode* response = xmlDocGetRootElement(doc.get());
        QVERIFY(xml::isElement(response, saml::kNsProtocol, "Response"));

        // The assertion an SP finds by position speaks for the admin ...
        xmlNode* read = byRootChild
                            ? firstChild(response, saml::kNsAssertion, "Assertion")
                            : test::descendants(response, saml::kNsAssertion, "Assertion").value(0);
        QCOMPARE(test::nameIdOf(read), test::kAdminNameId);

        // ... while a signature in the message still verifies over the
        // original element, still in the message, still the victim's.
        bool verified = false;
        for (xmlNode* sig : test::descendants(response, saml::kNsDsig, "Signature")) {
            for (xmlNode* original :
                 test::elementsWithId(response, test::referenceUri(sig).mid(1))) {
                xmlNode* assertion = xml::isElement(original, saml::kNsAssertion, "Assertion")
                                         ? original
                                         : firstChild(original, saml::kNsAssertion, "Assertion");
                if (test::nameIdOf(assertion) == test::kVictimNameId &&
                    test::verifiesOverOriginal(original, sig, m_bench.idpCertificate()))
                    verified = true;
            }
        }
        QVERIFY(verified);
    }

    void untrustedKeys_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("keyInfo"); // the KeyInfo child, empty: no KeyInfo
        QTest::newRow("unknown-key") << QStringLiteral("unknown-key") << QString();
        QTest::newRow("attacker-cert-in-keyinfo")
            << QStringLiteral("attacker-cert-in-keyinfo") << QStringLiteral("X509Data");
        QTest::newRow("keyvalue-only")
            << QStringLiteral("keyvalue-only") << QStringLiteral("KeyValue");
    }

    void untrustedKeys()
    {
        QFETCH(QString, name);
        QFETCH(QString, keyInfo);
        auto doc = m_bench.parsed(name);
        xmlNode* assertion =
            firstChild(xmlDocGetRootElement(doc.get()), saml::kNsAssertion, "Assertion");
        QCOMPARE(test::nameIdOf(assertion), test::kAdminNameId);
        xmlNode* sig = firstChild(assertion, saml::kNsDsig, "Signature");
        (void)xmlsec::registerId(doc.get(), assertion);
        // Valid for the attacker's certificate; for the IdP's, processed and
        // found invalid (a verdict, not a failure to process).
        auto attacker = xmlsec::verifySignature(sig, m_bench.attacker().certificate());
        QVERIFY(attacker.ok() && attacker->valid);
        auto idp = xmlsec::verifySignature(sig, m_bench.idpCertificate());
        QVERIFY2(idp.ok(), idp.ok() ? "" : qPrintable(idp.error().message));
        QVERIFY(!idp->valid);

        xmlNode* info = firstChild(sig, saml::kNsDsig, "KeyInfo");
        if (keyInfo.isEmpty()) {
            QVERIFY(!info);
            return;
        }
        QVERIFY(info);
        QCOMPARE(xml::toQString(xmlFirstElementChild(info)->name), keyInfo);
        QCOMPARE(xmlChildElementCount(info), 1UL);
        if (keyInfo == QLatin1String("X509Data"))
            QCOMPARE(xml::textContent(xmlFirstElementChild(info)).trimmed(),
                     m_bench.attacker().certificateBase64());
    }

    void refusedAlgorithms_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("digest");
        const QString more = QStringLiteral("http://www.w3.org/2001/04/xmldsig-more#");
        const QString dsig = QStringLiteral("http://www.w3.org/2000/09/xmldsig#");
        QTest::newRow("sha1") << QStringLiteral("sha1") << dsig + QStringLiteral("rsa-sha1")
                              << dsig + QStringLiteral("sha1");
        QTest::newRow("md5") << QStringLiteral("md5") << more + QStringLiteral("rsa-md5")
                             << more + QStringLiteral("md5");
        QTest::newRow("hmac-with-public-cert")
            << QStringLiteral("hmac-with-public-cert") << more + QStringLiteral("hmac-sha256")
            << QStringLiteral("http://www.w3.org/2001/04/xmlenc#sha256");
    }

    void refusedAlgorithms()
    {
        QFETCH(QString, name);
        QFETCH(QString, method);
        QFETCH(QString, digest);
        auto doc = m_bench.parsed(name);
        xmlNode* assertion =
            firstChild(xmlDocGetRootElement(doc.get()), saml::kNsAssertion, "Assertion");
        xmlNode* sig = firstChild(assertion, saml::kNsDsig, "Signature");
        xmlNode* signedInfo = firstChild(sig, saml::kNsDsig, "SignedInfo");
        QCOMPARE(
            xml::attribute(firstChild(signedInfo, saml::kNsDsig, "SignatureMethod"), "Algorithm"),
            method);
        QCOMPARE(xml::attribute(firstChild(firstChild(signedInfo, saml::kNsDsig, "Reference"),
                                           saml::kNsDsig, "DigestMethod"),
                                "Algorithm"),
                 digest);
        // Real signatures: a verifier that takes the algorithm from the
        // message accepts them — the HMAC one with the IdP's public PEM.
        test::registerIds(xmlDocGetRootElement(doc.get()));
        if (name == QLatin1String("hmac-with-public-cert")) {
            QCOMPARE(test::nameIdOf(assertion), test::kAdminNameId);
            auto key = idp::faults::hmacKey(test::testIdpKey(KeyType::Rsa).certificatePem());
            QVERIFY(key.ok());
            QVERIFY(test::laxVerify(sig, std::move(*key)));
        } else {
            QCOMPARE(test::nameIdOf(assertion), test::kVictimNameId);
            QVERIFY(test::laxVerify(sig, m_bench.idpCertificate()));
        }
    }

    void profileBreaches_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("transforms"); // the first Reference's
        QTest::addColumn<int>("references");
        QTest::addColumn<bool>("lockedDownRuns"); // the IdP's locked-down verifier runs it
        const QString env = QStringLiteral("http://www.w3.org/2000/09/xmldsig#enveloped-signature");
        const QString exc = QStringLiteral("http://www.w3.org/2001/10/xml-exc-c14n#");
        const QStringList saml{env, exc};
        QTest::newRow("reference-to-other-element")
            << QStringLiteral("reference-to-other-element") << saml << 1 << true;
        QTest::newRow("two-references") << QStringLiteral("two-references") << saml << 2 << true;
        QTest::newRow("extra-transform")
            << QStringLiteral("extra-transform")
            << (saml +
                QStringList{QStringLiteral("http://www.w3.org/TR/2001/REC-xml-c14n-20010315")})
            << 1 << false;
        QTest::newRow("xslt-transform")
            << QStringLiteral("xslt-transform")
            << (saml + QStringList{QStringLiteral("http://www.w3.org/TR/1999/REC-xslt-19991116")})
            << 1 << false;
        QTest::newRow("xpath-transform")
            << QStringLiteral("xpath-transform")
            << QStringList{QStringLiteral("http://www.w3.org/TR/1999/REC-xpath-19991116"), exc} << 1
            << false;
        QTest::newRow("signature-object")
            << QStringLiteral("signature-object") << saml << 1 << true;
    }

    void profileBreaches()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, transforms);
        QFETCH(int, references);
        QFETCH(bool, lockedDownRuns);
        auto doc = m_bench.parsed(name);
        xmlNode* response = xmlDocGetRootElement(doc.get());
        xmlNode* assertion = firstChild(response, saml::kNsAssertion, "Assertion");
        xmlNode* sig = firstChild(assertion, saml::kNsDsig, "Signature");
        QVERIFY(sig);
        QCOMPARE(test::transformUris(sig), transforms);
        QCOMPARE(test::descendants(firstChild(sig, saml::kNsDsig, "SignedInfo"), saml::kNsDsig,
                                   "Reference")
                     .size(),
                 references);
        QCOMPARE(firstChild(sig, saml::kNsDsig, "Object") != nullptr,
                 name == QLatin1String("signature-object"));
        const QString target = name == QLatin1String("reference-to-other-element")
                                   ? xml::attribute(response, "ID")
                                   : xml::attribute(assertion, "ID");
        QCOMPARE(test::referenceUri(sig), QLatin1Char('#') + target);
        QCOMPARE(test::nameIdOf(assertion), test::kVictimNameId);

        // Cryptographically sound: a lax verifier accepts every one of them;
        // the locked-down one refuses to run the foreign transforms.
        test::registerIds(response);
        QVERIFY(test::laxVerify(sig, m_bench.idpCertificate()));
        auto locked = xmlsec::verifySignature(sig, m_bench.idpCertificate());
        QCOMPARE(locked.ok(), lockedDownRuns);
        if (locked)
            QVERIFY(locked->valid);
    }

    void decoys_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("tampered-after-signing") << QStringLiteral("tampered-after-signing");
        QTest::newRow("two-signedinfo") << QStringLiteral("two-signedinfo");
        QTest::newRow("decoy-digest-in-extensions") << QStringLiteral("decoy-digest-in-extensions");
    }

    void decoys()
    {
        QFETCH(QString, name);
        const QByteArray xml = m_bench.build(name);
        const auto check = idp::selfCheck(xml, m_bench.idpCertificate());
        QVERIFY(!check.ok());
        QCOMPARE(check.read.subject.nameId, test::kAdminNameId);
        auto doc = m_bench.parsed(name);
        xmlNode* response = xmlDocGetRootElement(doc.get());
        xmlNode* sig = firstChild(firstChild(response, saml::kNsAssertion, "Assertion"),
                                  saml::kNsDsig, "Signature");
        const auto signedInfos = test::descendants(sig, saml::kNsDsig, "SignedInfo");
        const auto digests = test::descendants(response, saml::kNsDsig, "DigestValue");
        if (name == QLatin1String("tampered-after-signing")) {
            QCOMPARE(digests.size(), 1);
            return;
        }
        // Two DigestValues: the signed one and the decoy, which differ; the
        // decoy comes first in document order when it is in Extensions.
        QCOMPARE(digests.size(), 2);
        QVERIFY(xml::textContent(digests[0]) != xml::textContent(digests[1]));
        if (name == QLatin1String("two-signedinfo")) {
            QCOMPARE(signedInfos.size(), 2);
        } else {
            QCOMPARE(signedInfos.size(), 1);
            QVERIFY(xml::isElement(digests[0]->parent, saml::kNsProtocol, "Extensions"));
        }
    }

    void nameIdReadInFull_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("splitBy"); // the node type after the victim's part
        QTest::newRow("comment-in-nameid")
            << QStringLiteral("comment-in-nameid") << int(XML_COMMENT_NODE);
        QTest::newRow("cdata-in-nameid")
            << QStringLiteral("cdata-in-nameid") << int(XML_CDATA_SECTION_NODE);
    }

    void nameIdReadInFull()
    {
        QFETCH(QString, name);
        QFETCH(int, splitBy);
        const auto check = idp::selfCheck(m_bench.build(name), m_bench.idpCertificate());
        QVERIFY2(check.ok(), qPrintable(check.failures.join(QLatin1Char('\n'))));
        QCOMPARE(check.verified, QStringList{QStringLiteral("Assertion")});
        const idp::Fault* f = idp::findFault(name);
        QVERIFY(f->acceptedNameId);
        QCOMPARE(f->acceptedNameId(test::sampleSpec()),
                 test::kVictimNameId + QStringLiteral(".evil.example"));
        QCOMPARE(check.read.subject.nameId, f->acceptedNameId(test::sampleSpec()));
        // A naive SP that reads the first text node gets the victim.
        xmlNode* nameId = firstChild(firstChild(check.assertion, saml::kNsAssertion, "Subject"),
                                     saml::kNsAssertion, "NameID");
        QCOMPARE(xml::toQString(nameId->children->content), test::kVictimNameId);
        QCOMPARE(int(nameId->children->next->type), splitBy);
    }
};

QTEST_GUILESS_MAIN(TestFaultShapes)
#include "test_fault_shapes.moc"
