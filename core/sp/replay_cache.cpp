#include "sp/replay_cache.h"

namespace jh::sp {
namespace {

QString key(const QString& issuer, const QString& id)
{
    return issuer + QLatin1Char('\n') + id;
}

} // namespace

bool ReplayCache::contains(const QString& issuer, const QString& assertionId, const QDateTime& now)
{
    m_entries.removeIf([&](const auto& it) { return it.value() <= now; });
    return m_entries.contains(key(issuer, assertionId));
}

void ReplayCache::remember(const QString& issuer, const QString& assertionId,
                           const QDateTime& until)
{
    m_entries.insert(key(issuer, assertionId), until);
}

} // namespace jh::sp
