// Reading and writing files the house way: reads name the file and say why
// they failed; writes are atomic (QSaveFile), so a failure leaves the old
// file untouched and never a half-written one.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QFileDevice>

namespace jh {

// Error id: io.unreadable (missing, unreadable, or larger than maxBytes).
Result<QByteArray> readFile(const QString& path, qint64 maxBytes = qint64{16} * 1024 * 1024);

// Error id: io.unwritable. `permissions` applies to the new file (e.g. 0600 for keys).
Result<void> writeFileAtomic(const QString& path, const QByteArray& bytes,
                             QFileDevice::Permissions permissions = {});

} // namespace jh
