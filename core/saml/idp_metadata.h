// IdP metadata export: the EntityDescriptor an SP imports to trust the mock
// IdP — entityID, signing certificates, SSO and SLO endpoints, NameID formats.
#pragma once

#include "common/result.h"
#include "crypto/key_pair.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace jh::saml {

struct IdpMetadataParams
{
    QString entityId;
    QList<crypto::KeyPair> signingKeys; // each becomes a KeyDescriptor use="signing"
    QString ssoUrl;                     // served for HTTP-Redirect and HTTP-POST
    QString sloUrl;                     // empty: no SingleLogoutService
    QStringList nameIdFormats;
    QDateTime validUntil; // invalid: omitted
};

QByteArray writeIdpMetadata(const IdpMetadataParams& params);

// What an SP takes from an IdP's metadata: its entityID and signing
// certificates (KeyDescriptor use="signing" or no use).
struct IdpMetadataInfo
{
    QString entityId;
    QList<std::shared_ptr<X509>> signingCertificates;
    QStringList ssoUrls;
};

// Accepts an EntityDescriptor, or an EntitiesDescriptor whose first entity
// with an IDPSSODescriptor is taken. Error ids: metadata.invalid, xml.*.
Result<IdpMetadataInfo> parseIdpMetadata(const QByteArray& xml, const QString& what);

} // namespace jh::saml
