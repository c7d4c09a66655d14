// The IdP's "issue" panel: pick a person from the directory and a preset,
// say which SP the Response is for and how to sign it, and issue. The panel
// builds an IssueRequest from what is on screen and hands it to the session;
// what comes back goes out through issued() for a message view to show.
#pragma once

#include "idp/idp_session.h"

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSettings;
class QTableView;

namespace jh::ui {

class PeopleModel;
class SigningBox;
class SpTargetBox;

class IssuePanel : public QWidget
{
    Q_OBJECT

public:
    explicit IssuePanel(IdpSession& session, QWidget* parent = nullptr);

    bool selectPerson(const QString& personId);
    bool selectPreset(const QString& presetId);
    QString currentPersonId() const;
    QString currentPresetId() const;

    // On error the previous SP stays, the error is shown in the panel and
    // errorOccurred() is emitted.
    Result<void> loadSpMetadata(const QString& path);
    // The request the form describes; an error names the missing choice.
    Result<idp::IssueRequest> request() const;
    // The error shown in the panel, empty when there is none.
    QString errorText() const;

    PeopleModel* peopleModel() const { return m_people; }
    SpTargetBox* spTargetBox() const { return m_sp; }
    SigningBox* signingBox() const { return m_signing; }

    void saveSettings(QSettings& settings) const;
    void restoreSettings(const QSettings& settings);

public Q_SLOTS:
    // Issues with the current choices: emits issued() or errorOccurred().
    void issue();

Q_SIGNALS:
    void issued(const jh::ui::IssueResult& result);
    void errorOccurred(const QString& message);
    void statusMessage(const QString& text);
    void openSpMetadataRequested();

private:
    QWidget* presetBox();
    void onDirectoryChanged();
    void onPresetChanged();
    void updatePreview();
    void updateSigningDefaults();
    void showError(const QString& message);

    IdpSession& m_session;
    PeopleModel* m_people;
    QTableView* m_peopleView;
    QGroupBox* m_peopleBox;
    QComboBox* m_preset;
    QLabel* m_presetSummary;
    QLabel* m_preview;
    SpTargetBox* m_sp;
    SigningBox* m_signing;
    QLabel* m_error;
    QPushButton* m_issue;
    QString m_personBeforeChange;
};

} // namespace jh::ui
