// SCIM filters and PATCH paths (RFC 7644 §3.4.2.2 and §3.5.2): parsing into a
// small immutable tree, a canonical text form, and evaluation against a SCIM
// resource as JSON. Independent of any store: the SCIM service runs a filter
// over the resources it has rendered, so that list results and PATCH targets
// follow one set of matching rules.
//
// Parsing is strict and reports a 1-based column (in UTF-16 code units) with
// what was expected, under the error id "scim.invalidFilter" — the service
// turns that into scimType invalidFilter (or invalidPath for PATCH paths).
// Keywords (operators, and/or/not, true/false/null) are case-insensitive, as
// quoted literals are in ABNF; attribute names keep the case they were written
// in and are matched case-insensitively (RFC 7643 §2.1).
//
// Limits keep hostile input cheap: kMaxFilterLength characters and
// kMaxFilterDepth levels of "(", "not (" and "[", checked before recursing.
// A flat chain of and/or is parsed by iteration; its tree is at most
// kMaxFilterLength / 8 levels deep, which the recursive walkers can afford.
//
// One extension to the RFC grammar: `emails[type eq "work"].value eq "x"`, a
// value path followed by a sub-attribute comparison, because Microsoft Entra
// ID sends it when its matching attribute is a value path. It means "some
// element matches the bracketed filter and the comparison".
#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>
#include <memory>
#include <variant>

namespace jh::scim {

inline constexpr qsizetype kMaxFilterLength = 4096;
inline constexpr int kMaxFilterDepth = 32;

// `urn:...:User:name.familyName` -> {schema "urn:...:User", name "name",
// subAttr "familyName"}. Inside a value filter, paths are relative to one
// element of the bracketed attribute.
struct AttrPath
{
    QString schema; // URN without the trailing ':'; empty when not written
    QString name;
    QString subAttr; // empty when not written

    friend bool operator==(const AttrPath&, const AttrPath&) = default;
};

enum class CompareOp
{
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le
};

struct FilterNode;
// Shared and const: a parsed filter never changes, so copies can share nodes.
using FilterNodePtr = std::shared_ptr<const FilterNode>;

struct Compare
{
    AttrPath path;
    CompareOp op = CompareOp::Eq;
    QJsonValue value; // null, bool, double or string
};

struct Present
{
    AttrPath path;
};

struct And
{
    FilterNodePtr left;
    FilterNodePtr right;
};

struct Or
{
    FilterNodePtr left;
    FilterNodePtr right;
};

struct Not
{
    FilterNodePtr inner;
};

struct ValuePath
{
    AttrPath attr;        // never has a subAttr: `emails.value[...]` is refused
    FilterNodePtr filter; // paths relative to one element
    FilterNodePtr tail;   // the Entra extension's `.sub op value`; usually null
};

struct FilterNode
{
    std::variant<Compare, Present, And, Or, Not, ValuePath> node;
};

struct Filter
{
    FilterNodePtr root; // never null in a parsed filter

    friend bool operator==(const Filter& a, const Filter& b);
};

// A PATCH operation's "path": `name.familyName`,
// `urn:...:enterprise:2.0:User:employeeNumber`, `members[value eq "2819c"]`
// or `emails[type eq "work"].value`.
struct PatchPath
{
    AttrPath attr;        // the attribute, with its subAttr when no filter
    FilterNodePtr filter; // null unless a value filter was written
    QString subAttr;      // the sub-attribute after `]`; empty otherwise

    friend bool operator==(const PatchPath& a, const PatchPath& b);
};

Result<Filter> parseFilter(const QString& text);
Result<PatchPath> parsePath(const QString& text);

QString compareOpName(CompareOp op); // "eq", "ne", ...
QString toString(const AttrPath& path);
// Canonical: lower-case keywords, single spaces, JSON-quoted strings, and
// only the parentheses the tree needs (and/or associate to the left, and
// binds tighter), so parseFilter(toString(f)) == f.
QString toString(const Filter& filter);
QString toString(const PatchPath& path);

// Which attributes compare strings case-sensitively (caseExact in RFC 7643).
// Keys are the attribute path without schema, case-insensitive: "id",
// "meta.version", "emails.value". Extension attributes are keyed by their
// name alone, so a clash with a core name shares its setting.
class AttributeCaseExact
{
public:
    AttributeCaseExact() = default; // nothing is case-exact
    explicit AttributeCaseExact(const QStringList& paths);

    // The caseExact=true attributes of RFC 7643's User, Group and common
    // attributes: id, externalId, meta.resourceType, meta.location,
    // meta.version, x509Certificates.value. userName is caseExact=false.
    static AttributeCaseExact rfc7643Defaults();

    bool contains(const QString& path) const;

private:
    QSet<QString> m_paths; // lower-case
};

// Evaluation rules (RFC 7644 §3.4.2.2, with these decisions where it is silent):
// - a complex attribute compared without a sub-attribute compares its "value";
// - multi-valued attributes match when any value matches; `ne` is "no value
//   is equal", so a missing attribute is `ne` anything;
// - `eq null` matches a missing or null attribute, `ne null` the opposite;
// - `pr` is false for missing, null, "", [] and {};
// - strings: eq/ne/co/sw/ew/gt/ge/lt/le compare UTF-16 code units, folded
//   unless the attribute is case-exact; when both sides are full dateTimes
//   with a zone (2011-05-13T04:42:34Z, +02:00 offsets, fractions) eq, ne and
//   the orderings compare instants instead;
// - numbers compare numerically; booleans support only eq/ne; a type
//   mismatch never matches (so its `ne` is true);
// - `urn:...:Ext:attr` looks into the resource's "urn:...:Ext" object; a
//   `urn:ietf:params:scim:schemas:core:` prefix looks at the top level.
bool matches(const Filter& filter, const QJsonObject& resource,
             const AttributeCaseExact& caseExact = AttributeCaseExact::rfc7643Defaults());

} // namespace jh::scim
