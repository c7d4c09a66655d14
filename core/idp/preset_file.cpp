// Reading and writing preset files (resources/presets/*.yaml). Strict like the
// directory file: a preset that silently lost a line would misrepresent a
// vendor, so unknown keys, bad enums, unknown value sources, invalid regexes
// and unresolvable {placeholders} are errors naming file, line and field.
#include "common/yaml_fields.h"
#include "idp/preset.h"
#include "xmlsec/algorithms.h"

#include <QRegularExpression>
#include <QSet>

namespace jh::idp {

using jh::yaml::FieldError;
using jh::yaml::Fields;

namespace {

QStringList placeholdersIn(const QString& templ)
{
    static const QRegularExpression re(QStringLiteral("\\{([A-Za-z][A-Za-z0-9_]*)\\}"));
    QStringList out;
    for (auto it = re.globalMatch(templ); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

class PresetReader
{
public:
    explicit PresetReader(const QString& fileName) : f(fileName, "preset.invalid") {}

    Preset read(const QByteArray& text)
    {
        const YAML::Node root = f.parse(text);
        f.expectMap(root, {});
        f.checkKeys(root, {},
                    {"id", "name", "summary", "sources", "issuance", "issuerVariables", "nameId",
                     "attributeDefaults", "attributes", "groups", "email", "guests"});
        p.id = f.str(root, "id", {}, true);
        static const QRegularExpression idRe(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
        if (!idRe.match(p.id).hasMatch())
            f.fail(root["id"], QStringLiteral("id"),
                   QStringLiteral("use lower-case letters, digits and '-' ('%1')").arg(p.id));
        p.name = f.str(root, "name", {}, true);
        p.summary = f.str(root, "summary", {}, false);
        readSources(root);
        p.issuerVariables = f.strMap(root, "issuerVariables", {});
        readIssuance(root);
        readNameId(root);
        readAttributes(root);
        readGroups(root);
        readEmailAndGuests(root);
        return p;
    }

private:
    const YAML::Node required(const YAML::Node& map, const char* key, const QString& path) const
    {
        if (!Fields::has(map, key))
            f.fail(map, Fields::child(path, key), QStringLiteral("required"));
        return map[key];
    }

    void readSources(const YAML::Node& root)
    {
        required(root, "sources", {});
        p.sources = f.strList(root, "sources", {});
        if (p.sources.isEmpty())
            f.fail(root["sources"], QStringLiteral("sources"),
                   QStringLiteral("name at least one public source"));
        for (qsizetype i = 0; i < p.sources.size(); ++i)
            if (!p.sources.at(i).startsWith(QLatin1String("https://")) &&
                !p.sources.at(i).startsWith(QLatin1String("http://")))
                f.fail(root["sources"][std::size_t(i)], Fields::index(QStringLiteral("sources"), i),
                       QStringLiteral("expected an http(s) URL"));
    }

    void checkTemplate(const YAML::Node& at, const QString& path, const QString& templ,
                       bool personScoped) const
    {
        QStringList known = directoryPlaceholders();
        for (const auto& [k, v] : p.issuerVariables)
            known << k;
        if (personScoped)
            known << QStringLiteral("objectId");
        for (const QString& ph : placeholdersIn(templ))
            if (!known.contains(ph))
                f.fail(at, path,
                       QStringLiteral("unknown placeholder {%1} (known: %2)")
                           .arg(ph, known.join(QStringLiteral(", "))));
    }

    void readIssuance(const YAML::Node& root)
    {
        const QString path = QStringLiteral("issuance");
        const YAML::Node n = required(root, "issuance", {});
        f.expectMap(n, path);
        f.checkKeys(n, path,
                    {"sign", "signatureAlgorithm", "digestAlgorithm", "keyInfoCertificate",
                     "validitySeconds", "notBeforeSkewSeconds", "confirmationSeconds",
                     "sessionSeconds", "authnContextClass", "issuer"});
        IssuanceDefaults& d = p.defaults;
        const QString sign = f.str(n, "sign", path, true);
        const auto mode = signModeFromName(sign);
        if (!mode)
            f.fail(n["sign"], Fields::child(path, "sign"),
                   QStringLiteral(
                       "unknown sign mode '%1' (expected none, assertion, response or both)")
                       .arg(sign));
        d.sign = *mode;
        d.signatureAlgorithm = f.str(n, "signatureAlgorithm", path, true);
        if (!xmlsec::findAlgorithm(xmlsec::AlgorithmKind::Signature, d.signatureAlgorithm))
            f.fail(n["signatureAlgorithm"], Fields::child(path, "signatureAlgorithm"),
                   QStringLiteral("unknown signature algorithm '%1' (known: %2)")
                       .arg(d.signatureAlgorithm,
                            xmlsec::algorithmNames(xmlsec::AlgorithmKind::Signature)
                                .join(QStringLiteral(", "))));
        d.digestAlgorithm = f.str(n, "digestAlgorithm", path, true);
        if (!xmlsec::findAlgorithm(xmlsec::AlgorithmKind::Digest, d.digestAlgorithm))
            f.fail(n["digestAlgorithm"], Fields::child(path, "digestAlgorithm"),
                   QStringLiteral("unknown digest algorithm '%1' (known: %2)")
                       .arg(d.digestAlgorithm, xmlsec::algorithmNames(xmlsec::AlgorithmKind::Digest)
                                                   .join(QStringLiteral(", "))));
        d.keyInfoCertificate = f.boolean(n, "keyInfoCertificate", path, true);
        constexpr int day = 24 * 3600;
        d.validitySeconds = f.integer(n, "validitySeconds", path, 300, 1, 30 * day);
        d.notBeforeSkewSeconds = f.integer(n, "notBeforeSkewSeconds", path, 0, 0, day);
        d.confirmationSeconds =
            f.integer(n, "confirmationSeconds", path, d.validitySeconds, 1, 30 * day);
        d.sessionSeconds = f.integer(n, "sessionSeconds", path, 0, 0, 365 * day);
        d.authnContextClass = f.str(n, "authnContextClass", path, false);
        d.issuerTemplate = f.str(n, "issuer", path, true);
        checkTemplate(n["issuer"], Fields::child(path, "issuer"), d.issuerTemplate, false);
    }

    void checkSource(const YAML::Node& at, const QString& path, const QString& source) const
    {
        if (!isKnownValueSource(source))
            f.fail(at, path,
                   QStringLiteral("unknown source '%1' (known: %2)")
                       .arg(source, knownValueSources().join(QStringLiteral(", "))));
    }

    void readNameId(const YAML::Node& root)
    {
        const QString path = QStringLiteral("nameId");
        const YAML::Node n = required(root, "nameId", {});
        f.expectMap(n, path);
        f.checkKeys(n, path, {"source", "format"});
        p.nameId.source = f.str(n, "source", path, true);
        checkSource(n["source"], Fields::child(path, "source"), p.nameId.source);
        p.nameId.format = f.str(n, "format", path, false);
    }

    void readAttributes(const YAML::Node& root)
    {
        QString defFormat, defType;
        if (Fields::has(root, "attributeDefaults")) {
            const YAML::Node d = root["attributeDefaults"];
            const QString dp = QStringLiteral("attributeDefaults");
            f.expectMap(d, dp);
            f.checkKeys(d, dp, {"nameFormat", "valueType"});
            defFormat = f.str(d, "nameFormat", dp, false);
            defType = f.str(d, "valueType", dp, false);
        }
        if (!Fields::has(root, "attributes"))
            return;
        const QString path = QStringLiteral("attributes");
        const YAML::Node list = root["attributes"];
        f.expectList(list, path);
        QSet<QString> names;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node a = list[i];
            const QString ap = Fields::index(path, qsizetype(i));
            f.expectMap(a, ap);
            f.checkKeys(a, ap, {"name", "source", "nameFormat", "valueType", "friendlyName"});
            AttributeRule r;
            r.name = f.str(a, "name", ap, true);
            if (names.contains(r.name))
                f.fail(a["name"], Fields::child(ap, "name"),
                       QStringLiteral("attribute '%1' given twice").arg(r.name));
            names.insert(r.name);
            r.source = f.str(a, "source", ap, true);
            checkSource(a["source"], Fields::child(ap, "source"), r.source);
            r.nameFormat =
                a["nameFormat"].IsDefined() ? f.str(a, "nameFormat", ap, false) : defFormat;
            r.valueType = a["valueType"].IsDefined() ? f.str(a, "valueType", ap, false) : defType;
            r.friendlyName = f.str(a, "friendlyName", ap, false);
            p.attributes.append(r);
        }
    }

    void readGroupFilter(const YAML::Node& g, const QString& path)
    {
        if (!Fields::has(g, "filter"))
            return;
        const YAML::Node n = g["filter"];
        const QString fp = Fields::child(path, "filter");
        f.expectMap(n, fp);
        f.checkKeys(n, fp, {"type", "pattern", "values"});
        GroupFilter& flt = p.groups.filter;
        const QString type = f.str(n, "type", fp, true);
        const auto t = groupFilterTypeFromName(type);
        if (!t)
            f.fail(n["type"], Fields::child(fp, "type"),
                   QStringLiteral("unknown filter type '%1' (expected none, startsWith, equals, "
                                  "contains, regex or list)")
                       .arg(type));
        flt.type = *t;
        flt.pattern = f.str(n, "pattern", fp, false);
        flt.values = f.strList(n, "values", fp);
        const bool needsPattern =
            flt.type != GroupFilterType::None && flt.type != GroupFilterType::List;
        if (needsPattern && flt.pattern.isEmpty())
            f.fail(n, Fields::child(fp, "pattern"),
                   QStringLiteral("required for filter type '%1'").arg(type));
        if (flt.type == GroupFilterType::List && flt.values.isEmpty())
            f.fail(n, Fields::child(fp, "values"),
                   QStringLiteral("required for filter type 'list'"));
        if (flt.type == GroupFilterType::Regex) {
            const QRegularExpression re(flt.pattern);
            if (!re.isValid())
                f.fail(n["pattern"], Fields::child(fp, "pattern"),
                       QStringLiteral("invalid regular expression: %1").arg(re.errorString()));
        }
    }

    void readGroups(const YAML::Node& root)
    {
        if (!Fields::has(root, "groups"))
            return;
        const QString path = QStringLiteral("groups");
        const YAML::Node g = root["groups"];
        f.expectMap(g, path);
        f.checkKeys(g, path,
                    {"attribute", "nameFormat", "valueType", "encoding", "filter", "limit",
                     "overage", "overageAttribute", "overageLink"});
        GroupsRule& r = p.groups;
        r.enabled = true;
        r.attribute = f.str(g, "attribute", path, true);
        r.nameFormat = f.str(g, "nameFormat", path, false);
        r.valueType = f.str(g, "valueType", path, false);
        const QString enc = f.str(g, "encoding", path, true);
        const auto e = groupEncodingFromName(enc);
        if (!e)
            f.fail(g["encoding"], Fields::child(path, "encoding"),
                   QStringLiteral(
                       "unknown encoding '%1' (expected displayName, id or distinguishedName)")
                       .arg(enc));
        r.encoding = *e;
        readGroupFilter(g, path);
        r.limit = f.integer(g, "limit", path, 0, 0, 100000);
        const QString ov =
            Fields::has(g, "overage") ? f.str(g, "overage", path, false) : QStringLiteral("none");
        const auto o = groupOverageFromName(ov);
        if (!o)
            f.fail(g["overage"], Fields::child(path, "overage"),
                   QStringLiteral("unknown overage '%1' (expected none, truncate, omit or link)")
                       .arg(ov));
        r.overage = *o;
        if (r.overage != GroupOverage::None && r.limit == 0)
            f.fail(g, Fields::child(path, "limit"),
                   QStringLiteral("an overage rule needs a limit above 0"));
        r.overageAttribute =
            f.str(g, "overageAttribute", path, r.overage == GroupOverage::LinkClaim);
        r.overageLink = f.str(g, "overageLink", path, r.overage == GroupOverage::LinkClaim);
        checkTemplate(g["overageLink"], Fields::child(path, "overageLink"), r.overageLink, true);
    }

    void readEmailAndGuests(const YAML::Node& root)
    {
        if (Fields::has(root, "email")) {
            const YAML::Node e = root["email"];
            const QString ep = QStringLiteral("email");
            f.expectMap(e, ep);
            f.checkKeys(e, ep, {"verifiedAttribute", "note"});
            p.email.verifiedAttribute = f.str(e, "verifiedAttribute", ep, false);
            p.email.note = f.str(e, "note", ep, false);
        }
        if (Fields::has(root, "guests")) {
            const YAML::Node g = root["guests"];
            const QString gp = QStringLiteral("guests");
            f.expectMap(g, gp);
            f.checkKeys(g, gp, {"upnForm", "externalEntraUpnIsMail"});
            const QString form = Fields::has(g, "upnForm") ? f.str(g, "upnForm", gp, false)
                                                           : QStringLiteral("plain");
            if (form == QLatin1String("plain"))
                p.guests.upnForm = GuestUpnForm::Plain;
            else if (form == QLatin1String("external"))
                p.guests.upnForm = GuestUpnForm::External;
            else
                f.fail(g["upnForm"], Fields::child(gp, "upnForm"),
                       QStringLiteral("unknown form '%1' (expected plain or external)").arg(form));
            p.guests.externalEntraUpnIsMail = f.boolean(g, "externalEntraUpnIsMail", gp, false);
        }
    }

    Fields f;
    Preset p;
};

} // namespace

Result<Preset> parsePreset(const QByteArray& text, const QString& fileName)
{
    try {
        PresetReader reader(fileName);
        return reader.read(text);
    } catch (const FieldError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError("preset.invalid",
                         QStringLiteral("%1: %2").arg(fileName, yaml::fromStd(e.msg)));
    } catch (const std::exception& e) {
        return makeError("preset.invalid",
                         QStringLiteral("%1: %2").arg(fileName, QString::fromLocal8Bit(e.what())));
    }
}

} // namespace jh::idp
