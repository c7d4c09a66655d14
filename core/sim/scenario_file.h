// Reading scenario files (YAML, see samples/scenarios/): every key checked
// against the ones known, every value against its range, every reference
// (departments, scripted people, the IdP preset, the policy file) resolved
// before a simulation starts. Errors name the file, the 1-based line and the
// field ("organisation.departments[2].share"), and nothing half-read is ever
// returned.
#pragma once

#include "common/result.h"
#include "sim/scenario.h"

namespace jh::sim {

// Error id sim.scenario-invalid ("file:line: field: message"), or io.* when
// the scenario file itself cannot be read. A policy file the scenario names
// is read too; its own errors come back as sim.scenario-invalid at the key
// that names it.
Result<Scenario> loadScenario(const QString& path);
// The same from text already read. `baseDir` resolves a relative policy
// path; empty: the folder of `fileName`.
Result<Scenario> parseScenario(const QByteArray& text, const QString& fileName,
                               const QString& baseDir = {});

} // namespace jh::sim
