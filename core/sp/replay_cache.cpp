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
    // Purging walks every entry, and a day's window holds many: walk only
    // once the soonest expiry has passed, and note the next one meanwhile.
    if (m_earliest && *m_earliest <= now) {
        m_earliest.reset();
        m_entries.removeIf([&](const auto& it) {
            if (it.value() <= now)
                return true;
            if (!m_earliest || it.value() < *m_earliest)
                m_earliest = it.value();
            return false;
        });
    }
    return m_entries.contains(key(issuer, assertionId));
}

void ReplayCache::remember(const QString& issuer, const QString& assertionId,
                           const QDateTime& until)
{
    m_entries.insert(key(issuer, assertionId), until);
    if (!m_earliest || until < *m_earliest)
        m_earliest = until;
}

} // namespace jh::sp
