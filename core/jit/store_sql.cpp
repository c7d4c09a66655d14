#include "jit/store_sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace jh::jit {
namespace {

// SQLite's primary result codes (the low byte of an extended code).
enum SqliteCode
{
    Perm = 3,
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoErr = 10,
    Corrupt = 11,
    Full = 13,
    CantOpen = 14,
    Constraint = 19,
    NotADb = 26,
};

int primaryCode(const QSqlError& e)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

const QString kField = QStringLiteral("field");
const QString kBefore = QStringLiteral("before");
const QString kAfter = QStringLiteral("after");

// Written by hand: QJsonObject costs a dozen allocations per change, and the
// audit entry of every login goes through here. Reading uses QJsonDocument.
void appendJsonString(QString& out, const QString& s)
{
    static constexpr char16_t hex[] = u"0123456789abcdef";
    out += u'"';
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            out += u'\\';
            out += c;
        } else if (u == u'\n') {
            out += u"\\n";
        } else if (u < 0x20) {
            out += u"\\u00";
            out += QChar(hex[u >> 4]);
            out += QChar(hex[u & 0xf]);
        } else {
            out += c;
        }
    }
    out += u'"';
}

std::optional<QJsonArray> parseArray(const QString& json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return std::nullopt;
    return doc.array();
}

} // namespace

Error storeError(const QSqlError& e, const QString& path, const QString& doing, int busyTimeoutMs)
{
    const QString sqlite = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    const QString what = path + QStringLiteral(": ") + doing + QStringLiteral(": ");
    switch (primaryCode(e)) {
    case Busy:
    case Locked:
        return makeError("store.locked",
                         what + QStringLiteral("the store is locked by another connection "
                                               "(still busy after waiting %1 ms)")
                                    .arg(busyTimeoutMs));
    case Corrupt:
    case NotADb:
        return makeError("store.corrupt", what + QStringLiteral("the file is damaged (") + sqlite +
                                              QLatin1Char(')'));
    case Perm:
    case CantOpen:
    case IoErr:
        return makeError("store.unreadable", what + sqlite);
    case ReadOnly:
    case Full:
        return makeError("store.unwritable", what + sqlite);
    case Constraint:
        return makeError("store.constraint", what + sqlite);
    default:
        return makeError("store.failed", what + sqlite);
    }
}

Result<QSqlQuery> runSql(QSqlDatabase& db, const QString& sql, const QString& path,
                         const QString& doing, int busyTimeoutMs)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return storeError(q.lastError(), path, doing, busyTimeoutMs);
    return q;
}

QVariant textValue(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QVariant timeValue(const QDateTime& t)
{
    if (!t.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromValue(const QVariant& v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

QString listJson(const QStringList& list)
{
    QString out;
    out += u'[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += u',';
        appendJsonString(out, list[i]);
    }
    out += u']';
    return out;
}

std::optional<QStringList> listFromJson(const QString& json)
{
    const std::optional<QJsonArray> array = parseArray(json);
    if (!array)
        return std::nullopt;
    QStringList out;
    out.reserve(array->size());
    for (const auto& v : *array) {
        if (!v.isString())
            return std::nullopt;
        out.append(v.toString());
    }
    return out;
}

QString changesJson(const QList<FieldChange>& changes)
{
    QString out;
    out += u'[';
    for (qsizetype i = 0; i < changes.size(); ++i) {
        if (i > 0)
            out += u',';
        out += u"{\"field\":";
        appendJsonString(out, changes[i].field);
        out += u",\"before\":";
        appendJsonString(out, changes[i].before);
        out += u",\"after\":";
        appendJsonString(out, changes[i].after);
        out += u'}';
    }
    out += u']';
    return out;
}

std::optional<QList<FieldChange>> changesFromJson(const QString& json)
{
    const std::optional<QJsonArray> array = parseArray(json);
    if (!array)
        return std::nullopt;
    QList<FieldChange> out;
    out.reserve(array->size());
    for (const auto& v : *array) {
        const QJsonObject o = v.toObject();
        if (!o.value(kField).isString() || !o.value(kBefore).isString() ||
            !o.value(kAfter).isString())
            return std::nullopt;
        out.append(
            {o.value(kField).toString(), o.value(kBefore).toString(), o.value(kAfter).toString()});
    }
    return out;
}

} // namespace jh::jit
