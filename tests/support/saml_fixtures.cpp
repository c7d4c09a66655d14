#include "support/saml_fixtures.h"

#include "saml/assertion_reader.h"
#include "saml/saml_names.h"
#include "support/fixtures.h"
#include "xml/xml_parse.h"
#include "xmlsec/xml_decryptor.h"
#include "xmlsec/xml_signer.h"
#include "xmlsec/xml_verifier.h"

namespace jh::test {

saml::AssertionSpec sampleSpec()
{
    const QDateTime now = fixedNow();
    saml::AssertionSpec s;
    s.responseId = QStringLiteral("_resp0001");
    s.assertionId = QStringLiteral("_assert0001");
    s.issueInstant = now;
    s.issuer = QStringLiteral("https://idp.example.test/saml");
    s.destination = QStringLiteral("https://sp.example.test/acs");
    s.inResponseTo = QStringLiteral("_req42");
    s.subject = {QStringLiteral("alice@contoso.example"), QString::fromLatin1(saml::nameid::kEmail), {},
                 QStringLiteral("https://sp.example.test")};
    s.confirmation = {true, QStringLiteral("https://sp.example.test/acs"), now.addSecs(300), QStringLiteral("_req42")};
    s.conditions = {true, now.addSecs(-60), now.addSecs(300), {QStringLiteral("https://sp.example.test")}};
    s.authn = {true, now, QStringLiteral("_sess1"), now.addSecs(8 * 3600),
               QString::fromLatin1(saml::authnctx::kPasswordProtectedTransport)};
    s.attributes = {
        {QStringLiteral("email"), QString::fromLatin1(saml::attrname::kBasic), {}, QStringLiteral("xs:string"),
         {QStringLiteral("alice@contoso.example")}},
        {QStringLiteral("groups"), QString::fromLatin1(saml::attrname::kBasic), {}, QStringLiteral("xs:string"),
         {QStringLiteral("Engineering"), QStringLiteral("Admins & Ops <core>")}},
        {QStringLiteral("http://schemas.example.com/claims/displayname"), {}, {}, {}, {QStringLiteral("Alice Zoë")}},
    };
    return s;
}

OpenedResponse openResponse(const QByteArray& bytes, X509* idpCert, const crypto::KeyPair* spKey)
{
    OpenedResponse o;
    auto parsed = xml::parseHardened(bytes, QStringLiteral("Response"));
    if (!parsed) {
        o.failures << parsed.error().message;
        return o;
    }
    o.doc = std::move(*parsed);
    o.response = xmlDocGetRootElement(o.doc.get());
    (void)xmlsec::registerId(o.doc.get(), o.response);

    // The Response signature covers the message as sent (an encrypted
    // assertion stays encrypted): verify it before decrypting anything.
    auto verify = [&](xmlNode* owner) {
        xmlNode* sig = owner ? xml::firstChild(owner, saml::kNsDsig, "Signature") : nullptr;
        if (!sig)
            return;
        auto v = xmlsec::verifySignature(sig, idpCert);
        if (!v)
            o.failures << v.error().message;
        else if (!v->valid)
            o.failures << v->detail;
        else
            o.signedElements << xml::toQString(owner->name);
    };
    verify(o.response);

    o.assertion = xml::firstChild(o.response, saml::kNsAssertion, "Assertion");
    if (xmlNode* ea = xml::firstChild(o.response, saml::kNsAssertion, "EncryptedAssertion")) {
        o.wasEncrypted = true;
        xmlNode* ed = xml::firstChild(ea, saml::kNsXenc, "EncryptedData");
        if (!spKey || !ed) {
            o.failures << QStringLiteral("encrypted assertion but no SP key or no EncryptedData");
        } else if (auto dec = xmlsec::decryptElement(o.doc.get(), ed, *spKey); !dec) {
            o.failures << dec.error().message;
        } else {
            o.assertion = *dec;
        }
    }
    if (o.assertion) {
        (void)xmlsec::registerId(o.doc.get(), o.assertion);
        verify(o.assertion);
    }
    saml::readResponseEnvelope(o.response, o.read);
    if (o.assertion)
        saml::readAssertion(o.assertion, o.read);
    return o;
}

} // namespace jh::test
