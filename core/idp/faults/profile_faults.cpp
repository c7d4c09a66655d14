// Signature-profile faults: signatures that verify (for a verifier lax
// enough to run them) but break the SAML profile of XML-DSig — a Reference
// to another element, two References, transforms other than enveloped +
// exclusive c14n (an extra one, XSLT, XPath), a ds:Object — and decoys for
// verifiers that look for signature parts anywhere in the document: a second
// SignedInfo, a DigestValue in samlp:Extensions. Built in the clear on an
// assertion-signed message.
#include "idp/faults/custom_signature.h"
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "xml/xml_document.h"

#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>

namespace jh::idp::faults {
namespace {

using namespace sp::check;
using xml::firstChild;
using xml::xc;

const QString kProfile = QStringLiteral("SAML Core 5.4.2 (one Reference, to the signed "
                                        "element's ID); OpenSAML SignatureProfileValidator");
const QString kTransforms = QStringLiteral("SAML Core 5.4.3 / 5.4.4 (only enveloped-signature "
                                           "and exclusive c14n); W3C XML Signature Best "
                                           "Practices (2013)");

using Shape = std::function<Result<void>(xmlNode* signature, xmlNode* reference)>;

// An assertion signature by the IdP's key, in a custom shape.
Result<QByteArray> customShape(const FaultInput& in, CustomSignature how)
{
    auto pair = in.signer.keyPair(in.signing.key);
    if (!pair)
        return pair.error();
    auto key = signingKey(*pair);
    if (!key)
        return key.error();
    auto params = resolveSignatureParams(in.signing);
    if (!params)
        return params.error();
    how.method = params->signature->transform();
    how.digest = params->digest->transform();
    if (in.signing.keyInfoCertificate)
        how.certificateBase64 = pair->certificateBase64().toLatin1();
    Recipe r;
    r.signWith = customSignatureStep(std::move(*key), how);
    return render(in, in.spec, r);
}

Result<QByteArray> withShape(const FaultInput& in, Shape shape)
{
    CustomSignature how;
    how.shape = std::move(shape);
    return customShape(in, how);
}

Result<void> templateError(const char* what)
{
    return makeError("xmlsec.template", QString::fromLatin1(what));
}

Result<QByteArray> referenceToResponse(const FaultInput& in)
{
    // The IdP's signer, asked to sign the Response but to put the signature
    // inside the Assertion: valid, enveloped, and over the wrong element.
    Recipe r;
    const SignStep idp = idpSignature(in);
    r.signWith = [idp](saml::ResponseDocument& rd, xmlNode*, xmlNode* insertAfter) {
        return idp(rd, rd.response, insertAfter);
    };
    return render(in, in.spec, r);
}

Result<void> secondReference(xmlNode* sig, xmlNode* ref)
{
    xmlNode* response = xmlDocGetRootElement(sig->doc);
    auto id = xmlsec::registerId(sig->doc, response);
    if (!id)
        return id.error();
    const QByteArray uri = QByteArray("#") + id->toUtf8();
    xmlNode* digest = firstChild(ref, saml::kNsDsig, "DigestMethod");
    const QByteArray alg = xml::attribute(digest, "Algorithm").toUtf8();
    xmlSecTransformId digestId = xmlSecTransformIdListFindByHref(
        xmlSecTransformIdsGet(), xc(alg.constData()), xmlSecTransformUsageDigestMethod);
    xmlNode* second = digestId ? xmlSecTmplSignatureAddReference(sig, digestId, nullptr,
                                                                 xc(uri.constData()), nullptr)
                               : nullptr;
    if (!second || !xmlSecTmplReferenceAddTransform(second, xmlSecTransformEnvelopedId) ||
        !xmlSecTmplReferenceAddTransform(second, xmlSecTransformExclC14NId))
        return templateError("cannot add a second reference");
    return {};
}

Result<void> extraTransform(xmlNode*, xmlNode* ref)
{
    // Inclusive c14n over the exclusive c14n output: harmless, and not in
    // the profile.
    if (!xmlSecTmplReferenceAddTransform(ref, xmlSecTransformInclC14NId))
        return templateError("cannot add the extra transform");
    return {};
}

Result<void> xsltTransform(xmlNode*, xmlNode* ref)
{
    // An identity stylesheet: it changes nothing, but an SP that runs it
    // runs whatever stylesheet a message brings.
    static const char kXsl[] = "http://www.w3.org/1999/XSL/Transform";
    xmlNode* t = xmlSecTmplReferenceAddTransform(ref, xmlSecTransformXsltId);
    if (!t)
        return templateError("cannot add the XSLT transform");
    xmlNode* sheet = xmlNewChild(t, nullptr, xc("stylesheet"), nullptr);
    xmlNs* xsl = xmlNewNs(sheet, xc(kXsl), xc("xsl"));
    xmlSetNs(sheet, xsl);
    xmlNewProp(sheet, xc("version"), xc("1.0"));
    xmlNode* tpl = xmlNewChild(sheet, xsl, xc("template"), nullptr);
    xmlNewProp(tpl, xc("match"), xc("@*|node()"));
    xmlNode* copy = xmlNewChild(tpl, xsl, xc("copy"), nullptr);
    xmlNode* apply = xmlNewChild(copy, xsl, xc("apply-templates"), nullptr);
    xmlNewProp(apply, xc("select"), xc("@*|node()"));
    return {};
}

Result<void> xpathInsteadOfEnveloped(xmlNode* ref)
{
    // XML-DSig's own XPath spelling of the enveloped transform.
    const xmlChar* ns[] = {xc("ds"), xc(saml::kNsDsig), nullptr};
    xmlNode* t = xmlSecTmplReferenceAddTransform(ref, xmlSecTransformXPathId);
    if (!t || xmlSecTmplTransformAddXPath(t, xc("not(ancestor-or-self::ds:Signature)"), ns) < 0)
        return templateError("cannot add the XPath transform");
    return {};
}

Result<QByteArray> objectInSignature(const FaultInput& in)
{
    Recipe r;
    r.afterSigning = [](saml::ResponseDocument& rd) -> Result<void> {
        // Unreferenced, so the signature still verifies; an SP that looks
        // for attributes anywhere finds an Admins group.
        xmlNode* sig = signatureOf(rd.assertion);
        xmlNode* object = xmlNewChild(sig, sig->ns, xc("Object"), nullptr);
        xmlNode* statement =
            xmlNewChild(object, rd.assertion->ns, xc("AttributeStatement"), nullptr);
        xmlNode* attr = xmlNewChild(statement, rd.assertion->ns, xc("Attribute"), nullptr);
        xmlNewProp(attr, xc("Name"), xc("groups"));
        xmlNewTextChild(attr, rd.assertion->ns, xc("AttributeValue"), xc("Admins"));
        return {};
    };
    return render(in, in.spec, r);
}

xmlNode* digestValueOf(xmlNode* signature)
{
    return firstChild(
        firstChild(firstChild(signature, saml::kNsDsig, "SignedInfo"), saml::kNsDsig, "Reference"),
        saml::kNsDsig, "DigestValue");
}

// The DigestValue the IdP's signature would carry over the admin's assertion.
Result<QString> impersonatedDigest(const FaultInput& in)
{
    saml::AssertionSpec s = in.spec;
    s.subject.nameId = evilNameId(in.spec);
    QString digest;
    Recipe r;
    r.afterSigning = [&digest](saml::ResponseDocument& rd) -> Result<void> {
        digest = xml::textContent(digestValueOf(signatureOf(rd.assertion)));
        return {};
    };
    if (auto out = render(in, s, r); !out)
        return out.error();
    return digest;
}

// The genuine signature over the victim's assertion, the NameID changed to
// the admin's, and a DigestValue matching the change planted by `plant`.
Result<QByteArray>
withDecoy(const FaultInput& in,
          const std::function<void(saml::ResponseDocument&, const QString&)>& plant)
{
    auto decoy = impersonatedDigest(in);
    if (!decoy)
        return decoy.error();
    Recipe r;
    r.afterSigning = [&](saml::ResponseDocument& rd) -> Result<void> {
        if (auto i = impersonate(rd.assertion, in.spec); !i)
            return i;
        plant(rd, *decoy);
        return {};
    };
    return render(in, in.spec, r);
}

void secondSignedInfo(saml::ResponseDocument& rd, const QString& decoy)
{
    xmlNode* signedInfo = firstChild(signatureOf(rd.assertion), saml::kNsDsig, "SignedInfo");
    xmlNode* copy = deepCopy(signedInfo);
    xmlAddNextSibling(signedInfo, copy);
    setText(firstChild(firstChild(copy, saml::kNsDsig, "Reference"), saml::kNsDsig, "DigestValue"),
            decoy);
}

void digestInExtensions(saml::ResponseDocument& rd, const QString& decoy)
{
    xmlNode* extensions = xmlNewDocNode(rd.doc.get(), rd.response->ns, xc("Extensions"), nullptr);
    insertAfterHeader(rd.response, extensions);
    xmlNs* ds = xmlNewNs(extensions, xc(saml::kNsDsig), xc("ds"));
    const QByteArray value = decoy.toUtf8();
    xmlNewTextChild(extensions, ds, xc("DigestValue"), xc(value.constData()));
}

} // namespace

QList<Fault> profileFaults()
{
    FaultList list(QStringLiteral("profile"));
    auto add = [&list](const char* name, const char* check, const QString& summary,
                       const QString& source, FaultBuilder build) {
        Fault& f = list.add(name, check, summary, source, std::move(build));
        f.signMode = SignMode::Assertion;
        f.encrypted = false;
    };
    add("reference-to-other-element", kSigReferenceTarget,
        QStringLiteral("The signature inside the Assertion is a valid signature of the "
                       "Response: its Reference names the Response's ID."),
        kProfile, referenceToResponse);
    add("two-references", kSigReferenceCount,
        QStringLiteral("The assertion's SignedInfo has a second Reference, to the Response."),
        kProfile, [](const FaultInput& in) { return withShape(in, secondReference); });
    add("extra-transform", kSigTransforms,
        QStringLiteral("A third transform (inclusive c14n) after enveloped-signature and "
                       "exclusive c14n."),
        kTransforms, [](const FaultInput& in) { return withShape(in, extraTransform); });
    add("xslt-transform", kSigTransforms,
        QStringLiteral("An XSLT transform (an identity stylesheet) in the Reference: code the SP "
                       "would run."),
        kTransforms +
            QStringLiteral("; XSLT transforms as a denial-of-service and code-execution vector"),
        [](const FaultInput& in) { return withShape(in, xsltTransform); });
    add("xpath-transform", kSigTransforms,
        QStringLiteral("An XPath transform (not(ancestor-or-self::ds:Signature)) instead of "
                       "enveloped-signature."),
        kTransforms, [](const FaultInput& in) {
            CustomSignature how;
            how.envelopedTransform = xpathInsteadOfEnveloped;
            return customShape(in, how);
        });
    add("signature-object", kSigNoObject,
        QStringLiteral("A ds:Object inside the signature, holding an unsigned AttributeStatement "
                       "(groups = Admins)."),
        QStringLiteral("SAML Core 5.4.2 (enveloped signatures only); XSW8 hides the signed "
                       "original in a ds:Object"),
        objectInSignature);
    add("two-signedinfo", kSigSignedInfo,
        QStringLiteral("NameID changed to the admin's, and a second SignedInfo whose DigestValue "
                       "matches the change."),
        QStringLiteral("CVE-2025-29774 (xml-crypto: several SignedInfo elements); XML-DSig 4.3 "
                       "(a Signature has one SignedInfo)"),
        [](const FaultInput& in) { return withDecoy(in, secondSignedInfo); });
    add("decoy-digest-in-extensions", kSigValue,
        QStringLiteral("NameID changed to the admin's, and a ds:DigestValue matching the change "
                       "planted in samlp:Extensions, ahead of the real one."),
        QStringLiteral("CVE-2024-45409 (ruby-saml read DigestValue with a document-wide XPath)"),
        [](const FaultInput& in) { return withDecoy(in, digestInExtensions); });
    return list.take();
}

} // namespace jh::idp::faults
