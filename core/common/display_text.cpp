#include "common/display_text.h"

namespace jh {
namespace {

// Shown as \uXXXX: controls, format characters (bidi overrides, zero-width),
// the Unicode line and paragraph separators (line breaks to many viewers)
// and lone surrogates.
bool escaped(char32_t cp)
{
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Surrogate:
        return true;
    default:
        return false;
    }
}

} // namespace

// Values are stored literally; on a terminal they are shown escaped and
// bounded, so a newline or an escape sequence in a claim cannot forge lines
// of the report and a megabyte value cannot bury it.
QString displayValue(const QString& value)
{
    constexpr qsizetype kMax = 200;
    QString out;
    qsizetype i = 0;
    for (; i < value.size() && i < kMax; ++i) {
        const QChar c = value.at(i);
        if (c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(c, value.at(i + 1));
            if (escaped(cp))
                out += QStringLiteral("\\U%1").arg(uint(cp), 8, 16, QLatin1Char('0'));
            else
                out += QStringView(value).mid(i, 2);
            ++i;
        } else if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
        } else if (c == QLatin1Char('\t')) {
            out += QStringLiteral("\\t");
        } else if (c == QLatin1Char('\\')) {
            out += QStringLiteral("\\\\");
        } else if (escaped(c.unicode())) {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    if (i < value.size())
        out += QStringLiteral("… (%1 characters)").arg(value.size());
    return out;
}

} // namespace jh
