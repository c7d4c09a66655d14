// The replay cache: (issuer, assertion ID) pairs already accepted, each kept
// until the assertion could no longer be accepted anyway (its latest
// NotOnOrAfter plus the clock skew). In memory; the account store will give
// it a durable home.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

namespace jh::sp {

class ReplayCache
{
public:
    bool contains(const QString& issuer, const QString& assertionId, const QDateTime& now);
    void remember(const QString& issuer, const QString& assertionId, const QDateTime& until);
    qsizetype size() const { return m_entries.size(); }

private:
    QHash<QString, QDateTime> m_entries;
};

} // namespace jh::sp
