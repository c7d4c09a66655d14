// For tests of the IdP's fault catalogue (and of SPs run against it): the
// inputs a fault is built from — TEST-ONLY IdP and SP keys, a generated
// attacker key, the sample spec, the fixed instant — and helpers to look
// into a faulted message: find elements, re-assemble a signed original,
// verify as a lax SP would (xmlsec with nothing locked down).
#pragma once

#include "idp/fault_catalog.h"
#include "xml/xml_document.h"
#include "xmlsec/xmlsec_library.h"

#include <QList>
#include <QStringList>
#include <memory>

namespace jh::test {

// test::sampleSpec()'s NameID, and the one faults impersonate.
inline const QString kVictimNameId = QStringLiteral("alice@contoso.example");
inline const QString kAdminNameId = QStringLiteral("admin@contoso.example");

class FaultBench
{
public:
    FaultBench(); // loads the TEST-ONLY keys, generates the attacker's

    // sampleSpec() signed with `key` (rsa-sha256 / ecdsa-sha256), the SP's
    // encryption certificate, the fixed instant, 180 s skew.
    idp::FaultInput input(crypto::KeyType key = crypto::KeyType::Rsa) const;
    // The faulted message; a fault that does not build ends the test run.
    QByteArray build(const QString& name, crypto::KeyType key = crypto::KeyType::Rsa) const;
    xml::DocPtr parsed(const QString& name) const; // build(), parsed by the hardened parser

    X509* idpCertificate(crypto::KeyType key = crypto::KeyType::Rsa) const;
    const crypto::KeyPair& attacker(crypto::KeyType key = crypto::KeyType::Rsa) const;
    const crypto::KeyPair& idpKey(crypto::KeyType key = crypto::KeyType::Rsa) const;
    const crypto::KeyPair& spKey() const { return m_sp; }

private:
    std::unique_ptr<idp::ResponseSigner> m_signer;
    crypto::KeyPair m_idp[2];
    crypto::KeyPair m_attacker[2];
    crypto::KeyPair m_sp;
};

// Element descendants of `root` (not root itself) in document order.
QList<xmlNode*> descendants(xmlNode* root, const char* ns, const char* localName);
// `root` and its element descendants whose ID attribute is `id`.
QList<xmlNode*> elementsWithId(xmlNode* root, const QString& id);
// Every ID made resolvable for "#id" references (the first carrier wins).
void registerIds(xmlNode* root);

QString nameIdOf(xmlNode* assertion);          // its Subject/NameID's full text
QString referenceUri(xmlNode* signature);      // the first Reference's URI
QStringList transformUris(xmlNode* signature); // the first Reference's transforms

// xmlsec with nothing locked down — any transform, any algorithm, `key` as
// given: what a lax SP would run.
bool laxVerify(xmlNode* signature, xmlsec::KeyPtr key);
bool laxVerify(xmlNode* signature, X509* certificate);

// The signed element re-assembled on its own: a copy of `original` holding
// a copy of `signature` (SignedInfo, SignatureValue, KeyInfo only) after its
// Issuer, verified with the IdP's locked-down verifier.
bool verifiesOverOriginal(xmlNode* original, xmlNode* signature, X509* certificate);

} // namespace jh::test
