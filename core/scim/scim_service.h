// The SCIM 2.0 service provider (RFC 7643 / RFC 7644) over the account
// store: the second way into the SP's accounts, beside JIT logins. It knows
// nothing of HTTP — the server in core/http hands it ScimRequests — and every
// write is one store transaction with an audit entry by actor "scim".
//
// What a SCIM User is here: an account of the store (every account that is not
// deleted, JIT-made ones included, so a SCIM client finds and takes over the
// accounts JIT made). The account's own fields are the source of truth for
// userName, the primary e-mail, name.givenName / familyName, displayName,
// title, active, externalId and the enterprise extension's department and
// employeeNumber; every other attribute the client sent (phoneNumbers, more
// e-mails, addresses, ...) is kept beside the account and returned as sent.
// Groups are the service's own; a User's "groups" is read-only and follows
// membership, and membership grants roles through the allow-list rules whose
// issuer is "scim" (group matched by externalId, else displayName). Those
// rules govern only the roles they name: a role a JIT login granted from
// another rule is neither given nor taken by SCIM.
#pragma once

#include "jit/account_store.h"
#include "jit/attribute_mapping.h"
#include "scim/scim_exchange.h"
#include "time/clock.h"

namespace jh::scim {

struct ScimServiceOptions
{
    // Absolute URL of the service root, used in meta.location and Location.
    QString baseUrl = QStringLiteral("http://127.0.0.1:7003/scim/v2");
    // Role rules applied to SCIM group membership (issuer "scim").
    QList<jit::RoleRule> roles;
    // The most resources one list response holds (ServiceProviderConfig
    // filter.maxResults); a larger count is cut to it.
    int maxResults = 200;
    // The most operations one PATCH may carry.
    int maxPatchOperations = 1000;
    // Microsoft Entra ID's booleans-as-strings ("active": "False"): accepted
    // unless turned off (see CheckOptions).
    bool acceptStringBooleans = true;
};

// The issuer name role rules use for SCIM group membership.
inline constexpr const char* kScimRoleIssuer = "scim";

class ScimService
{
public:
    // `store` and `clock` must outlive the service; they are used on the
    // calling thread only.
    ScimService(jit::AccountStore& store, const Clock& clock, ScimServiceOptions options = {});

    const ScimServiceOptions& options() const { return m_options; }

    // Never fails: every problem is an error response (RFC 7644 §3.12), and a
    // request that fails changes nothing.
    ScimResponse handle(const ScimRequest& request);

private:
    jit::AccountStore& m_store;
    const Clock& m_clock;
    ScimServiceOptions m_options;
};

// Our service in the same process, as a transport for the SCIM clients (the
// simulation, tests, the in-process benchmark).
class InProcessTransport final : public ScimTransport
{
public:
    explicit InProcessTransport(ScimService& service) : m_service(service) {}
    Result<ScimResponse> send(const ScimRequest& request) override
    {
        return m_service.handle(request);
    }

private:
    ScimService& m_service;
};

} // namespace jh::scim
