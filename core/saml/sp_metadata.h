// SP metadata import: what an IdP needs to know about a service provider —
// its entityID (the Audience), where to post (ACS = Destination and
// Recipient), its certificates (encryption key for EncryptedAssertion) and
// whether it wants assertions signed. Parsed with the hardened parser.
#pragma once

#include "common/result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <openssl/x509.h>

namespace jh::saml {

struct AcsEndpoint
{
    QString binding;
    QString location;
    int index = 0;
    bool isDefault = false;
};

struct SpMetadata
{
    QString entityId;
    QList<AcsEndpoint> acs;
    QList<std::shared_ptr<X509>> signingCertificates;
    QList<std::shared_ptr<X509>> encryptionCertificates;
    bool wantAssertionsSigned = false;
    bool authnRequestsSigned = false;
    QStringList nameIdFormats;

    // The ACS an IdP posts to: isDefault="true" first, else the lowest index,
    // among HTTP-POST endpoints. nullptr if there is none.
    const AcsEndpoint* defaultPostAcs() const;
};

// Accepts an EntityDescriptor, or an EntitiesDescriptor whose first entity
// with an SPSSODescriptor is taken. Error id: metadata.invalid (message names
// `what` and the element or attribute at fault), or the parser's xml.* ids.
Result<SpMetadata> parseSpMetadata(const QByteArray& xml, const QString& what);

} // namespace jh::saml
