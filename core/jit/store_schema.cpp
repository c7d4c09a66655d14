#include "jit/store_schema.h"

#include "jit/store_sql.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace jh::jit {
namespace {

// Profile columns follow kProfileFields, snake_cased (see store_rows.cpp).
// Times are ISO 8601 text (store_sql.h); roles, diffs and reasons JSON text.
// CHECKs are spelled as OR chains: SQLite 3.40 codes an IN list of three or
// more in a CHECK as an ephemeral table, built and freed on every insert and
// update (measured: most of a login's cost).

const QList<const char*> kStep1 = {
    R"(CREATE TABLE accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: the audit log names ids
        status TEXT NOT NULL
            CHECK (status = 'active' OR status = 'suspended' OR status = 'deleted'),
        provisioned_by TEXT NOT NULL
            CHECK (provisioned_by = 'jit' OR provisioned_by = 'scim'
                   OR provisioned_by = 'self-registration' OR provisioned_by = 'admin'),
        user_name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        given_name TEXT NOT NULL DEFAULT '',
        family_name TEXT NOT NULL DEFAULT '',
        display_name TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        job_title TEXT NOT NULL DEFAULT '',
        employee_id TEXT NOT NULL DEFAULT '',
        user_name_fold TEXT NOT NULL DEFAULT '',
        email_fold TEXT NOT NULL DEFAULT '',
        user_name_skeleton TEXT NOT NULL DEFAULT '',
        email_skeleton TEXT NOT NULL DEFAULT '',
        roles TEXT NOT NULL DEFAULT '[]',
        external_id TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        last_login TEXT
    ))",
    // Not unique: collisions must be findable, to be reported (or, in the
    // "key by e-mail" demonstration, to be shown merging).
    "CREATE INDEX accounts_user_name_fold ON accounts (user_name_fold)",
    "CREATE INDEX accounts_email_fold ON accounts (email_fold)",
    "CREATE INDEX accounts_user_name_skeleton ON accounts (user_name_skeleton)",
    "CREATE INDEX accounts_email_skeleton ON accounts (email_skeleton)",
    R"(CREATE TABLE links (
        issuer TEXT NOT NULL,
        subject TEXT NOT NULL,
        name_id_format TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        created TEXT NOT NULL,
        PRIMARY KEY (issuer, subject, name_id_format)
    ) WITHOUT ROWID)",
    "CREATE INDEX links_account ON links (account_id)",
    R"(CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL
            CHECK (actor = 'jit' OR actor = 'scim' OR actor = 'clean-up' OR actor = 'admin'),
        action TEXT NOT NULL,
        account_id INTEGER REFERENCES accounts (id), -- NULL: no account
        diff TEXT NOT NULL DEFAULT '[]',
        reasons TEXT NOT NULL DEFAULT '[]',
        message_id TEXT NOT NULL DEFAULT ''
    ))",
    "CREATE INDEX audit_account ON audit (account_id)",
    // Append-only is a property of the file, not of our code: any tool that
    // opens it gets the same refusal.
    R"(CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END)",
    R"(CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END)",
    // INSERT OR REPLACE deletes the row it replaces without firing delete
    // triggers (unless recursive_triggers is on, which other tools won't set).
    R"(CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
       WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq)
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END)",
    "PRAGMA application_id = 1246262132", // kStoreApplicationId
};

const QList<const char*> kStep2 = {
    R"(CREATE TABLE replay_cache (
        issuer TEXT NOT NULL,
        assertion_id TEXT NOT NULL,
        not_after TEXT NOT NULL,
        PRIMARY KEY (issuer, assertion_id)
    ) WITHOUT ROWID)",
    "CREATE INDEX replay_cache_expiry ON replay_cache (not_after)",
};

// SCIM: the attributes a SCIM client sent beyond the account's own fields,
// and the SP's groups with their members (accounts). A group is deleted for
// real (SCIM DELETE /Groups): the audit log keeps what it meant to accounts.
const QList<const char*> kStep3 = {
    R"(CREATE TABLE scim_attributes (
        account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
        attributes TEXT NOT NULL DEFAULT '{}'
    ))",
    R"(CREATE TABLE sp_groups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        display_name TEXT NOT NULL,
        external_id TEXT NOT NULL DEFAULT '',
        attributes TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    ))",
    R"(CREATE TABLE sp_group_members (
        group_id INTEGER NOT NULL REFERENCES sp_groups (id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        PRIMARY KEY (group_id, account_id)
    ) WITHOUT ROWID)",
    "CREATE INDEX sp_group_members_account ON sp_group_members (account_id)",
};

static_assert(kStoreApplicationId == 1246262132);

Result<int> readVersion(QSqlDatabase& db, const QString& path, int busyTimeoutMs)
{
    auto query = runSql(db, QStringLiteral("PRAGMA user_version"), path,
                        QStringLiteral("reading the schema version"), busyTimeoutMs);
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toInt() : 0;
}

Result<void> runStep(QSqlDatabase& db, const QString& path, const SchemaStep& step,
                     int busyTimeoutMs)
{
    const QString doing = QStringLiteral("migrating to schema v%1 (%2)")
                              .arg(step.version)
                              .arg(QString::fromLatin1(step.title));
    for (const char* sql : step.statements) {
        if (auto r = runSql(db, QString::fromLatin1(sql), path, doing, busyTimeoutMs); !r)
            return r.error();
    }
    auto r = runSql(db, QStringLiteral("PRAGMA user_version = %1").arg(step.version), path, doing,
                    busyTimeoutMs);
    if (!r)
        return r.error();
    return {};
}

} // namespace

const QList<SchemaStep>& schemaSteps()
{
    static const QList<SchemaStep> steps = {
        {1, "accounts, links, audit", kStep1},
        {2, "replay cache", kStep2},
        {3, "SCIM attributes and groups", kStep3},
    };
    return steps;
}

Result<void> checkStoreFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        const QFileInfo dir(info.absolutePath());
        if (!dir.isDir())
            return makeError("store.unreadable",
                             path + QStringLiteral(": cannot create the store: folder %1 does "
                                                   "not exist")
                                        .arg(QDir::toNativeSeparators(info.absolutePath())));
        if (!dir.isWritable())
            return makeError("store.unreadable",
                             path + QStringLiteral(": cannot create the store: folder %1 is not "
                                                   "writable")
                                        .arg(QDir::toNativeSeparators(info.absolutePath())));
        return {};
    }
    if (info.isDir())
        return makeError("store.unreadable", path + QStringLiteral(": is a folder, not a file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("store.unreadable", path + QStringLiteral(": ") + file.errorString());
    if (!info.isWritable())
        return makeError("store.unreadable",
                         path + QStringLiteral(": is read-only; the store needs write access"));

    const qint64 size = file.size();
    if (size == 0)
        return {}; // SQLite's view of a new database, as after a plain `touch`
    const QByteArray header = file.read(100);
    static const QByteArray magic("SQLite format 3\0", 16);
    if (!header.startsWith(magic))
        return makeError("store.corrupt",
                         path + QStringLiteral(": not an SQLite database (it does not start "
                                               "with the SQLite header)"));
    if (header.size() < 100)
        return makeError("store.corrupt",
                         path + QStringLiteral(": truncated SQLite file (%1 bytes, shorter than "
                                               "its header)")
                                    .arg(size));
    // Bytes 16-17: the page size, big-endian; 1 stands for 65536.
    const int raw = (quint8(header[16]) << 8) | quint8(header[17]);
    const qint64 pageSize = raw == 1 ? 65536 : raw;
    const bool powerOfTwo =
        pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) == 0;
    if (!powerOfTwo)
        return makeError("store.corrupt",
                         path + QStringLiteral(": damaged SQLite header (page size %1)").arg(raw));
    if (size % pageSize != 0)
        return makeError("store.corrupt",
                         path + QStringLiteral(": truncated SQLite file (%1 bytes is not a whole "
                                               "number of %2-byte pages)")
                                    .arg(size)
                                    .arg(pageSize));
    return {};
}

Result<SchemaState> readSchemaState(QSqlDatabase& db, const QString& path, int busyTimeoutMs)
{
    // One statement, so one snapshot: read separately, another process's
    // migration could commit between the reads. Counting the schema parses
    // it, which is what finds a damaged first page.
    auto q = runSql(db,
                    QStringLiteral("SELECT (SELECT user_version FROM pragma_user_version), "
                                   "(SELECT application_id FROM pragma_application_id), "
                                   "(SELECT count(*) FROM sqlite_master)"),
                    path, QStringLiteral("reading the schema version"), busyTimeoutMs);
    if (!q)
        return q.error();
    if (!q->next())
        return storeError(q->lastError(), path, QStringLiteral("reading the schema version"),
                          busyTimeoutMs);
    return SchemaState{q->value(0).toInt(), q->value(1).toInt(), q->value(2).toInt()};
}

Result<void> checkSchemaState(const SchemaState& state, const QString& path)
{
    const bool marked = state.applicationId == kStoreApplicationId;
    if ((state.version > 0 && !marked) || (state.version == 0 && state.objectCount > 0))
        return makeError("store.not-a-store",
                         path + QStringLiteral(": an SQLite database, but not a jitharness "
                                               "account store (application id %1, schema "
                                               "version %2)")
                                    .arg(state.applicationId)
                                    .arg(state.version));
    if (state.version > kStoreSchemaVersion)
        return makeError("store.newer-schema",
                         path + QStringLiteral(": schema version %1 is newer than this "
                                               "jitharness (%2); open it with a newer "
                                               "jitharness")
                                    .arg(state.version)
                                    .arg(kStoreSchemaVersion));
    return {};
}

Result<void> quickCheck(QSqlDatabase& db, const QString& path, int busyTimeoutMs)
{
    auto q = runSql(db, QStringLiteral("PRAGMA quick_check"), path,
                    QStringLiteral("checking integrity"), busyTimeoutMs);
    if (!q)
        return q.error();
    QStringList problems;
    while (q->next()) {
        const QString line = q->value(0).toString();
        if (line != QLatin1String("ok"))
            problems.append(line);
    }
    if (problems.isEmpty())
        return {};
    return makeError("store.corrupt", path + QStringLiteral(": the file is damaged: ") +
                                          problems.mid(0, 5).join(QStringLiteral("; ")));
}

Result<void> migrateSchema(QSqlDatabase& db, const QString& path, int target, int busyTimeoutMs)
{
    for (const SchemaStep& step : schemaSteps()) {
        if (step.version > target)
            break;
        const QString doing = QStringLiteral("migrating to schema v%1").arg(step.version);
        if (auto r = runSql(db, QStringLiteral("BEGIN IMMEDIATE"), path, doing, busyTimeoutMs); !r)
            return r.error();
        // Re-read under the write lock: another process may have migrated
        // between our first look and now.
        auto version = readVersion(db, path, busyTimeoutMs);
        Result<void> done = version ? Result<void>() : Result<void>(version.error());
        if (done && *version < step.version)
            done = runStep(db, path, step, busyTimeoutMs);
        const QString end = done ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK");
        auto ended = runSql(db, end, path, doing, busyTimeoutMs);
        if (!done)
            return done;
        if (!ended) {
            (void)runSql(db, QStringLiteral("ROLLBACK"), path, doing, busyTimeoutMs);
            return ended.error();
        }
    }
    return {};
}

} // namespace jh::jit
