// The directory as a human-edited YAML file (samples/directory.yaml is the
// reference). Loading is strict — a typo'd key, a dangling group or manager,
// a duplicate id is an error naming file, line and field — because a
// directory that silently drops a line would make every later JIT result lie.
// Saving is atomic and round-trips exactly.
#pragma once

#include "common/result.h"
#include "idp/directory.h"

namespace jh::idp {

// Error ids: "directory.invalid" (bad content), "io.unreadable" (from readFile).
Result<Directory> loadDirectory(const QString& path);
// `fileName` is only used in messages.
Result<Directory> parseDirectory(const QByteArray& yaml, const QString& fileName);

// The YAML text saveDirectory writes.
QByteArray serializeDirectory(const Directory& directory);
// Atomic (writeFileAtomic): on failure the old file is untouched. Error id "io.unwritable".
Result<void> saveDirectory(const Directory& directory, const QString& path);

} // namespace jh::idp
