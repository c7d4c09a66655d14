#include "saml/response_writer.h"

#include "saml/saml_names.h"
#include "time/clock.h"

#include <QRandomGenerator>

namespace jh::saml {
namespace {

using xml::xc;

struct Writer
{
    xmlDoc* doc;

    xmlNode* element(xmlNode* parent, xmlNs* ns, const char* name, const QString& text = {})
    {
        const QByteArray t = text.toUtf8();
        xmlNode* n = xmlNewDocNode(doc, ns, xc(name), nullptr);
        if (!text.isNull())
            xmlNodeAddContent(n, xc(t.constData()));
        if (parent)
            xmlAddChild(parent, n);
        return n;
    }

    static void attr(xmlNode* n, const char* name, const QString& value)
    {
        if (value.isNull())
            return;
        const QByteArray v = value.toUtf8();
        xmlNewProp(n, xc(name), xc(v.constData()));
    }

    static void time(xmlNode* n, const char* name, const QDateTime& t)
    {
        if (t.isValid())
            attr(n, name, formatSamlInstant(t));
    }
};

QString orNull(const QString& s)
{
    return s.isEmpty() ? QString() : s;
}

void writeSubject(Writer& w, xmlNode* assertion, xmlNs* ns, const AssertionSpec& spec)
{
    xmlNode* subject = w.element(assertion, ns, "Subject");
    xmlNode* nameId = w.element(subject, ns, "NameID", spec.subject.nameId);
    Writer::attr(nameId, "Format", orNull(spec.subject.format));
    Writer::attr(nameId, "NameQualifier", orNull(spec.subject.nameQualifier));
    Writer::attr(nameId, "SPNameQualifier", orNull(spec.subject.spNameQualifier));
    if (!spec.confirmation.present)
        return;
    xmlNode* sc = w.element(subject, ns, "SubjectConfirmation");
    Writer::attr(sc, "Method", QString::fromLatin1(kBearer));
    xmlNode* scd = w.element(sc, ns, "SubjectConfirmationData");
    Writer::time(scd, "NotOnOrAfter", spec.confirmation.notOnOrAfter);
    Writer::attr(scd, "Recipient", orNull(spec.confirmation.recipient));
    Writer::attr(scd, "InResponseTo", orNull(spec.confirmation.inResponseTo));
}

void writeConditions(Writer& w, xmlNode* assertion, xmlNs* ns, const Conditions& c)
{
    if (!c.present)
        return;
    xmlNode* conditions = w.element(assertion, ns, "Conditions");
    Writer::time(conditions, "NotBefore", c.notBefore);
    Writer::time(conditions, "NotOnOrAfter", c.notOnOrAfter);
    if (c.audiences.isEmpty())
        return;
    xmlNode* restriction = w.element(conditions, ns, "AudienceRestriction");
    for (const QString& a : c.audiences)
        w.element(restriction, ns, "Audience", a);
}

void writeAuthn(Writer& w, xmlNode* assertion, xmlNs* ns, const AuthnStatement& a)
{
    if (!a.present)
        return;
    xmlNode* st = w.element(assertion, ns, "AuthnStatement");
    Writer::time(st, "AuthnInstant", a.authnInstant);
    Writer::attr(st, "SessionIndex", orNull(a.sessionIndex));
    Writer::time(st, "SessionNotOnOrAfter", a.sessionNotOnOrAfter);
    xmlNode* ctx = w.element(st, ns, "AuthnContext");
    w.element(ctx, ns, "AuthnContextClassRef", a.classRef);
}

bool writeAttributes(Writer& w, xmlNode* assertion, xmlNs* ns, xmlNs* xsi,
                     const QList<Attribute>& attrs)
{
    if (attrs.isEmpty())
        return false;
    bool typed = false;
    xmlNode* statement = w.element(assertion, ns, "AttributeStatement");
    for (const Attribute& a : attrs) {
        xmlNode* attr = w.element(statement, ns, "Attribute");
        Writer::attr(attr, "Name", a.name);
        Writer::attr(attr, "NameFormat", orNull(a.nameFormat));
        Writer::attr(attr, "FriendlyName", orNull(a.friendlyName));
        for (const QString& v : a.values) {
            xmlNode* value = w.element(attr, ns, "AttributeValue", v);
            if (!a.valueType.isEmpty()) {
                const QByteArray t = a.valueType.toUtf8();
                xmlNewNsProp(value, xsi, xc("type"), xc(t.constData()));
                typed = true;
            }
        }
    }
    return typed;
}

} // namespace

QString newMessageId()
{
    quint32 words[5];
    QRandomGenerator::system()->fillRange(words);
    QString id = QStringLiteral("_");
    for (quint32 w : words)
        id += QStringLiteral("%1").arg(w, 8, 16, QLatin1Char('0'));
    return id;
}

ResponseDocument writeResponse(const AssertionSpec& spec)
{
    xml::ensureInitialised();
    ResponseDocument out;
    out.doc.reset(xmlNewDoc(xc("1.0")));
    Writer w{out.doc.get()};

    xmlNode* response = w.element(nullptr, nullptr, "Response");
    xmlDocSetRootElement(out.doc.get(), response);
    xmlNs* p = xmlNewNs(response, xc(kNsProtocol), xc("samlp"));
    xmlNs* a = xmlNewNs(response, xc(kNsAssertion), xc("saml"));
    xmlSetNs(response, p);
    Writer::attr(response, "ID", spec.responseId);
    Writer::attr(response, "Version", QStringLiteral("2.0"));
    Writer::time(response, "IssueInstant", spec.issueInstant);
    Writer::attr(response, "Destination", orNull(spec.destination));
    Writer::attr(response, "InResponseTo", orNull(spec.inResponseTo));
    out.response = response;
    out.responseIssuer = w.element(response, a, "Issuer", spec.issuer);

    xmlNode* status = w.element(response, p, "Status");
    xmlNode* code = w.element(status, p, "StatusCode");
    Writer::attr(code, "Value", spec.statusCode);
    if (!spec.statusMessage.isEmpty())
        w.element(status, p, "StatusMessage", spec.statusMessage);

    // The Assertion declares its own namespaces so that it stays well-formed
    // when taken out of the Response (encryption, SPs that extract it).
    xmlNode* assertion = w.element(response, nullptr, "Assertion");
    xmlNs* as = xmlNewNs(assertion, xc(kNsAssertion), xc("saml"));
    xmlSetNs(assertion, as);
    Writer::attr(assertion, "ID", spec.assertionId);
    Writer::attr(assertion, "Version", QStringLiteral("2.0"));
    Writer::time(assertion, "IssueInstant", spec.issueInstant);
    out.assertion = assertion;
    out.assertionIssuer = w.element(assertion, as, "Issuer", spec.issuer);

    writeSubject(w, assertion, as, spec);
    writeConditions(w, assertion, as, spec.conditions);
    writeAuthn(w, assertion, as, spec.authn);
    bool hasTyped = false;
    for (const Attribute& at : spec.attributes)
        hasTyped = hasTyped || !at.valueType.isEmpty();
    if (hasTyped) {
        xmlNewNs(assertion, xc(kNsXs), xc("xs"));
        xmlNs* xsi = xmlNewNs(assertion, xc(kNsXsi), xc("xsi"));
        out.usesXsTypes = writeAttributes(w, assertion, as, xsi, spec.attributes);
    } else {
        writeAttributes(w, assertion, as, nullptr, spec.attributes);
    }
    return out;
}

} // namespace jh::saml
