#include "idp/claim_shaper.h"

#include <QHash>
#include <QRegularExpression>
#include <QUuid>

namespace jh::idp {

const saml::Attribute* ShapedClaims::attribute(const QString& name) const
{
    for (const saml::Attribute& a : attributes)
        if (a.name == name)
            return &a;
    return nullptr;
}

QString externalUpn(const Person& guest, const TenantInfo& tenant)
{
    QString mail = guest.email.isEmpty() ? guest.username : guest.email;
    mail.replace(QLatin1Char('@'), QLatin1Char('_'));
    const QString domain =
        tenant.initialDomain.isEmpty() ? tenant.primaryDomain : tenant.initialDomain;
    return mail + QStringLiteral("#EXT#@") + domain;
}

QString objectIdOf(const Person& person, const TenantInfo& tenant)
{
    if (!person.objectId.isEmpty())
        return person.objectId;
    return QUuid::createUuidV5(QUuid::fromString(tenant.id), person.id)
        .toString(QUuid::WithoutBraces);
}

QString groupDistinguishedName(const Group& group, const TenantInfo& tenant)
{
    QString cn = group.displayName;
    for (const char* special : {"\\", ",", "+", "\"", "<", ">", ";", "="})
        cn.replace(QLatin1String(special), QLatin1Char('\\') + QLatin1String(special));
    QString dn = QStringLiteral("CN=%1,OU=Groups").arg(cn);
    for (const QString& label : tenant.primaryDomain.split(QLatin1Char('.'), Qt::SkipEmptyParts))
        dn += QStringLiteral(",DC=") + label;
    return dn;
}

namespace {

// A preset's group filter is the same at every login: compiled once per
// thread (QRegularExpression objects are not shared across threads here).
const QRegularExpression& filterRegex(const QString& pattern)
{
    thread_local QHash<QString, QRegularExpression> compiled;
    auto it = compiled.find(pattern);
    if (it == compiled.end())
        it = compiled.insert(pattern,
                             QRegularExpression(QRegularExpression::anchoredPattern(pattern)));
    return *it;
}

class Shaper
{
public:
    Shaper(const Person& person, const Directory& directory, const Preset& preset)
        : m(person), dir(directory), p(preset)
    {}

    Result<ShapedClaims> run()
    {
        if (m.status != PersonStatus::Active)
            out.notes
                << QStringLiteral(
                       "person '%1' is %2: a real IdP would refuse to sign them in; issued anyway")
                       .arg(m.id, personStatusName(m.status));
        auto issuer = resolve(p.defaults.issuerTemplate, false);
        if (!issuer)
            return issuer.error();
        out.issuer = *issuer;

        const QStringList nameId = values(p.nameId.source);
        if (nameId.isEmpty() || nameId.first().isEmpty())
            return makeError(
                "claims.nameid-empty",
                QStringLiteral("preset '%1': the NameID source '%2' is empty for person '%3'")
                    .arg(p.id, p.nameId.source, m.id));
        if (nameId.size() > 1)
            out.notes << QStringLiteral("NameID source '%1' has %2 values; sent the first")
                             .arg(p.nameId.source)
                             .arg(nameId.size());
        out.subject.nameId = nameId.first();
        out.subject.format = p.nameId.format;

        for (const AttributeRule& r : p.attributes) {
            const QStringList v = values(r.source);
            if (v.isEmpty()) {
                out.notes << QStringLiteral("attribute '%1' omitted: source '%2' is empty")
                                 .arg(r.name, r.source);
                continue;
            }
            out.attributes.append({r.name, r.nameFormat, r.friendlyName, r.valueType, v});
        }
        if (auto ok = shapeGroups(); !ok)
            return ok.error();
        shapeEmailFlag();
        return out;
    }

private:
    QString localUpn() const
    {
        if (m.isGuest() && p.guests.upnForm == GuestUpnForm::External)
            return externalUpn(m, dir.tenant());
        return m.username;
    }

    bool upnIsMail() const
    {
        return m.isGuest() && p.guests.externalEntraUpnIsMail &&
               m.guest->identityProvider == QLatin1String(kExternalAzureAd) && !m.email.isEmpty();
    }

    QString identityProvider() const
    {
        if (!m.isGuest())
            return out.issuer;
        if (m.guest->identityProvider == QLatin1String(kExternalAzureAd) &&
            !m.guest->homeTenantId.isEmpty())
            return QStringLiteral("https://sts.windows.net/%1/").arg(m.guest->homeTenantId);
        return m.guest->identityProvider;
    }

    QStringList values(const QString& source)
    {
        auto one = [](const QString& v) {
            return v.isEmpty() ? QStringList{} : QStringList{v};
        };
        if (source.startsWith(QLatin1String("const:")))
            return one(source.mid(6));
        if (source.startsWith(QLatin1String("custom:"))) {
            const CustomAttribute* a = m.customAttribute(source.mid(7));
            return a ? a->values : QStringList{};
        }
        if (source == QLatin1String("upn")) {
            if (upnIsMail()) {
                const QString note =
                    QStringLiteral("guest '%1' signs in with another Entra tenant: "
                                   "user.userprincipalname is sent as their mail address")
                        .arg(m.id);
                if (!out.notes.contains(note))
                    out.notes << note;
                return one(m.email);
            }
            return one(localUpn());
        }
        static const QHash<QString, QString Person::*> fields = {
            {QStringLiteral("id"), &Person::id},
            {QStringLiteral("username"), &Person::username},
            {QStringLiteral("email"), &Person::email},
            {QStringLiteral("givenName"), &Person::givenName},
            {QStringLiteral("familyName"), &Person::familyName},
            {QStringLiteral("displayName"), &Person::displayName},
            {QStringLiteral("department"), &Person::department},
            {QStringLiteral("employeeType"), &Person::employeeType},
        };
        if (const auto it = fields.constFind(source); it != fields.cend())
            return one(m.*(*it));
        if (source == QLatin1String("status"))
            return one(personStatusName(m.status));
        if (source == QLatin1String("localUpn"))
            return one(localUpn());
        if (source == QLatin1String("objectId"))
            return one(objectIdOf(m, dir.tenant()));
        if (source == QLatin1String("tenantId"))
            return one(dir.tenant().id);
        if (source == QLatin1String("identityProvider"))
            return one(identityProvider());
        return {};
    }

    Result<QString> resolve(const QString& templ, bool personScoped) const
    {
        QHash<QString, QString> vars = {
            {QStringLiteral("tenantId"), dir.tenant().id},
            {QStringLiteral("tenantName"), dir.tenant().displayName},
            {QStringLiteral("primaryDomain"), dir.tenant().primaryDomain},
            {QStringLiteral("initialDomain"), dir.tenant().initialDomain},
        };
        for (const auto& [k, v] : p.issuerVariables)
            vars.insert(k, v);
        if (personScoped)
            vars.insert(QStringLiteral("objectId"), objectIdOf(m, dir.tenant()));
        static const QRegularExpression re(QStringLiteral("\\{([A-Za-z][A-Za-z0-9_]*)\\}"));
        QString result;
        qsizetype last = 0;
        for (auto it = re.globalMatch(templ); it.hasNext();) {
            const auto match = it.next();
            const QString name = match.captured(1);
            if (!vars.contains(name))
                return makeError("claims.unresolved",
                                 QStringLiteral("preset '%1': '%2' names {%3}, which nothing fills")
                                     .arg(p.id, templ, name));
            result += templ.mid(last, match.capturedStart() - last) + vars.value(name);
            last = match.capturedEnd();
        }
        return result + templ.mid(last);
    }

    bool passesFilter(const Group& g) const
    {
        const GroupFilter& f = p.groups.filter;
        switch (f.type) {
        case GroupFilterType::None:
            return true;
        case GroupFilterType::StartsWith:
            return g.displayName.startsWith(f.pattern);
        case GroupFilterType::Equals:
            return g.displayName == f.pattern;
        case GroupFilterType::Contains:
            return g.displayName.contains(f.pattern);
        case GroupFilterType::Regex:
            // Okta's "Matches regex" must match the whole name.
            return filterRegex(f.pattern).match(g.displayName).hasMatch();
        case GroupFilterType::List:
            return f.values.contains(g.displayName);
        }
        return false;
    }

    QString encode(const Group& g) const
    {
        switch (p.groups.encoding) {
        case GroupEncoding::DisplayName:
            return g.displayName;
        case GroupEncoding::Id:
            return g.id;
        case GroupEncoding::DistinguishedName:
            return groupDistinguishedName(g, dir.tenant());
        }
        return {};
    }

    Result<void> shapeGroups()
    {
        const GroupsRule& r = p.groups;
        if (!r.enabled)
            return {};
        QList<const Group*> groups;
        for (const QString& id : m.groups) {
            const Group* g = dir.group(id);
            if (!g)
                out.notes
                    << QStringLiteral("group id '%1' is not in the directory; skipped").arg(id);
            else if (passesFilter(*g))
                groups << g;
        }
        if (r.filter.type != GroupFilterType::None && groups.size() < m.groups.size())
            out.notes << QStringLiteral("group filter (%1) kept %2 of %3 groups")
                             .arg(groupFilterTypeName(r.filter.type))
                             .arg(groups.size())
                             .arg(m.groups.size());
        if (groups.isEmpty())
            return {};
        const qsizetype count = groups.size();
        if (r.limit > 0 && count > r.limit) {
            switch (r.overage) {
            case GroupOverage::None:
                break;
            case GroupOverage::Truncate:
                groups = groups.mid(0, r.limit);
                out.notes << QStringLiteral("groups capped: %1 groups > %2, sent the first %2")
                                 .arg(count)
                                 .arg(r.limit);
                break;
            case GroupOverage::OmitClaim:
                out.notes << QStringLiteral("groups overage: %1 groups > %2, group claim omitted")
                                 .arg(count)
                                 .arg(r.limit);
                return {};
            case GroupOverage::LinkClaim: {
                auto link = resolve(r.overageLink, true);
                if (!link)
                    return link.error();
                const QString shortName = r.overageAttribute.section(QLatin1Char('/'), -1);
                out.notes << QStringLiteral("groups overage: %1 groups > %2, sent %3 instead")
                                 .arg(count)
                                 .arg(r.limit)
                                 .arg(shortName);
                out.attributes.append({r.overageAttribute, r.nameFormat, {}, r.valueType, {*link}});
                return {};
            }
            }
        }
        QStringList encoded;
        for (const Group* g : groups)
            encoded << encode(*g);
        out.attributes.append({r.attribute, r.nameFormat, {}, r.valueType, encoded});
        return {};
    }

    void shapeEmailFlag()
    {
        if (m.email.isEmpty())
            return;
        if (p.email.verifiedAttribute.isEmpty()) {
            out.notes << QStringLiteral(
                             "e-mail sent without a verification flag (%1 sends none in SAML)")
                             .arg(p.name);
            return;
        }
        const QString domain = m.email.section(QLatin1Char('@'), -1).toLower();
        const bool verified = domain == dir.tenant().primaryDomain.toLower() ||
                              domain == dir.tenant().initialDomain.toLower();
        out.attributes.append({p.email.verifiedAttribute,
                               {},
                               {},
                               {},
                               {verified ? QStringLiteral("true") : QStringLiteral("false")}});
    }

    const Person& m;
    const Directory& dir;
    const Preset& p;
    ShapedClaims out;
};

} // namespace

Result<ShapedClaims> shapeClaims(const Person& person, const Directory& directory,
                                 const Preset& preset)
{
    return Shaper(person, directory, preset).run();
}

} // namespace jh::idp
