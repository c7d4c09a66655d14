#include "idp/issue_panel.h"

#include "idp/signing_box.h"
#include "idp/sp_target_box.h"
#include "models/people_model.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace jh::ui {
namespace {

QString shortFormat(const QString& uri)
{
    const qsizetype colon = uri.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? uri : uri.mid(colon + 1);
}

} // namespace

IssuePanel::IssuePanel(IdpSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_people(new PeopleModel(this)),
      m_peopleView(new QTableView(this)), m_peopleBox(new QGroupBox(this)),
      m_preset(new QComboBox(this)), m_presetSummary(new QLabel(this)), m_preview(new QLabel(this)),
      m_sp(new SpTargetBox(this)), m_signing(new SigningBox(this)), m_error(new QLabel(this)),
      m_issue(new QPushButton(tr("Issue Response  (Ctrl+Return)"), this))
{
    setObjectName(QStringLiteral("issuePanel"));
    m_peopleView->setObjectName(QStringLiteral("peopleView"));
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preview->setObjectName(QStringLiteral("claimsPreview"));
    m_error->setObjectName(QStringLiteral("issueError"));
    m_issue->setObjectName(QStringLiteral("issueButton"));

    m_people->setDirectory(&m_session.directory());
    m_peopleView->setModel(m_people);
    m_peopleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_peopleView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_peopleView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_peopleView->setAlternatingRowColors(true);
    m_peopleView->setWordWrap(false);
    m_peopleView->verticalHeader()->hide();
    m_peopleView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_peopleView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_peopleView->horizontalHeader()->setSectionResizeMode(PeopleModel::UsernameColumn,
                                                           QHeaderView::Stretch);
    m_peopleView->setMinimumHeight(150);

    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    m_issue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_issue->setToolTip(tr("Issue a signed SAML Response with these choices (Ctrl+Return)."));
    m_issue->setDefault(true);
    m_issue->setMinimumHeight(m_issue->sizeHint().height() + 6);

    auto* peopleLayout = new QVBoxLayout(m_peopleBox);
    peopleLayout->setContentsMargins(6, 6, 6, 6);
    peopleLayout->addWidget(m_peopleView, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_peopleBox, 1);
    layout->addWidget(presetBox());
    layout->addWidget(m_sp);
    layout->addWidget(m_signing);
    layout->addWidget(m_error);
    layout->addWidget(m_issue);

    connect(&m_session, &IdpSession::directoryAboutToChange, this, [this] {
        m_personBeforeChange = currentPersonId();
        m_people->beginDirectoryChange();
    });
    connect(&m_session, &IdpSession::directoryChanged, this, [this] {
        m_people->endDirectoryChange();
        onDirectoryChanged();
    });
    connect(m_peopleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &IssuePanel::updatePreview);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &IssuePanel::onPresetChanged);
    connect(m_signing, &SigningBox::changed, this, &IssuePanel::updateSigningDefaults);
    connect(m_sp, &SpTargetBox::changed, this,
            [this] { m_signing->setEncryptionAvailable(m_sp->hasEncryptionCertificate()); });
    connect(m_sp, &SpTargetBox::openMetadataRequested, this, &IssuePanel::openSpMetadataRequested);
    connect(m_issue, &QPushButton::clicked, this, &IssuePanel::issue);

    for (const idp::Preset& p : m_session.presets().presets)
        m_preset->addItem(p.name, p.id);
    onDirectoryChanged();
    onPresetChanged();
}

QWidget* IssuePanel::presetBox()
{
    auto* box = new QGroupBox(tr("Preset"), this);
    m_preset->setToolTip(tr("How the IdP names and shapes what it asserts: NameID, claim names, "
                            "groups, signing defaults."));
    m_presetSummary->setWordWrap(true);
    m_presetSummary->setOpenExternalLinks(true);
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_preset);
    layout->addWidget(m_presetSummary);
    layout->addWidget(m_preview);
    return box;
}

bool IssuePanel::selectPerson(const QString& personId)
{
    const int row = m_people->rowOf(personId);
    if (row < 0)
        return false;
    m_peopleView->setCurrentIndex(m_people->index(row, 0));
    m_peopleView->scrollTo(m_people->index(row, 0));
    return true;
}

bool IssuePanel::selectPreset(const QString& presetId)
{
    const int i = m_preset->findData(presetId);
    if (i < 0)
        return false;
    m_preset->setCurrentIndex(i);
    return true;
}

QString IssuePanel::currentPersonId() const
{
    const QModelIndex current = m_peopleView->currentIndex();
    return current.isValid() ? m_people->personIdAt(current.row()) : QString();
}

QString IssuePanel::currentPresetId() const
{
    return m_preset->currentData().toString();
}

void IssuePanel::onDirectoryChanged()
{
    const idp::Directory& d = m_session.directory();
    const QString source = m_session.directorySource();
    const QString where =
        source.startsWith(QLatin1Char(':')) ? tr("built-in sample") : QFileInfo(source).fileName();
    m_peopleBox->setTitle(tr("Person — %1 directory, %2 people (%3)")
                              .arg(d.tenant().displayName)
                              .arg(d.people().size())
                              .arg(where));
    m_peopleBox->setToolTip(tr("Directory: %1").arg(source));
    if (!selectPerson(m_personBeforeChange) && m_people->rowCount() > 0)
        m_peopleView->setCurrentIndex(m_people->index(0, 0));
    updatePreview();
}

void IssuePanel::onPresetChanged()
{
    const idp::Preset* p = m_session.presets().find(currentPresetId());
    if (!p) {
        m_presetSummary->clear();
        return;
    }
    QStringList links;
    for (int i = 0; i < p->sources.size(); ++i)
        links << QStringLiteral("<a href=\"%1\">[%2]</a>")
                     .arg(p->sources.at(i).toHtmlEscaped())
                     .arg(i + 1);
    m_presetSummary->setText(
        QStringLiteral("%1 <small>%2 %3</small>")
            .arg(p->summary.toHtmlEscaped(), tr("Sources:"), links.join(QLatin1Char(' '))));
    QString tip = tr("Sources:") + QLatin1Char('\n') + p->sources.join(QLatin1Char('\n'));
    if (!p->email.note.isEmpty())
        tip += QStringLiteral("\n\n") + p->email.note;
    m_presetSummary->setToolTip(tip);
    m_preset->setToolTip(p->summary);
    updateSigningDefaults();
    updatePreview();
}

void IssuePanel::updateSigningDefaults()
{
    const idp::Preset* p = m_session.presets().find(currentPresetId());
    if (!p)
        return;
    idp::IssueRequest r;
    r.presetId = p->id;
    m_signing->applyTo(r);
    // Only the key matters here: the labels name what the preset gives.
    r.signatureAlgorithm.reset();
    auto effective = m_session.signingFor(r);
    if (effective)
        m_signing->showDefaults(p->defaults, *effective);
}

void IssuePanel::updatePreview()
{
    const QString person = currentPersonId();
    const QString preset = currentPresetId();
    if (person.isEmpty() || preset.isEmpty()) {
        m_preview->setText(tr("Pick a person and a preset."));
        return;
    }
    auto claims = m_session.preview(person, preset);
    if (!claims) {
        m_preview->setText(
            tr("<b>Cannot shape claims:</b> %1").arg(claims.error().message.toHtmlEscaped()));
        return;
    }
    const qsizetype attributes = claims->attributes.size();
    const qsizetype notes = claims->notes.size();
    QString text = tr("<b>NameID</b> %1 <small>(%2)</small> · %3 %4")
                       .arg(claims->subject.nameId.toHtmlEscaped(),
                            shortFormat(claims->subject.format).toHtmlEscaped())
                       .arg(attributes)
                       .arg(attributes == 1 ? tr("attribute") : tr("attributes"));
    if (notes > 0)
        text +=
            QStringLiteral(" · <b>%1 %2</b>").arg(notes).arg(notes == 1 ? tr("note") : tr("notes"));
    m_preview->setText(text);
    QStringList tip;
    for (const saml::Attribute& a : claims->attributes)
        tip << QStringLiteral("%1 = %2").arg(
            a.name, a.values.mid(0, 3).join(QStringLiteral(", ")) +
                        (a.values.size() > 3 ? QStringLiteral(", …") : QString()));
    for (const QString& n : claims->notes)
        tip << tr("note: %1").arg(n);
    m_preview->setToolTip(tip.join(QLatin1Char('\n')));
}

Result<void> IssuePanel::loadSpMetadata(const QString& path)
{
    auto loaded = m_sp->loadMetadata(path);
    if (!loaded) {
        showError(loaded.error().message);
        return loaded;
    }
    showError({});
    Q_EMIT statusMessage(
        tr("Loaded SP metadata %1 (entity %2).").arg(path, m_sp->target().audience));
    return {};
}

Result<idp::IssueRequest> IssuePanel::request() const
{
    idp::IssueRequest r;
    r.personId = currentPersonId();
    r.presetId = currentPresetId();
    if (r.personId.isEmpty())
        return makeError("ui.choice", tr("Pick a person to issue for."));
    if (r.presetId.isEmpty())
        return makeError("ui.choice", tr("Pick a preset."));
    r.sp = m_sp->target();
    if (r.sp.audience.isEmpty() || r.sp.acsUrl.isEmpty())
        return makeError(
            "ui.choice",
            tr("The SP's audience and ACS URL are both needed: type them or load SP metadata."));
    r.inResponseTo = m_sp->inResponseTo();
    m_signing->applyTo(r);
    return r;
}

void IssuePanel::issue()
{
    auto r = request();
    if (!r) {
        showError(r.error().message);
        return;
    }
    auto result = m_session.issue(*r);
    if (!result) {
        showError(result.error().message);
        return;
    }
    showError({});
    Q_EMIT issued(*result);
    Q_EMIT statusMessage(
        tr("Issued %1 for %2 (%3): %4")
            .arg(result->issued.spec.responseId, result->personName, result->presetName,
                 result->selfCheckOk() ? tr("self-check passed") : tr("self-check FAILED")));
}

QString IssuePanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void IssuePanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}

void IssuePanel::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("issue/person"), currentPersonId());
    settings.setValue(QStringLiteral("issue/preset"), currentPresetId());
    m_sp->saveSettings(settings);
    m_signing->saveSettings(settings);
}

void IssuePanel::restoreSettings(const QSettings& settings)
{
    selectPerson(settings.value(QStringLiteral("issue/person")).toString());
    selectPreset(settings.value(QStringLiteral("issue/preset")).toString());
    m_sp->restoreSettings(settings);
    m_signing->restoreSettings(settings);
}

} // namespace jh::ui
