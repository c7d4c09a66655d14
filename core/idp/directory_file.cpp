#include "idp/directory_file.h"

#include "common/file_io.h"
#include "common/yaml_fields.h"

#include <QHash>
#include <QSet>
#include <QUuid>

namespace jh::idp {

using jh::yaml::FieldError;
using jh::yaml::Fields;

namespace {

bool isGuid(const QString& s)
{
    return !QUuid::fromString(s).isNull();
}

bool looksLikeEmail(const QString& s)
{
    const qsizetype at = s.indexOf(QLatin1Char('@'));
    return at > 0 && at == s.lastIndexOf(QLatin1Char('@')) && at < s.size() - 1 &&
           !s.contains(QLatin1Char(' '));
}

// A person as read, with the lines needed to report cross-reference errors.
// Copying a YAML::Node may throw; every ParsedPerson lives inside the
// loader, whose try block catches it.
struct ParsedPerson // NOLINT(bugprone-exception-escape)
{
    Person person;
    YAML::Node node;
    QString path;
};

class DirectoryReader
{
public:
    explicit DirectoryReader(const QString& fileName) : f(fileName, "directory.invalid") {}

    Directory read(const QByteArray& text)
    {
        const YAML::Node root = f.parse(text);
        f.expectMap(root, {});
        f.checkKeys(root, {}, {"tenant", "groups", "people"});
        if (!Fields::has(root, "tenant"))
            f.fail(root, QStringLiteral("tenant"), QStringLiteral("required"));
        readTenant(root["tenant"]);
        if (Fields::has(root, "groups"))
            readGroups(root["groups"]);
        if (Fields::has(root, "people"))
            readPeople(root["people"]);
        checkManagers();
        return build();
    }

private:
    void readTenant(const YAML::Node& n)
    {
        const QString path = QStringLiteral("tenant");
        f.expectMap(n, path);
        f.checkKeys(n, path, {"id", "displayName", "primaryDomain", "initialDomain"});
        TenantInfo t;
        t.id = f.str(n, "id", path, true);
        if (!isGuid(t.id))
            f.fail(n["id"], Fields::child(path, "id"),
                   QStringLiteral("'%1' is not a GUID").arg(t.id));
        t.displayName = f.str(n, "displayName", path, false);
        t.primaryDomain = f.str(n, "primaryDomain", path, true);
        t.initialDomain = f.str(n, "initialDomain", path, false);
        dir.setTenant(t);
    }

    void readGroups(const YAML::Node& list)
    {
        const QString path = QStringLiteral("groups");
        f.expectList(list, path);
        QHash<QString, int> firstLine;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node n = list[i];
            const QString p = Fields::index(path, qsizetype(i));
            f.expectMap(n, p);
            f.checkKeys(n, p, {"id", "displayName"});
            Group g{f.str(n, "id", p, true), f.str(n, "displayName", p, true)};
            if (firstLine.contains(g.id))
                f.fail(n["id"], Fields::child(p, "id"),
                       QStringLiteral("duplicate group id '%1' (first at line %2)")
                           .arg(g.id)
                           .arg(firstLine.value(g.id)));
            firstLine.insert(g.id, f.lineOf(n));
            byName[g.displayName].append(g.id);
            (void)dir.addGroup(g);
        }
    }

    // A membership names a group by id, or by display name when that is unique.
    QString resolveGroup(const YAML::Node& at, const QString& path, const QString& ref) const
    {
        if (dir.group(ref))
            return ref;
        const QStringList ids = byName.value(ref);
        if (ids.size() == 1)
            return ids.first();
        if (ids.size() > 1)
            f.fail(at, path,
                   QStringLiteral("group name '%1' is ambiguous; use the group id").arg(ref));
        f.fail(at, path, QStringLiteral("unknown group '%1'").arg(ref));
    }

    void readPeople(const YAML::Node& list)
    {
        const QString path = QStringLiteral("people");
        f.expectList(list, path);
        QHash<QString, int> firstLine;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node n = list[i];
            const QString p = Fields::index(path, qsizetype(i));
            ParsedPerson pp{readPerson(n, p), n, p};
            const QString& id = pp.person.id;
            if (firstLine.contains(id))
                f.fail(n["id"], Fields::child(p, "id"),
                       QStringLiteral("duplicate person id '%1' (first at line %2)")
                           .arg(id)
                           .arg(firstLine.value(id)));
            firstLine.insert(id, f.lineOf(n));
            parsed.append(std::move(pp));
        }
    }

    Person readPerson(const YAML::Node& n, const QString& p) const
    {
        f.expectMap(n, p);
        f.checkKeys(n, p,
                    {"id", "username", "email", "givenName", "familyName", "displayName",
                     "department", "employeeType", "manager", "objectId", "status", "groups",
                     "attributes", "guest"});
        Person x;
        x.id = f.str(n, "id", p, true);
        x.username = f.str(n, "username", p, true);
        x.email = f.str(n, "email", p, false);
        if (!x.email.isEmpty() && !looksLikeEmail(x.email))
            f.fail(n["email"], Fields::child(p, "email"),
                   QStringLiteral("'%1' is not an e-mail address").arg(x.email));
        x.givenName = f.str(n, "givenName", p, false);
        x.familyName = f.str(n, "familyName", p, false);
        x.displayName = f.str(n, "displayName", p, false);
        x.department = f.str(n, "department", p, false);
        x.employeeType = f.str(n, "employeeType", p, false);
        x.manager = f.str(n, "manager", p, false);
        if (x.manager == x.id)
            f.fail(n["manager"], Fields::child(p, "manager"),
                   QStringLiteral("a person cannot be their own manager"));
        x.objectId = f.str(n, "objectId", p, false);
        if (!x.objectId.isEmpty() && !isGuid(x.objectId))
            f.fail(n["objectId"], Fields::child(p, "objectId"),
                   QStringLiteral("'%1' is not a GUID").arg(x.objectId));
        if (Fields::has(n, "status")) {
            const QString s = f.str(n, "status", p, false);
            const auto status = personStatusFromName(s);
            if (!status)
                f.fail(n["status"], Fields::child(p, "status"),
                       QStringLiteral("unknown status '%1' (expected %2)")
                           .arg(s, personStatusNames().join(QStringLiteral(", "))));
            x.status = *status;
        }
        readMemberships(n, p, x);
        readAttributes(n, p, x);
        readGuest(n, p, x);
        return x;
    }

    void readMemberships(const YAML::Node& n, const QString& p, Person& x) const
    {
        const QStringList refs = f.strList(n, "groups", p);
        const QString gp = Fields::child(p, "groups");
        for (qsizetype i = 0; i < refs.size(); ++i) {
            const YAML::Node at = n["groups"][std::size_t(i)];
            const QString id = resolveGroup(at, Fields::index(gp, i), refs.at(i));
            if (x.groups.contains(id))
                f.fail(at, Fields::index(gp, i),
                       QStringLiteral("group '%1' listed twice").arg(refs.at(i)));
            x.groups << id;
        }
    }

    void readAttributes(const YAML::Node& n, const QString& p, Person& x) const
    {
        if (!Fields::has(n, "attributes"))
            return;
        const YAML::Node list = n["attributes"];
        const QString ap = Fields::child(p, "attributes");
        f.expectList(list, ap);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node a = list[i];
            const QString ip = Fields::index(ap, qsizetype(i));
            f.expectMap(a, ip);
            f.checkKeys(a, ip, {"name", "values"});
            CustomAttribute ca{f.str(a, "name", ip, true), f.strList(a, "values", ip)};
            if (x.customAttribute(ca.name))
                f.fail(a["name"], Fields::child(ip, "name"),
                       QStringLiteral("attribute '%1' given twice").arg(ca.name));
            x.customAttributes.append(ca);
        }
    }

    void readGuest(const YAML::Node& n, const QString& p, Person& x) const
    {
        if (!Fields::has(n, "guest"))
            return;
        const YAML::Node g = n["guest"];
        const QString gp = Fields::child(p, "guest");
        f.expectMap(g, gp);
        f.checkKeys(g, gp, {"homeDomain", "identityProvider", "homeTenantId"});
        GuestInfo gi{f.str(g, "homeDomain", gp, true), f.str(g, "identityProvider", gp, false),
                     f.str(g, "homeTenantId", gp, false)};
        if (!gi.homeTenantId.isEmpty() && !isGuid(gi.homeTenantId))
            f.fail(g["homeTenantId"], Fields::child(gp, "homeTenantId"),
                   QStringLiteral("'%1' is not a GUID").arg(gi.homeTenantId));
        x.guest = gi;
    }

    void checkManagers() const
    {
        QSet<QString> ids;
        for (const ParsedPerson& pp : parsed)
            ids.insert(pp.person.id);
        for (const ParsedPerson& pp : parsed)
            if (!pp.person.manager.isEmpty() && !ids.contains(pp.person.manager))
                f.fail(pp.node["manager"], Fields::child(pp.path, "manager"),
                       QStringLiteral("unknown person '%1'").arg(pp.person.manager));
    }

    // Everything was checked above; the directory's own checks are a backstop.
    Directory build()
    {
        for (const ParsedPerson& pp : parsed) {
            Person withoutManager = pp.person;
            withoutManager.manager.clear();
            if (auto ok = dir.addPerson(withoutManager); !ok)
                f.fail(pp.node, pp.path, ok.error().message);
        }
        for (const ParsedPerson& pp : parsed)
            if (!pp.person.manager.isEmpty())
                if (auto ok = dir.updatePerson(pp.person); !ok)
                    f.fail(pp.node, pp.path, ok.error().message);
        return dir;
    }

    Fields f;
    Directory dir;
    QHash<QString, QStringList> byName; // display name -> group ids
    QList<ParsedPerson> parsed;
};

void emitKey(YAML::Emitter& out, const char* key, const QString& value)
{
    if (value.isEmpty())
        return;
    out << YAML::Key << key << YAML::Value;
    yaml::emitString(out, value);
}

// Memberships are written by display name where that reads back to the same id.
QString groupRef(const Directory& d, const QString& id)
{
    const Group* g = d.group(id);
    if (!g || g->displayName.isEmpty() || d.group(g->displayName))
        return id;
    int sameName = 0;
    for (const Group& other : d.groups())
        sameName += other.displayName == g->displayName ? 1 : 0;
    return sameName == 1 ? g->displayName : id;
}

void emitPerson(YAML::Emitter& out, const Directory& d, const Person& p)
{
    out << YAML::BeginMap;
    emitKey(out, "id", p.id);
    emitKey(out, "username", p.username);
    emitKey(out, "email", p.email);
    emitKey(out, "givenName", p.givenName);
    emitKey(out, "familyName", p.familyName);
    emitKey(out, "displayName", p.displayName);
    emitKey(out, "department", p.department);
    emitKey(out, "employeeType", p.employeeType);
    emitKey(out, "manager", p.manager);
    emitKey(out, "objectId", p.objectId);
    if (p.status != PersonStatus::Active)
        emitKey(out, "status", personStatusName(p.status));
    if (!p.groups.isEmpty()) {
        out << YAML::Key << "groups" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString& g : p.groups)
            yaml::emitString(out, groupRef(d, g));
        out << YAML::EndSeq;
    }
    if (!p.customAttributes.isEmpty()) {
        out << YAML::Key << "attributes" << YAML::Value << YAML::BeginSeq;
        for (const CustomAttribute& a : p.customAttributes) {
            out << YAML::BeginMap;
            emitKey(out, "name", a.name);
            out << YAML::Key << "values" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const QString& v : a.values)
                yaml::emitString(out, v);
            out << YAML::EndSeq << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    if (p.guest) {
        out << YAML::Key << "guest" << YAML::Value << YAML::BeginMap;
        emitKey(out, "homeDomain", p.guest->homeDomain);
        emitKey(out, "identityProvider", p.guest->identityProvider);
        emitKey(out, "homeTenantId", p.guest->homeTenantId);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

} // namespace

Result<Directory> parseDirectory(const QByteArray& yamlText, const QString& fileName)
{
    try {
        DirectoryReader reader(fileName);
        return reader.read(yamlText);
    } catch (const FieldError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError("directory.invalid",
                         QStringLiteral("%1: %2").arg(fileName, yaml::fromStd(e.msg)));
    } catch (const std::exception& e) {
        return makeError("directory.invalid",
                         QStringLiteral("%1: %2").arg(fileName, QString::fromLocal8Bit(e.what())));
    }
}

Result<Directory> loadDirectory(const QString& path)
{
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    return parseDirectory(*bytes, path);
}

QByteArray serializeDirectory(const Directory& d)
{
    YAML::Emitter out;
    out << YAML::Comment(
        "JIT Harness directory: one tenant, its groups and people (see samples/directory.yaml)");
    out << YAML::BeginMap;
    out << YAML::Key << "tenant" << YAML::Value << YAML::BeginMap;
    emitKey(out, "id", d.tenant().id);
    emitKey(out, "displayName", d.tenant().displayName);
    emitKey(out, "primaryDomain", d.tenant().primaryDomain);
    emitKey(out, "initialDomain", d.tenant().initialDomain);
    out << YAML::EndMap;
    out << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
    for (const Group& g : d.groups()) {
        out << YAML::Flow << YAML::BeginMap;
        emitKey(out, "id", g.id);
        emitKey(out, "displayName", g.displayName);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "people" << YAML::Value << YAML::BeginSeq;
    for (const Person& p : d.people())
        emitPerson(out, d, p);
    out << YAML::EndSeq << YAML::EndMap;
    QByteArray text(out.c_str(), qsizetype(out.size()));
    text.append('\n');
    return text;
}

Result<void> saveDirectory(const Directory& directory, const QString& path)
{
    return writeFileAtomic(path, serializeDirectory(directory));
}

} // namespace jh::idp
