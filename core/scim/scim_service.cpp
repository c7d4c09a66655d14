#include "scim/scim_service.h"

#include "scim/scim_filter_check.h"
#include "scim/scim_meta.h"
#include "scim/scim_service_impl.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jh::scim {

// ---- shared by the handlers

CheckOptions ServiceContext::checkOptions() const
{
    CheckOptions o;
    o.acceptStringBooleans = options.acceptStringBooleans;
    return o;
}

QString ServiceContext::messageId() const
{
    return QStringLiteral("SCIM %1 %2").arg(QString::fromLatin1(request.method), request.path);
}

Error notFound(const QString& what)
{
    return makeError("scim.notFound", what);
}

Error preconditionFailed(const QString& what)
{
    return makeError("scim.preconditionFailed", what);
}

ScimResponse errorFor(const Error& e)
{
    const QString id = e.id;
    if (!id.startsWith(QLatin1String("scim."))) {
        // The store failed: nothing was written (the transaction rolled back).
        const int status = id == QLatin1String("store.locked") ? 503 : 500;
        return errorResponse(status, {}, e.message);
    }
    const QString kind = id.mid(5);
    if (kind == QLatin1String("notFound"))
        return errorResponse(404, {}, e.message);
    if (kind == QLatin1String("preconditionFailed"))
        return errorResponse(412, {}, e.message);
    if (kind == QLatin1String("notImplemented"))
        return errorResponse(501, {}, e.message);
    if (kind == QLatin1String("methodNotAllowed"))
        return errorResponse(405, {}, e.message);
    if (kind == QLatin1String("uniqueness"))
        return errorResponse(409, kind, e.message);
    // invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget,
    // mutability, tooMany, invalidVers, sensitive: all 400 (RFC 7644 §3.12).
    return errorResponse(400, kind, e.message);
}

Result<QJsonObject> bodyObject(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError("scim.invalidSyntax",
                         QStringLiteral("the body is not valid JSON: %1 at byte %2")
                             .arg(error.errorString())
                             .arg(error.offset));
    if (!doc.isObject())
        return makeError("scim.invalidSyntax", QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

std::optional<qint64> idFrom(const QString& text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (const QChar c : text)
        if (c < u'0' || c > u'9')
            return std::nullopt;
    const qint64 id = text.toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

Projection requestProjection(const ScimRequest& request)
{
    return projectionFrom(request.queryValue(QStringLiteral("attributes")),
                          request.queryValue(QStringLiteral("excludedAttributes")));
}

namespace {

Result<qsizetype> integerParam(const ScimRequest& request, const QString& name, qsizetype fallback)
{
    if (!request.hasQuery(name))
        return fallback;
    bool ok = false;
    const qlonglong v = request.queryValue(name).trimmed().toLongLong(&ok);
    if (!ok)
        return makeError("scim.invalidValue", QStringLiteral("%1 must be an integer, not \"%2\"")
                                                  .arg(name, request.queryValue(name)));
    return qsizetype(v);
}

} // namespace

Result<ListParams> listParams(const ScimRequest& request, int maxResults,
                              const ResourceSchemas& schemas)
{
    ListParams p;
    if (request.hasQuery(QStringLiteral("filter"))) {
        auto f = parseFilter(request.queryValue(QStringLiteral("filter")));
        if (!f)
            return f.error();
        if (auto checked = checkFilter(*f, schemas); !checked)
            return checked.error();
        p.filter = *f;
    }
    auto start = integerParam(request, QStringLiteral("startIndex"), 1);
    if (!start)
        return start.error();
    auto count = integerParam(request, QStringLiteral("count"), maxResults);
    if (!count)
        return count.error();
    // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0.
    p.startIndex = std::max<qsizetype>(1, *start);
    p.count = std::clamp<qsizetype>(*count, 0, maxResults);
    p.projection = requestProjection(request);
    if (auto checked = checkProjection(p.projection, schemas); !checked)
        return checked.error();
    return p;
}

ScimResponse listResponse(const QList<QJsonObject>& matched, const ListParams& params,
                          const ResourceSchemas& schemas)
{
    QJsonArray page;
    for (qsizetype i = params.startIndex - 1; i < matched.size() && page.size() < params.count; ++i)
        page.append(project(matched[i], params.projection, schemas));
    const QJsonObject body{
        {QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kListResponseSchema)}},
        {QStringLiteral("totalResults"), matched.size()},
        {QStringLiteral("startIndex"), params.startIndex},
        {QStringLiteral("itemsPerPage"), page.size()},
        {QStringLiteral("Resources"), page},
    };
    ScimResponse r;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

ScimResponse resourceResponse(int status, const QJsonObject& resource, const Projection& projection,
                              const ResourceSchemas& schemas)
{
    ScimResponse r;
    r.status = status;
    r.body = QJsonDocument(project(resource, projection, schemas)).toJson(QJsonDocument::Compact);
    r.etag = metaVersion(resource).toLatin1();
    if (status == 201)
        r.location = resource.value(QStringLiteral("meta"))
                         .toObject()
                         .value(QStringLiteral("location"))
                         .toString()
                         .toUtf8();
    return r;
}

std::optional<ScimResponse> notModified(const ScimRequest& request, const QJsonObject& current)
{
    if (request.ifNoneMatch.isEmpty() ||
        !etagListMatches(request.ifNoneMatch, metaVersion(current)))
        return std::nullopt;
    ScimResponse r;
    r.status = 304;
    r.etag = metaVersion(current).toLatin1();
    return r;
}

ScimResponse noContent()
{
    ScimResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

Result<void> checkIfMatch(const ScimRequest& request, const QJsonObject& current)
{
    if (request.ifMatch.isEmpty() || etagListMatches(request.ifMatch, metaVersion(current)))
        return {};
    return preconditionFailed(QStringLiteral("If-Match %1 does not match the current version %2")
                                  .arg(QString::fromLatin1(request.ifMatch), metaVersion(current)));
}

QStringList governedRoles(const QList<jit::RoleRule>& rules)
{
    QStringList roles;
    for (const jit::RoleRule& rule : rules)
        if (rule.issuer == QLatin1String(kScimRoleIssuer))
            roles.append(rule.role);
    return jit::normalizedRoles(roles);
}

QStringList rolesAfterGroups(const QStringList& current, const QList<jit::SpGroup>& groups,
                             const QList<jit::RoleRule>& rules)
{
    const QStringList governed = governedRoles(rules);
    QStringList roles;
    for (const QString& r : current)
        if (!governed.contains(r))
            roles.append(r);
    return jit::normalizedRoles(roles + rolesFromGroups(groups, rules));
}

QStringList rolesFromGroups(const QList<jit::SpGroup>& groups, const QList<jit::RoleRule>& rules)
{
    QStringList roles;
    for (const jit::RoleRule& rule : rules) {
        if (rule.issuer != QLatin1String(kScimRoleIssuer))
            continue;
        for (const jit::SpGroup& g : groups)
            if ((!g.externalId.isEmpty() && rule.group == g.externalId) ||
                rule.group == g.displayName)
                roles.append(rule.role);
    }
    return jit::normalizedRoles(roles);
}

Result<void> syncRoles(jit::StoreTx& tx, ServiceContext& ctx, const QList<qint64>& accountIds,
                       const QString& reason)
{
    if (governedRoles(ctx.options.roles).isEmpty() || accountIds.isEmpty())
        return {};
    auto all = tx.groups();
    if (!all)
        return all.error();
    for (const qint64 id : accountIds) {
        auto account = tx.accountById(id);
        if (!account)
            return account.error();
        if (!*account || (*account)->status == jit::AccountStatus::Deleted)
            continue;
        QList<jit::SpGroup> mine;
        for (const jit::SpGroup& g : *all)
            if (g.members.contains(id))
                mine.append(g);
        jit::Account after = **account;
        after.roles = rolesAfterGroups(after.roles, mine, ctx.options.roles);
        const QList<jit::FieldChange> diff = jit::diffAccounts(**account, after);
        if (diff.isEmpty())
            continue;
        after.updated = ctx.clock.now();
        if (auto r = tx.updateAccount(after); !r)
            return r.error();
        jit::AuditEntry e;
        e.at = after.updated;
        e.actor = jit::Actor::Scim;
        e.action = QStringLiteral("updated");
        e.accountId = id;
        e.diff = diff;
        e.reasons = {reason};
        e.messageId = ctx.messageId();
        if (auto r = tx.appendAudit(e); !r)
            return r.error();
    }
    return {};
}

ScimResponse dispatch(ServiceContext& ctx, const QStringList& segments, const ResourceHandlers& h)
{
    if (auto checked = checkProjection(requestProjection(ctx.request), h.schemas); !checked)
        return errorFor(checked.error());
    const QByteArray& m = ctx.request.method;
    const QString endpoint = QString::fromLatin1(h.endpoint);
    if (segments.size() == 1) {
        if (m == "GET")
            return h.list(ctx);
        if (m == "POST")
            return h.create(ctx);
        return errorFor(makeError(
            "scim.methodNotAllowed",
            QStringLiteral("%1 /%2: use GET or POST").arg(QString::fromLatin1(m), endpoint)));
    }
    if (segments.size() != 2)
        return errorFor(notFound(QStringLiteral("no resource at \"%1\"").arg(ctx.request.path)));
    const QString& id = segments[1];
    if (m == "GET")
        return h.get(ctx, id);
    if (m == "PUT")
        return h.put(ctx, id);
    if (m == "PATCH")
        return h.patch(ctx, id);
    if (m == "DELETE")
        return h.remove(ctx, id);
    return errorFor(makeError("scim.methodNotAllowed",
                              QStringLiteral("%1 /%2/{id}: use GET, PUT, PATCH or DELETE")
                                  .arg(QString::fromLatin1(m), endpoint)));
}

// ---- the service

ScimService::ScimService(jit::AccountStore& store, const Clock& clock, ScimServiceOptions options)
    : m_store(store), m_clock(clock), m_options(std::move(options))
{
    while (m_options.baseUrl.endsWith(u'/'))
        m_options.baseUrl.chop(1);
}

ScimResponse ScimService::handle(const ScimRequest& request)
{
    QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    ServiceContext ctx{m_store, m_clock, m_options, request};
    if (segments.isEmpty())
        return errorResponse(404, {},
                             QStringLiteral("no resource at \"%1\"; try /Users, /Groups, "
                                            "/ServiceProviderConfig, /ResourceTypes, /Schemas")
                                 .arg(request.path));
    const QString& first = segments.first();
    if (first.compare(QLatin1String("Users"), Qt::CaseInsensitive) == 0)
        return handleUsers(ctx, segments);
    if (first.compare(QLatin1String("Groups"), Qt::CaseInsensitive) == 0)
        return handleGroups(ctx, segments);
    if (first == QLatin1String("Bulk") || first == QLatin1String("Me") ||
        first == QLatin1String(".search"))
        return errorResponse(501, {},
                             QStringLiteral("/%1 is not supported by this service (see "
                                            "/ServiceProviderConfig)")
                                 .arg(first));
    return handleDiscovery(ctx, segments);
}

} // namespace jh::scim
