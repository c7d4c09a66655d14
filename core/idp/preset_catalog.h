// The presets the harness knows: the built-in ones compiled in as resources
// (":/presets/*.yaml") plus any the user loads from a file. One place to ask
// "which presets are there?" so the CLI, the GUI and the tests agree.
#pragma once

#include "common/result.h"
#include "idp/preset.h"

namespace jh::idp {

class PresetCatalog
{
public:
    // Loads every :/presets/*.yaml, sorted by id. A broken built-in preset is an
    // error (preset.invalid), never skipped; so is a duplicate id.
    static Result<PresetCatalog> builtIn();
    // One preset from a file. Error ids: preset.invalid, io.unreadable.
    static Result<Preset> loadFile(const QString& path);

    const Preset* find(const QString& id) const; // nullptr when unknown
    QStringList ids() const;
    // Adds or replaces (same id) a preset, e.g. one loaded with loadFile.
    void add(Preset preset);

    QList<Preset> presets;
};

} // namespace jh::idp
