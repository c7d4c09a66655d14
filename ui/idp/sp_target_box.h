// The service provider a Response is issued for: its audience (entityID) and
// ACS URL, typed in or filled from SP metadata — which also brings the SP's
// encryption certificate and its WantAssertionsSigned wish — and the
// InResponseTo of the AuthnRequest being answered. The fields stay editable
// after a metadata load: addressing a message wrongly on purpose is a feature.
#pragma once

#include "idp/issuer.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

namespace jh::ui {

class SpTargetBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit SpTargetBox(QWidget* parent = nullptr);

    // On error nothing changes: the previous target (and metadata) stays.
    Result<void> loadMetadata(const QString& path);
    void forgetMetadata();
    void setManual(const QString& audience, const QString& acsUrl);

    // The audience and ACS as typed; certificate and wishes from the metadata.
    idp::SpTarget target() const;
    QString inResponseTo() const;
    const QString& metadataPath() const { return m_metadataPath; }
    bool hasEncryptionCertificate() const { return bool(m_fromMetadata.encryptionCertificate); }

    void saveSettings(QSettings& settings) const;
    void restoreSettings(const QSettings& settings);

Q_SIGNALS:
    void changed();
    // The user asked to pick a metadata file (the owner shows the dialog and
    // the error, if any).
    void openMetadataRequested();

private:
    void updateMetadataLabel();

    QLineEdit* m_audience;
    QLineEdit* m_acs;
    QLineEdit* m_inResponseTo;
    QLabel* m_metadataLabel;
    QPushButton* m_forget;
    QString m_metadataPath;
    idp::SpTarget m_fromMetadata;
};

} // namespace jh::ui
