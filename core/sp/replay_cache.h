// The replay cache: (issuer, assertion ID) pairs already accepted, each kept
// until the assertion could no longer be accepted anyway (its latest
// NotOnOrAfter plus the clock skew). In memory; the account store will give
// it a durable home.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <functional>
#include <optional>

namespace jh::sp {

// Beside the in-memory cache, a durable record of used assertions (the
// account store's) the SP consults too: true when (issuer, assertion ID)
// was already accepted, by this process or another.
using ReplayLookup = std::function<bool(const QString& issuer, const QString& assertionId)>;

class ReplayCache
{
public:
    bool contains(const QString& issuer, const QString& assertionId, const QDateTime& now);
    void remember(const QString& issuer, const QString& assertionId, const QDateTime& until);
    qsizetype size() const { return m_entries.size(); }
    void clear()
    {
        m_entries.clear();
        m_earliest.reset();
    }

private:
    QHash<QString, QDateTime> m_entries;
    std::optional<QDateTime> m_earliest; // no entry expires before this: nothing to purge yet
};

} // namespace jh::sp
