// Reading a verified login into the SP's profile, groups and roles. The
// reading is deliberately literal and deliberately unforgiving of ambiguity:
// a value is either taken exactly as sent or not taken at all, and every
// refusal is a warning the outcome shows. Choices made here:
//  - A claim that is sent twice, or with several values for a single-valued
//    field, or longer than maxValueLength, is refused and the next claim of
//    the rule is tried. Picking "the first of two" would let whoever controls
//    the second value's position choose the account's data.
//  - When a userName claim was present but refused, userName stays empty (the
//    account keeps its old one) rather than silently becoming the NameID; the
//    NameID stands in only when no userName claim was sent at all.
//  - Control characters other than tab, LF and CR are kept (the value is the
//    IdP's data, and the output side escapes) but flagged, because in a user
//    name or an e-mail they are almost always an attack on a log or a screen.
//    XML 1.0 cannot carry C0 controls, so over SAML this means DEL and C1.
//  - The e-mail verified flag counts only as the exact text "true": the
//    spelling xs:boolean and JSON use. "TRUE", "1" or " true" are refused with
//    a warning; this flag gates linking by e-mail, so it fails closed.
#include "jit/attribute_mapping.h"

#include "idp/preset.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace jh::jit {
namespace {

// Preset value sources (idp::knownValueSources) that are profile fields,
// possibly under another name. Derived values (objectId, tenantId, localUpn,
// ...) and constants say nothing about the person the SP keeps.
struct SourceField
{
    QLatin1String source;
    QLatin1String field;
};

constexpr SourceField kSourceFields[] = {
    {QLatin1String("email"), QLatin1String("email")},
    {QLatin1String("givenName"), QLatin1String("givenName")},
    {QLatin1String("familyName"), QLatin1String("familyName")},
    {QLatin1String("displayName"), QLatin1String("displayName")},
    {QLatin1String("department"), QLatin1String("department")},
    {QLatin1String("username"), QLatin1String("userName")},
    {QLatin1String("upn"), QLatin1String("userName")},
};

constexpr QLatin1String kCustomPrefix("custom:");

// The profile field a preset source fills; empty when none.
QString fieldForSource(const QString& source)
{
    for (const SourceField& s : kSourceFields) {
        if (source == s.source)
            return s.field;
    }
    if (source.startsWith(kCustomPrefix)) {
        QString name = source.mid(kCustomPrefix.size());
        if (profileFields().contains(name))
            return name;
    }
    return {};
}

// Every Attribute element of the login by Name; a Name with more than one
// element is a repeated claim.
using SentClaims = QHash<QString, QList<const saml::Attribute*>>;

SentClaims indexClaims(const QList<saml::Attribute>& attributes)
{
    SentClaims sent;
    for (const saml::Attribute& a : attributes)
        sent[a.name].append(&a);
    return sent;
}

// A value for a warning: quoted when short, else only its length, so that a
// megabyte value cannot turn the warnings into a megabyte too.
QString shown(const QString& value)
{
    constexpr qsizetype kShownMax = 200;
    if (value.size() <= kShownMax)
        return QLatin1Char('"') + value + QLatin1Char('"');
    return QStringLiteral("a value of %1 characters").arg(value.size());
}

bool isFlaggedControl(QChar c)
{
    return c.category() == QChar::Other_Control && c != QLatin1Char('\t') &&
           c != QLatin1Char('\n') && c != QLatin1Char('\r');
}

enum class ReadState
{
    Absent,  // not sent, or sent with no (or one empty) value
    Taken,   // `value` is the one value sent
    Refused, // sent, but not usable; a warning says why
};

struct SingleValue
{
    ReadState state = ReadState::Absent;
    QString value;
};

SingleValue readSingle(const SentClaims& sent, const QString& field, const QString& claim,
                       int maxLength, QStringList& warnings)
{
    const auto it = sent.constFind(claim);
    if (it == sent.constEnd())
        return {};
    if (it->size() > 1) {
        warnings << QStringLiteral("%1: %2 sent %3 times, none taken")
                        .arg(field, claim, QString::number(it->size()));
        return {ReadState::Refused, {}};
    }
    const QStringList& values = it->front()->values;
    if (values.isEmpty() || (values.size() == 1 && values.front().isEmpty()))
        return {};
    if (values.size() > 1) {
        warnings << QStringLiteral("%1: %2 values sent in %3, none taken")
                        .arg(field, QString::number(values.size()), claim);
        return {ReadState::Refused, {}};
    }
    const QString& value = values.front();
    if (value.size() > maxLength) {
        warnings << QStringLiteral("%1: value of %2 characters in %3 is longer than %4, not taken")
                        .arg(field, QString::number(value.size()), claim,
                             QString::number(maxLength));
        return {ReadState::Refused, {}};
    }
    const auto control = std::find_if(value.cbegin(), value.cend(), isFlaggedControl);
    if (control != value.cend()) {
        warnings << QStringLiteral("%1: value in %2 has control characters (U+%3 at %4), "
                                   "taken literally")
                        .arg(field, claim,
                             QString::number(control->unicode(), 16)
                                 .toUpper()
                                 .rightJustified(4, QLatin1Char('0')),
                             QString::number(control - value.cbegin()));
    }
    return {ReadState::Taken, value};
}

// Fills `profile` from the claim rules; returns the fields for which a claim
// was present (taken or refused), so that userName's NameID default applies
// only when nothing was sent for it.
QSet<QString> readProfile(const SentClaims& sent, const AttributeMapping& mapping, Profile& profile,
                          QStringList& warnings)
{
    QSet<QString> present;
    for (const ClaimRule& rule : mapping.claims) {
        const std::optional<QString> current = profileValue(profile, rule.field);
        if (!current) {
            warnings << QStringLiteral(
                            "mapping: %1 is not a profile field, its claims are not read")
                            .arg(rule.field);
            continue;
        }
        if (!current->isEmpty())
            continue; // an earlier rule for the same field already filled it
        for (const QString& claim : rule.claims) {
            const SingleValue v =
                readSingle(sent, rule.field, claim, mapping.maxValueLength, warnings);
            if (v.state == ReadState::Absent)
                continue;
            present.insert(rule.field);
            if (v.state == ReadState::Taken) {
                setProfileValue(profile, rule.field, v.value);
                break;
            }
        }
    }
    return present;
}

GroupsState readGroups(const SentClaims& sent, const AttributeMapping& mapping, QStringList& groups,
                       QStringList& warnings)
{
    if (mapping.groupsClaim.isEmpty())
        return GroupsState::NotMapped;
    const auto groupsIt = sent.constFind(mapping.groupsClaim);
    const bool groupsSent = groupsIt != sent.constEnd();
    const auto overageIt =
        mapping.overageClaim.isEmpty() ? sent.constEnd() : sent.constFind(mapping.overageClaim);
    if (overageIt != sent.constEnd()) {
        QStringList links;
        for (const saml::Attribute* a : *overageIt)
            links << a->values;
        QString w = QStringLiteral("groups overage: %1 sent instead of the groups (%2); no groups "
                                   "read")
                        .arg(mapping.overageClaim, shown(links.join(QLatin1Char(' '))));
        if (groupsSent) {
            qsizetype count = 0;
            for (const saml::Attribute* a : *groupsIt)
                count += a->values.size();
            w += QStringLiteral(", and the %1 values also sent in %2 are ignored: they may be only "
                                "part of the groups")
                     .arg(QString::number(count), mapping.groupsClaim);
        }
        warnings << w;
        return GroupsState::Overage;
    }
    if (!groupsSent) {
        warnings << QStringLiteral("no groups claim (%1): roles left as they are unless the policy "
                                   "says otherwise")
                        .arg(mapping.groupsClaim);
        return GroupsState::NotSent;
    }
    if (groupsIt->size() > 1) {
        // Which element is the real list is unknowable; merging them would let
        // the second one add groups. Unknown is the honest answer.
        warnings << QStringLiteral("groups: %1 sent %2 times, none read: treated as not sent")
                        .arg(mapping.groupsClaim, QString::number(groupsIt->size()));
        return GroupsState::NotSent;
    }
    groups = groupsIt->front()->values;
    return GroupsState::Sent;
}

// Empty names never match: an empty group value must not meet an unfinished
// rule, and a rule with no issuer applies to no IdP.
bool isComplete(const RoleRule& rule)
{
    return !rule.issuer.isEmpty() && !rule.group.isEmpty() && !rule.role.isEmpty();
}

// Why a group granted nothing when it looks like one the allow-list names:
// the near-misses a reader would otherwise take for a bug.
void explainUnmatched(const QString& issuer, const QString& group, const QList<RoleRule>& roles,
                      QStringList& warnings)
{
    for (const RoleRule& rule : roles) {
        if (!isComplete(rule))
            continue;
        if (rule.group == group && rule.issuer != issuer) {
            warnings << QStringLiteral("groups: %1 is mapped only for issuer %2, not for %3: no "
                                       "role")
                            .arg(shown(group), rule.issuer, issuer);
            return;
        }
        if (rule.issuer == issuer &&
            rule.group.trimmed().compare(group.trimmed(), Qt::CaseInsensitive) == 0) {
            warnings << QStringLiteral("groups: %1 sent, %2 mapped (case or spaces differ): no "
                                       "role")
                            .arg(shown(group), shown(rule.group));
            return;
        }
    }
}

bool readEmailVerified(const SentClaims& sent, const QString& claim, QStringList& warnings)
{
    if (claim.isEmpty())
        return false;
    const auto it = sent.constFind(claim);
    if (it == sent.constEnd())
        return false;
    if (it->size() == 1 && it->front()->values == QStringList{QStringLiteral("true")})
        return true;
    if (it->size() == 1 && it->front()->values == QStringList{QStringLiteral("false")})
        return false;
    QStringList values;
    for (const saml::Attribute* a : *it)
        values << a->values;
    warnings << QStringLiteral("email not verified: %1 sent %2, only the single value \"true\" "
                               "counts")
                    .arg(claim, shown(values.join(QStringLiteral(", "))));
    return false;
}

} // namespace

AttributeMapping defaultMapping(const idp::Preset& preset)
{
    AttributeMapping m;
    for (const idp::AttributeRule& a : preset.attributes) {
        const QString field = fieldForSource(a.source);
        if (field.isEmpty() || a.name.isEmpty())
            continue;
        auto rule = std::find_if(m.claims.begin(), m.claims.end(),
                                 [&](const ClaimRule& r) { return r.field == field; });
        if (rule == m.claims.end())
            m.claims.append({field, {a.name}});
        else if (!rule->claims.contains(a.name))
            rule->claims.append(a.name);
    }
    if (preset.groups.enabled) {
        m.groupsClaim = preset.groups.attribute;
        if (preset.groups.overage == idp::GroupOverage::LinkClaim)
            m.overageClaim = preset.groups.overageAttribute;
    }
    m.emailVerifiedClaim = preset.email.verifiedAttribute;
    return m;
}

QString groupsStateName(GroupsState s)
{
    switch (s) {
    case GroupsState::Sent:
        return QStringLiteral("sent");
    case GroupsState::NotSent:
        return QStringLiteral("not-sent");
    case GroupsState::Overage:
        return QStringLiteral("overage");
    case GroupsState::NotMapped:
        return QStringLiteral("not-mapped");
    }
    return {};
}

MappedLogin mapLogin(const sp::VerifiedLogin& login, const AttributeMapping& mapping)
{
    MappedLogin out;
    out.issuer = login.issuer;
    out.subject = login.nameId;
    out.nameIdFormat = login.nameIdFormat;

    const SentClaims sent = indexClaims(login.attributes);
    const QSet<QString> present = readProfile(sent, mapping, out.profile, out.warnings);
    if (out.profile.userName.isEmpty()) {
        if (present.contains(QStringLiteral("userName")))
            out.warnings << QStringLiteral("userName: left empty, not replaced by the NameID");
        else
            out.profile.userName = login.nameId;
    }

    QStringList groups;
    out.groups = readGroups(sent, mapping, groups, out.warnings);
    QStringList granted;
    QSet<QString> ignored;
    for (const QString& group : std::as_const(groups)) {
        bool matched = false;
        for (const RoleRule& rule : mapping.roles) {
            if (isComplete(rule) && rule.issuer == login.issuer && rule.group == group) {
                granted << rule.role;
                matched = true;
            }
        }
        if (!matched && !ignored.contains(group)) {
            ignored.insert(group);
            out.groupsIgnored << group;
            explainUnmatched(login.issuer, group, mapping.roles, out.warnings);
        }
    }
    out.rolesGranted = normalizedRoles(granted);

    // The flag speaks about the address taken: with no address it says nothing.
    out.emailVerified = readEmailVerified(sent, mapping.emailVerifiedClaim, out.warnings) &&
                        !out.profile.email.isEmpty();
    return out;
}

} // namespace jh::jit
