// The first window, driven as a user would (offscreen): pick a person and a
// preset, press Issue, and the message view shows the Response as base64 that
// decodes to the exact bytes, indented for reading, with the self-check's
// verified signatures. Signing choices reach the message; encryption needs
// SP metadata; a bad metadata or directory file is an error that leaves the
// previous state; choices survive a settings round trip.
#include "idp/idp_session.h"
#include "idp/issue_panel.h"
#include "idp/signing_box.h"
#include "idp/sp_target_box.h"
#include "main_window.h"
#include "message/message_view.h"
#include "models/people_model.h"
#include "support/fixtures.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace jh;
using namespace jh::ui;

class TestIssuePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void issueShowsTheResponseThreeWays_data();
    void issueShowsTheResponseThreeWays();
    void shortcutIssues();
    void signModeReachesTheMessage_data();
    void signModeReachesTheMessage();
    void ecKeyOffersOnlyEcAlgorithms();
    void defaultsNameWhatThePresetGives();
    void encryptNeedsSpMetadata();
    void badSpMetadataKeepsThePreviousState_data();
    void badSpMetadataKeepsThePreviousState();
    void missingAudienceIsAnErrorNotAMessage();
    void badDirectoryKeepsThePeople();
    void saveWritesTheExactBytes();
    void choicesSurviveASettingsRoundTrip();

private:
    IssuePanel* panel() const { return m_window->issuePanel(); }
    MessageView* view() const { return m_window->messageView(); }
    void clickIssue() const;
    QStringList passed() const;
    QStringList findings(Finding::Kind kind) const;
    template <typename T> T* child(const char* name) const
    {
        auto* w = m_window->findChild<T*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<IdpSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

namespace {
QString sampleMetadata()
{
    return test::sourcePath(QStringLiteral("samples/sp-metadata.xml"));
}
} // namespace

void TestIssuePanel::initTestCase()
{
    m_clock = std::make_unique<ManualClock>(test::fixedNow());
}

void TestIssuePanel::init()
{
    m_session = std::make_unique<IdpSession>(*m_clock, crypto::KeyStore(test::testKeyDir()));
    auto presets = m_session->loadPresets();
    QVERIFY2(presets, presets ? "" : qPrintable(presets.error().message));
    auto dir = m_session->loadDirectory(test::sourcePath(QStringLiteral("samples/directory.yaml")));
    QVERIFY2(dir, dir ? "" : qPrintable(dir.error().message));
    m_window = std::make_unique<MainWindow>(*m_session, nullptr);
}

void TestIssuePanel::cleanup()
{
    m_window.reset();
    m_session.reset();
}

void TestIssuePanel::clickIssue() const
{
    QTest::mouseClick(child<QPushButton>("issueButton"), Qt::LeftButton);
}

QStringList TestIssuePanel::findings(Finding::Kind kind) const
{
    QStringList out;
    for (const Finding& f : view()->message().findings)
        if (f.kind == kind)
            out << f.text;
    return out;
}

QStringList TestIssuePanel::passed() const
{
    return findings(Finding::Kind::Pass);
}

void TestIssuePanel::issueShowsTheResponseThreeWays_data()
{
    QTest::addColumn<QString>("person");
    QTest::addColumn<QString>("preset");

    QTest::newRow("alice, Entra") << "alice"
                                  << "entra";
    QTest::newRow("bob the guest, Entra") << "bob"
                                          << "entra";
    QTest::newRow("olga in 160 groups, Google") << "olga"
                                                << "google";
    QTest::newRow("uma who left, Okta") << "uma"
                                        << "okta";
    QTest::newRow("devi, AD FS") << "devi"
                                 << "adfs";
    QTest::newRow("tara, PingFederate") << "tara"
                                        << "pingfederate";
}

void TestIssuePanel::issueShowsTheResponseThreeWays()
{
    QFETCH(QString, person);
    QFETCH(QString, preset);
    QVERIFY(panel()->selectPerson(person));
    QVERIFY(panel()->selectPreset(preset));
    QVERIFY(!view()->hasMessage());
    clickIssue();
    QVERIFY2(view()->hasMessage(), qPrintable(panel()->errorText()));
    QVERIFY(panel()->errorText().isEmpty());

    // Base64 is the HTTP-POST value of exactly the bytes shown as XML.
    const QByteArray decoded = QByteArray::fromBase64(
        view()->text(MessageView::Base64Tab).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(!decoded.isEmpty());
    QCOMPARE(QString::fromUtf8(decoded), view()->text(MessageView::XmlTab));
    QCOMPARE(decoded, view()->message().xml);

    // ... and carries the NameID the preset gives this person.
    auto claims = m_session->preview(person, preset);
    QVERIFY(claims);
    QVERIFY(!claims->subject.nameId.isEmpty());
    const QString nameId =
        QStringLiteral(">%1</saml:NameID>").arg(claims->subject.nameId.toHtmlEscaped());
    QVERIFY2(QString::fromUtf8(decoded).contains(nameId), qPrintable(nameId));
    QCOMPARE(view()->message().subject.nameId, claims->subject.nameId);

    // The pretty view is indented, one element per line; the exact bytes are not.
    const QString pretty = view()->text(MessageView::PrettyTab);
    QVERIFY(pretty.contains(QStringLiteral("\n  <saml:Issuer>")));
    QVERIFY(pretty.contains(QStringLiteral("\n      <ds:SignedInfo>")) ||
            pretty.contains(QStringLiteral("\n    <ds:SignedInfo>")));
    QVERIFY(pretty.contains(QRegularExpression(QStringLiteral("\n {6}<saml:NameID[ >]"))));
    QVERIFY(view()->text(MessageView::XmlTab).contains(QStringLiteral("><saml:Subject>")));
    QVERIFY2(!pretty.contains(QStringLiteral("><")),
             "two elements share a line in the pretty view");

    // The IdP re-read its own message and every signature verified.
    QVERIFY(findings(Finding::Kind::Fail).isEmpty());
    QVERIFY2(passed().join(QLatin1Char('|')).contains(QStringLiteral("signature verified")),
             qPrintable(passed().join(QLatin1Char('|'))));
    QVERIFY(passed().last().startsWith(QStringLiteral("Self-check passed")));
    for (const QString& note : claims->notes)
        QVERIFY2(findings(Finding::Kind::Note).contains(note), qPrintable(note));
}

void TestIssuePanel::shortcutIssues()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(view()->hasMessage());
}

void TestIssuePanel::signModeReachesTheMessage_data()
{
    QTest::addColumn<QString>("sign");
    QTest::addColumn<QStringList>("verified");

    QTest::newRow("assertion") << "assertion" << QStringList{QStringLiteral("Assertion")};
    QTest::newRow("response") << "response" << QStringList{QStringLiteral("Response")};
    QTest::newRow("both") << "both"
                          << QStringList{QStringLiteral("Response"), QStringLiteral("Assertion")};
    QTest::newRow("none") << "none" << QStringList{};
}

void TestIssuePanel::signModeReachesTheMessage()
{
    QFETCH(QString, sign);
    QFETCH(QStringList, verified);
    auto* combo = child<QComboBox>("signModeCombo");
    combo->setCurrentIndex(combo->findData(sign));
    clickIssue();
    QVERIFY(view()->hasMessage());
    QStringList got;
    for (const QString& p : passed())
        if (p.contains(QStringLiteral("signature verified")))
            got << p.section(QLatin1Char(' '), 0, 0);
    QCOMPARE(got, verified);
    QCOMPARE(view()->message().xml.count("<ds:Signature "), verified.size());
    QVERIFY(findings(Finding::Kind::Fail).isEmpty());
}

void TestIssuePanel::ecKeyOffersOnlyEcAlgorithms()
{
    panel()->selectPreset(QStringLiteral("entra"));
    auto* key = child<QComboBox>("keyTypeCombo");
    auto* alg = child<QComboBox>("signatureAlgorithmCombo");
    QVERIFY(alg->findData(QStringLiteral("rsa-sha256")) > 0);
    key->setCurrentIndex(key->findData(QStringLiteral("ec")));
    QCOMPARE(alg->findData(QStringLiteral("rsa-sha256")), -1);
    QVERIFY(alg->findData(QStringLiteral("ecdsa-sha256")) > 0);
    // The default's label is core's answer: the preset's rsa-sha256 on an EC key.
    QCOMPARE(alg->itemText(0), QStringLiteral("Preset default (ecdsa-sha256)"));

    clickIssue();
    QVERIFY2(view()->hasMessage(), qPrintable(panel()->errorText()));
    QVERIFY(view()->message().xml.contains("xmldsig-more#ecdsa-sha256"));
    QVERIFY(
        passed().join(QLatin1Char('|')).contains(QStringLiteral("Assertion signature verified")));
}

void TestIssuePanel::defaultsNameWhatThePresetGives()
{
    const idp::Preset* okta = m_session->presets().find(QStringLiteral("okta"));
    QVERIFY(okta);
    panel()->selectPreset(QStringLiteral("okta"));
    QCOMPARE(child<QComboBox>("signModeCombo")->itemText(0),
             QStringLiteral("Preset default (%1)").arg(idp::signModeName(okta->defaults.sign)));
    QVERIFY(child<QSpinBox>("validitySpin")
                ->specialValueText()
                .contains(QString::number(okta->defaults.validitySeconds)));
    QCOMPARE(child<QCheckBox>("keyInfoCheck")->isChecked(), okta->defaults.keyInfoCertificate);

    // No explicit choice: the request carries no overrides at all.
    auto r = panel()->request();
    QVERIFY(r);
    QVERIFY(!r->sign && !r->signatureAlgorithm && !r->digestAlgorithm && !r->validitySeconds &&
            !r->keyInfoCertificate);
}

void TestIssuePanel::encryptNeedsSpMetadata()
{
    auto* encrypt = child<QCheckBox>("encryptCheck");
    QVERIFY(!encrypt->isEnabled());

    QVERIFY(panel()->loadSpMetadata(sampleMetadata()));
    QVERIFY(encrypt->isEnabled());
    encrypt->setChecked(true);
    clickIssue();
    QVERIFY2(view()->hasMessage(), qPrintable(panel()->errorText()));
    QVERIFY(view()->message().xml.contains("EncryptedAssertion"));
    QVERIFY(findings(Finding::Kind::Fail).isEmpty());
    QVERIFY(findings(Finding::Kind::Note)
                .join(QLatin1Char('|'))
                .contains(QStringLiteral("only the SP holds the key")));

    // Forgetting the metadata takes the certificate, and the choice, with it.
    panel()->spTargetBox()->forgetMetadata();
    QVERIFY(!encrypt->isEnabled());
    QVERIFY(!encrypt->isChecked());
    auto r = panel()->request();
    QVERIFY(r);
    QVERIFY(!r->encryption.enabled);
}

void TestIssuePanel::badSpMetadataKeepsThePreviousState_data()
{
    QTest::addColumn<QString>("file");

    QTest::newRow("missing file") << test::dataPath(QStringLiteral("metadata/NoSuchFile.xml"));
    QTest::newRow("not well-formed")
        << test::dataPath(QStringLiteral("metadata/BrokenNotWellFormed.xml"));
    QTest::newRow("DOCTYPE") << test::dataPath(QStringLiteral("metadata/BrokenDoctype.xml"));
    QTest::newRow("no ACS") << test::dataPath(QStringLiteral("metadata/BrokenNoAcs.xml"));
    QTest::newRow("bad certificate")
        << test::dataPath(QStringLiteral("metadata/BrokenCertificate.xml"));
    QTest::newRow("redirect-only ACS")
        << test::dataPath(QStringLiteral("metadata/RedirectOnlyAcs.xml"));
}

void TestIssuePanel::badSpMetadataKeepsThePreviousState()
{
    QFETCH(QString, file);
    QVERIFY(panel()->loadSpMetadata(sampleMetadata()));
    const idp::SpTarget before = panel()->spTargetBox()->target();
    const QString label = child<QLabel>("spMetadataLabel")->text();
    QSignalSpy errors(panel(), &IssuePanel::errorOccurred);

    auto loaded = panel()->loadSpMetadata(file);
    QVERIFY(!loaded);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(panel()->errorText().contains(QFileInfo(file).fileName()),
             qPrintable(panel()->errorText()));
    QCOMPARE(panel()->errorText(), loaded.error().message);

    const idp::SpTarget after = panel()->spTargetBox()->target();
    QCOMPARE(after.audience, before.audience);
    QCOMPARE(after.acsUrl, before.acsUrl);
    QCOMPARE(after.encryptionCertificate, before.encryptionCertificate);
    QCOMPARE(panel()->spTargetBox()->metadataPath(), sampleMetadata());
    QCOMPARE(child<QLabel>("spMetadataLabel")->text(), label);
    QVERIFY(child<QCheckBox>("encryptCheck")->isEnabled());

    // The passing twin: a good file loads and clears the error.
    QVERIFY(panel()->loadSpMetadata(test::dataPath(QStringLiteral("metadata/MultipleAcs.xml"))));
    QVERIFY(panel()->errorText().isEmpty());
}

void TestIssuePanel::missingAudienceIsAnErrorNotAMessage()
{
    clickIssue();
    QVERIFY(view()->hasMessage());
    const QByteArray previous = view()->message().xml;

    child<QLineEdit>("audienceEdit")->clear();
    clickIssue();
    QVERIFY(panel()->errorText().contains(QStringLiteral("audience")));
    QCOMPARE(view()->message().xml, previous);
}

void TestIssuePanel::badDirectoryKeepsThePeople()
{
    QVERIFY(panel()->selectPerson(QStringLiteral("olga")));
    const qsizetype people = m_session->directory().people().size();
    QVERIFY(!m_window->openDirectory(
        test::dataPath(QStringLiteral("directory/BrokenUnknownGroup.yaml"))));
    QCOMPARE(m_session->directory().people().size(), people);
    QCOMPARE(panel()->currentPersonId(), QStringLiteral("olga"));

    // The passing twin: a good directory replaces the people; the choice
    // survives when that person is still there, else the first is chosen.
    QVERIFY(m_window->openDirectory(test::dataPath(QStringLiteral("directory/Valid.yaml"))));
    QCOMPARE(panel()->peopleModel()->rowCount(), int(m_session->directory().people().size()));
    QVERIFY(!panel()->currentPersonId().isEmpty());
}

void TestIssuePanel::saveWritesTheExactBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("response.xml"));
    QVERIFY(!m_window->saveResponse(path));
    clickIssue();
    QVERIFY(m_window->saveResponse(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), view()->message().xml);
}

void TestIssuePanel::choicesSurviveASettingsRoundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("gui.ini"));
    {
        QSettings settings(file, QSettings::IniFormat);
        QVERIFY(panel()->selectPerson(QStringLiteral("bob")));
        QVERIFY(panel()->selectPreset(QStringLiteral("okta")));
        QVERIFY(panel()->loadSpMetadata(sampleMetadata()));
        auto* sign = child<QComboBox>("signModeCombo");
        sign->setCurrentIndex(sign->findData(QStringLiteral("response")));
        auto* key = child<QComboBox>("keyTypeCombo");
        key->setCurrentIndex(key->findData(QStringLiteral("ec")));
        child<QLineEdit>("inResponseToEdit")->setText(QStringLiteral("_request42"));
        panel()->saveSettings(settings);
    }
    cleanup();
    init();
    QSettings settings(file, QSettings::IniFormat);
    panel()->restoreSettings(settings);
    QCOMPARE(panel()->currentPersonId(), QStringLiteral("bob"));
    QCOMPARE(panel()->currentPresetId(), QStringLiteral("okta"));
    QCOMPARE(panel()->spTargetBox()->metadataPath(), sampleMetadata());
    auto r = panel()->request();
    QVERIFY(r);
    QCOMPARE(r->sign, std::optional(idp::SignMode::Response));
    QCOMPARE(r->key, std::optional(crypto::KeyType::Ec));
    QCOMPARE(r->inResponseTo, QStringLiteral("_request42"));
    QVERIFY(r->sp.encryptionCertificate);
}

QTEST_MAIN(TestIssuePanel)
#include "test_issue_panel.moc"
