// The IdP reading back what it just issued: parse (hardened), verify the
// Response signature against the IdP's own certificate before anything is
// decrypted, decrypt with the SP key when it is known, verify the Assertion
// signature, read the values back. Used by reports, the GUI and the golden
// round-trip tests. It is not the SP: the strict, check-by-check validation
// lives in core/sp.
#pragma once

#include "crypto/key_pair.h"
#include "saml/assertion_spec.h"
#include "xml/xml_document.h"

#include <QByteArray>
#include <QStringList>

namespace jh::idp {

struct SelfCheck
{
    xml::DocPtr doc;
    xmlNode* response = nullptr;
    xmlNode* assertion = nullptr; // after decryption, if it was encrypted
    bool encrypted = false;
    bool decrypted = false;
    QStringList verified;     // "Response", "Assertion": signatures that verified
    QStringList failures;     // what did not parse, verify or decrypt
    saml::AssertionSpec read; // what the message says

    bool ok() const { return failures.isEmpty(); }
};

SelfCheck selfCheck(const QByteArray& xml, X509* idpCertificate,
                    const crypto::KeyPair* spKey = nullptr);

} // namespace jh::idp
