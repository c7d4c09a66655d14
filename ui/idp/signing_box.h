// How the next Response is signed and encrypted. Every choice starts at
// "preset default", and the default's label shows what core will actually
// use (an EC key turns the preset's rsa-sha256 into ecdsa-sha256), so the
// form never guesses a default of its own. Only explicit choices become
// overrides in the IssueRequest.
#pragma once

#include "idp/issuer.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QSettings;
class QSpinBox;

namespace jh::ui {

class SigningBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit SigningBox(QWidget* parent = nullptr);

    // `preset` is the chosen preset's defaults; `effective` what core resolves
    // them to for the current key choice.
    void showDefaults(const idp::IssuanceDefaults& preset, const idp::SigningOptions& effective);
    // Encryption needs the SP's certificate; without one the box says why.
    void setEncryptionAvailable(bool available);

    // Writes the explicit choices as overrides; leaves the rest unset.
    void applyTo(idp::IssueRequest& request) const;

    void saveSettings(QSettings& settings) const;
    void restoreSettings(const QSettings& settings);

Q_SIGNALS:
    void changed();

private:
    void fillSignatureAlgorithms();

    QComboBox* m_sign;
    QComboBox* m_key;
    QComboBox* m_signatureAlgorithm;
    QComboBox* m_digest;
    QSpinBox* m_validity;
    QCheckBox* m_keyInfo;
    QCheckBox* m_encrypt;
    QComboBox* m_cipher;
    bool m_presetKeyInfo = true;
};

} // namespace jh::ui
