#include "idp/sp_target_box.h"

#include "idp/idp_session.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace jh::ui {
namespace {

const QString kDefaultAudience = QStringLiteral("https://sp.jitharness.test/metadata");
const QString kDefaultAcs = QStringLiteral("http://127.0.0.1:7001/sp/acs");

} // namespace

SpTargetBox::SpTargetBox(QWidget* parent)
    : QGroupBox(tr("Service provider"), parent), m_audience(new QLineEdit(kDefaultAudience, this)),
      m_acs(new QLineEdit(kDefaultAcs, this)), m_inResponseTo(new QLineEdit(this)),
      m_metadataLabel(new QLabel(this)), m_forget(new QPushButton(tr("Forget"), this))
{
    m_audience->setObjectName(QStringLiteral("audienceEdit"));
    m_acs->setObjectName(QStringLiteral("acsEdit"));
    m_inResponseTo->setObjectName(QStringLiteral("inResponseToEdit"));
    m_metadataLabel->setObjectName(QStringLiteral("spMetadataLabel"));
    m_audience->setToolTip(
        tr("The SP's entityID: sent as the Audience of the assertion's conditions."));
    m_acs->setToolTip(
        tr("The SP's Assertion Consumer Service URL: the Response's Destination and the "
           "bearer confirmation's Recipient."));
    m_inResponseTo->setPlaceholderText(tr("empty: IdP-initiated (unsolicited)"));
    m_inResponseTo->setToolTip(
        tr("The ID of the AuthnRequest this Response answers (SP-initiated login)."));
    m_metadataLabel->setWordWrap(true);
    m_metadataLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* load = new QPushButton(tr("Load metadata…"), this);
    load->setObjectName(QStringLiteral("loadSpMetadataButton"));
    load->setToolTip(
        tr("Fill the audience and ACS from SP metadata, and take its encryption certificate."));
    m_forget->setToolTip(
        tr("Drop the metadata's certificate and wishes; keep the audience and ACS as typed."));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(load);
    buttons->addWidget(m_forget);
    buttons->addWidget(m_metadataLabel, 1);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Audience:"), m_audience);
    form->addRow(tr("ACS URL:"), m_acs);
    form->addRow(tr("InResponseTo:"), m_inResponseTo);
    form->addRow(buttons);

    connect(load, &QPushButton::clicked, this, &SpTargetBox::openMetadataRequested);
    connect(m_forget, &QPushButton::clicked, this, &SpTargetBox::forgetMetadata);
    connect(m_audience, &QLineEdit::textChanged, this, &SpTargetBox::changed);
    connect(m_acs, &QLineEdit::textChanged, this, &SpTargetBox::changed);
    updateMetadataLabel();
}

Result<void> SpTargetBox::loadMetadata(const QString& path)
{
    auto target = idp::loadSpTarget(path);
    if (!target)
        return target.error();
    m_fromMetadata = std::move(*target);
    m_metadataPath = path;
    {
        const QSignalBlocker a(m_audience);
        const QSignalBlocker b(m_acs);
        m_audience->setText(m_fromMetadata.audience);
        m_acs->setText(m_fromMetadata.acsUrl);
    }
    updateMetadataLabel();
    Q_EMIT changed();
    return {};
}

void SpTargetBox::forgetMetadata()
{
    m_fromMetadata = {};
    m_metadataPath.clear();
    updateMetadataLabel();
    Q_EMIT changed();
}

void SpTargetBox::setManual(const QString& audience, const QString& acsUrl)
{
    m_fromMetadata = {};
    m_metadataPath.clear();
    m_audience->setText(audience);
    m_acs->setText(acsUrl);
    updateMetadataLabel();
    Q_EMIT changed();
}

idp::SpTarget SpTargetBox::target() const
{
    idp::SpTarget t = m_fromMetadata;
    t.audience = m_audience->text().trimmed();
    t.acsUrl = m_acs->text().trimmed();
    return t;
}

QString SpTargetBox::inResponseTo() const
{
    return m_inResponseTo->text().trimmed();
}

void SpTargetBox::updateMetadataLabel()
{
    m_forget->setEnabled(!m_metadataPath.isEmpty());
    if (m_metadataPath.isEmpty()) {
        m_metadataLabel->setText(tr("No metadata: typed in, no encryption certificate."));
        m_metadataLabel->setToolTip({});
        return;
    }
    QStringList facts;
    facts << (m_fromMetadata.encryptionCertificate ? tr("encryption certificate")
                                                   : tr("no encryption certificate"));
    if (m_fromMetadata.wantAssertionsSigned)
        facts << tr("wants signed assertions");
    m_metadataLabel->setText(
        tr("From %1: %2.")
            .arg(QFileInfo(m_metadataPath).fileName(), facts.join(QStringLiteral(", "))));
    m_metadataLabel->setToolTip(m_metadataPath);
}

void SpTargetBox::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("sp/metadata"), m_metadataPath);
    settings.setValue(QStringLiteral("sp/audience"), m_audience->text());
    settings.setValue(QStringLiteral("sp/acs"), m_acs->text());
    settings.setValue(QStringLiteral("sp/inResponseTo"), m_inResponseTo->text());
}

void SpTargetBox::restoreSettings(const QSettings& settings)
{
    const QString metadata = settings.value(QStringLiteral("sp/metadata")).toString();
    // A metadata file that has gone or broken since is not worth an error at
    // start-up: the typed values below still apply.
    if (!metadata.isEmpty())
        (void)loadMetadata(metadata);
    if (settings.contains(QStringLiteral("sp/audience")))
        m_audience->setText(settings.value(QStringLiteral("sp/audience")).toString());
    if (settings.contains(QStringLiteral("sp/acs")))
        m_acs->setText(settings.value(QStringLiteral("sp/acs")).toString());
    m_inResponseTo->setText(settings.value(QStringLiteral("sp/inResponseTo")).toString());
}

} // namespace jh::ui
