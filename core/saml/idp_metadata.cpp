#include "saml/idp_metadata.h"

#include "saml/assertion_reader.h"
#include "saml/saml_names.h"
#include "time/clock.h"
#include "xml/xml_document.h"
#include "xml/xml_parse.h"

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

Result<IdpMetadataInfo> parseIdpMetadata(const QByteArray& bytes, const QString& what)
{
    auto doc = xml::parseHardened(bytes, what);
    if (!doc)
        return doc.error();
    const xmlNode* root = xmlDocGetRootElement(doc->get());
    const xmlNode* entity = nullptr;
    if (xml::isElement(root, kNsMetadata, "EntityDescriptor"))
        entity = root;
    else if (xml::isElement(root, kNsMetadata, "EntitiesDescriptor"))
        for (const xmlNode* e : children(root, kNsMetadata, "EntityDescriptor"))
            if (!entity && xml::firstChild(e, kNsMetadata, "IDPSSODescriptor"))
                entity = e;
    const xmlNode* idp = xml::firstChild(entity, kNsMetadata, "IDPSSODescriptor");
    if (!idp)
        return makeError(
            "metadata.invalid",
            QStringLiteral("%1: no EntityDescriptor with an IDPSSODescriptor (namespace %2)")
                .arg(what, QLatin1String(kNsMetadata)));
    IdpMetadataInfo info;
    info.entityId = xml::attribute(entity, "entityID");
    if (info.entityId.isEmpty())
        return makeError(
            "metadata.invalid",
            QStringLiteral("%1: EntityDescriptor/@entityID is missing or empty").arg(what));
    for (const xmlNode* kd : children(idp, kNsMetadata, "KeyDescriptor")) {
        const QString use = xml::attribute(kd, "use");
        if (!use.isEmpty() && use != QLatin1String("signing"))
            continue;
        for (const xmlNode* x509 :
             children(xml::firstChild(kd, kNsDsig, "KeyInfo"), kNsDsig, "X509Data"))
            for (const xmlNode* c : children(x509, kNsDsig, "X509Certificate")) {
                auto cert = crypto::certificateFromPemOrBase64(
                    xml::textContent(c).toLatin1(), what + QStringLiteral(": KeyDescriptor"));
                if (!cert)
                    return makeError("metadata.invalid", cert.error().message);
                info.signingCertificates << *cert;
            }
    }
    if (info.signingCertificates.isEmpty())
        return makeError(
            "metadata.invalid",
            QStringLiteral("%1: the IDPSSODescriptor has no signing certificate").arg(what));
    for (const xmlNode* sso : children(idp, kNsMetadata, "SingleSignOnService"))
        info.ssoUrls << xml::attribute(sso, "Location");
    return info;
}

} // namespace jh::saml
