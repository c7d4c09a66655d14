// jitharness idp metadata | cert | presets | people: what the mock IdP is —
// its metadata and certificates, the presets it can imitate, its directory.
#include "cli/cli_context.h"
#include "cli/cli_output.h"
#include "idp/claim_shaper.h"
#include "idp/preset_diff.h"
#include "saml/idp_metadata.h"
#include "saml/saml_names.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace jh::cli {

int runIdpMetadata(const QStringList& args)
{
    Command c(
        QStringLiteral("idp metadata"),
        QStringLiteral(
            "Print the mock IdP's SAML metadata: entityID (the preset's issuer), both signing "
            "certificates (RSA and EC), SSO endpoints, NameID formats."),
        QStringLiteral("[--preset NAME] [--base-url URL] [--out FILE]"));
    c.parser().addOption({QStringLiteral("preset"),
                          QStringLiteral("Preset whose issuer is the entityID. Default: okta."),
                          QStringLiteral("NAME")});
    c.parser().addOption(
        {QStringLiteral("base-url"),
         QStringLiteral("Where the IdP's endpoints are served. Default: http://127.0.0.1:7000"),
         QStringLiteral("URL")});
    c.addDirectoryOption();
    c.addKeyDirOption();
    c.addNowOption();
    c.addPresetFileOption();
    c.addOutOption();
    if (auto done = c.parse(args))
        return *done;
    Command::IdpInputs in;
    if (auto failed = c.loadIdpInputs(in))
        return *failed;
    const QString presetId = c.isSet("preset") ? c.value("preset") : QStringLiteral("okta");
    const idp::Preset* preset = in.presets.find(presetId);
    if (!preset)
        return c.usage(QStringLiteral("--preset: unknown preset '%1' (known: %2)")
                           .arg(presetId, in.presets.ids().join(QStringLiteral(", "))));
    if (in.directory.people().isEmpty())
        return c.fail(makeError(
            "cli.usage", QStringLiteral("the directory has no people to derive the issuer from")));
    auto claims = idp::shapeClaims(in.directory.people().first(), in.directory, *preset);
    if (!claims)
        return c.fail(claims.error());

    saml::IdpMetadataParams p;
    p.entityId = claims->issuer;
    const crypto::KeyStore store = c.keyStore();
    for (crypto::KeyType t : {crypto::KeyType::Rsa, crypto::KeyType::Ec}) {
        auto key = store.loadOrCreate(t, *in.clock);
        if (!key)
            return c.fail(key.error());
        p.signingKeys << *key;
    }
    const QString base =
        c.isSet("base-url") ? c.value("base-url") : QStringLiteral("http://127.0.0.1:7000");
    p.ssoUrl = base + QStringLiteral("/idp/sso");
    p.sloUrl = base + QStringLiteral("/idp/slo");
    p.nameIdFormats = {QString::fromLatin1(saml::nameid::kEmail),
                       QString::fromLatin1(saml::nameid::kPersistent),
                       QString::fromLatin1(saml::nameid::kUnspecified),
                       QString::fromLatin1(saml::nameid::kTransient)};
    if (!preset->nameId.format.isEmpty() && !p.nameIdFormats.contains(preset->nameId.format))
        p.nameIdFormats.prepend(preset->nameId.format);
    return c.emit(saml::writeIdpMetadata(p));
}

int runIdpCert(const QStringList& args)
{
    Command c(QStringLiteral("idp cert"),
              QStringLiteral(
                  "Print the IdP's signing certificate (PEM), generating the key on first use."),
              QStringLiteral("[--key rsa|ec] [--key-dir DIR]"));
    c.parser().addOption(
        {QStringLiteral("key"), QStringLiteral("rsa (default) or ec."), QStringLiteral("rsa|ec")});
    c.addKeyDirOption();
    c.addOutOption();
    if (auto done = c.parse(args))
        return *done;
    const auto type =
        crypto::keyTypeFromName(c.isSet("key") ? c.value("key") : QStringLiteral("rsa"));
    if (!type)
        return c.usage(QStringLiteral("--key: '%1' is not rsa or ec").arg(c.value("key")));
    auto key = c.keyStore().loadOrCreate(*type, SystemClock::instance());
    if (!key)
        return c.fail(key.error());
    return c.emit(key->certificatePem());
}

namespace {

int presetsDiff(Command& c, const idp::PresetCatalog& presets)
{
    const QString a = c.positional().value(1), b = c.positional().value(2);
    const idp::Preset* pa = presets.find(a);
    const idp::Preset* pb = presets.find(b);
    if (!pa || !pb)
        return c.usage(QStringLiteral("unknown preset '%1' (known: %2)")
                           .arg(pa ? b : a, presets.ids().join(QStringLiteral(", "))));
    const auto diffs = idp::diffPresets(*pa, *pb);
    if (c.json()) {
        QJsonArray rows;
        for (const auto& d : diffs)
            rows.append(QJsonObject{{QStringLiteral("field"), d.field}, {a, d.left}, {b, d.right}});
        return c.emit(QJsonDocument(rows).toJson());
    }
    QString text;
    for (const auto& d : diffs)
        text += QStringLiteral("%1\n  %2: %3\n  %4: %5\n")
                    .arg(d.field, a, d.left.isEmpty() ? QStringLiteral("(none)") : d.left, b,
                         d.right.isEmpty() ? QStringLiteral("(none)") : d.right);
    text += QStringLiteral("%1 difference(s) between %2 and %3\n").arg(diffs.size()).arg(a, b);
    return c.emit(text.toUtf8());
}

} // namespace

int runIdpPresets(const QStringList& args)
{
    Command c(QStringLiteral("idp presets"),
              QStringLiteral("List the IdP presets, or compare two of them field by field."),
              QStringLiteral("[diff A B] [--json]"));
    c.parser().addPositionalArgument(QStringLiteral("diff"),
                                     QStringLiteral("'diff A B' compares presets A and B."),
                                     QStringLiteral("[diff A B]"));
    c.addPresetFileOption();
    c.addJsonOption();
    c.addOutOption();
    if (auto done = c.parse(args, 0, 3))
        return *done;
    auto presets = c.presets();
    if (!presets)
        return c.fail(presets.error());
    const QStringList pos = c.positional();
    if (!pos.isEmpty()) {
        if (pos.first() != QLatin1String("diff") || pos.size() != 3)
            return c.usage(QStringLiteral("expected 'diff A B'"));
        return presetsDiff(c, *presets);
    }
    if (c.json()) {
        QJsonArray rows;
        for (const idp::Preset& p : presets->presets)
            rows.append(
                QJsonObject{{QStringLiteral("id"), p.id},
                            {QStringLiteral("name"), p.name},
                            {QStringLiteral("summary"), p.summary},
                            {QStringLiteral("sources"), QJsonArray::fromStringList(p.sources)}});
        return c.emit(QJsonDocument(rows).toJson());
    }
    QString text;
    for (const idp::Preset& p : presets->presets)
        text += QStringLiteral("%1  %2\n").arg(p.id, -14).arg(p.name);
    return c.emit(text.toUtf8());
}

int runIdpPeople(const QStringList& args)
{
    Command c(QStringLiteral("idp people"),
              QStringLiteral("List the people of the directory: ids, names, status, groups."),
              QStringLiteral("[--directory FILE] [--json]"));
    c.addDirectoryOption();
    c.addJsonOption();
    c.addOutOption();
    if (auto done = c.parse(args))
        return *done;
    auto directory = c.directory();
    if (!directory)
        return c.fail(directory.error());
    if (c.json()) {
        QJsonArray rows;
        for (const idp::Person& p : directory->people()) {
            QJsonArray groups;
            for (const idp::Group* g : directory->groupsOf(p))
                groups.append(QJsonObject{{QStringLiteral("id"), g->id},
                                          {QStringLiteral("displayName"), g->displayName}});
            rows.append(QJsonObject{{QStringLiteral("id"), p.id},
                                    {QStringLiteral("username"), p.username},
                                    {QStringLiteral("email"), p.email},
                                    {QStringLiteral("givenName"), p.givenName},
                                    {QStringLiteral("familyName"), p.familyName},
                                    {QStringLiteral("displayName"), p.displayName},
                                    {QStringLiteral("department"), p.department},
                                    {QStringLiteral("employeeType"), p.employeeType},
                                    {QStringLiteral("status"), idp::personStatusName(p.status)},
                                    {QStringLiteral("guest"), p.isGuest()},
                                    {QStringLiteral("groups"), groups}});
        }
        return c.emit(QJsonDocument(rows).toJson());
    }
    QString text;
    for (const idp::Person& p : directory->people()) {
        QStringList names;
        for (const idp::Group* g : directory->groupsOf(p))
            names << g->displayName;
        const QString groups = names.size() > 6
                                   ? QStringLiteral("%1, … (%2 groups)")
                                         .arg(names.mid(0, 5).join(QStringLiteral(", ")))
                                         .arg(names.size())
                                   : names.join(QStringLiteral(", "));
        text += QStringLiteral("%1  %2  %3  %4%5\n")
                    .arg(p.id, -10)
                    .arg(p.displayName, -22)
                    .arg(idp::personStatusName(p.status), -9)
                    .arg(groups, p.isGuest() ? QStringLiteral("  [guest]") : QString());
    }
    return c.emit(text.toUtf8());
}

} // namespace jh::cli
