// The workbench the fault groups share: rendering a spec the way the IdP
// does, but in stages a fault can step into (before anything is signed,
// after the assertion is signed, after the whole message is finished), the
// signing steps (the IdP's key, another key, other algorithms), and small
// libxml2 tree edits. Every fault works on the tree; bytes are only ever the
// serializer's output.
#pragma once

#include "idp/fault.h"
#include "saml/response_writer.h"

#include <QString>
#include <functional>
#include <libxml/tree.h>

namespace jh::idp::faults {

// The attacker's domain, and the identity the attacker wants to become.
inline constexpr char kEvilHost[] = "evil.example";
QString evilNameId(const saml::AssertionSpec& spec); // "admin@<the victim's domain>"
QString evilUrl(const QString& path);                // "https://evil.example/<path>"

// The instant the SP checks at, to the second (the writer drops no digits).
QDateTime checkInstant(const FaultInput& in);

// Signs `element`, putting ds:Signature right after `insertAfter`.
using SignStep =
    std::function<Result<void>(saml::ResponseDocument& rd, xmlNode* element, xmlNode* insertAfter)>;
using TreeStep = std::function<Result<void>(saml::ResponseDocument& rd)>;

struct Recipe
{
    SignMode sign = SignMode::Assertion;
    EncryptionOptions encryption;  // enabled: the assertion is encrypted after it is signed
    X509* encryptFor = nullptr;    // null: the input's SP certificate
    TreeStep beforeSigning;        // content the IdP signs as its own
    TreeStep afterAssertionSigned; // before encryption and before the Response is signed
    TreeStep afterSigning;         // the attacker's edits to the finished message
    SignStep signWith;             // null: the IdP's key with the input's algorithms
};

// The recipe that reproduces the input's own signing and encryption.
Recipe inputRecipe(const FaultInput& in);
// The IdP's signer with the input's algorithms.
SignStep idpSignature(const FaultInput& in);
// Another key, or other algorithms ("rsa-sha1"), through the IdP's signer code.
SignStep signatureWith(const crypto::KeyPair& key, const SigningOptions& options);

// writeResponse(spec), then the recipe's stages, signatures and encryption.
Result<QByteArray> render(const FaultInput& in, const saml::AssertionSpec& spec, const Recipe& r);
// The spec through the IdP's own ResponseSigner, with the input's options.
Result<QByteArray> renderSpec(const FaultInput& in, const saml::AssertionSpec& spec);

// A fault made by editing the valid spec before it is rendered and signed.
template <typename Edit> std::function<Result<QByteArray>(const FaultInput&)> editSpec(Edit edit)
{
    return [edit](const FaultInput& in) {
        saml::AssertionSpec s = in.spec;
        edit(s);
        return renderSpec(in, s);
    };
}

// Tree helpers. Text is set as text (escaped), never parsed as markup.
xmlNode* nameIdOf(xmlNode* assertion);
xmlNode* signatureOf(xmlNode* owner);
void setText(xmlNode* node, const QString& text);
void setAttribute(xmlNode* node, const char* name, const QString& value);
xmlNode* deepCopy(xmlNode* node); // same document, not yet linked
void removeNode(xmlNode* node);
// Inserts `node` as a child of `parent` after its leading Issuer and
// ds:Signature (where SAML puts Extensions).
void insertAfterHeader(xmlNode* parent, xmlNode* node);
// Replaces the assertion's NameID with the attacker's choice.
Result<void> impersonate(xmlNode* assertion, const saml::AssertionSpec& spec);

} // namespace jh::idp::faults
