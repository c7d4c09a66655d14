#include "message/xml_highlighter.h"

namespace jh::ui {
namespace {

constexpr int kInComment = 1;

} // namespace

XmlHighlighter::XmlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document),
      m_tagPattern(QStringLiteral(R"(</?[\w.:-]+|/?>|<\?[\w.:-]+|\?>)")),
      m_attributePattern(QStringLiteral(R"(([\w.:-]+)\s*=\s*("[^"]*"|'[^']*'))"))
{
    // Mid-tone colours that stay readable on light and dark palettes.
    m_tag.setForeground(QColor(0x2f, 0x6f, 0xb3));
    m_attribute.setForeground(QColor(0xa3, 0x5a, 0x1a));
    m_value.setForeground(QColor(0x2e, 0x8b, 0x57));
    m_comment.setForeground(QColor(0x80, 0x80, 0x80));
    m_comment.setFontItalic(true);
}

void XmlHighlighter::highlightBlock(const QString& text)
{
    for (auto it = m_tagPattern.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_tag);
    }
    for (auto it = m_attributePattern.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), m_attribute);
        setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), m_value);
    }
    // Comments last, so that what looks like markup inside them is grey too.
    setCurrentBlockState(0);
    qsizetype start = previousBlockState() == kInComment ? 0 : text.indexOf(QStringLiteral("<!--"));
    while (start >= 0) {
        const qsizetype end = text.indexOf(QStringLiteral("-->"), start);
        qsizetype length = 0;
        if (end < 0) {
            setCurrentBlockState(kInComment);
            length = text.size() - start;
        } else {
            length = end - start + 3;
        }
        setFormat(int(start), int(length), m_comment);
        start = end < 0 ? -1 : text.indexOf(QStringLiteral("<!--"), start + length);
    }
}

} // namespace jh::ui
