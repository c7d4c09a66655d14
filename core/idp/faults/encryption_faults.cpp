// Encryption faults: an EncryptedAssertion is confidentiality, not
// authenticity (anyone can encrypt for the SP's public certificate), and it
// has its own ways to go wrong — an unsigned assertion inside it, a plain
// assertion beside it, legacy algorithms with known oracle attacks, the
// wrong recipient certificate. Each needs the SP's encryption certificate.
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "xml/xml_document.h"

namespace jh::idp::faults {
namespace {

using namespace sp::check;

// The default options are the allowed ones: AES-256-GCM with RSA-OAEP.
Recipe encryptedRecipe(SignMode sign)
{
    Recipe r;
    r.sign = sign;
    r.encryption.enabled = true;
    return r;
}

Result<QByteArray> unsignedInside(const FaultInput& in)
{
    Recipe r = encryptedRecipe(SignMode::None);
    r.beforeSigning = [spec = in.spec](saml::ResponseDocument& rd) {
        return impersonate(rd.assertion, spec);
    };
    return render(in, in.spec, r);
}

Result<QByteArray> plainBeside(const FaultInput& in)
{
    saml::AssertionSpec evil = in.spec;
    evil.assertionId = saml::newMessageId();
    evil.subject.nameId = evilNameId(in.spec);
    Recipe r = encryptedRecipe(SignMode::Assertion);
    r.afterSigning = [evil](saml::ResponseDocument& rd) -> Result<void> {
        xmlNode* encrypted = xml::firstChild(rd.response, saml::kNsAssertion, "EncryptedAssertion");
        saml::ResponseDocument other = saml::writeResponse(evil);
        xmlAddPrevSibling(encrypted, xmlDocCopyNode(other.assertion, rd.doc.get(), 1));
        return {};
    };
    return render(in, in.spec, r);
}

Result<QByteArray> withAlgorithms(const FaultInput& in, const char* cipher, const char* transport)
{
    Recipe r = encryptedRecipe(SignMode::Assertion);
    r.encryption.blockCipher = QString::fromLatin1(cipher);
    r.encryption.keyTransport = QString::fromLatin1(transport);
    return render(in, in.spec, r);
}

Result<QByteArray> forAnotherKey(const FaultInput& in)
{
    // A certificate that is not the SP's: the IdP's own RSA certificate
    // stands in for the stale one an IdP keeps after an SP key rollover.
    auto other = in.signer.keyPair(crypto::KeyType::Rsa);
    if (!other)
        return other.error();
    Recipe r = encryptedRecipe(SignMode::Assertion);
    r.encryptFor = other->certificate();
    return render(in, in.spec, r);
}

} // namespace

QList<Fault> encryptionFaults()
{
    FaultList list(QStringLiteral("encryption"));
    auto add = [&list](const char* name, const char* check, const QString& summary,
                       const QString& source, FaultBuilder build) -> Fault& {
        Fault& f = list.add(name, check, summary, source, std::move(build));
        f.needsEncryption = true;
        f.signMode = SignMode::Assertion;
        f.encrypted = true;
        return f;
    };
    add("unsigned-assertion-in-encrypted", kSigRequired,
        QStringLiteral("An unsigned admin assertion, encrypted for the SP (its certificate is "
                       "public); nothing is signed."),
        QStringLiteral("SAML Profiles 4.1.4.2 (the assertion MUST be signed); XML Encryption "
                       "gives no authenticity"),
        unsignedInside)
        .signMode = SignMode::None;
    add("plain-beside-encrypted", kStructureSingleAssertion,
        QStringLiteral("The IdP's signed, encrypted assertion, with an unsigned plain admin "
                       "assertion before it."),
        QStringLiteral("SAML Profiles 4.1.4.2; CVE-2022-41912 (several assertions, one "
                       "verified)"),
        plainBeside);
    add("cbc-encryption", kDecryptAlgorithm,
        QStringLiteral("EncryptedData with AES-256-CBC (no integrity)."),
        QStringLiteral("Jager and Somorovsky, \"How to Break XML Encryption\" (CCS 2011); XML "
                       "Encryption 1.1 5.2"),
        [](const FaultInput& in) { return withAlgorithms(in, "aes256-cbc", "rsa-oaep-mgf1p"); });
    add("rsa-1_5-key-transport", kDecryptAlgorithm,
        QStringLiteral("The session key wrapped with RSA PKCS#1 v1.5."),
        QStringLiteral("Jager, Schinzel and Somorovsky, \"Bleichenbacher's Attack Strikes Again: "
                       "Breaking PKCS#1 v1.5 in XML Encryption\" (ESORICS 2012)"),
        [](const FaultInput& in) { return withAlgorithms(in, "aes256-gcm", "rsa-1_5"); });
    add("encrypted-for-another-key", kDecryptKey,
        QStringLiteral("Encrypted for a certificate that is not the SP's (a stale one after an "
                       "SP key rollover)."),
        QStringLiteral("SAML Core 2.3.4 / 6.1 (EncryptedAssertion for the relying party's key)"),
        forAnotherKey);
    return list.take();
}

} // namespace jh::idp::faults
