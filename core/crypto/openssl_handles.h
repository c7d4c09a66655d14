// OpenSSL, wrapped once: RAII handles for every OpenSSL object core uses, and
// the helper that drains OpenSSL's whole error queue into one message.
#pragma once

#include "common/fn_deleter.h"

#include <QString>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace jh::crypto {

using PKeyPtr = std::unique_ptr<EVP_PKEY, FnDeleter<EVP_PKEY_free>>;
using PKeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, FnDeleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, FnDeleter<EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, FnDeleter<X509_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, FnDeleter<X509_NAME_free>>;
using BioPtr = std::unique_ptr<BIO, FnDeleter<BIO_free_all>>;

// Every pending OpenSSL error, oldest first, joined with "; ". Clears the queue.
QString drainOpenSslErrors();

// "what failed: <OpenSSL's text>" — for building Error messages.
QString openSslFailure(const QString& what);

} // namespace jh::crypto
