// A signing key with its self-signed X.509 certificate: generation (RSA-2048,
// EC P-256), PEM load and save, and the raw EVP signature used as the
// benchmark reference. Copies share the same OpenSSL objects.
#pragma once

#include "common/result.h"
#include "crypto/openssl_handles.h"

#include <QByteArray>
#include <QDateTime>
#include <memory>

namespace jh::crypto {

enum class KeyType
{
    Rsa,
    Ec
};

QString keyTypeName(KeyType t); // "rsa" / "ec"
std::optional<KeyType> keyTypeFromName(const QString& name);

class KeyPair
{
public:
    KeyPair() = default;

    bool isNull() const { return !m_key; }
    KeyType type() const { return m_type; }
    EVP_PKEY* key() const { return m_key.get(); }
    X509* certificate() const { return m_cert.get(); }

    QByteArray privateKeyPem() const; // PKCS#8, unencrypted
    QByteArray certificatePem() const;
    QByteArray certificateDer() const;
    QString certificateBase64() const; // DER in base64, as ds:X509Certificate holds it
    QString sha256Fingerprint() const; // "AB:CD:..."
    QString subject() const;           // RFC 2253 form
    QDateTime notAfter() const;

    // Generates a fresh key and a self-signed certificate valid from `now`.
    static Result<KeyPair> generate(KeyType type, const QString& commonName, const QDateTime& now,
                                    int validityDays = 3650);
    // Loads a key and its certificate; checks that they belong together.
    // `what` names the source in messages (usually the file names).
    static Result<KeyPair> fromPem(const QByteArray& keyPem, const QByteArray& certPem,
                                   const QString& what);
    // A private key alone (a decryption key given without its certificate);
    // certificate() is then null.
    static Result<KeyPair> fromPrivateKeyPem(const QByteArray& keyPem, const QString& what);

private:
    KeyType m_type = KeyType::Rsa;
    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<X509> m_cert;
};

// A certificate alone (an SP's encryption certificate, a trusted IdP's).
Result<std::shared_ptr<X509>> certificateFromPem(const QByteArray& pem, const QString& what);
// Accepts PEM, or the bare base64 DER found in metadata's ds:X509Certificate.
Result<std::shared_ptr<X509>> certificateFromPemOrBase64(const QByteArray& text,
                                                         const QString& what);
QByteArray certificateToPem(X509* cert);

// Raw OpenSSL signature of `data` with `digest` ("sha256", ...): the reference
// the benchmark compares XML signing against.
Result<QByteArray> signRaw(const KeyPair& key, const QByteArray& data, const char* digest);

} // namespace jh::crypto
