#include "sp/report.h"

namespace jh::sp {

QString outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Pass:
        return QStringLiteral("pass");
    case Outcome::Fail:
        return QStringLiteral("fail");
    case Outcome::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

const CheckResult* Report::firstFailure() const
{
    for (const CheckResult& c : checks)
        if (c.outcome == Outcome::Fail)
            return &c;
    return nullptr;
}

QStringList Report::failedIds() const
{
    QStringList ids;
    for (const CheckResult& c : checks)
        if (c.outcome == Outcome::Fail && !ids.contains(c.id))
            ids << c.id;
    return ids;
}

} // namespace jh::sp
