// Cryptographic verification of one ds:Signature with one trusted
// certificate, in a locked-down xmlsec context: the key is set directly (a
// KeyInfo in the message never supplies it), references must be same-document,
// and only allow-listed transforms and algorithms run. "Could not process"
// (an error) is kept apart from "invalid" (a verdict).
#pragma once

#include "common/result.h"
#include "xmlsec/algorithms.h"

#include <QList>
#include <libxml/tree.h>
#include <openssl/x509.h>

namespace jh::xmlsec {

struct VerifyPolicy
{
    QList<const Algorithm*> signatureAlgorithms; // empty: every Signature algorithm in the table
    QList<const Algorithm*> digestAlgorithms;    // empty: every Digest algorithm in the table
    bool allowEmptyUri = false;                  // Reference URI="" (the whole document)
};

struct VerifyVerdict
{
    bool valid = false;
    QString detail; // why it is invalid (xmlsec's reason), empty when valid
};

// error ids: xmlsec.key (unusable certificate), xmlsec.verify (could not
// process: malformed signature, disallowed transform or algorithm, ...).
Result<VerifyVerdict> verifySignature(xmlNode* signature, X509* trusted,
                                      const VerifyPolicy& policy = {});

} // namespace jh::xmlsec
