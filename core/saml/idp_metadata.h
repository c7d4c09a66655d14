// IdP metadata export: the EntityDescriptor an SP imports to trust the mock
// IdP — entityID, signing certificates, SSO and SLO endpoints, NameID formats.
#pragma once

#include "crypto/key_pair.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

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

} // namespace jh::saml
