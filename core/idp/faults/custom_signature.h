// Signatures the IdP would never make on its own, still made by xmlsec1 from
// a template rather than pasted together: another SignatureMethod (HMAC,
// MD5), a Reference to another element, other or extra transforms, a second
// Reference; and a KeyInfo carrying a bare KeyValue, built from the key's
// parameters (xmlsec 1.2 cannot write an EC one). The result verifies for any
// verifier lax enough to run it, which is what the faults need to show.
#pragma once

#include "common/result.h"
#include "crypto/key_pair.h"
#include "idp/faults/fault_tools.h"
#include "xmlsec/xmlsec_library.h"

#include <QByteArray>
#include <functional>
#include <libxml/tree.h>

namespace jh::idp::faults {

struct CustomSignature
{
    xmlSecTransformId method = nullptr; // SignatureMethod
    xmlSecTransformId digest = nullptr; // DigestMethod
    xmlNode* target = nullptr;          // what the Reference points at; null: the signed parent
    QByteArray inclusiveNamespaces;     // exc-c14n PrefixList ("xs")
    // The Reference's transforms are enveloped-signature, then exclusive
    // c14n; when set, this adds the first one(s) instead of enveloped-signature.
    std::function<Result<void>(xmlNode* reference)> envelopedTransform;
    QByteArray certificateBase64; // set: a KeyInfo with this certificate (base64 DER)
    // Called on the finished template before signing: add transforms after
    // exclusive c14n, other references, objects.
    std::function<Result<void>(xmlNode* signature, xmlNode* reference)> shape;
};

// Signs with `key` (borrowed), the ds:Signature going into `parent` right
// after `insertAfter` (or first). Error ids: xmlsec.template, xmlsec.sign.
Result<void> signCustom(xmlDoc* doc, xmlNode* parent, xmlNode* insertAfter, xmlSecKey* key,
                        const CustomSignature& how);

// The private key of a pair, and an HMAC key with these bytes as its secret.
Result<xmlsec::KeyPtr> signingKey(const crypto::KeyPair& pair);
Result<xmlsec::KeyPtr> hmacKey(const QByteArray& secret);

// A render step signing with `how` and `key`; the exc-c14n PrefixList gets
// "xs" when the message uses xs types, as the IdP's own signatures do.
SignStep customSignatureStep(xmlsec::KeyPtr key, const CustomSignature& how);

// Appends ds:KeyInfo/ds:KeyValue with the public key of `pair` to a
// signature: RSAKeyValue (Modulus, Exponent), or XML-DSig 1.1 ECKeyValue
// (NamedCurve, PublicKey). Error id crypto.key.
Result<void> appendKeyValue(xmlNode* signature, const crypto::KeyPair& pair);

} // namespace jh::idp::faults
