// IdP keys: generated once per type, reused afterwards, never overwritten
// when damaged; the TEST-ONLY pairs load and sign.
#include "common/file_io.h"
#include "crypto/key_store.h"
#include "support/fixtures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <openssl/evp.h>

using namespace jh;
using crypto::KeyType;

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatesThenReuses_data()
    {
        QTest::addColumn<KeyType>("type");
        QTest::addColumn<int>("baseId");
        QTest::newRow("rsa") << KeyType::Rsa << EVP_PKEY_RSA;
        QTest::newRow("ec") << KeyType::Ec << EVP_PKEY_EC;
    }

    void generatesThenReuses()
    {
        QFETCH(KeyType, type);
        QFETCH(int, baseId);
        QTemporaryDir dir;
        crypto::KeyStore store(dir.path());
        ManualClock clock(test::fixedNow());
        auto first = store.loadOrCreate(type, clock);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QCOMPARE(EVP_PKEY_get_base_id(first->key()), baseId);
        if (type == KeyType::Rsa)
            QCOMPARE(EVP_PKEY_get_bits(first->key()), 2048);
        else
            QCOMPARE(EVP_PKEY_get_bits(first->key()), 256);
        QVERIFY(QFile::exists(store.keyPath(type)));
        QCOMPARE(QFile(store.keyPath(type)).permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());
        QCOMPARE(first->notAfter().date().year(), test::fixedNow().date().year() + 10);
        auto second = store.loadOrCreate(type, clock);
        QVERIFY(second.ok());
        QCOMPARE(second->sha256Fingerprint(), first->sha256Fingerprint());
    }

    void damagedKeyIsReportedNotReplaced()
    {
        QTemporaryDir dir;
        crypto::KeyStore store(dir.path());
        ManualClock clock(test::fixedNow());
        QVERIFY(store.loadOrCreate(KeyType::Rsa, clock).ok());
        QVERIFY(writeFileAtomic(store.keyPath(KeyType::Rsa), "garbage").ok());
        auto again = store.loadOrCreate(KeyType::Rsa, clock);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().id, QStringLiteral("crypto.key-unreadable"));
        QVERIFY2(again.error().message.contains(store.keyPath(KeyType::Rsa)),
                 qPrintable(again.error().message));
        QCOMPARE(readFile(store.keyPath(KeyType::Rsa)).value(), QByteArray("garbage"));
    }

    void halfPairIsReported()
    {
        QTemporaryDir dir;
        crypto::KeyStore store(dir.path());
        ManualClock clock(test::fixedNow());
        QVERIFY(store.loadOrCreate(KeyType::Ec, clock).ok());
        QFile::remove(store.certificatePath(KeyType::Ec));
        auto again = store.loadOrCreate(KeyType::Ec, clock);
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(QStringLiteral("partner")));
        QVERIFY(!QFile::exists(store.certificatePath(KeyType::Ec)));
    }

    void mismatchedPairIsRefused()
    {
        const auto rsa = test::testIdpKey(KeyType::Rsa);
        const auto ec = test::testIdpKey(KeyType::Ec);
        auto mixed = crypto::KeyPair::fromPem(rsa.privateKeyPem(), ec.certificatePem(),
                                              QStringLiteral("mixed"));
        QVERIFY(!mixed.ok());
        QCOMPARE(mixed.error().id, QStringLiteral("crypto.key-mismatch"));
    }

    void testKeysAreMarkedTestOnly()
    {
        for (KeyType t : {KeyType::Rsa, KeyType::Ec}) {
            const auto kp = test::testIdpKey(t);
            QVERIFY2(kp.subject().contains(QStringLiteral("TEST ONLY")), qPrintable(kp.subject()));
            QVERIFY(crypto::signRaw(kp, "data", "SHA256").ok());
        }
    }

    void certificateFromBase64()
    {
        const auto kp = test::testIdpKey(KeyType::Rsa);
        auto c = crypto::certificateFromPemOrBase64(kp.certificateBase64().toLatin1(),
                                                    QStringLiteral("md"));
        QVERIFY(c.ok());
        QCOMPARE(crypto::certificateToPem(c->get()), kp.certificatePem());
        QVERIFY(!crypto::certificateFromPemOrBase64("not base64 !!", QStringLiteral("md")).ok());
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "test_key_store.moc"
