#include "idp/self_check.h"

#include "saml/assertion_reader.h"
#include "saml/saml_names.h"
#include "xml/xml_parse.h"
#include "xmlsec/xml_decryptor.h"
#include "xmlsec/xml_signer.h"
#include "xmlsec/xml_verifier.h"

namespace jh::idp {

SelfCheck selfCheck(const QByteArray& bytes, X509* idpCertificate, const crypto::KeyPair* spKey)
{
    SelfCheck o;
    auto parsed = xml::parseHardened(bytes, QStringLiteral("Response"));
    if (!parsed) {
        o.failures << parsed.error().message;
        return o;
    }
    o.doc = std::move(*parsed);
    o.response = xmlDocGetRootElement(o.doc.get());
    if (!xml::isElement(o.response, saml::kNsProtocol, "Response")) {
        o.failures << QStringLiteral("root element is not samlp:Response");
        return o;
    }
    (void)xmlsec::registerId(o.doc.get(), o.response);

    auto verify = [&](xmlNode* owner) {
        xmlNode* sig = owner ? xml::firstChild(owner, saml::kNsDsig, "Signature") : nullptr;
        if (!sig)
            return;
        const QString name = xml::toQString(owner->name);
        auto v = xmlsec::verifySignature(sig, idpCertificate);
        if (!v)
            o.failures << name + QStringLiteral(" signature: ") + v.error().message;
        else if (!v->valid)
            o.failures << name + QStringLiteral(" signature: ") + v->detail;
        else
            o.verified << name;
    };
    // The Response signature covers the message as sent, encrypted assertion
    // included: it is verified before anything is decrypted.
    verify(o.response);

    o.assertion = xml::firstChild(o.response, saml::kNsAssertion, "Assertion");
    if (xmlNode* ea = xml::firstChild(o.response, saml::kNsAssertion, "EncryptedAssertion")) {
        o.encrypted = true;
        xmlNode* ed = xml::firstChild(ea, saml::kNsXenc, "EncryptedData");
        if (!ed) {
            o.failures << QStringLiteral("EncryptedAssertion holds no xenc:EncryptedData");
        } else if (spKey) {
            if (auto dec = xmlsec::decryptElement(o.doc.get(), ed, *spKey, {}); !dec) {
                o.failures << dec.error().message;
            } else {
                o.assertion = *dec;
                o.decrypted = true;
            }
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

} // namespace jh::idp
