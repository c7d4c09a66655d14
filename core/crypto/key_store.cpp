#include "crypto/key_store.h"

#include "common/file_io.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace jh::crypto {

KeyStore::KeyStore(QString directory) : m_dir(std::move(directory)) {}

QString KeyStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/keys");
}

QString KeyStore::keyPath(KeyType type) const
{
    return QDir(m_dir).filePath(QStringLiteral("idp-%1.key.pem").arg(keyTypeName(type)));
}

QString KeyStore::certificatePath(KeyType type) const
{
    return QDir(m_dir).filePath(QStringLiteral("idp-%1.crt.pem").arg(keyTypeName(type)));
}

Result<KeyPair> KeyStore::load(KeyType type) const
{
    auto key = readFile(keyPath(type), qint64{1024} * 1024);
    if (!key)
        return key.error();
    auto cert = readFile(certificatePath(type), qint64{1024} * 1024);
    if (!cert)
        return cert.error();
    auto kp = KeyPair::fromPem(*key, *cert, keyPath(type));
    if (!kp)
        return kp.error();
    if (kp->type() != type)
        return makeError("crypto.key-type",
                         QStringLiteral("%1: holds a %2 key, expected %3")
                             .arg(keyPath(type), keyTypeName(kp->type()), keyTypeName(type)));
    return kp;
}

Result<KeyPair> KeyStore::loadOrCreate(KeyType type, const Clock& clock) const
{
    const bool haveKey = QFileInfo::exists(keyPath(type));
    const bool haveCert = QFileInfo::exists(certificatePath(type));
    if (haveKey || haveCert) {
        if (!haveKey || !haveCert)
            return makeError(
                "crypto.key-unreadable",
                QStringLiteral("%1: found without its partner %2; remove it or restore the pair")
                    .arg(haveKey ? keyPath(type) : certificatePath(type),
                         haveKey ? certificatePath(type) : keyPath(type)));
        return load(type);
    }
    const QString cn =
        QStringLiteral("JIT Harness mock IdP (%1)")
            .arg(type == KeyType::Rsa ? QStringLiteral("RSA-2048") : QStringLiteral("EC P-256"));
    auto kp = KeyPair::generate(type, cn, clock.now());
    if (!kp)
        return kp.error();
    if (auto w = writeFileAtomic(keyPath(type), kp->privateKeyPem(),
                                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        !w)
        return w.error();
    if (auto w = writeFileAtomic(certificatePath(type), kp->certificatePem()); !w)
        return w.error();
    return kp;
}

} // namespace jh::crypto
