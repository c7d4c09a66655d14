// How the IdP signs (and optionally encrypts) what it issues: which elements
// carry a signature, with which algorithms and key, and what KeyInfo says.
// Names are the short forms the CLI and preset files use ("rsa-sha256").
#pragma once

#include "crypto/key_pair.h"

#include <QString>
#include <optional>

namespace jh::idp {

enum class SignMode
{
    None,
    Assertion,
    Response,
    Both
};

QString signModeName(SignMode m); // "none" / "assertion" / "response" / "both"
std::optional<SignMode> signModeFromName(const QString& name);

struct SigningOptions
{
    SignMode mode = SignMode::Assertion;
    crypto::KeyType key = crypto::KeyType::Rsa;
    QString signatureAlgorithm = QStringLiteral("rsa-sha256"); // see xmlsec/algorithms.h
    QString digestAlgorithm = QStringLiteral("sha256");
    bool keyInfoCertificate = true; // false: an empty-of-certificate KeyInfo is omitted
};

struct EncryptionOptions
{
    bool enabled = false;
    QString blockCipher = QStringLiteral("aes256-gcm"); // or "aes128-cbc" for legacy SPs
    QString keyTransport = QStringLiteral("rsa-oaep-mgf1p");
};

} // namespace jh::idp
