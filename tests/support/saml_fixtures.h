// A complete, realistic AssertionSpec for tests that do not need a preset,
// and the helpers that take an issued Response apart again (parse, find each
// signature, verify with the trusted certificate, decrypt, read back).
#pragma once

#include "crypto/key_pair.h"
#include "saml/assertion_spec.h"
#include "xml/xml_document.h"

#include <QByteArray>
#include <QList>

namespace jh::test {

saml::AssertionSpec sampleSpec();

struct OpenedResponse
{
    xml::DocPtr doc;
    xmlNode* response = nullptr;
    xmlNode* assertion = nullptr;       // after decryption, if it was encrypted
    bool wasEncrypted = false;
    QStringList signedElements;         // local names of the elements whose signature verified
    QStringList failures;               // anything that did not verify or decrypt
    saml::AssertionSpec read;           // what the message says
};

// Parses (hardened), decrypts with `spKey` if given, verifies every signature
// against `idpCert` and reads the values back.
OpenedResponse openResponse(const QByteArray& xml, X509* idpCert, const crypto::KeyPair* spKey = nullptr);

} // namespace jh::test
