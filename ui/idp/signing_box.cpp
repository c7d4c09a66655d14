#include "idp/signing_box.h"

#include "xmlsec/algorithms.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QSettings>
#include <QSpinBox>

namespace jh::ui {
namespace {

constexpr int kMaxValiditySeconds = 7 * 24 * 3600;

QString currentName(const QComboBox* box)
{
    return box->currentData().toString();
}

void selectName(QComboBox* box, const QString& name)
{
    const int i = box->findData(name);
    box->setCurrentIndex(i < 0 ? 0 : i);
}

} // namespace

SigningBox::SigningBox(QWidget* parent)
    : QGroupBox(tr("Signing and encryption"), parent), m_sign(new QComboBox(this)),
      m_key(new QComboBox(this)), m_signatureAlgorithm(new QComboBox(this)),
      m_digest(new QComboBox(this)), m_validity(new QSpinBox(this)),
      m_keyInfo(new QCheckBox(tr("Certificate in KeyInfo"), this)),
      m_encrypt(new QCheckBox(tr("Encrypt the assertion"), this)), m_cipher(new QComboBox(this))
{
    m_sign->setObjectName(QStringLiteral("signModeCombo"));
    m_key->setObjectName(QStringLiteral("keyTypeCombo"));
    m_signatureAlgorithm->setObjectName(QStringLiteral("signatureAlgorithmCombo"));
    m_digest->setObjectName(QStringLiteral("digestCombo"));
    m_validity->setObjectName(QStringLiteral("validitySpin"));
    m_keyInfo->setObjectName(QStringLiteral("keyInfoCheck"));
    m_encrypt->setObjectName(QStringLiteral("encryptCheck"));
    m_cipher->setObjectName(QStringLiteral("cipherCombo"));

    m_sign->addItem(tr("Preset default"), QString());
    for (idp::SignMode m : {idp::SignMode::Assertion, idp::SignMode::Response, idp::SignMode::Both,
                            idp::SignMode::None})
        m_sign->addItem(idp::signModeName(m), idp::signModeName(m));
    m_sign->setToolTip(tr("Which elements carry an enveloped signature."));

    m_key->addItem(tr("RSA-2048"), crypto::keyTypeName(crypto::KeyType::Rsa));
    m_key->addItem(tr("EC P-256"), crypto::keyTypeName(crypto::KeyType::Ec));
    m_key->setToolTip(tr("The IdP signing key (from the key folder)."));

    m_digest->addItem(tr("Preset default"), QString());
    for (const QString& n : xmlsec::algorithmNames(xmlsec::AlgorithmKind::Digest))
        m_digest->addItem(n, n);
    fillSignatureAlgorithms();

    m_validity->setRange(0, kMaxValiditySeconds);
    m_validity->setSingleStep(60);
    m_validity->setSuffix(tr(" s"));
    m_validity->setSpecialValueText(tr("Preset default"));
    m_validity->setToolTip(
        tr("Seconds from IssueInstant to the conditions' and the confirmation's NotOnOrAfter."));

    m_keyInfo->setChecked(m_presetKeyInfo);
    m_keyInfo->setToolTip(
        tr("Unchecked: the signature carries no certificate; the SP must know it already."));
    for (const QString& n : xmlsec::algorithmNames(xmlsec::AlgorithmKind::BlockCipher))
        m_cipher->addItem(n, n);
    selectName(m_cipher, idp::EncryptionOptions{}.blockCipher);
    m_cipher->setToolTip(
        tr("Block cipher of the EncryptedAssertion; the key is sent with RSA-OAEP."));

    auto* signRow = new QHBoxLayout;
    signRow->addWidget(m_sign, 3);
    signRow->addWidget(m_key, 2);
    auto* algRow = new QHBoxLayout;
    algRow->addWidget(m_signatureAlgorithm, 3);
    algRow->addWidget(m_digest, 2);
    auto* validityRow = new QHBoxLayout;
    validityRow->addWidget(m_validity, 3);
    validityRow->addWidget(m_keyInfo, 2);
    auto* encryptRow = new QHBoxLayout;
    encryptRow->addWidget(m_encrypt, 3);
    encryptRow->addWidget(m_cipher, 2);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Sign / key:"), signRow);
    form->addRow(tr("Algorithms:"), algRow);
    form->addRow(tr("Validity:"), validityRow);
    form->addRow(tr("Encryption:"), encryptRow);

    auto emitChanged = [this] {
        Q_EMIT changed();
    };
    connect(m_sign, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_key, &QComboBox::currentIndexChanged, this, [this] {
        fillSignatureAlgorithms();
        Q_EMIT changed();
    });
    connect(m_signatureAlgorithm, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_digest, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_validity, &QSpinBox::valueChanged, this, emitChanged);
    connect(m_keyInfo, &QCheckBox::toggled, this, emitChanged);
    connect(m_encrypt, &QCheckBox::toggled, m_cipher, &QWidget::setEnabled);
    connect(m_encrypt, &QCheckBox::toggled, this, emitChanged);
    m_cipher->setEnabled(false);
    setEncryptionAvailable(false);
}

void SigningBox::fillSignatureAlgorithms()
{
    // Only the algorithms the chosen key can sign with: core refuses the
    // others (idp.signing), so offering them would only produce errors.
    const QString keep = currentName(m_signatureAlgorithm);
    const auto key = crypto::keyTypeFromName(currentName(m_key));
    const QSignalBlocker blocker(m_signatureAlgorithm);
    const QString defaultText = m_signatureAlgorithm->count() > 0
                                    ? m_signatureAlgorithm->itemText(0)
                                    : tr("Preset default");
    m_signatureAlgorithm->clear();
    m_signatureAlgorithm->addItem(defaultText, QString());
    for (const QString& n : xmlsec::algorithmNames(xmlsec::AlgorithmKind::Signature)) {
        const xmlsec::Algorithm* a = xmlsec::findAlgorithm(xmlsec::AlgorithmKind::Signature, n);
        if (a && (!a->keyType || a->keyType == key))
            m_signatureAlgorithm->addItem(n, n);
    }
    selectName(m_signatureAlgorithm, keep);
}

void SigningBox::showDefaults(const idp::IssuanceDefaults& preset,
                              const idp::SigningOptions& effective)
{
    const QString fmt = tr("Preset default (%1)");
    m_sign->setItemText(0, fmt.arg(idp::signModeName(preset.sign)));
    m_signatureAlgorithm->setItemText(0, fmt.arg(effective.signatureAlgorithm));
    m_digest->setItemText(0, fmt.arg(preset.digestAlgorithm));
    m_validity->setSpecialValueText(tr("Preset default (%1 s)").arg(preset.validitySeconds));
    // The checkbox shows the preset's choice until the user changes it.
    if (m_keyInfo->isChecked() == m_presetKeyInfo) {
        const QSignalBlocker blocker(m_keyInfo);
        m_keyInfo->setChecked(preset.keyInfoCertificate);
    }
    m_presetKeyInfo = preset.keyInfoCertificate;
}

void SigningBox::setEncryptionAvailable(bool available)
{
    m_encrypt->setEnabled(available);
    if (!available)
        m_encrypt->setChecked(false);
    m_encrypt->setToolTip(
        available
            ? tr("Send an EncryptedAssertion for the SP's encryption certificate.")
            : tr("Needs the SP's encryption certificate: load SP metadata with a KeyDescriptor."));
}

void SigningBox::applyTo(idp::IssueRequest& request) const
{
    if (const QString s = currentName(m_sign); !s.isEmpty())
        request.sign = idp::signModeFromName(s);
    request.key = crypto::keyTypeFromName(currentName(m_key));
    if (const QString s = currentName(m_signatureAlgorithm); !s.isEmpty())
        request.signatureAlgorithm = s;
    if (const QString s = currentName(m_digest); !s.isEmpty())
        request.digestAlgorithm = s;
    if (m_validity->value() > 0)
        request.validitySeconds = m_validity->value();
    if (m_keyInfo->isChecked() != m_presetKeyInfo)
        request.keyInfoCertificate = m_keyInfo->isChecked();
    request.encryption.enabled = m_encrypt->isEnabled() && m_encrypt->isChecked();
    request.encryption.blockCipher = currentName(m_cipher);
}

void SigningBox::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("signing/sign"), currentName(m_sign));
    settings.setValue(QStringLiteral("signing/key"), currentName(m_key));
    settings.setValue(QStringLiteral("signing/signatureAlgorithm"),
                      currentName(m_signatureAlgorithm));
    settings.setValue(QStringLiteral("signing/digest"), currentName(m_digest));
    settings.setValue(QStringLiteral("signing/validity"), m_validity->value());
    settings.setValue(QStringLiteral("signing/encrypt"), m_encrypt->isChecked());
    settings.setValue(QStringLiteral("signing/cipher"), currentName(m_cipher));
}

void SigningBox::restoreSettings(const QSettings& settings)
{
    selectName(m_sign, settings.value(QStringLiteral("signing/sign")).toString());
    selectName(m_key, settings.value(QStringLiteral("signing/key")).toString());
    selectName(m_signatureAlgorithm,
               settings.value(QStringLiteral("signing/signatureAlgorithm")).toString());
    selectName(m_digest, settings.value(QStringLiteral("signing/digest")).toString());
    m_validity->setValue(settings.value(QStringLiteral("signing/validity"), 0).toInt());
    if (m_encrypt->isEnabled())
        m_encrypt->setChecked(settings.value(QStringLiteral("signing/encrypt"), false).toBool());
    const QString cipher = settings.value(QStringLiteral("signing/cipher")).toString();
    if (!cipher.isEmpty())
        selectName(m_cipher, cipher);
}

} // namespace jh::ui
