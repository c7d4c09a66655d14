// What the JIT core did with one verified login, in full: the action, the
// account, every field that changed (before -> after), the roles added and
// removed, the reasons for each decision and the warnings worth reading
// (groups overage, an e-mail collision, a value too long to take). The same
// diff goes to the audit log, so what the user sees is what was recorded.
#pragma once

#include "jit/account.h"

#include <QJsonObject>
#include <optional>

namespace jh::jit {

enum class Action
{
    Created,
    Updated,
    Unchanged,
    Reactivated,
    Linked,      // an existing account took this subject (link by verified e-mail)
    SessionOnly, // a transient subject let in with nothing stored
    Denied,
};
QString actionName(Action a); // "created", ..., "session-only", "denied"

struct Outcome
{
    Action action = Action::Denied;
    std::optional<Account> account; // after the login (before, for denied ones)
    QList<FieldChange> diff;
    QStringList reasons;  // why this action: the policy decisions taken
    QStringList warnings; // what the user should look at
    QStringList policy;   // JitPolicy::describe()
    QString messageId;    // the assertion that caused it

    bool provisioned() const { return action != Action::Denied; }
    QStringList rolesAdded() const { return jit::rolesAdded(diff); }
    QStringList rolesRemoved() const { return jit::rolesRemoved(diff); }
};

QJsonObject outcomeJson(const Outcome& o);
// Every policy line, or (brief) only those changed from the defaults.
QString outcomeText(const Outcome& o, bool everyPolicyLine = true);
QJsonObject accountJson(const Account& a);

} // namespace jh::jit
