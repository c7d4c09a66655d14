#include "jit/jit_policy.h"

#include "common/file_io.h"
#include "common/yaml_fields.h"

#include <utility>

namespace jh::jit {

using jh::yaml::FieldError;
using jh::yaml::Fields;

namespace {

template <typename E> using Names = std::initializer_list<std::pair<E, const char*>>;

const Names<UnknownSubject> kUnknownSubject = {
    {UnknownSubject::Create, "create"},
    {UnknownSubject::Deny, "deny"},
    {UnknownSubject::CreateAllowedDomains, "allowed-domains"}};
const Names<SyncMode> kSync = {{SyncMode::EveryLogin, "every-login"},
                               {SyncMode::FirstLogin, "first-login"},
                               {SyncMode::Never, "never"}};
const Names<TransientPolicy> kTransient = {{TransientPolicy::Deny, "deny"},
                                           {TransientPolicy::SessionOnly, "session"}};
const Names<InactivePolicy> kInactive = {{InactivePolicy::Deny, "deny"},
                                         {InactivePolicy::Reactivate, "reactivate"}};
const Names<MissingGroups> kMissingGroups = {{MissingGroups::KeepRoles, "keep-roles"},
                                             {MissingGroups::RemoveRoles, "remove-roles"}};

template <typename E> QString nameOf(const Names<E>& names, E value)
{
    for (const auto& [v, n] : names)
        if (v == value)
            return QString::fromLatin1(n);
    return {};
}

template <typename E> QStringList allNames(const Names<E>& names)
{
    QStringList out;
    for (const auto& [v, n] : names)
        out << QString::fromLatin1(n);
    return out;
}

QString onOff(bool b)
{
    return b ? QStringLiteral("on") : QStringLiteral("off");
}

class SettingsReader
{
public:
    explicit SettingsReader(const QString& fileName) : f(fileName, "jit.policy-invalid") {}

    JitSettings read(const QByteArray& text)
    {
        const YAML::Node root = f.parse(text);
        f.expectMap(root, {});
        f.checkKeys(root, {},
                    {"unknownSubject", "allowedDomains", "sync", "removeRoles",
                     "linkByVerifiedEmail", "linkProvisioned", "transient", "keyByEmail",
                     "inactive", "missingGroups", "mapping"});
        JitPolicy& p = s.policy;
        p.unknownSubject = choice(root, "unknownSubject", kUnknownSubject, p.unknownSubject);
        p.allowedDomains = f.strList(root, "allowedDomains", {});
        for (qsizetype i = 0; i < p.allowedDomains.size(); ++i) {
            // Compared whole: a pattern or an address would silently match nobody.
            const QString& d = p.allowedDomains[i];
            if (d.isEmpty() || d.contains(QLatin1Char('@')) || d.contains(QLatin1Char('*')) ||
                d.contains(QLatin1Char(' ')) || d.startsWith(QLatin1Char('.')))
                f.fail(root["allowedDomains"][std::size_t(i)],
                       Fields::index(QStringLiteral("allowedDomains"), i),
                       QStringLiteral("'%1' is not a domain name (write contoso.example: no @, "
                                      "no wildcards; subdomains are not included)")
                           .arg(d));
        }
        if (p.unknownSubject == UnknownSubject::CreateAllowedDomains && p.allowedDomains.isEmpty())
            f.fail(root["unknownSubject"], QStringLiteral("allowedDomains"),
                   QStringLiteral("required when unknownSubject is allowed-domains"));
        p.sync = choice(root, "sync", kSync, p.sync);
        p.removeRoles = f.boolean(root, "removeRoles", {}, p.removeRoles);
        p.linkByVerifiedEmail = f.boolean(root, "linkByVerifiedEmail", {}, p.linkByVerifiedEmail);
        p.linkProvisioned = f.boolean(root, "linkProvisioned", {}, p.linkProvisioned);
        p.transient = choice(root, "transient", kTransient, p.transient);
        p.keyByEmail = f.boolean(root, "keyByEmail", {}, p.keyByEmail);
        p.inactive = choice(root, "inactive", kInactive, p.inactive);
        p.missingGroups = choice(root, "missingGroups", kMissingGroups, p.missingGroups);
        if (Fields::has(root, "mapping"))
            readMapping(root["mapping"]);
        return s;
    }

private:
    template <typename E>
    E choice(const YAML::Node& map, const char* key, const Names<E>& names, E fallback)
    {
        if (!Fields::has(map, key))
            return fallback;
        const QString value = f.str(map, key, {}, true);
        for (const auto& [v, n] : names)
            if (value == QLatin1String(n))
                return v;
        f.fail(map[key], QString::fromLatin1(key),
               QStringLiteral("'%1' is not one of: %2")
                   .arg(value, allNames(names).join(QStringLiteral(", "))));
    }

    void readMapping(const YAML::Node& n)
    {
        const QString path = QStringLiteral("mapping");
        f.expectMap(n, path);
        f.checkKeys(n, path, {"preset", "maxValueLength", "claims", "roles"});
        s.mappingPreset = f.str(n, "preset", path, false);
        if (Fields::has(n, "maxValueLength"))
            s.maxValueLength = f.integer(n, "maxValueLength", path, 1024, 1, 1024 * 1024);
        if (Fields::has(n, "claims")) {
            const YAML::Node claims = n["claims"];
            const QString where = Fields::child(path, "claims");
            f.expectMap(claims, where);
            QStringList seen;
            for (auto it = claims.begin(); it != claims.end(); ++it) {
                const QString field = jh::yaml::fromStd(it->first.Scalar());
                const QString at = where + QLatin1Char('.') + field;
                if (seen.contains(field))
                    f.fail(it->first, at, QStringLiteral("key given twice"));
                seen << field;
                if (!profileFields().contains(field))
                    f.fail(it->first, at,
                           QStringLiteral("not a profile field (known: %1)")
                               .arg(profileFields().join(QStringLiteral(", "))));
                const QStringList names = f.strList(claims, it->first.Scalar().c_str(), where);
                if (names.isEmpty())
                    f.fail(it->first, at, QStringLiteral("list the claims that fill it"));
                s.claims << ClaimRule{field, names};
            }
        }
        if (Fields::has(n, "roles")) {
            const YAML::Node roles = n["roles"];
            const QString where = Fields::child(path, "roles");
            f.expectList(roles, where);
            for (std::size_t i = 0; i < roles.size(); ++i) {
                const QString at = Fields::index(where, qsizetype(i));
                f.expectMap(roles[i], at);
                f.checkKeys(roles[i], at, {"issuer", "group", "role"});
                s.roles << RoleRule{f.str(roles[i], "issuer", at, true),
                                    f.str(roles[i], "group", at, true),
                                    f.str(roles[i], "role", at, true)};
            }
        }
    }

    Fields f;
    JitSettings s;
};

} // namespace

QStringList JitPolicy::describe() const
{
    const JitPolicy d;
    QStringList out;
    auto line = [&out](const QString& text, bool changed) {
        out << (changed ? text + QStringLiteral(" (changed from default)") : text);
    };
    QString unknown =
        QStringLiteral("unknown subject: %1").arg(nameOf(kUnknownSubject, unknownSubject));
    if (unknownSubject == UnknownSubject::CreateAllowedDomains)
        unknown += QStringLiteral(" (%1)").arg(allowedDomains.join(QStringLiteral(", ")));
    line(unknown, unknownSubject != d.unknownSubject);
    line(QStringLiteral("sync: %1").arg(nameOf(kSync, sync)), sync != d.sync);
    line(QStringLiteral("role removal at re-login: %1").arg(onOff(removeRoles)),
         removeRoles != d.removeRoles);
    line(QStringLiteral("link by verified e-mail: %1").arg(onOff(linkByVerifiedEmail)),
         linkByVerifiedEmail != d.linkByVerifiedEmail);
    line(QStringLiteral("link pre-provisioned accounts by user name: %1")
             .arg(onOff(linkProvisioned)),
         linkProvisioned != d.linkProvisioned);
    line(QStringLiteral("transient NameID: %1").arg(nameOf(kTransient, transient)),
         transient != d.transient);
    line(QStringLiteral("accounts keyed by: %1")
             .arg(keyByEmail ? QStringLiteral("e-mail (naive demonstration)")
                             : QStringLiteral("issuer + subject")),
         keyByEmail != d.keyByEmail);
    line(QStringLiteral("suspended or deleted account: %1").arg(nameOf(kInactive, inactive)),
         inactive != d.inactive);
    line(QStringLiteral("missing or overage groups: %1").arg(nameOf(kMissingGroups, missingGroups)),
         missingGroups != d.missingGroups);
    return out;
}

AttributeMapping JitSettings::mappingFor(const idp::Preset* preset) const
{
    AttributeMapping m = preset ? defaultMapping(*preset) : AttributeMapping{};
    for (const ClaimRule& rule : claims) {
        auto it = std::find_if(m.claims.begin(), m.claims.end(),
                               [&](const ClaimRule& r) { return r.field == rule.field; });
        if (it != m.claims.end())
            *it = rule;
        else
            m.claims << rule;
    }
    m.roles = roles;
    if (maxValueLength)
        m.maxValueLength = *maxValueLength;
    return m;
}

Result<JitSettings> parseJitSettings(const QByteArray& text, const QString& fileName)
{
    try {
        return SettingsReader(fileName).read(text);
    } catch (const FieldError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError("jit.policy-invalid",
                         QStringLiteral("%1: %2").arg(fileName, jh::yaml::fromStd(e.msg)));
    }
}

Result<JitSettings> loadJitSettings(const QString& path)
{
    auto text = readFile(path);
    if (!text)
        return text.error();
    return parseJitSettings(*text, path);
}

} // namespace jh::jit
