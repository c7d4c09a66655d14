// Comparing identifiers the way an attacker hopes we don't: e-mail addresses
// and user names that differ only by case, by compatibility forms (full-width
// letters, ligatures) or by look-alike letters from another script. The JIT
// core never merges accounts on these; it uses them to find and report the
// collision.
#pragma once

#include <QString>

namespace jh::jit {

// NFKC normalisation and case folding, repeated until nothing changes, so that
// folding a folded value is a no-op (NFKC can turn a caseless character into
// an upper-case one: U+1D2C MODIFIER LETTER CAPITAL A -> "A"). Qt folds case
// one code point to one code point: "Straße" and "STRASSE" stay apart.
QString foldForComparison(const QString& text);

// A look-alike key: Cyrillic and Greek letters that look like Latin ones are
// replaced by those Latin letters, then the result is folded. Two strings with
// the same skeleton but different folds "look like" each other.
// Limits, on purpose small: about sixty letters from the three scripts;
// no digit/letter confusions (0/O, 1/l), no multi-letter ones (rn/m), no
// Armenian, Cherokee or mathematical alphabets beyond what NFKC already maps.
// It is a reporting aid, not Unicode's UTS #39 confusable detection.
QString confusableSkeleton(const QString& text);

// True when one run of letters mixes scripts (Latin "p" + Cyrillic "а" in
// "pаypal"). Runs are split at anything that is not a letter or a combining
// mark, so "иван@example.ru" (a Cyrillic name at a Latin domain) is not mixed.
bool hasMixedScripts(const QString& text);

} // namespace jh::jit
