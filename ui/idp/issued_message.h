// What the IdP issued, put into the message view's terms: a title and header
// facts, the asserted subject and attributes, and the findings — the
// issuer's notes first, then the self-check, one line per signature.
#pragma once

#include "idp/idp_session.h"
#include "message/displayed_message.h"

namespace jh::ui {

DisplayedMessage displayedMessage(const IssueResult& result);

} // namespace jh::ui
