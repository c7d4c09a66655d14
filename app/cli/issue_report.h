// The human-readable report of one issued Response (idp issue --report, and
// the headless main job): who, shaped how, for whom, what the message says,
// how it is signed, and the IdP's own read-back of it.
#pragma once

#include "idp/issuer.h"
#include "idp/self_check.h"

namespace jh::cli {

struct IssueReportInput
{
    const idp::Issued& issued;
    const idp::Person& person;
    const idp::Preset& preset;
    const idp::SpTarget& sp;
    const crypto::KeyPair& signingKey;
    const idp::SelfCheck& check;
};

QString issueReport(const IssueReportInput& in);

} // namespace jh::cli
