// The IdP side of one GUI session: the directory people are issued from, the
// preset catalog, the signing keys and the clock — the same core objects
// `jitharness idp issue` wires, held for the life of the window so that every
// panel works on the same ones. It issues and self-checks by calling core;
// it decides nothing itself.
#pragma once

#include "crypto/key_store.h"
#include "idp/issuer.h"

#include <QObject>

namespace jh::ui {

// One issued Response together with the IdP's own read-back of it.
struct IssueResult
{
    idp::Issued issued;
    QString personId;
    QString personName;
    QString presetName;
    QString keySubject;     // the signing certificate
    QString keyFingerprint; // its SHA-256 fingerprint
    QStringList verified;   // "Response", "Assertion": signatures that verified
    QStringList failures;   // what did not parse, verify or decrypt
    bool encrypted = false;
    bool decrypted = false;

    bool selfCheckOk() const { return failures.isEmpty(); }
};

class IdpSession : public QObject
{
    Q_OBJECT

public:
    IdpSession(const Clock& clock, crypto::KeyStore keys, QObject* parent = nullptr);

    // The built-in presets. Error id preset.invalid.
    Result<void> loadPresets();
    // Replaces the directory; on error the current one stays. Error ids as loadDirectory's.
    Result<void> loadDirectory(const QString& path);
    void setDirectory(idp::Directory directory, const QString& source);

    const idp::Directory& directory() const { return m_directory; }
    const QString& directorySource() const { return m_directorySource; }
    const idp::PresetCatalog& presets() const { return m_presets; }
    const crypto::KeyStore& keyStore() const { return m_keys; }
    const Clock& clock() const { return m_clock; }

    // What the preset would assert about the person, without issuing.
    Result<idp::ShapedClaims> preview(const QString& personId, const QString& presetId) const;
    // The signing options core would use for this request (preset defaults
    // resolved against the overrides).
    Result<idp::SigningOptions> signingFor(const idp::IssueRequest& request) const;
    // Issues, then reads the message back with the IdP's own certificate.
    Result<IssueResult> issue(const idp::IssueRequest& request) const;

Q_SIGNALS:
    // Shaped for models: between the two the directory must not be read.
    void directoryAboutToChange();
    void directoryChanged();

private:
    const Clock& m_clock;
    crypto::KeyStore m_keys;
    idp::ResponseSigner m_signer;
    idp::Directory m_directory;
    QString m_directorySource;
    idp::PresetCatalog m_presets;
};

} // namespace jh::ui
