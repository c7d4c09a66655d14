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
// The SP's verdict in one line (the failed checks, if any) and the outcome:
// for stories and scripts that follow many logins.
QString loginSummaryText(const LoginSteps& steps);

} // namespace jh::pipeline
