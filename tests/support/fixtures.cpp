#include "support/fixtures.h"

#include "common/file_io.h"

#include <QTest>

namespace jh::test {

QString sourcePath(const QString& relative)
{
    return QStringLiteral(JH_SOURCE_DIR "/") + relative;
}

QString dataPath(const QString& relative)
{
    return QStringLiteral(JH_TEST_DATA_DIR "/") + relative;
}

QString cliPath()
{
    return QStringLiteral(JH_CLI_PATH);
}

QString testKeyDir()
{
    return sourcePath(QStringLiteral("samples/test-keys"));
}

namespace {
crypto::KeyPair loadPair(const QString& stem)
{
    const QString base = testKeyDir() + QLatin1Char('/') + stem;
    auto key = readFile(base + QStringLiteral(".key.pem"));
    auto cert = readFile(base + QStringLiteral(".crt.pem"));
    if (!key || !cert)
        qFatal("cannot read test key %s", qPrintable(base));
    auto kp = crypto::KeyPair::fromPem(*key, *cert, base);
    if (!kp)
        qFatal("bad test key %s: %s", qPrintable(base), qPrintable(kp.error().message));
    return *kp;
}
} // namespace

crypto::KeyPair testIdpKey(crypto::KeyType type)
{
    return loadPair(type == crypto::KeyType::Ec ? QStringLiteral("TEST-ONLY-idp-ec")
                                                : QStringLiteral("TEST-ONLY-idp-rsa"));
}

crypto::KeyPair testSpKey()
{
    return loadPair(QStringLiteral("TEST-ONLY-sp-rsa"));
}

QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, 30, 0), Qt::UTC);
}

} // namespace jh::test
