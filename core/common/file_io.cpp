#include "common/file_io.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace jh {

Result<QByteArray> readFile(const QString& path, qint64 maxBytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError("io.unreadable",
                         QStringLiteral("%1: cannot open: %2").arg(path, f.errorString()));
    if (f.size() > maxBytes)
        return makeError("io.unreadable",
                         QStringLiteral("%1: %2 bytes exceeds the limit of %3 bytes")
                             .arg(path)
                             .arg(f.size())
                             .arg(maxBytes));
    QByteArray data = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return makeError("io.unreadable",
                         QStringLiteral("%1: read failed: %2").arg(path, f.errorString()));
    return data;
}

Result<void> writeFileAtomic(const QString& path, const QByteArray& bytes,
                             QFileDevice::Permissions permissions)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(
            "io.unwritable",
            QStringLiteral("%1: cannot create folder %2").arg(path, info.absolutePath()));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return makeError(
            "io.unwritable",
            QStringLiteral("%1: cannot open for writing: %2").arg(path, f.errorString()));
    if (permissions)
        f.setPermissions(permissions);
    if (f.write(bytes) != bytes.size() || !f.commit())
        return makeError("io.unwritable",
                         QStringLiteral("%1: write failed: %2").arg(path, f.errorString()));
    return {};
}

} // namespace jh
