// The harness's main window: the message view in the middle, the panels
// around it as docks (today the IdP's issue panel; later the directory, the
// SP, the accounts and the simulation), the menus, the status bar, and the
// window's memory of its geometry and the user's last choices.
#pragma once

#include <QMainWindow>

class QSettings;

namespace jh::ui {

class IdpSession;
class IssuePanel;
class MessageView;
struct IssueResult;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` may be nullptr: nothing is restored or saved (tests, screenshots).
    MainWindow(IdpSession& session, QSettings* settings, QWidget* parent = nullptr);

    IssuePanel* issuePanel() const { return m_issuePanel; }
    MessageView* messageView() const { return m_messageView; }

    // The menu actions, callable directly; they report errors in a message box
    // and the status bar, and leave the previous state on failure.
    bool openDirectory(const QString& path);
    bool openSpMetadata(const QString& path);
    bool saveResponse(const QString& path);

    void saveSettings();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void showIssued(const IssueResult& result);
    void showError(const QString& title, const QString& message);
    void chooseDirectory();
    void chooseSpMetadata();
    void chooseSaveResponse();
    void about();

    IdpSession& m_session;
    QSettings* m_settings;
    IssuePanel* m_issuePanel;
    MessageView* m_messageView;
};

} // namespace jh::ui
