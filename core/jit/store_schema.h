// The account store's file format: what a store file must look like before we
// touch it, and the stepped migrations that bring it to the current schema.
// The version lives in PRAGMA user_version and the file is marked as ours by
// PRAGMA application_id, both in the SQLite header, so they can be read
// without trusting any table.
#pragma once

#include "common/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace jh::jit {

// v1: accounts, links, append-only audit. v2: the SP's replay cache.
// v3: SCIM attributes beside accounts, the SP's groups and their members.
inline constexpr int kStoreSchemaVersion = 3;
// "JHst" in the header's application_id field.
inline constexpr qint32 kStoreApplicationId = 0x4A487374;

struct SchemaStep
{
    int version; // user_version once the step has run
    const char* title;
    QList<const char*> statements; // frozen once released: later changes are new steps
};

const QList<SchemaStep>& schemaSteps();

// Looks at the file's header and size before SQLite does: a file cut short
// inside its last page still opens, and SQLite would write on into the damage
// (tried: 1000 bytes cut from a 64 KB file; quick_check then fails). Also says
// "not an SQLite database" in words. A missing file is fine (it will be
// created) if its folder exists.
// Errors: store.unreadable, store.corrupt.
Result<void> checkStoreFile(const QString& path);

// What the header and schema say, read without writing anything.
struct SchemaState
{
    int version = 0;
    qint32 applicationId = 0;
    int objectCount = 0; // tables, indexes, triggers: 0 for a new file
};

// Errors (ids from storeError()): store.corrupt, store.locked, store.unreadable.
Result<SchemaState> readSchemaState(QSqlDatabase& db, const QString& path, int busyTimeoutMs);

// Refuses a file that is not ours or is newer than this build; run before
// anything writes. Errors: store.not-a-store, store.newer-schema.
Result<void> checkSchemaState(const SchemaState& state, const QString& path);

// PRAGMA quick_check: reads every page. Error: store.corrupt, listing the
// first problems SQLite found.
Result<void> quickCheck(QSqlDatabase& db, const QString& path, int busyTimeoutMs);

// Runs the steps above the file's version up to `target`, each in its own
// BEGIN IMMEDIATE transaction that re-reads the version first, so two
// processes opening a new file at once both end at `target`.
Result<void> migrateSchema(QSqlDatabase& db, const QString& path, int target, int busyTimeoutMs);

} // namespace jh::jit
