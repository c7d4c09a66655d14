// XML Signature Wrapping, XSW1-XSW8, as Somorovsky et al. describe them and
// SAML Raider (CompassSecurity/SAMLRaider, XSWHelpers) builds them: from a
// validly signed message, the signed element is cloned and moved so that the
// signature still verifies over the original while an SP that reads "the"
// assertion by position reads the attacker's copy (NameID: the admin's).
// Done with the libxml2 tree API on the signed document. XSW1/2 wrap the
// Response signature (Response and Assertion signed); XSW3-8 the Assertion's.
//
// Which check catches each follows from where the copies sit: an ID used
// twice (structure.unique-ids: XSW1, 2, 7, 8, which keep the original's ID
// somewhere) or, with every ID unique, an Assertion besides the Response's
// one (structure.single-assertion: XSW3-6, a second child or one nested
// inside the other or its signature). The SP checks IDs first: XSW1/2/7/8
// also carry a second assertion.
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "xml/xml_document.h"

namespace jh::idp::faults {
namespace {

using namespace sp::check;
using xml::xc;

const QString kEvilResponseId = QStringLiteral("_evil_response_ID");
const QString kEvilAssertionId = QStringLiteral("_evil_assertion_ID");

using Wrap = std::function<Result<void>(saml::ResponseDocument& rd, const saml::AssertionSpec&)>;

Result<QByteArray> wrapped(const FaultInput& in, SignMode mode, Wrap wrap)
{
    Recipe r;
    r.sign = mode;
    r.afterSigning = [&](saml::ResponseDocument& rd) {
        return wrap(rd, in.spec);
    };
    return render(in, in.spec, r);
}

// A copy of `element` without its own ds:Signature: the signed original as
// the attacker re-files it.
xmlNode* unsignedCopy(xmlNode* element)
{
    xmlNode* copy = deepCopy(element);
    if (xmlNode* sig = signatureOf(copy))
        removeNode(sig);
    return copy;
}

Result<void> xsw1(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    xmlNode* original = unsignedCopy(rd.response);
    xmlAddChild(signatureOf(rd.response), original);
    setAttribute(rd.response, "ID", kEvilResponseId);
    return impersonate(rd.assertion, spec);
}

Result<void> xsw2(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    xmlNode* original = unsignedCopy(rd.response);
    xmlAddPrevSibling(signatureOf(rd.response), original);
    setAttribute(rd.response, "ID", kEvilResponseId);
    return impersonate(rd.assertion, spec);
}

// An unsigned copy of the assertion, renamed and speaking for the admin.
Result<xmlNode*> evilCopy(xmlNode* assertion, const saml::AssertionSpec& spec, bool newId)
{
    xmlNode* evil = unsignedCopy(assertion);
    if (newId)
        setAttribute(evil, "ID", kEvilAssertionId);
    if (auto i = impersonate(evil, spec); !i) {
        xmlFreeNode(evil);
        return i.error();
    }
    return evil;
}

Result<void> xsw3(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    auto evil = evilCopy(rd.assertion, spec, true);
    if (!evil)
        return evil.error();
    xmlAddPrevSibling(rd.assertion, *evil);
    return {};
}

Result<void> xsw4(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    auto evil = evilCopy(rd.assertion, spec, true);
    if (!evil)
        return evil.error();
    xmlAddChild(rd.response, *evil);
    xmlUnlinkNode(rd.assertion);
    xmlAddChild(*evil, rd.assertion);
    return {};
}

// XSW5, 6 and 8 turn the signed assertion itself into the evil one and file
// an unsigned copy of the original elsewhere.
Result<void> evilInPlace(saml::ResponseDocument& rd, const saml::AssertionSpec& spec, bool newId)
{
    if (newId)
        setAttribute(rd.assertion, "ID", kEvilAssertionId);
    return impersonate(rd.assertion, spec);
}

Result<void> xsw5(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    xmlAddChild(rd.response, unsignedCopy(rd.assertion));
    return evilInPlace(rd, spec, true);
}

Result<void> xsw6(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    xmlAddChild(signatureOf(rd.assertion), unsignedCopy(rd.assertion));
    return evilInPlace(rd, spec, true);
}

Result<void> xsw7(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    // samlp:Extensions takes any content (lax schema), so a schema-validating
    // SP lets the copy through; it keeps the original's ID.
    auto evil = evilCopy(rd.assertion, spec, false);
    if (!evil)
        return evil.error();
    xmlNode* extensions = xmlNewDocNode(rd.doc.get(), rd.response->ns, xc("Extensions"), nullptr);
    insertAfterHeader(rd.response, extensions);
    xmlAddChild(extensions, *evil);
    return {};
}

Result<void> xsw8(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    xmlNode* sig = signatureOf(rd.assertion);
    xmlNode* object = xmlNewChild(sig, sig->ns, xc("Object"), nullptr);
    xmlAddChild(object, unsignedCopy(rd.assertion));
    return evilInPlace(rd, spec, false);
}

struct Variant
{
    const char* name;
    SignMode mode;
    const char* check;
    const char* summary;
    Result<void> (*wrap)(saml::ResponseDocument&, const saml::AssertionSpec&);
};

const Variant kVariants[] = {
    {"xsw1", SignMode::Both, kStructureUniqueIds,
     "XSW1: the Response gets a new ID and the admin's assertion; an unsigned copy of the "
     "original Response goes inside its ds:Signature, where the Reference finds it.",
     xsw1},
    {"xsw2", SignMode::Both, kStructureUniqueIds,
     "XSW2: as XSW1, with the original Response copied just before the ds:Signature (a "
     "detached signature).",
     xsw2},
    {"xsw3", SignMode::Assertion, kStructureSingleAssertion,
     "XSW3: an unsigned admin assertion with a new ID placed before the signed original.", xsw3},
    {"xsw4", SignMode::Assertion, kStructureSingleAssertion,
     "XSW4: an unsigned admin assertion with a new ID replaces the original, which moves inside "
     "it as its last child.",
     xsw4},
    {"xsw5", SignMode::Assertion, kStructureSingleAssertion,
     "XSW5: the signed assertion becomes the admin's (new ID, its signature kept); an unsigned "
     "copy of the original goes at the end of the Response.",
     xsw5},
    {"xsw6", SignMode::Assertion, kStructureSingleAssertion,
     "XSW6: the signed assertion becomes the admin's (new ID); an unsigned copy of the original "
     "goes inside its ds:Signature.",
     xsw6},
    {"xsw7", SignMode::Assertion, kStructureUniqueIds,
     "XSW7: an unsigned admin copy of the assertion (same ID) inside samlp:Extensions, before "
     "the signed original.",
     xsw7},
    {"xsw8", SignMode::Assertion, kStructureUniqueIds,
     "XSW8: the signed assertion becomes the admin's (same ID); an unsigned copy of the original "
     "goes in a ds:Object inside its signature.",
     xsw8},
};

} // namespace

QList<Fault> wrappingFaults()
{
    FaultList list(QStringLiteral("wrapping"));
    for (const Variant& v : kVariants) {
        const auto wrap = v.wrap;
        const SignMode mode = v.mode;
        Fault& f = list.add(
            v.name, v.check, QString::fromLatin1(v.summary),
            QStringLiteral("Somorovsky et al., \"On Breaking SAML: Be Whoever You Want to Be\" "
                           "(USENIX Security 2012); SAML Raider %1")
                .arg(QString::fromLatin1(v.name).toUpper()),
            [wrap, mode](const FaultInput& in) { return wrapped(in, mode, wrap); });
        f.signMode = mode;
        f.encrypted = false;
    }
    return list.take();
}

} // namespace jh::idp::faults
