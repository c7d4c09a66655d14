// SP metadata import: the fields an IdP relies on, which ACS is chosen, and
// every broken file refused with the element at fault named.
#include "common/file_io.h"
#include "saml/sp_metadata.h"
#include "support/fixtures.h"

#include <QTest>

using namespace jh;

class TestSpMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleMetadata()
    {
        const QString path = test::sourcePath(QStringLiteral("samples/sp-metadata.xml"));
        auto md = saml::parseSpMetadata(readFile(path).value(), path);
        QVERIFY2(md.ok(), md.ok() ? "" : qPrintable(md.error().message));
        QCOMPARE(md->entityId, QStringLiteral("https://sp.jitharness.test/metadata"));
        QVERIFY(md->wantAssertionsSigned);
        QCOMPARE(md->encryptionCertificates.size(), 1);
        QCOMPARE(md->signingCertificates.size(), 0);
        QCOMPARE(md->defaultPostAcs()->location, QStringLiteral("http://127.0.0.1:7001/sp/acs"));
        QCOMPARE(md->nameIdFormats.size(), 2);
    }

    void lowestPostIndexWinsWithoutDefault()
    {
        const QString path = test::dataPath(QStringLiteral("metadata/MultipleAcs.xml"));
        auto md = saml::parseSpMetadata(readFile(path).value(), path);
        QVERIFY(md.ok());
        QCOMPARE(md->entityId, QStringLiteral("https://sp.example.test"));
        QVERIFY(md->wantAssertionsSigned);
        QCOMPARE(md->acs.size(), 3);
        QCOMPARE(md->defaultPostAcs()->location, QStringLiteral("https://sp.example.test/acs/1"));
    }

    void noPostAcs()
    {
        const QString path = test::dataPath(QStringLiteral("metadata/RedirectOnlyAcs.xml"));
        auto md = saml::parseSpMetadata(readFile(path).value(), path);
        QVERIFY(md.ok());
        QCOMPARE(md->defaultPostAcs(), nullptr);
    }

    void broken_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("errorId");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no ACS") << "BrokenNoAcs.xml"
                                << "metadata.invalid"
                                << "AssertionConsumerService";
        QTest::newRow("DOCTYPE") << "BrokenDoctype.xml"
                                 << "xml.dtd-forbidden"
                                 << "DOCTYPE";
        QTest::newRow("not well-formed") << "BrokenNotWellFormed.xml"
                                         << "xml.malformed"
                                         << "line";
        QTest::newRow("bad certificate") << "BrokenCertificate.xml"
                                         << "metadata.invalid"
                                         << "KeyDescriptor";
    }

    void broken()
    {
        QFETCH(QString, file);
        QFETCH(QString, errorId);
        QFETCH(QString, mentions);
        const QString path = test::dataPath(QStringLiteral("metadata/") + file);
        auto md = saml::parseSpMetadata(readFile(path).value(), path);
        QVERIFY(!md.ok());
        QCOMPARE(md.error().id, errorId);
        QVERIFY2(md.error().message.contains(path), qPrintable(md.error().message));
        QVERIFY2(md.error().message.contains(mentions), qPrintable(md.error().message));
    }

    void notMetadataAtAll()
    {
        auto md = saml::parseSpMetadata(
            "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>",
            QStringLiteral("r.xml"));
        QVERIFY(!md.ok());
        QVERIFY(md.error().message.contains(QStringLiteral("EntityDescriptor")));
    }
};

QTEST_GUILESS_MAIN(TestSpMetadata)
#include "test_sp_metadata.moc"
