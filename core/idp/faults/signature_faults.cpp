// Signature faults: no signature, a removed one, content changed after
// signing, a signature by a key the SP does not trust (bare, with the
// attacker's certificate, with only a KeyValue), an HMAC keyed with the
// IdP's public certificate, and algorithms that are broken (SHA-1, MD5).
// Built in the clear with the assertion signed, so the twin is the
// assertion-signed valid message.
#include "idp/faults/custom_signature.h"
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "sp/check_catalog.h"

#include <xmlsec/crypto.h>

namespace jh::idp::faults {
namespace {

using namespace sp::check;

Result<void> impersonateStep(saml::ResponseDocument& rd, const saml::AssertionSpec& spec)
{
    return impersonate(rd.assertion, spec);
}

// The attacker's key with the input's digest and the SHA-256 signature
// method of its own key type.
SigningOptions attackerOptions(const FaultInput& in, bool keyInfoCertificate)
{
    SigningOptions o = in.signing;
    o.key = in.attackerKey.type();
    o.signatureAlgorithm = o.key == crypto::KeyType::Ec ? QStringLiteral("ecdsa-sha256")
                                                        : QStringLiteral("rsa-sha256");
    o.keyInfoCertificate = keyInfoCertificate;
    return o;
}

Result<QByteArray> unsignedMessage(const FaultInput& in)
{
    Recipe r;
    r.sign = SignMode::None;
    return render(in, in.spec, r);
}

Result<QByteArray> stripped(const FaultInput& in)
{
    Recipe r;
    r.sign = SignMode::Both;
    r.afterSigning = [spec = in.spec](saml::ResponseDocument& rd) -> Result<void> {
        removeNode(signatureOf(rd.response));
        removeNode(signatureOf(rd.assertion));
        return impersonateStep(rd, spec);
    };
    return render(in, in.spec, r);
}

Result<QByteArray> tampered(const FaultInput& in)
{
    Recipe r;
    r.afterSigning = [spec = in.spec](saml::ResponseDocument& rd) {
        return impersonateStep(rd, spec);
    };
    return render(in, in.spec, r);
}

Result<QByteArray> signedByAttacker(const FaultInput& in, bool keyInfoCertificate)
{
    Recipe r;
    r.beforeSigning = [spec = in.spec](saml::ResponseDocument& rd) {
        return impersonateStep(rd, spec);
    };
    r.signWith = signatureWith(in.attackerKey, attackerOptions(in, keyInfoCertificate));
    return render(in, in.spec, r);
}

Result<QByteArray> keyValueOnly(const FaultInput& in)
{
    Recipe r;
    r.beforeSigning = [spec = in.spec](saml::ResponseDocument& rd) {
        return impersonateStep(rd, spec);
    };
    r.signWith = signatureWith(in.attackerKey, attackerOptions(in, false));
    // KeyInfo is outside what the signature covers: added once it is made.
    r.afterSigning = [&in](saml::ResponseDocument& rd) {
        return appendKeyValue(signatureOf(rd.assertion), in.attackerKey);
    };
    return render(in, in.spec, r);
}

Result<QByteArray> hmacWithCertificate(const FaultInput& in)
{
    auto pair = in.signer.keyPair(in.signing.key);
    if (!pair)
        return pair.error();
    // The PEM text, as an SP's configuration holds the IdP certificate: a
    // verifier that takes the algorithm from the message feeds it to HMAC.
    auto key = hmacKey(pair->certificatePem());
    if (!key)
        return key.error();
    CustomSignature how;
    how.method = xmlSecTransformHmacSha256Id;
    how.digest = xmlSecTransformSha256Id;
    Recipe r;
    r.beforeSigning = [spec = in.spec](saml::ResponseDocument& rd) {
        return impersonateStep(rd, spec);
    };
    r.signWith = customSignatureStep(std::move(*key), how);
    return render(in, in.spec, r);
}

Result<QByteArray> sha1(const FaultInput& in)
{
    SigningOptions o = in.signing;
    o.signatureAlgorithm =
        o.key == crypto::KeyType::Ec ? QStringLiteral("ecdsa-sha1") : QStringLiteral("rsa-sha1");
    o.digestAlgorithm = QStringLiteral("sha1");
    auto pair = in.signer.keyPair(o.key);
    if (!pair)
        return pair.error();
    Recipe r;
    r.signWith = signatureWith(*pair, o);
    return render(in, in.spec, r);
}

Result<QByteArray> md5(const FaultInput& in)
{
    // There is no ECDSA-MD5: the IdP's RSA key signs.
    auto pair = in.signer.keyPair(crypto::KeyType::Rsa);
    if (!pair)
        return pair.error();
    auto key = signingKey(*pair);
    if (!key)
        return key.error();
    CustomSignature how;
    how.method = xmlSecTransformRsaMd5Id;
    how.digest = xmlSecTransformMd5Id;
    how.certificateBase64 = pair->certificateBase64().toLatin1();
    Recipe r;
    r.signWith = customSignatureStep(std::move(*key), how);
    return render(in, in.spec, r);
}

} // namespace

QList<Fault> signatureFaults()
{
    const QString keyInfoTrust = QStringLiteral(
        "XML-DSig 1.1 4.5 (trust in KeyInfo is left to the application); CVE-2024-32962 "
        "(xml-crypto trusted the key in KeyInfo); SAML Metadata 2.4.1.1 (keys come from "
        "metadata)");
    FaultList list(QStringLiteral("signature"));
    auto clear = [](Fault& f, SignMode mode) {
        f.signMode = mode;
        f.encrypted = false;
    };
    clear(list.add("unsigned", kSigRequired,
                   QStringLiteral("Neither the Response nor the Assertion is signed (an IdP "
                                  "configured not to sign)."),
                   QStringLiteral("SAML Profiles 4.1.3.5 / 4.1.4.2 (the assertion MUST be "
                                  "signed, itself or by the Response)"),
                   unsignedMessage),
          SignMode::None);
    clear(list.add("signature-stripped", kSigRequired,
                   QStringLiteral("Both signatures removed from a signed message, and the NameID "
                                  "changed to the admin's."),
                   QStringLiteral("Somorovsky et al., \"On Breaking SAML: Be Whoever You Want to "
                                  "Be\" (USENIX Security 2012), signature exclusion"),
                   stripped),
          SignMode::Both);
    clear(list.add("tampered-after-signing", kSigValue,
                   QStringLiteral("The signed assertion's NameID changed to the admin's after "
                                  "signing: the digest no longer matches."),
                   QStringLiteral("XML-DSig 3.2.1 (reference validation)"), tampered),
          SignMode::Assertion);
    clear(list.add("unknown-key", kSigValue,
                   QStringLiteral("An admin assertion signed by a key the SP does not trust, no "
                                  "KeyInfo."),
                   QStringLiteral("XML-DSig 3.2.2 (signature validation with the expected key)"),
                   [](const FaultInput& in) { return signedByAttacker(in, false); }),
          SignMode::Assertion);
    clear(list.add("attacker-cert-in-keyinfo", kSigValue,
                   QStringLiteral("An admin assertion signed by the attacker, whose own "
                                  "certificate travels in ds:X509Data."),
                   keyInfoTrust, [](const FaultInput& in) { return signedByAttacker(in, true); }),
          SignMode::Assertion);
    clear(list.add("keyvalue-only", kSigValue,
                   QStringLiteral("An admin assertion signed by the attacker, KeyInfo holding "
                                  "only the attacker's bare public key (ds:KeyValue)."),
                   keyInfoTrust, keyValueOnly),
          SignMode::Assertion);
    clear(list.add("hmac-with-public-cert", kSigAlgorithm,
                   QStringLiteral("SignatureMethod hmac-sha256 keyed with the IdP's public "
                                  "certificate (its PEM text): anyone can compute it."),
                   QStringLiteral("Key confusion: T. McLean, \"Critical vulnerabilities in JSON "
                                  "Web Token libraries\" (2015); XML-DSig 6.3 (HMAC); SAML Core "
                                  "5.4.1"),
                   hmacWithCertificate),
          SignMode::Assertion);
    clear(list.add("sha1", kSigAlgorithm,
                   QStringLiteral("Signed by the IdP with rsa-sha1 (ecdsa-sha1) and a SHA-1 "
                                  "digest."),
                   QStringLiteral("SHAttered (Stevens et al., CRYPTO 2017); NIST SP 800-131A "
                                  "Rev. 2 (SHA-1 disallowed for signature generation)"),
                   sha1),
          SignMode::Assertion);
    clear(list.add("md5", kSigAlgorithm,
                   QStringLiteral("Signed by the IdP's RSA key with rsa-md5 and an MD5 digest."),
                   QStringLiteral("RFC 6931 2.3.1 (rsa-md5: NOT RECOMMENDED); RFC 6151 (MD5 "
                                  "collisions)"),
                   md5),
          SignMode::Assertion);
    return list.take();
}

} // namespace jh::idp::faults
