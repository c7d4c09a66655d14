#include "jit/text_fold.h"

#include <QList>
#include <algorithm>
#include <array>

namespace jh::jit {
namespace {

struct LookAlike
{
    char16_t from;
    char16_t to; // a Latin letter
};

// Greek and Cyrillic letters drawn like a Latin letter in common fonts, both
// cases, mapped before folding so that Greek capital NU ("N") and small nu
// ("v") each go to the letter they resemble. Sorted by `from`.
constexpr std::array<LookAlike, 58> kLookAlikes{{
    {u'\u0131', u'i'}, // dotless i
    {u'\u0391', u'A'}, {u'\u0392', u'B'}, {u'\u0395', u'E'}, {u'\u0396', u'Z'},
    {u'\u0397', u'H'}, {u'\u0399', u'I'}, {u'\u039A', u'K'}, {u'\u039C', u'M'},
    {u'\u039D', u'N'}, {u'\u039F', u'O'}, {u'\u03A1', u'P'}, {u'\u03A4', u'T'},
    {u'\u03A5', u'Y'}, {u'\u03A7', u'X'}, // Greek capitals
    {u'\u03B1', u'a'}, {u'\u03B9', u'i'}, {u'\u03BA', u'k'}, {u'\u03BD', u'v'},
    {u'\u03BF', u'o'}, {u'\u03C1', u'p'}, {u'\u03C5', u'u'}, {u'\u03C7', u'x'},
    {u'\u03F2', u'c'}, {u'\u03F3', u'j'}, // Greek small letters
    {u'\u0405', u'S'}, {u'\u0406', u'I'}, {u'\u0408', u'J'}, {u'\u0410', u'A'},
    {u'\u0412', u'B'}, {u'\u0415', u'E'}, {u'\u041A', u'K'}, {u'\u041C', u'M'},
    {u'\u041D', u'H'}, {u'\u041E', u'O'}, {u'\u0420', u'P'}, {u'\u0421', u'C'},
    {u'\u0422', u'T'}, {u'\u0423', u'Y'}, {u'\u0425', u'X'}, // Cyrillic capitals
    {u'\u0430', u'a'}, {u'\u0435', u'e'}, {u'\u043E', u'o'}, {u'\u0440', u'p'},
    {u'\u0441', u'c'}, {u'\u0443', u'y'}, {u'\u0445', u'x'}, {u'\u0455', u's'},
    {u'\u0456', u'i'}, {u'\u0458', u'j'}, {u'\u04BB', u'h'}, // Cyrillic small letters
    {u'\u04C0', u'I'}, {u'\u04CF', u'l'},                    // palochka
    {u'\u0501', u'd'}, {u'\u051A', u'Q'}, {u'\u051B', u'q'}, {u'\u051C', u'W'},
    {u'\u051D', u'w'},
}};

static_assert(std::is_sorted(kLookAlikes.begin(), kLookAlikes.end(),
                             [](const LookAlike& a, const LookAlike& b) {
                                 return a.from < b.from;
                             }));

QChar latinLookAlike(QChar c)
{
    const auto it =
        std::lower_bound(kLookAlikes.begin(), kLookAlikes.end(), c.unicode(),
                         [](const LookAlike& entry, char16_t value) { return entry.from < value; });
    if (it != kLookAlikes.end() && it->from == c.unicode())
        return QChar(it->to);
    return c;
}

bool scriptNeutral(QChar::Script s)
{
    return s == QChar::Script_Common || s == QChar::Script_Inherited || s == QChar::Script_Unknown;
}

} // namespace

QString foldForComparison(const QString& text)
{
    // Two passes settle every string seen in practice; the bound keeps a
    // pathological input from looping.
    QString folded = text;
    for (int pass = 0; pass < 4; ++pass) {
        QString next = folded.normalized(QString::NormalizationForm_KC).toCaseFolded();
        if (next == folded)
            break;
        folded = std::move(next);
    }
    return folded;
}

QString confusableSkeleton(const QString& text)
{
    // Normalise first, so that compatibility forms and combining sequences
    // reach the table as the single letters it lists.
    QString mapped = text.normalized(QString::NormalizationForm_KC);
    for (QChar& c : mapped)
        c = latinLookAlike(c);
    return foldForComparison(mapped);
}

bool hasMixedScripts(const QString& text)
{
    QChar::Script runScript = QChar::Script_Common;
    for (const char32_t cp : text.toUcs4()) {
        if (!QChar::isLetter(cp) && !QChar::isMark(cp)) {
            runScript = QChar::Script_Common;
            continue;
        }
        const QChar::Script s = QChar::script(cp);
        if (scriptNeutral(s))
            continue;
        if (scriptNeutral(runScript))
            runScript = s;
        else if (s != runScript)
            return true;
    }
    return false;
}

} // namespace jh::jit
