// The mock SP's front door: one message in, one report out. Runs the rules
// in pipeline order (decode, parse, structure, decrypt, signatures, the
// Response envelope, the verified assertion), lists every failure it can
// safely reach, and produces a verified login only when nothing failed.
// Nothing that a valid signature does not cover is ever used for identity.
#pragma once

#include "sp/replay_cache.h"
#include "sp/report.h"
#include "sp/sp_config.h"
#include "time/clock.h"

namespace jh::sp {

struct ValidationRequest
{
    QString inResponseTo;            // the AuthnRequest outstanding; empty: none (IdP-initiated)
    bool redirectBinding = false;    // the message came by HTTP-Redirect (raw DEFLATE expected)
    ReplayLookup usedElsewhere = {}; // optional: assertions already used per the account store
};

class Validator
{
public:
    Validator(SpConfig config, const Clock& clock);

    const SpConfig& config() const { return m_config; }
    ReplayCache& replayCache() { return m_replay; }

    // `input`: the base64 SAMLResponse, raw XML, or a SAMLResponse= form body.
    Report validate(const QByteArray& input, const ValidationRequest& request = {});

private:
    SpConfig m_config;
    QStringList m_description; // the configuration as every report echoes it
    const Clock& m_clock;
    ReplayCache m_replay;
};

} // namespace jh::sp
