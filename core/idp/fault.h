// One fault of the IdP's catalogue: a deliberately defective SAML Response
// built from a valid one, the check id a strict SP must fail it on (the
// first one in pipeline order, core/sp/check_catalog.h), and where the attack
// or misconfiguration it imitates is documented. The IdP may lie on purpose;
// faults live here and never in the SP.
//
// Faults about values (time, audience, issuer, status, subject) keep the
// input's signing and encryption: the message is the valid one with one value
// changed. Faults about the XML or its signatures build their own shape in the
// clear and choose what is signed (signMode), so that the defect is in sight
// of any SP; encryption faults always encrypt.
#pragma once

#include "common/result.h"
#include "idp/response_signer.h"
#include "idp/signing_options.h"
#include "saml/assertion_spec.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <functional>
#include <optional>

namespace jh::idp {

struct FaultInput
{
    saml::AssertionSpec spec; // the valid message, as the passing twin says it
    SigningOptions signing;
    EncryptionOptions encryption;
    X509* encryptFor = nullptr; // the SP's encryption certificate (encryption faults need it)
    const ResponseSigner& signer;
    const crypto::KeyPair& attackerKey; // a key the SP does not trust, of the IdP key's type
    QDateTime now;                      // the instant the SP checks at
    int clockSkewSeconds = 180;         // the SP's clock skew the edge faults aim at
};

struct Fault
{
    QString name;    // stable, for the CLI and reports: "xsw3"
    QString kind;    // time, binding, subject, signature, profile, wrapping, structure, encryption
    QString summary; // what is wrong with the message, for people
    QString expectedCheck;     // sp check id that must catch it; empty: a strict SP must accept it
    QString source;            // where the attack or misconfiguration is documented
    bool sendTwice = false;    // the defect is sending the (valid) message a second time
    bool needsRequest = false; // needs spec.inResponseTo: the SP expects an answer to its request
    bool needsEncryption = false; // needs FaultInput::encryptFor
    // The SP is to check the faulted message as an IdP-initiated login, with
    // no AuthnRequest of its own outstanding; the passing twin still answers
    // the request.
    bool noRequestOutstanding = false;
    std::optional<SignMode> signMode; // set: the fault signs this way, whatever the input says
    std::optional<bool> encrypted;    // set: the fault is (not) encrypted, whatever the input says
    std::function<Result<QByteArray>(const FaultInput&)> build;
    // Set for faults a strict SP accepts only because it reads NameID as its
    // full text: the NameID it must report.
    std::function<QString(const saml::AssertionSpec&)> acceptedNameId;

    bool mustAccept() const { return expectedCheck.isEmpty(); }
};

} // namespace jh::idp
