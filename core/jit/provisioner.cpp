#include "jit/provisioner.h"

#include "jit/text_fold.h"

#include <QSet>

namespace jh::jit {
namespace {

const QLatin1String kTransientFormat("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");

QString domainOf(const QString& email)
{
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : email.mid(at + 1).toCaseFolded();
}

QString describeAccount(const Account& a)
{
    return QStringLiteral("#%1 (%2)")
        .arg(a.id)
        .arg(a.profile.email.isEmpty() ? a.profile.userName : a.profile.email);
}

// One login's decisions inside its transaction.
class Decision
{
public:
    Decision(StoreTx& t, const JitPolicy& p, const MappedLogin& l, const LoginMeta& m)
        : tx(t), policy(p), login(l), meta(m)
    {
        out.policy = policy.describe();
        out.messageId = meta.messageId;
        out.warnings = login.warnings;
    }

    Result<Outcome> run()
    {
        if (meta.replay) {
            auto seen = tx.seenAssertion(meta.replay->issuer, meta.replay->assertionId, meta.now);
            if (!seen)
                return seen.error();
            if (*seen)
                return deny(QStringLiteral("the assertion %1 was already used with this store")
                                .arg(meta.replay->assertionId));
        }
        if (login.nameIdFormat == kTransientFormat) {
            if (policy.transient == TransientPolicy::Deny)
                return deny(QStringLiteral("a transient NameID cannot own an account (policy "
                                           "transient: deny)"));
            out.action = Action::SessionOnly;
            Account session;
            session.profile = login.profile;
            session.roles = login.rolesGranted;
            out.account = session;
            out.reasons << QStringLiteral("transient NameID: a session-only account, nothing "
                                          "stored (policy transient: session)");
            // No account, but the assertion is spent all the same: a
            // session-only login must not be replayable either.
            if (auto kept = rememberReplay(); !kept)
                return kept.error();
            return out;
        }
        auto existing = find();
        if (!existing)
            return existing.error();
        if (*existing)
            return update(**existing);
        if (auto target = linkTarget(); !target)
            return target.error();
        else if (*target)
            return update(**target, QStringLiteral("linked to account %1 by verified e-mail "
                                                   "(relaxation linkByVerifiedEmail)")
                                        .arg(describeAccount(**target)));
        if (auto target = provisionedTarget(); !target)
            return target.error();
        else if (*target)
            return update(**target, QStringLiteral("linked to pre-provisioned account %1 (made "
                                                   "by %2) by its user name (policy "
                                                   "linkProvisioned)")
                                        .arg(describeAccount(**target),
                                             provisioningName((*target)->provisionedBy)));
        return create();
    }

private:
    Result<std::optional<Account>> find()
    {
        if (!policy.keyByEmail)
            return tx.accountByLink(login.issuer, login.subject, login.nameIdFormat);
        if (login.profile.email.isEmpty())
            return std::optional<Account>();
        auto same = tx.accountsByEmailFold(login.profile.email);
        if (!same)
            return same.error();
        if (same->isEmpty())
            return std::optional<Account>();
        out.warnings << QStringLiteral("account found by e-mail alone (keyByEmail demonstration): "
                                       "the issuer and subject were not compared");
        return std::optional<Account>(same->first());
    }

    // The relaxation: an unknown subject takes an existing account with the
    // same e-mail only on an explicit email_verified from an OIDC IdP. The
    // e-mail must be the very same string: one that is equal only after case
    // or width folding is another mailbox (and the collision is reported when
    // the account is created). The link itself is added by update(), once the
    // account's status has let the login in.
    Result<std::optional<Account>> linkTarget()
    {
        if (!policy.linkByVerifiedEmail || policy.keyByEmail || login.profile.email.isEmpty())
            return std::optional<Account>();
        if (!login.nameIdFormat.isEmpty()) {
            out.reasons << QStringLiteral("not linked by e-mail: SAML e-mail attributes carry no "
                                          "verification");
            return std::optional<Account>();
        }
        if (!login.emailVerified) {
            out.reasons << QStringLiteral("not linked by e-mail: email_verified is absent or "
                                          "false");
            return std::optional<Account>();
        }
        auto folded = tx.accountsByEmailFold(login.profile.email);
        if (!folded)
            return folded.error();
        QList<Account> same;
        for (const Account& a : *folded)
            if (a.profile.email == login.profile.email)
                same << a;
        if (same.size() != 1) {
            if (same.size() > 1)
                out.warnings
                    << QStringLiteral("not linked by e-mail: %1 accounts have it").arg(same.size());
            return std::optional<Account>();
        }
        const Account& target = same.first();
        auto links = tx.linksOf(target.id);
        if (!links)
            return links.error();
        for (const Link& l : *links)
            if (l.issuer == login.issuer) {
                out.warnings << QStringLiteral("not linked by e-mail: account %1 already belongs "
                                               "to another subject of this issuer")
                                    .arg(describeAccount(target));
                return std::optional<Account>();
            }
        return std::optional<Account>(target);
    }

    Result<void> addLink(qint64 accountId)
    {
        if (policy.keyByEmail)
            return {};
        return tx.addLink(
            Link{login.issuer, login.subject, login.nameIdFormat, accountId, meta.now});
    }

    // Roles after this login, with the reasons and warnings.
    QStringList rolesAfter(const QStringList& before, bool creating)
    {
        QStringList granted = login.rolesGranted;
        switch (login.groups) {
        case GroupsState::Sent:
            break;
        case GroupsState::NotMapped:
            return before;
        case GroupsState::NotSent:
        case GroupsState::Overage:
            if (policy.missingGroups == MissingGroups::KeepRoles) {
                if (!creating)
                    out.warnings << QStringLiteral("groups %1: roles left as they were (policy "
                                                   "missingGroups: keep-roles)")
                                        .arg(groupsStateName(login.groups));
                return before;
            }
            out.reasons << QStringLiteral("groups %1 read as no groups (policy missingGroups: "
                                          "remove-roles)")
                               .arg(groupsStateName(login.groups));
            granted.clear();
            break;
        }
        if (policy.removeRoles || creating)
            return normalizedRoles(granted);
        QStringList kept;
        for (const QString& r : before)
            if (!granted.contains(r))
                kept << r;
        if (!kept.isEmpty())
            out.warnings << QStringLiteral("roles kept although no group grants them any more: %1 "
                                           "(role removal off: privilege creep)")
                                .arg(kept.join(QStringLiteral(", ")));
        return normalizedRoles(before + granted);
    }

    // Other accounts whose e-mail or user name is this login's, ignoring case
    // and width, or looks like it: reported, never merged. `self` is the
    // account being updated (its own old values are no collision).
    Result<void> warnCollisions(qint64 self, bool email, bool userName, const QString& consequence)
    {
        QSet<qint64> reported{self};
        auto check = [&](Result<QList<Account>> found, const QString& what, const QString& value,
                         const QString& how) -> Result<void> {
            if (!found)
                return found.error();
            for (const Account& a : *found)
                if (!reported.contains(a.id)) {
                    reported.insert(a.id);
                    out.warnings << QStringLiteral("%1 '%2' %3 account %4's: not merged — %5")
                                        .arg(what, value, how, describeAccount(a), consequence);
                }
            return {};
        };
        const QString sameFold = QStringLiteral("is, ignoring case and width,");
        const QString lookAlike = QStringLiteral("looks like");
        const QString e = login.profile.email;
        const QString u = login.profile.userName;
        if (email) {
            if (auto r = check(tx.accountsByEmailFold(e), QStringLiteral("e-mail"), e, sameFold);
                !r)
                return r;
            if (auto r =
                    check(tx.accountsByEmailSkeleton(e), QStringLiteral("e-mail"), e, lookAlike);
                !r)
                return r;
        }
        if (userName) {
            if (auto r =
                    check(tx.accountsByUserNameFold(u), QStringLiteral("user name"), u, sameFold);
                !r)
                return r;
            if (auto r = check(tx.accountsByUserNameSkeleton(u), QStringLiteral("user name"), u,
                               lookAlike);
                !r)
                return r;
        }
        return {};
    }

    Result<Outcome> create()
    {
        switch (policy.unknownSubject) {
        case UnknownSubject::Deny:
            return deny(QStringLiteral("unknown subject and policy unknownSubject: deny"));
        case UnknownSubject::CreateAllowedDomains: {
            const QString domain = domainOf(login.profile.email);
            bool allowed = false;
            for (const QString& d : policy.allowedDomains)
                allowed = allowed || (!domain.isEmpty() && d.toCaseFolded() == domain);
            if (!allowed)
                return deny(QStringLiteral("e-mail domain '%1' is not among the allowed domains "
                                           "(%2)")
                                .arg(domain, policy.allowedDomains.join(QStringLiteral(", "))));
            out.reasons << QStringLiteral("e-mail domain '%1' is allowed").arg(domain);
            break;
        }
        case UnknownSubject::Create:
            break;
        }
        if (!policy.keyByEmail)
            if (auto checked = warnCollisions(0, true, true,
                                              QStringLiteral("a new account is made for this "
                                                             "subject"));
                !checked)
                return checked.error();
        Account a;
        a.provisionedBy = Provisioning::Jit;
        if (policy.sync == SyncMode::Never)
            a.profile.userName = login.profile.userName;
        else
            a.profile = login.profile;
        a.roles = policy.sync == SyncMode::Never ? QStringList() : rolesAfter({}, true);
        a.created = a.updated = a.lastLogin = meta.now;
        auto id = tx.insertAccount(a);
        if (!id)
            return id.error();
        a.id = *id;
        if (auto linked = addLink(a.id); !linked)
            return linked.error();
        out.reasons << QStringLiteral("first login of %1 from %2: account created (JIT)")
                           .arg(login.subject, login.issuer);
        if (policy.sync == SyncMode::Never)
            out.reasons << QStringLiteral("attributes not taken (policy sync: never)");
        out.diff = diffAccounts(Account{}, a);
        return finish(Action::Created, a);
    }

    // An account a SCIM client made before any login, whose user name is the
    // login's, exactly, and which no subject has signed in to yet. Several
    // such accounts make the login a plain unknown subject, with a warning.
    // Under unknownSubject: deny this is the only way in for a new subject.
    Result<std::optional<Account>> provisionedTarget()
    {
        if (!policy.linkProvisioned || policy.keyByEmail || login.profile.userName.isEmpty())
            return std::optional<Account>();
        auto folded = tx.accountsByUserNameFold(login.profile.userName);
        if (!folded)
            return folded.error();
        QList<Account> candidates;
        for (const Account& a : *folded) {
            // A deleted account is gone for sign-in purposes; a suspended one
            // is found, and the inactive policy then decides.
            if (a.profile.userName != login.profile.userName ||
                a.status == AccountStatus::Deleted || a.provisionedBy != Provisioning::Scim)
                continue;
            auto links = tx.linksOf(a.id);
            if (!links)
                return links.error();
            if (links->isEmpty())
                candidates << a;
        }
        if (candidates.size() > 1) {
            out.warnings << QStringLiteral("not linked to a pre-provisioned account: %1 unlinked "
                                           "accounts have user name '%2'")
                                .arg(candidates.size())
                                .arg(login.profile.userName);
            return std::optional<Account>();
        }
        if (candidates.isEmpty())
            return std::optional<Account>();
        return std::optional<Account>(candidates.first());
    }

    // `linkReason` non-empty: the login's subject is linked to `before` now.
    Result<Outcome> update(const Account& before, const QString& linkReason = {})
    {
        Account after = before;
        const bool linked = !linkReason.isEmpty();
        Action action = linked ? Action::Linked : Action::Unchanged;
        if (before.status != AccountStatus::Active) {
            if (policy.inactive == InactivePolicy::Deny) {
                out.account = before;
                return deny(QStringLiteral("account %1 is %2 (policy inactive: deny)")
                                .arg(describeAccount(before), accountStatusName(before.status)));
            }
            after.status = AccountStatus::Active;
            action = Action::Reactivated;
            out.reasons << QStringLiteral("account was %1: reactivated (policy inactive: "
                                          "reactivate)")
                               .arg(accountStatusName(before.status));
        }
        if (linked) {
            if (auto added = addLink(before.id); !added)
                return added.error();
            out.reasons << linkReason;
        }
        if (policy.sync == SyncMode::EveryLogin) {
            for (const ProfileField& f : kProfileFields) {
                const QString& value = login.profile.*f.member;
                if (!value.isEmpty())
                    after.profile.*f.member = value;
            }
            after.roles = rolesAfter(before.roles, false);
            // A changed e-mail or user name may now collide with another account.
            const bool emailChanged = after.profile.email != before.profile.email;
            const bool userChanged = after.profile.userName != before.profile.userName;
            if (!policy.keyByEmail && (emailChanged || userChanged))
                if (auto checked = warnCollisions(before.id, emailChanged, userChanged,
                                                  QStringLiteral("this account keeps its own "
                                                                 "subject"));
                    !checked)
                    return checked.error();
        } else {
            out.reasons << QStringLiteral("attributes not updated (policy sync: %1)")
                               .arg(policy.sync == SyncMode::FirstLogin
                                        ? QStringLiteral("first-login")
                                        : QStringLiteral("never"));
        }
        out.diff = diffAccounts(before, after);
        if (action == Action::Unchanged && !out.diff.isEmpty())
            action = Action::Updated;
        if (!out.diff.isEmpty())
            after.updated = meta.now;
        after.lastLogin = meta.now;
        if (auto written = tx.updateAccount(after); !written)
            return written.error();
        return finish(action, after);
    }

    Result<Outcome> finish(Action action, const Account& account)
    {
        out.action = action;
        out.account = account;
        if (auto kept = rememberReplay(); !kept)
            return kept.error();
        AuditEntry e;
        e.at = meta.now;
        e.actor = Actor::Jit;
        e.action = actionName(action);
        e.accountId = account.id;
        e.diff = out.diff;
        e.reasons = out.reasons + out.warnings;
        e.messageId = meta.messageId;
        if (auto appended = tx.appendAudit(e); !appended)
            return appended.error();
        return out;
    }

    Result<void> rememberReplay()
    {
        if (!meta.replay)
            return {};
        return tx.rememberAssertion(meta.replay->issuer, meta.replay->assertionId,
                                    meta.replay->until);
    }

    // Nothing is written for a denied login: provision() rolls back.
    Result<Outcome> deny(const QString& why)
    {
        out.action = Action::Denied;
        out.reasons << why;
        return out;
    }

    StoreTx& tx;
    const JitPolicy& policy;
    const MappedLogin& login;
    const LoginMeta& meta;
    Outcome out;
};

} // namespace

Provisioner::Provisioner(AccountStore& store, JitPolicy policy)
    : m_store(store), m_policy(std::move(policy))
{}

Result<Outcome> Provisioner::provision(const MappedLogin& login, const LoginMeta& meta)
{
    // A denied login rolls its transaction back, so that "denied writes
    // nothing" holds whatever a decision touched before it said no (the
    // replay check purges expired entries on the way).
    std::optional<Outcome> denied;
    Result<Outcome> result = m_store.transact([&](StoreTx& tx) -> Result<Outcome> {
        Result<Outcome> out = Decision(tx, m_policy, login, meta).run();
        if (out && out->action == Action::Denied) {
            denied = std::move(*out);
            return makeError("jit.denied", QStringLiteral("denied: rolled back"));
        }
        return out;
    });
    if (denied)
        return std::move(*denied);
    return result;
}

} // namespace jh::jit
