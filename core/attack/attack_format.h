// An attack run as people and CI read it: a table (fault, expected check,
// what the SP did, verdict) with a summary, JSON, and JUnit XML with one
// testcase per fault.
#pragma once

#include "attack/attack_run.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace jh::attack {

QString attackText(const AttackRun& run);
QJsonObject caseJson(const AttackCase& c);
QByteArray attackJson(const AttackRun& run, const QJsonObject& base);
QByteArray attackJUnit(const AttackRun& run, const QString& suiteName);
// "64 faults: 57 caught, 6 edge twins accepted, 1 not judged"
QString attackSummary(const AttackRun& run);

} // namespace jh::attack
