// sig.*: each ds:Signature is first held to the SAML signature profile
// (one SignedInfo, one Reference to its own parent's ID, only enveloped +
// exclusive c14n, no ds:Object, allow-listed algorithms), then verified with
// the configured certificates only. Then sig.required decides whether the
// assertion is covered the way this SP demands.
#include "saml/assertion_reader.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "sp/rules.h"
#include "xmlsec/xml_signer.h"
#include "xmlsec/xml_verifier.h"

#include <vector>

namespace jh::sp {
namespace {

using namespace check;
using xml::firstChild;

bool isExclusiveC14n(const QString& uri)
{
    return uri == QLatin1String("http://www.w3.org/2001/10/xml-exc-c14n#") ||
           uri == QLatin1String("http://www.w3.org/2001/10/xml-exc-c14n#WithComments");
}

// The profile checks; false when the signature must not be verified.
bool checkProfile(ValidationState& s, xmlNode* owner, xmlNode* sig, const QString& what)
{
    const auto signedInfos = saml::children(sig, saml::kNsDsig, "SignedInfo");
    const auto values = saml::children(sig, saml::kNsDsig, "SignatureValue");
    if (saml::children(owner, saml::kNsDsig, "Signature").size() != 1 || signedInfos.size() != 1 ||
        values.size() != 1) {
        s.fail(kSigSignedInfo,
               QStringLiteral("one ds:Signature with one SignedInfo and one SignatureValue"),
               QStringLiteral("%1 Signature(s), %2 SignedInfo, %3 SignatureValue")
                   .arg(saml::children(owner, saml::kNsDsig, "Signature").size())
                   .arg(signedInfos.size())
                   .arg(values.size()),
               sig, what);
        return false;
    }
    s.pass(kSigSignedInfo, what, sig);
    xmlNode* signedInfo = signedInfos.first();

    const auto refs = saml::children(signedInfo, saml::kNsDsig, "Reference");
    if (refs.size() != 1) {
        s.fail(kSigReferenceCount, QStringLiteral("1"), QString::number(refs.size()), signedInfo,
               what);
        return false;
    }
    s.pass(kSigReferenceCount, what, signedInfo);
    xmlNode* ref = refs.first();

    const QString id = xml::attribute(owner, "ID");
    const QString uri = xml::attribute(ref, "URI");
    xmlAttr* target =
        id.isEmpty() ? nullptr : xmlGetID(owner->doc, xml::xc(id.toUtf8().constData()));
    // URI="" means the whole document: the same node only when the signed
    // element is the root, and then only by explicit relaxation.
    const bool wholeDocument = uri.isEmpty() && !uri.isNull() &&
                               owner == xmlDocGetRootElement(owner->doc) &&
                               s.config.relaxed(Relaxation::EmptyReferenceUri);
    if (!wholeDocument &&
        (id.isEmpty() || uri != QLatin1Char('#') + id || !target || target->parent != owner)) {
        s.fail(kSigReferenceTarget,
               QStringLiteral("URI=\"#%1\" (the ID of the signed <%2>)")
                   .arg(id, xml::toQString(owner->name)),
               QStringLiteral("URI=\"%1\"").arg(uri), ref, what);
        return false;
    }
    s.pass(kSigReferenceTarget, uri, ref);

    QStringList bad;
    // SignedInfo may be canonicalised inclusively or exclusively (XML-DSig
    // requires both); the Reference's own transforms are held to SAML's list.
    const QString c14n = xml::attribute(
        firstChild(signedInfo, saml::kNsDsig, "CanonicalizationMethod"), "Algorithm");
    if (!isExclusiveC14n(c14n) &&
        c14n != QLatin1String("http://www.w3.org/TR/2001/REC-xml-c14n-20010315"))
        bad << QStringLiteral("CanonicalizationMethod %1")
                   .arg(c14n.isEmpty() ? QStringLiteral("(none)") : c14n);
    int enveloped = 0;
    for (const xmlNode* t :
         saml::children(firstChild(ref, saml::kNsDsig, "Transforms"), saml::kNsDsig, "Transform")) {
        const QString alg = xml::attribute(t, "Algorithm");
        if (alg == QLatin1String("http://www.w3.org/2000/09/xmldsig#enveloped-signature"))
            ++enveloped;
        else if (!isExclusiveC14n(alg))
            bad << QStringLiteral("Transform %1").arg(alg);
    }
    if (enveloped > 1)
        bad << QStringLiteral("enveloped-signature %1 times").arg(enveloped);
    if (!bad.isEmpty()) {
        s.fail(kSigTransforms, QStringLiteral("enveloped-signature and exclusive c14n only"),
               bad.join(QStringLiteral("; ")), ref, what);
        return false;
    }
    s.pass(kSigTransforms, what, ref);

    if (xmlNode* object = firstChild(sig, saml::kNsDsig, "Object")) {
        s.fail(kSigNoObject, QStringLiteral("no ds:Object"), QStringLiteral("ds:Object"), object,
               what);
        return false;
    }
    s.pass(kSigNoObject, what, sig);

    const QString sigAlg =
        xml::attribute(firstChild(signedInfo, saml::kNsDsig, "SignatureMethod"), "Algorithm");
    const QString digestAlg =
        xml::attribute(firstChild(ref, saml::kNsDsig, "DigestMethod"), "Algorithm");
    auto allowed = [](const QString& algorithmUri, const QStringList& names,
                      xmlsec::AlgorithmKind kind) {
        const xmlsec::Algorithm* a = xmlsec::findAlgorithmByUri(algorithmUri);
        return a && a->kind == kind && names.contains(QLatin1String(a->name));
    };
    const bool sigOk =
        allowed(sigAlg, s.config.allowedSignatureAlgorithms(), xmlsec::AlgorithmKind::Signature);
    const bool digestOk =
        allowed(digestAlg, s.config.allowedDigestAlgorithms(), xmlsec::AlgorithmKind::Digest);
    if (!sigOk || !digestOk) {
        s.fail(kSigAlgorithm,
               QStringLiteral("%1 / %2").arg(
                   s.config.allowedSignatureAlgorithms().join(QLatin1Char(',')),
                   s.config.allowedDigestAlgorithms().join(QLatin1Char(','))),
               QStringLiteral("%1 / %2").arg(sigAlg, digestAlg), signedInfo,
               QStringLiteral("%1%2").arg(what, sigAlg.endsWith(QLatin1String("sha1")) ||
                                                        digestAlg.endsWith(QLatin1String("sha1"))
                                                    ? QStringLiteral("; SHA-1 needs --allow sha1")
                                                    : QString()));
        return false;
    }
    s.pass(kSigAlgorithm, QStringLiteral("%1 / %2").arg(sigAlg, digestAlg), signedInfo);
    return true;
}

// Cryptographic verification with each trusted certificate in turn.
bool verify(ValidationState& s, xmlNode* sig, const QString& what)
{
    if (s.config.idp.signingCertificates.isEmpty()) {
        s.fail(kSigProcess, QStringLiteral("a trusted IdP certificate"),
               QStringLiteral("none configured"), sig, what);
        return false;
    }
    xmlsec::VerifyPolicy policy;
    policy.allowEmptyUri = s.config.relaxed(Relaxation::EmptyReferenceUri) &&
                           sig->parent == xmlDocGetRootElement(sig->doc);
    for (const QString& n : s.config.allowedSignatureAlgorithms())
        policy.signatureAlgorithms << xmlsec::findAlgorithm(xmlsec::AlgorithmKind::Signature, n);
    for (const QString& n : s.config.allowedDigestAlgorithms())
        policy.digestAlgorithms << xmlsec::findAlgorithm(xmlsec::AlgorithmKind::Digest, n);
    // Only certificates whose key can make this signature are tried, so that
    // the report names the real reason rather than a key-type mismatch.
    const QString method = xml::attribute(
        firstChild(firstChild(sig, saml::kNsDsig, "SignedInfo"), saml::kNsDsig, "SignatureMethod"),
        "Algorithm");
    const xmlsec::Algorithm* algorithm = xmlsec::findAlgorithmByUri(method);
    QStringList reasons;
    bool processed = false;
    bool anyFits = false;
    for (const auto& cert : s.config.idp.signingCertificates) {
        const int base = EVP_PKEY_get_base_id(X509_get0_pubkey(cert.get()));
        const bool fits = !algorithm || !algorithm->keyType ||
                          (*algorithm->keyType == crypto::KeyType::Ec) == (base == EVP_PKEY_EC);
        if (!fits)
            continue;
        anyFits = true;
        // A certificate is a key container with an expiry; past it the key is
        // not trusted unless that is explicitly relaxed.
        if (!s.config.relaxed(Relaxation::ExpiredCertificate)) {
            time_t now = time_t(s.now.toSecsSinceEpoch());
            if (X509_cmp_time(X509_get0_notAfter(cert.get()), &now) < 0) {
                reasons << QStringLiteral("trusted certificate expired (--allow expired-cert)");
                continue;
            }
        }
        auto verdict = xmlsec::verifySignature(sig, cert.get(), policy);
        if (!verdict) {
            reasons << verdict.error().message;
            continue;
        }
        processed = true;
        if (verdict->valid) {
            s.pass(kSigProcess, what, sig);
            s.pass(kSigValue, what, sig);
            return true;
        }
        reasons << verdict->detail;
    }
    if (!anyFits) {
        s.fail(kSigProcess, QStringLiteral("a trusted certificate whose key makes %1").arg(method),
               QStringLiteral("none of the %1 trusted certificate(s)")
                   .arg(s.config.idp.signingCertificates.size()),
               sig, what);
        return false;
    }
    if (!processed) {
        s.fail(kSigProcess, QStringLiteral("processable with the configured certificate"),
               reasons.join(QStringLiteral("; ")), sig, what);
        return false;
    }
    s.pass(kSigProcess, what, sig);
    s.fail(kSigValue, QStringLiteral("valid with a trusted IdP certificate"),
           reasons.join(QStringLiteral("; ")), sig, what);
    return false;
}

bool checkOne(ValidationState& s, xmlNode* owner, const QString& what)
{
    xmlNode* sig = firstChild(owner, saml::kNsDsig, "Signature");
    if (!sig)
        return false;
    // Only the signature's own parent is made resolvable by ID.
    (void)xmlsec::registerId(owner->doc, owner);
    return checkProfile(s, owner, sig, what) && verify(s, sig, what);
}

} // namespace

void checkSignatures(ValidationState& s)
{
    // SAML signs the Response and the Assertion, enveloped; a ds:Signature
    // anywhere else (in Status, Extensions, ...) is how a wrapped or
    // misplaced signature looks, and is refused.
    std::vector<const xmlNode*> pending{s.response};
    if (s.decryptedDoc)
        pending.push_back(s.assertion);
    while (!pending.empty()) {
        const xmlNode* n = pending.back();
        pending.pop_back();
        // Assertions inside saml:Advice carry their own signatures; they are
        // only there at all when advice-assertions is relaxed.
        if (xml::isElement(n, saml::kNsAssertion, "Advice") &&
            s.config.relaxed(Relaxation::AdviceAssertions))
            continue;
        if (xml::isElement(n, saml::kNsDsig, "Signature")) {
            if (n->parent != s.response && n->parent != s.assertion) {
                s.fail(kSigSignedInfo,
                       QStringLiteral("ds:Signature only on the Response and the Assertion"),
                       QStringLiteral("a ds:Signature inside <%1>")
                           .arg(xml::toQString(n->parent->name)),
                       n);
                s.assertionVerified = false;
                return;
            }
            continue;
        }
        for (const xmlNode* c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                pending.push_back(c);
    }
    const bool responseSigned = firstChild(s.response, saml::kNsDsig, "Signature") != nullptr;
    const bool assertionSigned =
        s.assertion && firstChild(s.assertion, saml::kNsDsig, "Signature") != nullptr;
    if (!responseSigned && !assertionSigned) {
        for (const char* id : {kSigSignedInfo, kSigReferenceCount, kSigReferenceTarget,
                               kSigTransforms, kSigNoObject, kSigAlgorithm, kSigProcess, kSigValue})
            s.skip(id, QStringLiteral("no ds:Signature on the Response or the Assertion"));
    }
    if (responseSigned)
        s.responseSignatureValid = checkOne(s, s.response, QStringLiteral("Response signature"));
    if (assertionSigned)
        s.assertionSignatureValid = checkOne(s, s.assertion, QStringLiteral("Assertion signature"));

    // The Response signature covers the assertion it holds (also when it holds
    // it encrypted: the ciphertext was signed).
    const bool byResponse = s.responseSignatureValid && s.assertion;
    bool ok = false;
    QString needed;
    switch (s.config.require) {
    case SignRequirement::Assertion:
        ok = s.assertionSignatureValid ||
             (byResponse && s.config.relaxed(Relaxation::ResponseSignatureOnly));
        needed = s.config.relaxed(Relaxation::ResponseSignatureOnly)
                     ? QStringLiteral("a valid Assertion or Response signature")
                     : QStringLiteral("a valid signature on the Assertion itself");
        break;
    case SignRequirement::Response:
        ok = byResponse;
        needed = QStringLiteral("a valid Response signature");
        break;
    case SignRequirement::Both:
        ok = s.assertionSignatureValid && byResponse;
        needed = QStringLiteral("valid Response and Assertion signatures");
        break;
    }
    const QString found = QStringLiteral("Response signature: %1; Assertion signature: %2")
                              .arg(!responseSigned            ? QStringLiteral("none")
                                   : s.responseSignatureValid ? QStringLiteral("valid")
                                                              : QStringLiteral("not valid"),
                                   !assertionSigned            ? QStringLiteral("none")
                                   : s.assertionSignatureValid ? QStringLiteral("valid")
                                                               : QStringLiteral("not valid"));
    if (ok)
        s.pass(kSigRequired, found, s.assertion);
    else
        s.fail(kSigRequired, needed, found, s.assertion ? s.assertion : s.response);
    s.assertionVerified = ok;
}

} // namespace jh::sp
