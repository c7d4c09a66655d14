// The JIT provisioner: one verified, mapped login in, one outcome out. It
// finds the account by (issuer, subject, NameID format) — never by e-mail
// alone unless the policy is the naive demonstration — creates it at first
// login, keeps it in step at later ones, never removes it, and applies the
// policy's every choice visibly. All writes of one login (account, link,
// audit entry, the assertion marked as used) are one transaction; a denied
// login writes nothing at all.
#pragma once

#include "jit/account_store.h"
#include "jit/attribute_mapping.h"
#include "jit/jit_policy.h"
#include "jit/outcome.h"

#include <optional>

namespace jh::jit {

// The assertion to mark as used, in the same transaction as the login's
// changes, so that the store refuses it from any process afterwards.
struct ReplayMark
{
    QString issuer;
    QString assertionId;
    QDateTime until;
};

struct LoginMeta
{
    QDateTime now;
    QString messageId; // the assertion ID (or ID token jti)
    std::optional<ReplayMark> replay;
};

class Provisioner
{
public:
    Provisioner(AccountStore& store, JitPolicy policy);

    const JitPolicy& policy() const { return m_policy; }

    // Errors are the store's (store.*): the login then changed nothing.
    Result<Outcome> provision(const MappedLogin& login, const LoginMeta& meta);

private:
    AccountStore& m_store;
    JitPolicy m_policy;
};

} // namespace jh::jit
