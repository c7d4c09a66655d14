// xmlsec1 (OpenSSL backend), wrapped once: one-time initialisation of
// libxml2 + xmlsec + its crypto layer, RAII handles for xmlsec objects, and
// the error collector that turns xmlsec's callback messages (and OpenSSL's
// queue) into one message per failed operation.
#pragma once

#include "common/result.h"

#include <memory>
#include <xmlsec/keys.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlenc.h>

namespace jh::xmlsec {

// Initialises once per process; returns the reason if xmlsec cannot start.
Result<void> ensureInitialised();

template <auto Fn> struct FnDeleter
{
    template <typename T> void operator()(T* p) const { Fn(p); }
};
using KeyPtr = std::unique_ptr<xmlSecKey, FnDeleter<xmlSecKeyDestroy>>;
using KeysMngrPtr = std::unique_ptr<xmlSecKeysMngr, FnDeleter<xmlSecKeysMngrDestroy>>;
using DSigCtxPtr = std::unique_ptr<xmlSecDSigCtx, FnDeleter<xmlSecDSigCtxDestroy>>;
using EncCtxPtr = std::unique_ptr<xmlSecEncCtx, FnDeleter<xmlSecEncCtxDestroy>>;

// Collects xmlsec's error callbacks on this thread while alive; message()
// joins them with OpenSSL's pending errors.
class ErrorScope
{
public:
    ErrorScope();
    ~ErrorScope();
    ErrorScope(const ErrorScope&) = delete;
    ErrorScope& operator=(const ErrorScope&) = delete;

    // "what: <xmlsec and OpenSSL messages>"
    QString message(const QString& what) const;
};

} // namespace jh::xmlsec
