// Comparing two presets field by field, so a user can see in one table how
// (say) Okta and Entra differ: which claim carries the e-mail, NameID formats,
// group encodings and limits, signing and timing defaults.
#pragma once

#include "idp/preset.h"

namespace jh::idp {

struct PresetDifference
{
    QString field; // dotted key: "issuance.sign", "attribute[email].name", "groups.limit"
    QString left;  // "(absent)" when only the other preset has the field
    QString right;

    bool operator==(const PresetDifference&) const = default;
};

// The presets flattened to ordered (key, value) pairs; attribute rules are
// keyed by their source ("attribute[email].name"), a second rule with the same
// source by "attribute[email#2]".
QList<std::pair<QString, QString>> flattenPreset(const Preset& p);

// Only the fields whose values differ, in the left preset's order, then the
// fields only the right one has. Identical presets give an empty list.
QList<PresetDifference> diffPresets(const Preset& a, const Preset& b);

} // namespace jh::idp
