#include "saml/sp_metadata.h"

#include "crypto/key_pair.h"
#include "saml/assertion_reader.h"
#include "saml/saml_names.h"
#include "xml/xml_parse.h"

#include <algorithm>

namespace jh::saml {
namespace {

Error invalid(const QString& what, const QString& detail)
{
    return makeError("metadata.invalid", QStringLiteral("%1: %2").arg(what, detail));
}

const xmlNode* findSpEntity(const xmlNode* root)
{
    if (xml::isElement(root, kNsMetadata, "EntityDescriptor"))
        return root;
    if (xml::isElement(root, kNsMetadata, "EntitiesDescriptor"))
        for (const xmlNode* e : children(root, kNsMetadata, "EntityDescriptor"))
            if (xml::firstChild(e, kNsMetadata, "SPSSODescriptor"))
                return e;
    return nullptr;
}

bool isTrue(const QString& v)
{
    return v == QLatin1String("true") || v == QLatin1String("1");
}

} // namespace

const AcsEndpoint* SpMetadata::defaultPostAcs() const
{
    const AcsEndpoint* best = nullptr;
    for (const AcsEndpoint& e : acs) {
        if (e.binding != QLatin1String(binding::kHttpPost))
            continue;
        if (e.isDefault)
            return &e;
        if (!best || e.index < best->index)
            best = &e;
    }
    return best;
}

Result<SpMetadata> parseSpMetadata(const QByteArray& bytes, const QString& what)
{
    auto doc = xml::parseHardened(bytes, what);
    if (!doc)
        return doc.error();
    const xmlNode* root = xmlDocGetRootElement(doc->get());
    const xmlNode* entity = findSpEntity(root);
    if (!entity)
        return invalid(what,
                       QStringLiteral("root is <%1>, expected md:EntityDescriptor (namespace %2)")
                           .arg(xml::toQString(root->name), QString::fromLatin1(kNsMetadata)));
    const xmlNode* sp = xml::firstChild(entity, kNsMetadata, "SPSSODescriptor");
    if (!sp)
        return invalid(what, QStringLiteral("EntityDescriptor has no SPSSODescriptor"));

    SpMetadata md;
    md.entityId = xml::attribute(entity, "entityID");
    if (md.entityId.isEmpty())
        return invalid(what, QStringLiteral("EntityDescriptor/@entityID is missing or empty"));
    md.wantAssertionsSigned = isTrue(xml::attribute(sp, "WantAssertionsSigned"));
    md.authnRequestsSigned = isTrue(xml::attribute(sp, "AuthnRequestsSigned"));

    for (const xmlNode* kd : children(sp, kNsMetadata, "KeyDescriptor")) {
        const QString use = xml::attribute(kd, "use");
        const xmlNode* keyInfo = xml::firstChild(kd, kNsDsig, "KeyInfo");
        for (const xmlNode* x509 : children(keyInfo, kNsDsig, "X509Data")) {
            for (const xmlNode* c : children(x509, kNsDsig, "X509Certificate")) {
                auto cert = crypto::certificateFromPemOrBase64(
                    xml::textContent(c).toLatin1(),
                    what + QStringLiteral(": KeyDescriptor use=\"%1\"").arg(use));
                if (!cert)
                    return makeError("metadata.invalid", cert.error().message);
                if (use.isEmpty() || use == QLatin1String("signing"))
                    md.signingCertificates << *cert;
                if (use.isEmpty() || use == QLatin1String("encryption"))
                    md.encryptionCertificates << *cert;
            }
        }
    }
    for (const xmlNode* f : children(sp, kNsMetadata, "NameIDFormat"))
        md.nameIdFormats << xml::textContent(f).trimmed();

    for (const xmlNode* a : children(sp, kNsMetadata, "AssertionConsumerService")) {
        AcsEndpoint e;
        e.binding = xml::attribute(a, "Binding");
        e.location = xml::attribute(a, "Location");
        bool ok = true;
        const QString index = xml::attribute(a, "index");
        e.index = index.isEmpty() ? 0 : index.toInt(&ok);
        if (!ok)
            return invalid(
                what,
                QStringLiteral("AssertionConsumerService/@index '%1' is not a number").arg(index));
        e.isDefault = isTrue(xml::attribute(a, "isDefault"));
        if (e.location.isEmpty())
            return invalid(what,
                           QStringLiteral("AssertionConsumerService[index=%1]/@Location is empty")
                               .arg(e.index));
        md.acs << e;
    }
    if (md.acs.isEmpty())
        return invalid(what, QStringLiteral("SPSSODescriptor has no AssertionConsumerService"));
    std::stable_sort(md.acs.begin(), md.acs.end(),
                     [](const AcsEndpoint& l, const AcsEndpoint& r) { return l.index < r.index; });
    return md;
}

} // namespace jh::saml
