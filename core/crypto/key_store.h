// Where the IdP's signing keys live: a folder (by default the user's data
// directory, or --key-dir) holding one RSA-2048 and one EC P-256 key, each
// with its self-signed certificate. Keys are generated on first use and
// reused afterwards; a damaged key file is reported, never overwritten.
#pragma once

#include "crypto/key_pair.h"
#include "time/clock.h"

namespace jh::crypto {

class KeyStore
{
public:
    explicit KeyStore(QString directory);

    // <AppDataLocation>/keys — e.g. ~/.local/share/JIT Harness/jitharness/keys
    static QString defaultDirectory();

    const QString& directory() const { return m_dir; }
    QString keyPath(KeyType type) const;
    QString certificatePath(KeyType type) const;

    // Loads the key of this type, generating and saving it first if neither
    // file exists. If only one of the two exists, or either is unreadable,
    // that is an error (crypto.key-unreadable / io.unreadable) and nothing is written.
    Result<KeyPair> loadOrCreate(KeyType type, const Clock& clock) const;
    // Loads without ever generating.
    Result<KeyPair> load(KeyType type) const;

private:
    QString m_dir;
};

} // namespace jh::crypto
