#include "cli/cli_context.h"

#include "cli/cli_output.h"
#include "common/file_io.h"
#include "idp/directory_file.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace jh::cli {

Command::Command(QString name, const QString& description, QString synopsis)
    : m_name(std::move(name)), m_synopsis(std::move(synopsis))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
}

namespace {

QString defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/accounts.sqlite");
}

} // namespace

void Command::addStoreOption()
{
    m_parser.addOption(
        {QStringLiteral("store"),
         QStringLiteral("The SP's account store (SQLite), created on first use. Default: %1")
             .arg(defaultStorePath()),
         QStringLiteral("FILE")});
}

void Command::addPolicyOption()
{
    m_parser.addOption(
        {QStringLiteral("policy"),
         QStringLiteral("The SP's JIT policy and attribute mapping (YAML, see "
                        "samples/jit-policy.yaml). Default: create at first login, sync at "
                        "every login, remove lost roles, map no roles."),
         QStringLiteral("FILE")});
}

Result<jit::AccountStore> Command::openStore() const
{
    if (isSet("store"))
        return jit::AccountStore::open(value("store"));
    const QString path = defaultStorePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    return jit::AccountStore::open(path);
}

Result<jit::JitSettings> Command::jitSettings() const
{
    if (!isSet("policy"))
        return jit::JitSettings{};
    return jit::loadJitSettings(value("policy"));
}

void Command::addDirectoryOption()
{
    m_parser.addOption(
        {QStringLiteral("directory"),
         QStringLiteral(
             "The IdP directory (YAML). Default: the built-in sample (samples/directory.yaml)."),
         QStringLiteral("FILE")});
}

void Command::addKeyDirOption()
{
    m_parser.addOption(
        {QStringLiteral("key-dir"),
         QStringLiteral(
             "Folder of the IdP signing keys; created and filled on first use. Default: %1")
             .arg(crypto::KeyStore::defaultDirectory()),
         QStringLiteral("DIR")});
}

void Command::addNowOption()
{
    m_parser.addOption({QStringLiteral("now"),
                        QStringLiteral("The instant to act at (ISO 8601 with zone, e.g. "
                                       "2026-03-02T09:30:00Z). Default: the system clock."),
                        QStringLiteral("ISO8601")});
}

void Command::addJsonOption()
{
    m_parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")});
}

void Command::addPresetFileOption()
{
    m_parser.addOption(
        {QStringLiteral("preset-file"),
         QStringLiteral("Load a preset from a YAML file (same form as resources/presets/*.yaml); "
                        "it replaces a built-in preset of the same id. Repeatable."),
         QStringLiteral("FILE")});
}

void Command::addOutOption()
{
    m_parser.addOption({QStringLiteral("out"),
                        QStringLiteral("Write to FILE (atomically) instead of stdout."),
                        QStringLiteral("FILE")});
}

std::optional<int> Command::parse(const QStringList& args, int minPositional, int maxPositional)
{
    QStringList full = args;
    full.prepend(QStringLiteral("jitharness ") + m_name);
    if (!m_parser.parse(full))
        return usage(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString help = m_parser.helpText();
        // QCommandLineParser's first line names the program; ours names the subcommand.
        help.replace(0, help.indexOf(QLatin1Char('\n')),
                     QStringLiteral("Usage: jitharness %1 %2").arg(m_name, m_synopsis));
        out() << help;
        return Ok;
    }
    const qsizetype n = m_parser.positionalArguments().size();
    if (n < minPositional || n > maxPositional)
        return usage(n < minPositional
                         ? QStringLiteral("missing argument")
                         : QStringLiteral("unexpected argument '%1'")
                               .arg(m_parser.positionalArguments().at(maxPositional)));
    return std::nullopt;
}

Result<idp::Directory> Command::directory() const
{
    const QString path =
        isSet("directory") ? value("directory") : QString::fromLatin1(kBuiltInDirectory);
    return idp::loadDirectory(path);
}

crypto::KeyStore Command::keyStore() const
{
    return crypto::KeyStore(isSet("key-dir") ? value("key-dir")
                                             : crypto::KeyStore::defaultDirectory());
}

Result<std::unique_ptr<Clock>> Command::clock() const
{
    if (!isSet("now"))
        return std::unique_ptr<Clock>(std::make_unique<SystemClock>());
    const QDateTime t = parseIsoInstant(value("now"));
    if (!t.isValid())
        return makeError(
            "cli.usage",
            QStringLiteral(
                "--now: '%1' is not an ISO 8601 instant with a zone (e.g. 2026-03-02T09:30:00Z)")
                .arg(value("now")));
    return std::unique_ptr<Clock>(std::make_unique<ManualClock>(t));
}

int Command::emit(const QByteArray& bytes) const
{
    if (isSet("out")) {
        if (auto w = writeFileAtomic(value("out"), bytes); !w)
            return fail(w.error());
        return Ok;
    }
    out() << QString::fromUtf8(bytes);
    out().flush();
    return Ok;
}

int Command::fail(const Error& error) const
{
    err() << "jitharness " << m_name << ": " << error.message << "\n";
    err().flush();
    return BadInput;
}

int Command::usage(const QString& message) const
{
    err() << "jitharness " << m_name << ": " << message << "\n"
          << "Usage: jitharness " << m_name << " " << m_synopsis << "\n"
          << "Run 'jitharness " << m_name << " --help' for the options.\n";
    err().flush();
    return BadInput;
}

std::optional<int> Command::loadIdpInputs(IdpInputs& out) const
{
    auto directory = this->directory();
    if (!directory)
        return fail(directory.error());
    auto catalog = presets();
    if (!catalog)
        return fail(catalog.error());
    auto clk = clock();
    if (!clk)
        return usage(clk.error().message);
    out.directory = std::move(*directory);
    out.presets = std::move(*catalog);
    out.clock = std::move(*clk);
    return std::nullopt;
}

Result<idp::PresetCatalog> Command::presets() const
{
    auto catalog = idp::PresetCatalog::builtIn();
    if (!catalog || !m_parser.isSet(QStringLiteral("preset-file")))
        return catalog;
    for (const QString& path : values("preset-file")) {
        auto preset = idp::PresetCatalog::loadFile(path);
        if (!preset)
            return preset.error();
        catalog->add(*preset);
    }
    return catalog;
}

} // namespace jh::cli
