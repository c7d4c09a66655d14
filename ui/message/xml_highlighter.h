// Colours for reading XML: element names, attribute names and values,
// comments. Display only — nothing here parses the message for meaning.
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace jh::ui {

class XmlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit XmlHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat m_tag;
    QTextCharFormat m_attribute;
    QTextCharFormat m_value;
    QTextCharFormat m_comment;
    QRegularExpression m_tagPattern;
    QRegularExpression m_attributePattern;
};

} // namespace jh::ui
