// What every jitharness subcommand shares: parsing with --help and clear
// usage errors, the common options (--directory, --key-dir, --now, --json,
// --out) and turning them into core objects, and the exit-code discipline.
#pragma once

#include "cli/commands.h"
#include "common/result.h"
#include "crypto/key_store.h"
#include "idp/directory.h"
#include "idp/preset_catalog.h"
#include "jit/account_store.h"
#include "jit/jit_policy.h"
#include "time/clock.h"

#include <QCommandLineParser>
#include <memory>
#include <optional>

namespace jh::cli {

// The built-in sample directory (compiled in from samples/directory.yaml).
inline constexpr char kBuiltInDirectory[] = ":/samples/directory.yaml";

class Command
{
public:
    Command(QString name, const QString& description, QString synopsis);

    QCommandLineParser& parser() { return m_parser; }
    void addDirectoryOption();
    void addKeyDirOption();
    void addNowOption();
    void addJsonOption();
    void addOutOption();
    void addPresetFileOption();
    void addStoreOption();
    void addPolicyOption();

    // Parses; on --help prints usage and returns Ok; on a usage error prints
    // it and returns BadInput; std::nullopt means "go on".
    std::optional<int> parse(const QStringList& args, int minPositional = 0, int maxPositional = 0);

    bool json() const { return m_parser.isSet(QStringLiteral("json")); }
    QString value(const char* name) const { return m_parser.value(QString::fromLatin1(name)); }
    QStringList values(const char* name) const
    {
        return m_parser.values(QString::fromLatin1(name));
    }
    bool isSet(const char* name) const { return m_parser.isSet(QString::fromLatin1(name)); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    Result<idp::Directory> directory() const;
    crypto::KeyStore keyStore() const;
    Result<std::unique_ptr<Clock>> clock() const;
    // The built-in presets plus any --preset-file (which may replace one).
    Result<idp::PresetCatalog> presets() const;
    // --store FILE, or the user's default store (its folder made if needed).
    Result<jit::AccountStore> openStore() const;
    // --policy FILE, or the defaults (a careful SP, no roles mapped).
    Result<jit::JitSettings> jitSettings() const;

    // What the IdP subcommands load before they act: the directory, the
    // presets and the clock. On failure the message is printed and the
    // exit code returned.
    struct IdpInputs
    {
        idp::Directory directory;
        idp::PresetCatalog presets;
        std::unique_ptr<Clock> clock;
    };
    std::optional<int> loadIdpInputs(IdpInputs& out) const;

    // Writes to --out (atomically) or stdout.
    int emit(const QByteArray& bytes) const;
    // Prints "jitharness <name>: <message>" to stderr and returns BadInput.
    int fail(const Error& error) const;
    int usage(const QString& message) const;

private:
    QString m_name;
    QString m_synopsis;
    QCommandLineParser m_parser;
};

} // namespace jh::cli
