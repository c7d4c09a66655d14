#include "main_window.h"

#include "common/file_io.h"
#include "idp/issue_panel.h"
#include "idp/issued_message.h"
#include "message/message_view.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>

namespace jh::ui {
namespace {

constexpr int kStatusTimeoutMs = 0; // the last action stays until the next one

QString lastFolder(const QSettings* settings, const char* key)
{
    return settings ? settings->value(QLatin1String("folders/") + QLatin1String(key)).toString()
                    : QString();
}

} // namespace

MainWindow::MainWindow(IdpSession& session, QSettings* settings, QWidget* parent)
    : QMainWindow(parent), m_session(session), m_settings(settings),
      m_issuePanel(new IssuePanel(session, this)), m_messageView(new MessageView(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("JIT Harness"));
    setCentralWidget(m_messageView);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    // The panel is taller than a small screen: it scrolls rather than squeezes.
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_issuePanel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* dock = new QDockWidget(tr("IdP — issue"), this);
    dock->setObjectName(QStringLiteral("idpIssueDock"));
    dock->setWidget(scroll);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setMinimumWidth(m_issuePanel->minimumSizeHint().width() + 24);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {560}, Qt::Horizontal);

    createMenus();
    statusBar()->showMessage(tr("Ready: %1 presets, signing keys in %2")
                                 .arg(m_session.presets().presets.size())
                                 .arg(QDir::toNativeSeparators(m_session.keyStore().directory())));

    connect(m_issuePanel, &IssuePanel::issued, this, &MainWindow::showIssued);
    connect(m_issuePanel, &IssuePanel::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, kStatusTimeoutMs); });
    connect(m_issuePanel, &IssuePanel::errorOccurred, this, [this](const QString& t) {
        statusBar()->showMessage(tr("Error: %1").arg(t), kStatusTimeoutMs);
    });
    connect(m_issuePanel, &IssuePanel::openSpMetadataRequested, this,
            &MainWindow::chooseSpMetadata);
    connect(m_messageView, &MessageView::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, kStatusTimeoutMs); });
    connect(m_messageView, &MessageView::saveRequested, this, &MainWindow::chooseSaveResponse);

    resize(1360, 860);
    if (m_settings) {
        restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
        m_issuePanel->restoreSettings(*m_settings);
        m_messageView->restoreSettings(*m_settings);
    }
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openDir = file->addAction(tr("Open &directory…"), this, &MainWindow::chooseDirectory);
    openDir->setShortcut(QKeySequence::Open);
    openDir->setStatusTip(tr("Load the people to issue for from a directory YAML file."));
    QAction* openSp =
        file->addAction(tr("Open &SP metadata…"), this, &MainWindow::chooseSpMetadata);
    openSp->setStatusTip(
        tr("Take the SP's audience, ACS and encryption certificate from its metadata."));
    file->addSeparator();
    QAction* save =
        file->addAction(tr("Save &response as…"), this, &MainWindow::chooseSaveResponse);
    save->setShortcut(QKeySequence::Save);
    save->setStatusTip(tr("Save the exact XML bytes of the shown Response."));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About JIT Harness"), this, &MainWindow::about)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::showIssued(const IssueResult& result)
{
    m_messageView->showMessage(displayedMessage(result));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(tr("Error: %1").arg(message), kStatusTimeoutMs);
    if (isVisible())
        QMessageBox::warning(this, title, message);
}

bool MainWindow::openDirectory(const QString& path)
{
    if (auto loaded = m_session.loadDirectory(path); !loaded) {
        showError(tr("Cannot open the directory"), loaded.error().message);
        return false;
    }
    statusBar()->showMessage(
        tr("Opened directory %1: %2 people").arg(path).arg(m_session.directory().people().size()),
        kStatusTimeoutMs);
    return true;
}

bool MainWindow::openSpMetadata(const QString& path)
{
    if (auto loaded = m_issuePanel->loadSpMetadata(path); !loaded) {
        showError(tr("Cannot use the SP metadata"), loaded.error().message);
        return false;
    }
    return true;
}

bool MainWindow::saveResponse(const QString& path)
{
    if (!m_messageView->hasMessage()) {
        showError(tr("Nothing to save"), tr("Issue a Response first."));
        return false;
    }
    if (auto written = writeFileAtomic(path, m_messageView->message().xml); !written) {
        showError(tr("Cannot save the Response"), written.error().message);
        return false;
    }
    statusBar()->showMessage(tr("Saved the Response to %1 (%2 bytes).")
                                 .arg(path)
                                 .arg(m_messageView->message().xml.size()),
                             kStatusTimeoutMs);
    return true;
}

void MainWindow::chooseDirectory()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open directory"), lastFolder(m_settings, "directory"),
        tr("Directory files (*.yaml *.yml);;All files (*)"));
    if (path.isEmpty())
        return;
    if (openDirectory(path) && m_settings)
        m_settings->setValue(QStringLiteral("folders/directory"), QFileInfo(path).absolutePath());
}

void MainWindow::chooseSpMetadata()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open SP metadata"),
                                                      lastFolder(m_settings, "metadata"),
                                                      tr("SAML metadata (*.xml);;All files (*)"));
    if (path.isEmpty())
        return;
    if (openSpMetadata(path) && m_settings)
        m_settings->setValue(QStringLiteral("folders/metadata"), QFileInfo(path).absolutePath());
}

void MainWindow::chooseSaveResponse()
{
    if (!m_messageView->hasMessage()) {
        showError(tr("Nothing to save"), tr("Issue a Response first."));
        return;
    }
    const QString suggested =
        QDir(lastFolder(m_settings, "save")).filePath(QStringLiteral("response.xml"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save response as"), suggested,
                                                      tr("XML files (*.xml);;All files (*)"));
    if (path.isEmpty())
        return;
    if (saveResponse(path) && m_settings)
        m_settings->setValue(QStringLiteral("folders/save"), QFileInfo(path).absolutePath());
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About JIT Harness"),
        tr("<h3>JIT Harness %1</h3>"
           "<p>A mock SAML identity provider and service provider for testing single sign-on "
           "and Just-in-Time provisioning.</p>"
           "<p>Messages signed with the TEST-ONLY keys in samples/test-keys can be forged by "
           "anyone: never trust them outside tests.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::saveSettings()
{
    if (!m_settings)
        return;
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    m_issuePanel->saveSettings(*m_settings);
    m_messageView->saveSettings(*m_settings);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

} // namespace jh::ui
