#include "http/bearer_token.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <array>
#include <openssl/crypto.h>

namespace jh::http {

QByteArray bearerToken(const QByteArray& authorization)
{
    const QByteArray value = authorization.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).compare("Bearer", Qt::CaseInsensitive) != 0)
        return {};
    return value.mid(space + 1).trimmed();
}

bool tokenMatches(const QByteArray& presented, const QByteArray& expected)
{
    if (expected.isEmpty())
        return false;
    // Digests first: equal lengths for CRYPTO_memcmp, and a presented token's
    // length tells nothing about the expected one's.
    const QByteArray a = QCryptographicHash::hash(presented, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(expected, QCryptographicHash::Sha256);
    return CRYPTO_memcmp(a.constData(), b.constData(), std::size_t(a.size())) == 0;
}

QByteArray newBearerToken()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char*>(words.data()), qsizetype(sizeof(words)))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace jh::http
