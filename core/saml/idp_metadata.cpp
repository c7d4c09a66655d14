#include "saml/idp_metadata.h"

#include "saml/saml_names.h"
#include "time/clock.h"
#include "xml/xml_document.h"

namespace jh::saml {
namespace {

using xml::xc;

xmlNode* add(xmlNode* parent, xmlNs* ns, const char* name, const QString& text = {})
{
    const QByteArray t = text.toUtf8();
    return xmlNewChild(parent, ns, xc(name), text.isNull() ? nullptr : xc(t.constData()));
}

void set(xmlNode* n, const char* name, const QString& value)
{
    const QByteArray v = value.toUtf8();
    xmlNewProp(n, xc(name), xc(v.constData()));
}

} // namespace

QByteArray writeIdpMetadata(const IdpMetadataParams& p)
{
    xml::ensureInitialised();
    xml::DocPtr doc(xmlNewDoc(xc("1.0")));
    xmlNode* ed = xmlNewDocNode(doc.get(), nullptr, xc("EntityDescriptor"), nullptr);
    xmlDocSetRootElement(doc.get(), ed);
    xmlNs* md = xmlNewNs(ed, xc(kNsMetadata), xc("md"));
    xmlNs* ds = xmlNewNs(ed, xc(kNsDsig), xc("ds"));
    xmlSetNs(ed, md);
    set(ed, "entityID", p.entityId);
    if (p.validUntil.isValid())
        set(ed, "validUntil", formatSamlInstant(p.validUntil));

    xmlNode* idp = add(ed, md, "IDPSSODescriptor");
    set(idp, "WantAuthnRequestsSigned", QStringLiteral("false"));
    set(idp, "protocolSupportEnumeration", QString::fromLatin1(kNsProtocol));
    for (const crypto::KeyPair& k : p.signingKeys) {
        xmlNode* kd = add(idp, md, "KeyDescriptor");
        set(kd, "use", QStringLiteral("signing"));
        xmlNode* ki = add(kd, ds, "KeyInfo");
        xmlNode* x = add(ki, ds, "X509Data");
        add(x, ds, "X509Certificate", k.certificateBase64());
    }
    if (!p.sloUrl.isEmpty()) {
        for (const char* b : {binding::kHttpRedirect, binding::kHttpPost}) {
            xmlNode* slo = add(idp, md, "SingleLogoutService");
            set(slo, "Binding", QString::fromLatin1(b));
            set(slo, "Location", p.sloUrl);
        }
    }
    for (const QString& f : p.nameIdFormats)
        add(idp, md, "NameIDFormat", f);
    for (const char* b : {binding::kHttpRedirect, binding::kHttpPost}) {
        xmlNode* sso = add(idp, md, "SingleSignOnService");
        set(sso, "Binding", QString::fromLatin1(b));
        set(sso, "Location", p.ssoUrl);
    }
    return xml::serialize(doc.get(), true);
}

} // namespace jh::saml
