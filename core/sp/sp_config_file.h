// The mock SP's configuration as people keep it: a YAML file (see
// samples/sp-config.yaml), or pieces of one — SP and IdP metadata, PEM files
// — that the command line combines with flags. Paths inside a file are
// relative to the file's folder. Every error names the file, the line and
// the field, and nothing half-read is ever returned.
#pragma once

#include "common/result.h"
#include "sp/sp_config.h"

#include <QString>

namespace jh::sp {

// Reads an SP configuration file. Error id sp.config-invalid ("file:line:
// field: message"), or io.* when the file itself cannot be read.
Result<SpConfig> loadSpConfig(const QString& path);
// The same from text already read; `baseDir` resolves relative paths.
Result<SpConfig> parseSpConfig(const QByteArray& text, const QString& fileName,
                               const QString& baseDir);

// The pieces, shared with the flags of `sp verify` and `attack`.
// Own entityID and every HTTP-POST ACS URL of this SP's metadata.
Result<void> applySpMetadata(SpConfig& config, const QString& path);
// The trusted IdP's entityID and signing certificates from its metadata.
Result<void> applyIdpMetadata(SpConfig& config, const QString& path);
Result<std::shared_ptr<X509>> loadCertificate(const QString& path);
// A private key (PEM), with its certificate when `certPath` is given.
Result<crypto::KeyPair> loadKeyPair(const QString& keyPath, const QString& certPath = {});

// What a configuration must have before it can judge anything: own entityID
// and ACS, a trusted IdP entityID and at least one signing certificate.
// Error id sp.config-incomplete naming what is missing.
Result<void> checkComplete(const SpConfig& config);

} // namespace jh::sp
