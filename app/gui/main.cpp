// jitharness-gui: the thin GUI main. Parses the same options as the CLI
// (--directory, --key-dir, --sp-metadata, --now), builds the core objects
// and opens the main window. --screenshot FILE issues a sample Response,
// saves a picture of the window and exits (scripts/screenshot.sh).
#include "idp/idp_session.h"
#include "idp/issue_panel.h"
#include "main_window.h"
#include "message/message_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>

using namespace jh;

namespace {

constexpr char kBuiltInDirectory[] = ":/samples/directory.yaml";

int fail(const QString& message)
{
    std::fprintf(stderr, "jitharness-gui: %s\n", qPrintable(message));
    return 2;
}

std::optional<ui::MessageView::Tab> tabFromName(const QString& name)
{
    if (name == QLatin1String("base64"))
        return ui::MessageView::Base64Tab;
    if (name == QLatin1String("xml"))
        return ui::MessageView::XmlTab;
    if (name == QLatin1String("pretty"))
        return ui::MessageView::PrettyTab;
    if (name == QLatin1String("claims"))
        return ui::MessageView::ClaimsTab;
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("JIT Harness"));
    QCoreApplication::setApplicationName(QStringLiteral("jitharness"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JH_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("JIT Harness"));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "JIT Harness: a mock SAML IdP and SP for testing SSO and JIT provisioning."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOption(
        {QStringLiteral("directory"),
         QStringLiteral(
             "The IdP directory (YAML). Default: the last one opened, else the built-in sample."),
         QStringLiteral("FILE")});
    p.addOption({QStringLiteral("key-dir"),
                 QStringLiteral(
                     "Folder of the IdP signing keys; created and filled on first use. Default: %1")
                     .arg(crypto::KeyStore::defaultDirectory()),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("sp-metadata"),
                 QStringLiteral("SP metadata: fills audience, ACS, encryption certificate."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("person"), QStringLiteral("Person to select at start."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("preset"), QStringLiteral("Preset to select at start."),
                 QStringLiteral("NAME")});
    p.addOption(
        {QStringLiteral("now"),
         QStringLiteral("The instant to act at (ISO 8601 with zone). Default: the system clock."),
         QStringLiteral("ISO8601")});
    p.addOption({QStringLiteral("screenshot"),
                 QStringLiteral("Issue a Response, save a PNG of the window to FILE and exit. "
                                "Ignores saved settings."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("tab"),
                 QStringLiteral("With --screenshot: the message tab shown (base64, xml, pretty, "
                                "claims; default pretty)."),
                 QStringLiteral("TAB")});
    p.addOption({QStringLiteral("size"),
                 QStringLiteral("With --screenshot: window size WxH (default 1360x860)."),
                 QStringLiteral("WxH")});
    p.process(app);

    const bool screenshot = p.isSet(QStringLiteral("screenshot"));
    std::unique_ptr<Clock> clock = std::make_unique<SystemClock>();
    if (p.isSet(QStringLiteral("now"))) {
        const QDateTime t = parseIsoInstant(p.value(QStringLiteral("now")));
        if (!t.isValid())
            return fail(QStringLiteral("--now: '%1' is not an ISO 8601 instant with a zone")
                            .arg(p.value(QStringLiteral("now"))));
        clock = std::make_unique<ManualClock>(t);
    }
    std::unique_ptr<QSettings> settings = screenshot ? nullptr : std::make_unique<QSettings>();

    ui::IdpSession session(*clock, crypto::KeyStore(p.isSet(QStringLiteral("key-dir"))
                                                        ? p.value(QStringLiteral("key-dir"))
                                                        : crypto::KeyStore::defaultDirectory()));
    if (auto presets = session.loadPresets(); !presets)
        return fail(presets.error().message);
    if (p.isSet(QStringLiteral("directory"))) {
        if (auto d = session.loadDirectory(p.value(QStringLiteral("directory"))); !d)
            return fail(d.error().message);
    } else {
        const QString last =
            settings ? settings->value(QStringLiteral("session/directory")).toString() : QString();
        if (last.isEmpty() || !session.loadDirectory(last)) {
            if (auto d = session.loadDirectory(QString::fromLatin1(kBuiltInDirectory)); !d)
                return fail(d.error().message);
        }
    }

    ui::MainWindow window(session, settings.get());
    if (p.isSet(QStringLiteral("sp-metadata"))) {
        if (auto md = window.issuePanel()->loadSpMetadata(p.value(QStringLiteral("sp-metadata")));
            !md)
            return fail(md.error().message);
    }
    if (p.isSet(QStringLiteral("person")) &&
        !window.issuePanel()->selectPerson(p.value(QStringLiteral("person"))))
        return fail(QStringLiteral("--person: no person '%1' in the directory")
                        .arg(p.value(QStringLiteral("person"))));
    if (p.isSet(QStringLiteral("preset")) &&
        !window.issuePanel()->selectPreset(p.value(QStringLiteral("preset"))))
        return fail(
            QStringLiteral("--preset: unknown preset '%1'").arg(p.value(QStringLiteral("preset"))));
    QObject::connect(&session, &ui::IdpSession::directoryChanged, &window, [&session, &settings] {
        if (settings && !session.directorySource().startsWith(QLatin1Char(':')))
            settings->setValue(QStringLiteral("session/directory"), session.directorySource());
    });

    if (!screenshot) {
        window.show();
        return app.exec();
    }

    const auto tab =
        tabFromName(p.value(QStringLiteral("tab")).isEmpty() ? QStringLiteral("pretty")
                                                             : p.value(QStringLiteral("tab")));
    if (!tab)
        return fail(QStringLiteral("--tab: '%1' is not base64, xml, pretty or claims")
                        .arg(p.value(QStringLiteral("tab"))));
    QSize size(1360, 860);
    if (p.isSet(QStringLiteral("size"))) {
        const QStringList wh = p.value(QStringLiteral("size")).split(QLatin1Char('x'));
        if (wh.size() != 2 || wh[0].toInt() < 400 || wh[1].toInt() < 300)
            return fail(QStringLiteral("--size: '%1' is not WxH (at least 400x300)")
                            .arg(p.value(QStringLiteral("size"))));
        size = QSize(wh[0].toInt(), wh[1].toInt());
    }
    window.resize(size);
    window.show();
    window.issuePanel()->issue();
    if (!window.messageView()->hasMessage())
        return fail(QStringLiteral("issuing the sample Response failed: %1")
                        .arg(window.issuePanel()->errorText()));
    window.messageView()->showTab(*tab);
    const QString out = p.value(QStringLiteral("screenshot"));
    int rc = 0;
    // Let the window lay itself out and paint once before it is grabbed.
    QTimer::singleShot(300, &window, [&] {
        if (!window.grab().save(out))
            rc = fail(QStringLiteral("cannot write %1").arg(out));
        app.quit();
    });
    app.exec();
    return rc;
}
