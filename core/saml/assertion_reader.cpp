#include "saml/assertion_reader.h"

#include "saml/saml_names.h"
#include "time/clock.h"
#include "xml/xml_document.h"

namespace jh::saml {
namespace {

using xml::attribute;
using xml::firstChild;

QDateTime timeAttr(const xmlNode* n, const char* name)
{
    const QString v = attribute(n, name);
    return v.isNull() ? QDateTime() : parseIsoInstant(v);
}

QString nsAttribute(const xmlNode* n, const char* ns, const char* name)
{
    xml::XmlCharPtr v(xmlGetNsProp(n, xml::xc(name), xml::xc(ns)));
    return v ? xml::toQString(v.get()) : QString();
}

} // namespace

QList<xmlNode*> children(const xmlNode* parent, const char* ns, const char* localName)
{
    QList<xmlNode*> out;
    for (xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
        if (xml::isElement(c, ns, localName))
            out << c;
    return out;
}

void readResponseEnvelope(const xmlNode* response, AssertionSpec& spec)
{
    spec.responseId = attribute(response, "ID");
    spec.destination = attribute(response, "Destination");
    spec.inResponseTo = attribute(response, "InResponseTo");
    spec.issueInstant = timeAttr(response, "IssueInstant");
    if (const xmlNode* issuer = firstChild(response, kNsAssertion, "Issuer"))
        spec.issuer = xml::textContent(issuer);
    if (const xmlNode* status = firstChild(response, kNsProtocol, "Status")) {
        spec.statusCode = attribute(firstChild(status, kNsProtocol, "StatusCode"), "Value");
        if (const xmlNode* msg = firstChild(status, kNsProtocol, "StatusMessage"))
            spec.statusMessage = xml::textContent(msg);
    } else {
        spec.statusCode.clear();
    }
}

void readAssertion(const xmlNode* assertion, AssertionSpec& spec)
{
    spec.assertionId = attribute(assertion, "ID");
    if (const xmlNode* issuer = firstChild(assertion, kNsAssertion, "Issuer"))
        spec.issuer = xml::textContent(issuer);

    const xmlNode* subject = firstChild(assertion, kNsAssertion, "Subject");
    if (const xmlNode* nameId = firstChild(subject, kNsAssertion, "NameID")) {
        spec.subject.nameId = xml::textContent(nameId);
        spec.subject.format = attribute(nameId, "Format");
        spec.subject.nameQualifier = attribute(nameId, "NameQualifier");
        spec.subject.spNameQualifier = attribute(nameId, "SPNameQualifier");
    }
    spec.confirmation = {};
    spec.confirmation.present = false;
    for (const xmlNode* sc : children(subject, kNsAssertion, "SubjectConfirmation")) {
        if (attribute(sc, "Method") != QLatin1String(kBearer))
            continue;
        spec.confirmation.present = true;
        const xmlNode* scd = firstChild(sc, kNsAssertion, "SubjectConfirmationData");
        spec.confirmation.recipient = attribute(scd, "Recipient");
        spec.confirmation.notOnOrAfter = timeAttr(scd, "NotOnOrAfter");
        spec.confirmation.inResponseTo = attribute(scd, "InResponseTo");
        break;
    }

    spec.conditions = {};
    const xmlNode* conditions = firstChild(assertion, kNsAssertion, "Conditions");
    spec.conditions.present = conditions != nullptr;
    spec.conditions.notBefore = timeAttr(conditions, "NotBefore");
    spec.conditions.notOnOrAfter = timeAttr(conditions, "NotOnOrAfter");
    for (const xmlNode* r : children(conditions, kNsAssertion, "AudienceRestriction"))
        for (const xmlNode* a : children(r, kNsAssertion, "Audience"))
            spec.conditions.audiences << xml::textContent(a);

    spec.authn = {};
    const xmlNode* authn = firstChild(assertion, kNsAssertion, "AuthnStatement");
    spec.authn.present = authn != nullptr;
    spec.authn.authnInstant = timeAttr(authn, "AuthnInstant");
    spec.authn.sessionIndex = attribute(authn, "SessionIndex");
    spec.authn.sessionNotOnOrAfter = timeAttr(authn, "SessionNotOnOrAfter");
    if (const xmlNode* ctx = firstChild(authn, kNsAssertion, "AuthnContext"))
        if (const xmlNode* ref = firstChild(ctx, kNsAssertion, "AuthnContextClassRef"))
            spec.authn.classRef = xml::textContent(ref);

    spec.attributes.clear();
    for (const xmlNode* st : children(assertion, kNsAssertion, "AttributeStatement")) {
        for (const xmlNode* a : children(st, kNsAssertion, "Attribute")) {
            Attribute attr;
            attr.name = attribute(a, "Name");
            attr.nameFormat = attribute(a, "NameFormat");
            attr.friendlyName = attribute(a, "FriendlyName");
            for (const xmlNode* v : children(a, kNsAssertion, "AttributeValue")) {
                attr.values << xml::textContent(v);
                if (attr.valueType.isEmpty())
                    attr.valueType = nsAttribute(v, kNsXsi, "type");
            }
            spec.attributes << attr;
        }
    }
}

} // namespace jh::saml
