// The account store's SQL plumbing, shared by the schema and the store: how
// SQLite's failures become the store's error ids, and how times and lists are
// written into columns. Values always travel as bound parameters.
#pragma once

#include "common/result.h"
#include "jit/account.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <optional>

namespace jh::jit {

// Error ids: store.locked (busy beyond the timeout), store.corrupt,
// store.unreadable (cannot open or read), store.unwritable (read-only, disk
// full), store.constraint (a uniqueness, foreign key or append-only rule),
// store.failed (anything else). The message names the file, what was being
// done, and SQLite's own words.
Error storeError(const QSqlError& e, const QString& path, const QString& doing, int busyTimeoutMs);

// Prepares and runs one uncached statement (schema work, pragmas). On success
// the query is positioned before its first row.
Result<QSqlQuery> runSql(QSqlDatabase& db, const QString& sql, const QString& path,
                         const QString& doing, int busyTimeoutMs);

// Qt Sql binds a null QString as SQL NULL; text columns are never NULL, so
// every QString is bound through this.
QVariant textValue(const QString& s);

// Times are stored as ISO 8601 UTC with milliseconds, "2026-03-02T09:30:00.000Z":
// readable in any SQLite browser and, being fixed width, ordered as text.
// A null time is stored as NULL.
QVariant timeValue(const QDateTime& t);
QDateTime timeFromValue(const QVariant& v); // invalid for NULL or unparsable text

// Lists are stored as compact JSON arrays; diffs as [{"field","before","after"}].
QString listJson(const QStringList& list);
std::optional<QStringList> listFromJson(const QString& json);
QString changesJson(const QList<FieldChange>& changes);
std::optional<QList<FieldChange>> changesFromJson(const QString& json);

} // namespace jh::jit
