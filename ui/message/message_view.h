// One SAML message, shown four ways: as the base64 an HTTP-POST form
// carries, as the exact XML bytes (what signatures cover), pretty-printed for
// reading, and as the claims it asserts — with the notes and checks about it
// underneath. It shows; it never changes the message.
#pragma once

#include "message/displayed_message.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSplitter;
class QTabWidget;
class QTreeWidget;

namespace jh::ui {

class MessageView : public QWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        Base64Tab,
        XmlTab,
        PrettyTab,
        ClaimsTab
    };

    explicit MessageView(QWidget* parent = nullptr);

    void showMessage(const DisplayedMessage& message);
    void clear();

    bool hasMessage() const { return !m_message.xml.isEmpty(); }
    const DisplayedMessage& message() const { return m_message; }
    QString base64() const;
    // The text of a tab as shown (Base64Tab, XmlTab, PrettyTab).
    QString text(Tab tab) const;
    void showTab(Tab tab);

    void saveSettings(QSettings& settings) const;
    void restoreSettings(const QSettings& settings);

public Q_SLOTS:
    void copyBase64();
    void copyXml();

Q_SIGNALS:
    void saveRequested();
    void statusMessage(const QString& text);

private:
    QPlainTextEdit* addTextTab(const QString& title, const QString& objectName, bool wrap);
    QWidget* buttonsWidget();
    void fillClaims();
    void fillFindings();
    void updateEnabled();

    DisplayedMessage m_message;
    QLabel* m_title;
    QLabel* m_facts;
    QTabWidget* m_tabs;
    QPlainTextEdit* m_base64;
    QPlainTextEdit* m_xml;
    QPlainTextEdit* m_pretty;
    QTreeWidget* m_claims;
    QListWidget* m_findings;
    QSplitter* m_splitter;
    QPushButton* m_copyBase64 = nullptr;
    QPushButton* m_copyXml = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace jh::ui
