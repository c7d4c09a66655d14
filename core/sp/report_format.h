// The SP report for people (text), for scripts (JSON) and for CI (JUnit
// XML, one testcase per check, failures as <failure>).
#pragma once

#include "sp/report.h"

#include <QByteArray>

namespace jh::sp {

QString reportText(const Report& report);
QByteArray reportJson(const Report& report);
QByteArray reportJUnit(const Report& report, const QString& suiteName);

} // namespace jh::sp
