#include "crypto/key_pair.h"

#include <QCryptographicHash>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

namespace jh::crypto {
namespace {

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(len));
}

std::shared_ptr<EVP_PKEY> sharedKey(EVP_PKEY* k)
{
    return std::shared_ptr<EVP_PKEY>(k, EVP_PKEY_free);
}
std::shared_ptr<X509> sharedCert(X509* c)
{
    return std::shared_ptr<X509>(c, X509_free);
}

Result<PKeyPtr> generateKey(KeyType type)
{
    // The context API rather than EVP_RSA_gen / EVP_EC_gen, whose macros
    // cast away const on the curve name.
    PKeyCtxPtr ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, type == KeyType::Rsa ? "RSA" : "EC", nullptr));
    EVP_PKEY* raw = nullptr;
    const bool ok = ctx && EVP_PKEY_keygen_init(ctx.get()) > 0 &&
                    (type == KeyType::Rsa ? EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048)
                                          : EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256")) > 0 &&
                    EVP_PKEY_generate(ctx.get(), &raw) > 0;
    PKeyPtr key(raw);
    if (!ok || !key)
        return makeError("crypto.keygen", openSslFailure(QStringLiteral("key generation failed")));
    return key;
}

bool addExtension(X509* cert, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

KeyType typeOf(EVP_PKEY* key)
{
    return EVP_PKEY_get_base_id(key) == EVP_PKEY_EC ? KeyType::Ec : KeyType::Rsa;
}

} // namespace

QString keyTypeName(KeyType t)
{
    return t == KeyType::Ec ? QStringLiteral("ec") : QStringLiteral("rsa");
}

std::optional<KeyType> keyTypeFromName(const QString& name)
{
    if (name == QLatin1String("rsa"))
        return KeyType::Rsa;
    if (name == QLatin1String("ec"))
        return KeyType::Ec;
    return std::nullopt;
}

QByteArray KeyPair::privateKeyPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio.get());
}

QByteArray KeyPair::certificatePem() const
{
    return certificateToPem(m_cert.get());
}

QByteArray certificateToPem(X509* cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioContents(bio.get());
}

QByteArray KeyPair::certificateDer() const
{
    unsigned char* der = nullptr;
    const int len = i2d_X509(m_cert.get(), &der);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(der), len);
    OPENSSL_free(der);
    return out;
}

QString KeyPair::certificateBase64() const
{
    return QString::fromLatin1(certificateDer().toBase64());
}

QString KeyPair::sha256Fingerprint() const
{
    const QByteArray hex =
        QCryptographicHash::hash(certificateDer(), QCryptographicHash::Sha256).toHex(':').toUpper();
    return QString::fromLatin1(hex);
}

QString KeyPair::subject() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(m_cert.get()), 0, XN_FLAG_RFC2253);
    return QString::fromUtf8(bioContents(bio.get()));
}

QDateTime KeyPair::notAfter() const
{
    struct tm t = {};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(m_cert.get()), &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday),
                     QTime(t.tm_hour, t.tm_min, t.tm_sec), Qt::UTC);
}

Result<KeyPair> KeyPair::generate(KeyType type, const QString& commonName, const QDateTime& now,
                                  int validityDays)
{
    auto key = generateKey(type);
    if (!key)
        return key.error();

    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // positive
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    const time_t start = time_t(now.toSecsSinceEpoch());
    ASN1_TIME_set(X509_getm_notBefore(cert.get()), start);
    ASN1_TIME_adj(X509_getm_notAfter(cert.get()), start, validityDays, 0);
    X509_set_pubkey(cert.get(), key->get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("JIT Harness"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(cert.get(), NID_subject_key_identifier, "hash");
    if (X509_sign(cert.get(), key->get(), EVP_sha256()) <= 0)
        return makeError("crypto.cert",
                         openSslFailure(QStringLiteral("self-signing the certificate failed")));

    KeyPair kp;
    kp.m_type = type;
    kp.m_key = sharedKey(key->release());
    kp.m_cert = sharedCert(cert.release());
    return kp;
}

Result<KeyPair> KeyPair::fromPrivateKeyPem(const QByteArray& keyPem, const QString& what)
{
    BioPtr kb(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    PKeyPtr key(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
    if (!key)
        return makeError(
            "crypto.key-unreadable",
            openSslFailure(
                QStringLiteral("%1: not a readable unencrypted PEM private key").arg(what)));
    const int base = EVP_PKEY_get_base_id(key.get());
    if (base != EVP_PKEY_RSA && base != EVP_PKEY_EC)
        return makeError("crypto.key-type",
                         QStringLiteral("%1: only RSA and EC keys are supported").arg(what));
    KeyPair kp;
    kp.m_type = typeOf(key.get());
    kp.m_key = sharedKey(key.release());
    return kp;
}

Result<KeyPair> KeyPair::fromPem(const QByteArray& keyPem, const QByteArray& certPem,
                                 const QString& what)
{
    auto kp = fromPrivateKeyPem(keyPem, what);
    if (!kp)
        return kp.error();
    auto cert = certificateFromPem(certPem, what);
    if (!cert)
        return cert.error();
    if (X509_check_private_key(cert->get(), kp->key()) != 1) {
        drainOpenSslErrors();
        return makeError(
            "crypto.key-mismatch",
            QStringLiteral("%1: the certificate does not belong to the private key").arg(what));
    }
    kp->m_cert = *cert;
    return kp;
}

Result<std::shared_ptr<X509>> certificateFromPem(const QByteArray& pem, const QString& what)
{
    BioPtr cb(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    X509* cert = PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr);
    if (!cert)
        return makeError(
            "crypto.cert-unreadable",
            openSslFailure(QStringLiteral("%1: not a readable PEM certificate").arg(what)));
    return sharedCert(cert);
}

Result<std::shared_ptr<X509>> certificateFromPemOrBase64(const QByteArray& text,
                                                         const QString& what)
{
    if (text.contains("-----BEGIN"))
        return certificateFromPem(text, what);
    QByteArray compact = text;
    compact.replace(' ', "").replace('\n', "").replace('\r', "").replace('\t', "");
    const auto decoded =
        QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return makeError("crypto.cert-unreadable",
                         QStringLiteral("%1: certificate is neither PEM nor base64").arg(what));
    const unsigned char* p = reinterpret_cast<const unsigned char*>(decoded.decoded.constData());
    X509* cert = d2i_X509(nullptr, &p, long(decoded.decoded.size()));
    if (!cert)
        return makeError(
            "crypto.cert-unreadable",
            openSslFailure(QStringLiteral("%1: not a DER X.509 certificate").arg(what)));
    return sharedCert(cert);
}

Result<QByteArray> signRaw(const KeyPair& key, const QByteArray& data, const char* digest)
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (EVP_DigestSignInit_ex(ctx.get(), nullptr, digest, nullptr, nullptr, key.key(), nullptr) !=
        1)
        return makeError("crypto.sign", openSslFailure(QStringLiteral("signature init failed")));
    size_t len = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(data.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, in, size_t(data.size())) != 1)
        return makeError("crypto.sign", openSslFailure(QStringLiteral("signature size failed")));
    QByteArray sig(qsizetype(len), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in,
                       size_t(data.size())) != 1)
        return makeError("crypto.sign", openSslFailure(QStringLiteral("signing failed")));
    sig.truncate(qsizetype(len));
    return sig;
}

} // namespace jh::crypto
