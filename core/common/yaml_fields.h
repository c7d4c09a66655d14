// Strict reading of the hand-edited YAML files (directory, presets, SP
// configuration): every error names the file, the 1-based line and the field
// path ("people[2].email"), unknown and repeated keys are rejected so a typo
// is never silently ignored, and yaml-cpp's exceptions never leave the
// loaders.
// Private to core: the loaders' public API speaks Result, not yaml-cpp.
#pragma once

#include "common/result.h"

#include <QStringList>
#include <initializer_list>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace jh::yaml {

// Thrown by the readers below and caught by the loader that owns them.
struct FieldError
{
    Error error;
};

class Fields
{
public:
    Fields(QString fileName, const char* errorId) : m_file(std::move(fileName)), m_errorId(errorId)
    {}

    // "file:line: path: message" (the line is left out when yaml-cpp has none).
    [[noreturn]] void fail(const YAML::Node& at, const QString& path, const QString& message) const;
    Error errorAt(int zeroBasedLine, const QString& path, const QString& message) const;
    int lineOf(const YAML::Node& n) const; // 1-based, 0 when unknown

    // Parses the whole text; a syntax error becomes "file:line: malformed YAML: ...".
    YAML::Node parse(const QByteArray& text) const;

    void expectMap(const YAML::Node& n, const QString& path) const;
    void expectList(const YAML::Node& n, const QString& path) const;
    // Rejects a key not in `allowed`, a key given twice and a non-scalar key.
    void checkKeys(const YAML::Node& map, const QString& path,
                   std::initializer_list<const char*> allowed) const;

    // Present and non-null? (a key with nothing after the colon counts as absent)
    static bool has(const YAML::Node& map, const char* key);
    QString str(const YAML::Node& map, const char* key, const QString& path, bool required) const;
    QStringList strList(const YAML::Node& map, const char* key, const QString& path) const;
    int integer(const YAML::Node& map, const char* key, const QString& path, int fallback, int min,
                int max) const;
    bool boolean(const YAML::Node& map, const char* key, const QString& path, bool fallback) const;
    // A mapping of string to string, in file order.
    QList<std::pair<QString, QString>> strMap(const YAML::Node& map, const char* key,
                                              const QString& path) const;

    static QString child(const QString& path, const char* key);
    static QString index(const QString& path, qsizetype i);

private:
    QString scalarAt(const YAML::Node& n, const QString& path) const;

    QString m_file;
    const char* m_errorId;
};

QString fromStd(const std::string& s);
std::string toStd(const QString& s);

// Emits a string so that reading it back yields the same string: strings that
// YAML would read as null (empty, "~", "null") are double-quoted.
void emitString(YAML::Emitter& out, const QString& s);

} // namespace jh::yaml
