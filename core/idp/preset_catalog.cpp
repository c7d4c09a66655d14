#include "idp/preset_catalog.h"

#include "common/file_io.h"

#include <QDir>
#include <algorithm>

namespace jh::idp {

Result<PresetCatalog> PresetCatalog::builtIn()
{
    PresetCatalog catalog;
    const QDir dir(QStringLiteral(":/presets"));
    const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return makeError("preset.invalid",
                         QStringLiteral(":/presets: no built-in presets were compiled in"));
    for (const QString& file : files) {
        auto preset = loadFile(dir.filePath(file));
        if (!preset)
            return preset.error();
        if (catalog.find(preset->id))
            return makeError("preset.invalid", QStringLiteral("%1: id: duplicate preset id '%2'")
                                                   .arg(dir.filePath(file), preset->id));
        catalog.presets.append(std::move(preset).value());
    }
    std::sort(catalog.presets.begin(), catalog.presets.end(),
              [](const Preset& a, const Preset& b) { return a.id < b.id; });
    return catalog;
}

Result<Preset> PresetCatalog::loadFile(const QString& path)
{
    auto bytes = readFile(path, qint64{1024} * 1024);
    if (!bytes)
        return bytes.error();
    return parsePreset(*bytes, path);
}

const Preset* PresetCatalog::find(const QString& id) const
{
    for (const Preset& p : presets)
        if (p.id == id)
            return &p;
    return nullptr;
}

QStringList PresetCatalog::ids() const
{
    QStringList out;
    for (const Preset& p : presets)
        out << p.id;
    return out;
}

void PresetCatalog::add(Preset preset)
{
    for (Preset& p : presets)
        if (p.id == preset.id) {
            p = std::move(preset);
            return;
        }
    presets.append(std::move(preset));
}

} // namespace jh::idp
