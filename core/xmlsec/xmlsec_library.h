// xmlsec1 (OpenSSL backend), wrapped once: one-time initialisation of
// libxml2 + xmlsec + its crypto layer, RAII handles for xmlsec objects, and
// the error collector that turns xmlsec's callback messages (and OpenSSL's
// queue) into one message per failed operation.
#pragma once

#include "common/fn_deleter.h"
#include "common/result.h"
#include "crypto/key_pair.h"

#include <QStringList>
#include <memory>
#include <xmlsec/keys.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlenc.h>

namespace jh::xmlsec {

// Initialises once per process; returns the reason if xmlsec cannot start.
Result<void> ensureInitialised();

using KeyPtr = std::unique_ptr<xmlSecKey, FnDeleter<xmlSecKeyDestroy>>;
using KeysMngrPtr = std::unique_ptr<xmlSecKeysMngr, FnDeleter<xmlSecKeysMngrDestroy>>;
using DSigCtxPtr = std::unique_ptr<xmlSecDSigCtx, FnDeleter<xmlSecDSigCtxDestroy>>;
using EncCtxPtr = std::unique_ptr<xmlSecEncCtx, FnDeleter<xmlSecEncCtxDestroy>>;

class ErrorScope;

// The public key of a certificate as an xmlsec key; `role` names the
// certificate in messages ("the trusted certificate"). Error id xmlsec.key.
Result<KeyPtr> publicKeyFromCertificate(X509* cert, const QString& role, const ErrorScope& errors);
// The private key of a pair as an xmlsec key. Error id xmlsec.key.
Result<KeyPtr> privateKeyOf(const crypto::KeyPair& pair, const ErrorScope& errors);

// A keys manager holding only `key` — the one key an encryption or
// decryption context may use. Error id xmlsec.key.
Result<KeysMngrPtr> keysManagerWith(KeyPtr key, const ErrorScope& errors);

// Collects xmlsec's error callbacks (and libxml2's errors) on this thread
// while alive; message() joins them with OpenSSL's pending errors. Scopes nest: an inner scope
// collects until it ends, then the outer one collects again.
class ErrorScope
{
public:
    ErrorScope();
    ~ErrorScope();
    ErrorScope(const ErrorScope&) = delete;
    ErrorScope& operator=(const ErrorScope&) = delete;

    // "what: <xmlsec and OpenSSL messages>"
    QString message(const QString& what) const;

private:
    QStringList m_errors;
    QStringList* m_outer;
    xmlStructuredErrorFunc m_outerHandler;
    void* m_outerHandlerContext;
};

} // namespace jh::xmlsec
