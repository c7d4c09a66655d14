// Shared by the Qt Test executables: where the sources, test data and the CLI
// are, the TEST-ONLY key pairs, and a fixed instant for reproducible messages.
#pragma once

#include "crypto/key_pair.h"

#include <QDateTime>
#include <QString>

namespace jh::test {

QString sourcePath(const QString& relative); // under the project root
QString dataPath(const QString& relative);   // under tests/data
QString cliPath();                           // the built jitharness binary
QString testKeyDir();                        // samples/test-keys (works as --key-dir)

// The TEST-ONLY IdP signing keys and SP encryption key from samples/test-keys.
crypto::KeyPair testIdpKey(crypto::KeyType type);
crypto::KeyPair testSpKey();

// 2026-03-02T09:30:00Z — a fixed "now" for reproducible assertions.
QDateTime fixedNow();

} // namespace jh::test
