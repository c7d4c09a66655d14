#include "message/message_view.h"

#include "message/xml_highlighter.h"
#include "xml/xml_document.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jh::ui {
namespace {

QString shortFormat(const QString& uri)
{
    const qsizetype colon = uri.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? uri : uri.mid(colon + 1);
}

QIcon iconFor(Finding::Kind kind, const QStyle* style)
{
    switch (kind) {
    case Finding::Kind::Pass:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case Finding::Kind::Fail:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Finding::Kind::Note:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

} // namespace

MessageView::MessageView(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_facts(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_claims(new QTreeWidget(this)),
      m_findings(new QListWidget(this)), m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("messageView"));
    m_title->setObjectName(QStringLiteral("messageTitle"));
    m_facts->setObjectName(QStringLiteral("messageFacts"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_base64 = addTextTab(tr("Base64"), QStringLiteral("base64View"), true);
    m_xml = addTextTab(tr("XML (exact bytes)"), QStringLiteral("xmlView"), true);
    m_pretty = addTextTab(tr("Pretty XML"), QStringLiteral("prettyView"), false);
    new XmlHighlighter(m_xml->document());
    new XmlHighlighter(m_pretty->document());
    m_tabs->setTabToolTip(
        Base64Tab, tr("The SAMLResponse value of an HTTP-POST form: base64 of the exact bytes."));
    m_tabs->setTabToolTip(XmlTab, tr("The bytes as sent: the signatures cover exactly these."));
    m_tabs->setTabToolTip(
        PrettyTab,
        tr("Re-indented for reading. Not the signed bytes: do not copy this into an SP."));

    m_claims->setObjectName(QStringLiteral("claimsView"));
    m_claims->setColumnCount(2);
    m_claims->setHeaderLabels({tr("Claim"), tr("Value")});
    m_claims->setRootIsDecorated(true);
    m_claims->setAlternatingRowColors(true);
    m_claims->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tabs->addTab(m_claims, tr("Claims"));
    m_tabs->setTabToolTip(ClaimsTab, tr("The subject and attributes the message asserts."));
    m_tabs->setCornerWidget(buttonsWidget(), Qt::TopRightCorner);
    m_tabs->setDocumentMode(true);

    m_findings->setObjectName(QStringLiteral("findingsList"));
    m_findings->setWordWrap(true);
    m_findings->setTextElideMode(Qt::ElideNone);
    m_findings->setSelectionMode(QAbstractItemView::NoSelection);
    m_findings->setFocusPolicy(Qt::NoFocus);
    m_findings->setIconSize(QSize(16, 16));
    m_findings->setSpacing(2);
    auto* findingsBox = new QWidget(this);
    auto* findingsLayout = new QVBoxLayout(findingsBox);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    auto* findingsTitle = new QLabel(tr("<b>Notes and self-check</b>"), findingsBox);
    findingsTitle->setToolTip(
        tr("What the IdP did that a reader should know, and the IdP re-reading its own message."));
    findingsLayout->addWidget(findingsTitle);
    findingsLayout->addWidget(m_findings);

    m_splitter->setObjectName(QStringLiteral("messageSplitter"));
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(findingsBox);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({600, 110});
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_splitter, 1);
    clear();
}

QPlainTextEdit* MessageView::addTextTab(const QString& title, const QString& objectName, bool wrap)
{
    auto* edit = new QPlainTextEdit(this);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    edit->setPlaceholderText(
        tr("No message yet: pick a person and a preset, then Issue (Ctrl+Return)."));
    m_tabs->addTab(edit, title);
    return edit;
}

QWidget* MessageView::buttonsWidget()
{
    auto* w = new QWidget(this);
    auto* row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 2);
    m_copyBase64 = new QPushButton(tr("Copy base64"), w);
    m_copyXml = new QPushButton(tr("Copy XML"), w);
    m_save = new QPushButton(tr("Save…"), w);
    m_copyBase64->setObjectName(QStringLiteral("copyBase64Button"));
    m_copyXml->setObjectName(QStringLiteral("copyXmlButton"));
    m_save->setObjectName(QStringLiteral("saveMessageButton"));
    m_copyBase64->setToolTip(tr("The SAMLResponse value, ready to paste into a form or a test."));
    m_copyXml->setToolTip(tr("The exact XML bytes (not the pretty-printed text)."));
    m_save->setToolTip(tr("Save the exact XML bytes to a file."));
    for (QPushButton* b : {m_copyBase64, m_copyXml, m_save}) {
        b->setFlat(false);
        row->addWidget(b);
    }
    connect(m_copyBase64, &QPushButton::clicked, this, &MessageView::copyBase64);
    connect(m_copyXml, &QPushButton::clicked, this, &MessageView::copyXml);
    connect(m_save, &QPushButton::clicked, this, &MessageView::saveRequested);
    return w;
}

void MessageView::showMessage(const DisplayedMessage& message)
{
    m_message = message;
    m_title->setText(message.title.toHtmlEscaped());
    m_facts->setText(message.facts.join(QStringLiteral("  ·  ")));
    m_base64->setPlainText(base64());
    m_xml->setPlainText(QString::fromUtf8(message.xml));
    auto pretty = xml::prettyPrint(message.xml, tr("the message"));
    m_pretty->setPlainText(pretty ? *pretty
                                  : tr("Cannot pretty-print: %1").arg(pretty.error().message));
    fillClaims();
    fillFindings();
    updateEnabled();
}

void MessageView::clear()
{
    m_message = {};
    m_title->setText(tr("No message yet"));
    m_facts->setText(tr("Issue a Response to see it as base64, as the exact XML bytes, "
                        "pretty-printed and as claims."));
    for (QPlainTextEdit* e : {m_base64, m_xml, m_pretty})
        e->clear();
    m_claims->clear();
    m_findings->clear();
    updateEnabled();
}

QString MessageView::base64() const
{
    return QString::fromLatin1(m_message.xml.toBase64());
}

QString MessageView::text(Tab tab) const
{
    switch (tab) {
    case Base64Tab:
        return m_base64->toPlainText();
    case XmlTab:
        return m_xml->toPlainText();
    case PrettyTab:
        return m_pretty->toPlainText();
    case ClaimsTab:
        break;
    }
    return {};
}

void MessageView::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void MessageView::copyBase64()
{
    if (!hasMessage())
        return;
    QApplication::clipboard()->setText(base64());
    Q_EMIT statusMessage(
        tr("Copied the base64 SAMLResponse (%1 characters).").arg(base64().size()));
}

void MessageView::copyXml()
{
    if (!hasMessage())
        return;
    QApplication::clipboard()->setText(QString::fromUtf8(m_message.xml));
    Q_EMIT statusMessage(tr("Copied the XML (%1 bytes).").arg(m_message.xml.size()));
}

void MessageView::fillClaims()
{
    m_claims->clear();
    if (!hasMessage())
        return;
    const saml::Subject& s = m_message.subject;
    auto* nameId = new QTreeWidgetItem(m_claims, {tr("NameID"), s.nameId});
    QFont bold = nameId->font(0);
    bold.setBold(true);
    nameId->setFont(0, bold);
    nameId->setToolTip(1, s.nameId);
    if (!s.format.isEmpty())
        new QTreeWidgetItem(nameId, {tr("Format"), shortFormat(s.format)});
    for (const saml::Attribute& a : m_message.attributes) {
        const QString first =
            a.values.size() == 1 ? a.values.first() : tr("%1 values").arg(a.values.size());
        auto* item = new QTreeWidgetItem(m_claims, {a.name, first});
        QStringList tip{a.name};
        if (!a.nameFormat.isEmpty())
            tip << tr("NameFormat: %1").arg(a.nameFormat);
        if (!a.valueType.isEmpty())
            tip << tr("xsi:type: %1").arg(a.valueType);
        if (!a.friendlyName.isEmpty())
            tip << tr("FriendlyName: %1").arg(a.friendlyName);
        item->setToolTip(0, tip.join(QLatin1Char('\n')));
        item->setToolTip(1, a.values.join(QLatin1Char('\n')));
        if (a.values.size() > 1)
            for (const QString& v : a.values)
                (new QTreeWidgetItem(item, {QString(), v}))->setToolTip(1, v);
    }
    m_claims->resizeColumnToContents(0);
    if (m_claims->columnWidth(0) > 460)
        m_claims->setColumnWidth(0, 460);
}

void MessageView::fillFindings()
{
    m_findings->clear();
    for (const Finding& f : m_message.findings) {
        auto* item = new QListWidgetItem(iconFor(f.kind, style()), f.text, m_findings);
        item->setToolTip(f.detail.isEmpty() ? f.text : f.detail);
        item->setData(Qt::UserRole, int(f.kind));
    }
}

void MessageView::updateEnabled()
{
    const bool has = hasMessage();
    m_copyBase64->setEnabled(has);
    m_copyXml->setEnabled(has);
    m_save->setEnabled(has);
}

void MessageView::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("message/tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("message/splitter"), m_splitter->saveState());
}

void MessageView::restoreSettings(const QSettings& settings)
{
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("message/tab"), 0).toInt());
    m_splitter->restoreState(settings.value(QStringLiteral("message/splitter")).toByteArray());
}

} // namespace jh::ui
