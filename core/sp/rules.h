// The SP's rules, one group per file, each adding its checks to the state.
// A group returns false when what follows cannot run safely (nothing to
// parse, no Response, ...). Internal to core/sp; the order is validator.cpp's.
#pragma once

#include "sp/validation_state.h"
#include "xmlsec/xml_decryptor.h"

namespace jh::sp {

// The decryption allow-list this configuration permits (GCM + OAEP; CBC and
// PKCS#1 v1.5 too with legacy-encryption).
xmlsec::DecryptPolicy decryptPolicy(const SpConfig& config);

bool decodeMessage(ValidationState& s, const QByteArray& input); // decode.*
bool parseMessage(ValidationState& s);                           // xml.*
bool checkStructure(ValidationState& s);                         // structure.*
bool decryptAssertion(ValidationState& s);                       // decrypt.*
void checkSignatures(ValidationState& s);                        // sig.*
void checkResponseEnvelope(ValidationState& s);                  // resp.*
void checkAssertion(
    ValidationState& s); // assert.*, cond.*, subj.*, authn.*, nameid.*, attr.*, replay

} // namespace jh::sp
