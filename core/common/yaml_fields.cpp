#include "common/yaml_fields.h"

#include <QSet>

namespace jh::yaml {

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

std::string toStd(const QString& s)
{
    return s.toStdString();
}

int Fields::lineOf(const YAML::Node& n) const
{
    if (!n.IsDefined())
        return 0;
    const YAML::Mark m = n.Mark();
    return m.is_null() ? 0 : m.line + 1;
}

Error Fields::errorAt(int zeroBasedLine, const QString& path, const QString& message) const
{
    QString where = m_file;
    if (zeroBasedLine >= 0)
        where += QStringLiteral(":%1").arg(zeroBasedLine + 1);
    where += QStringLiteral(": ");
    if (!path.isEmpty())
        where += path + QStringLiteral(": ");
    return makeError(m_errorId, where + message);
}

void Fields::fail(const YAML::Node& at, const QString& path, const QString& message) const
{
    throw FieldError{errorAt(lineOf(at) - 1, path, message)};
}

YAML::Node Fields::parse(const QByteArray& text) const
{
    try {
        YAML::Node root = YAML::Load(text.toStdString());
        if (!root.IsDefined() || root.IsNull())
            throw FieldError{errorAt(-1, {}, QStringLiteral("the file is empty"))};
        return root;
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? -1 : e.mark.line;
        QString msg = QStringLiteral("malformed YAML: %1").arg(fromStd(e.msg));
        if (!e.mark.is_null())
            msg += QStringLiteral(" (column %1)").arg(e.mark.column + 1);
        throw FieldError{errorAt(line, {}, msg)};
    }
}

void Fields::expectMap(const YAML::Node& n, const QString& path) const
{
    if (!n.IsMap())
        fail(n, path, QStringLiteral("expected a mapping (key: value lines)"));
}

void Fields::expectList(const YAML::Node& n, const QString& path) const
{
    if (!n.IsSequence())
        fail(n, path, QStringLiteral("expected a list"));
}

void Fields::checkKeys(const YAML::Node& map, const QString& path,
                       std::initializer_list<const char*> allowed) const
{
    QSet<QString> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar())
            fail(it->first, path, QStringLiteral("keys must be plain names"));
        const QString key = fromStd(it->first.Scalar());
        const QString where = path.isEmpty() ? key : path + QLatin1Char('.') + key;
        bool known = false;
        for (const char* a : allowed)
            known = known || key == QLatin1String(a);
        if (!known) {
            QStringList names;
            for (const char* a : allowed)
                names << QString::fromLatin1(a);
            fail(it->first, where,
                 QStringLiteral("unknown key (expected one of: %1)")
                     .arg(names.join(QStringLiteral(", "))));
        }
        if (seen.contains(key))
            fail(it->first, where, QStringLiteral("key given twice"));
        seen.insert(key);
    }
}

bool Fields::has(const YAML::Node& map, const char* key)
{
    const YAML::Node n = map[key];
    return n.IsDefined() && !n.IsNull();
}

QString Fields::scalarAt(const YAML::Node& n, const QString& path) const
{
    if (!n.IsScalar())
        fail(n, path, QStringLiteral("expected a string"));
    return fromStd(n.Scalar());
}

QString Fields::str(const YAML::Node& map, const char* key, const QString& path,
                    bool required) const
{
    if (!has(map, key)) {
        if (required)
            fail(map, child(path, key), QStringLiteral("required"));
        return {};
    }
    QString v = scalarAt(map[key], child(path, key));
    if (required && v.trimmed().isEmpty())
        fail(map[key], child(path, key), QStringLiteral("must not be empty"));
    return v;
}

QStringList Fields::strList(const YAML::Node& map, const char* key, const QString& path) const
{
    if (!has(map, key))
        return {};
    const YAML::Node n = map[key];
    const QString where = child(path, key);
    expectList(n, where);
    QStringList out;
    for (std::size_t i = 0; i < n.size(); ++i)
        out << scalarAt(n[i], index(where, qsizetype(i)));
    return out;
}

int Fields::integer(const YAML::Node& map, const char* key, const QString& path, int fallback,
                    int min, int max) const
{
    if (!has(map, key))
        return fallback;
    const QString where = child(path, key);
    const QString text = scalarAt(map[key], where);
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok)
        fail(map[key], where, QStringLiteral("expected a whole number, found '%1'").arg(text));
    if (v < min || v > max)
        fail(map[key], where,
             QStringLiteral("%1 is out of range (%2..%3)").arg(v).arg(min).arg(max));
    return v;
}

bool Fields::boolean(const YAML::Node& map, const char* key, const QString& path,
                     bool fallback) const
{
    if (!has(map, key))
        return fallback;
    const QString where = child(path, key);
    const QString text = scalarAt(map[key], where);
    if (text == QLatin1String("true"))
        return true;
    if (text == QLatin1String("false"))
        return false;
    fail(map[key], where, QStringLiteral("expected true or false, found '%1'").arg(text));
}

QList<std::pair<QString, QString>> Fields::strMap(const YAML::Node& map, const char* key,
                                                  const QString& path) const
{
    QList<std::pair<QString, QString>> out;
    if (!has(map, key))
        return out;
    const YAML::Node n = map[key];
    const QString where = child(path, key);
    expectMap(n, where);
    QSet<QString> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
        const QString k = scalarAt(it->first, where);
        if (seen.contains(k))
            fail(it->first, where + QLatin1Char('.') + k, QStringLiteral("key given twice"));
        seen.insert(k);
        out.append({k, scalarAt(it->second, where + QLatin1Char('.') + k)});
    }
    return out;
}

QString Fields::child(const QString& path, const char* key)
{
    const QString k = QString::fromLatin1(key);
    return path.isEmpty() ? k : path + QLatin1Char('.') + k;
}

QString Fields::index(const QString& path, qsizetype i)
{
    return path + QStringLiteral("[%1]").arg(i);
}

void emitString(YAML::Emitter& out, const QString& s)
{
    const QString lower = s.toLower();
    if (s.isEmpty() || s == QLatin1String("~") || lower == QLatin1String("null"))
        out << YAML::DoubleQuoted << toStd(s);
    else
        out << toStd(s);
}

} // namespace jh::yaml
