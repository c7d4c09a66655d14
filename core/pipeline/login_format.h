// One sign-in as people and scripts read it: what the IdP issued (and its
// notes), every check the SP made, what the mapping read, and what the JIT
// core did to the account.
#pragma once

#include "pipeline/login_pipeline.h"

#include <QJsonObject>

namespace jh::pipeline {

QJsonObject mappedJson(const jit::MappedLogin& m);
QJsonObject loginJson(const LoginSteps& steps);
QString loginText(const LoginSteps& steps);

} // namespace jh::pipeline
