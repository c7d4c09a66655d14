// SAML 2.0 vocabulary in one place: namespace URIs, NameID formats, status
// codes, confirmation methods, authentication context classes, bindings.
#pragma once

namespace jh::saml {

inline constexpr char kNsProtocol[] = "urn:oasis:names:tc:SAML:2.0:protocol";
inline constexpr char kNsAssertion[] = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr char kNsMetadata[] = "urn:oasis:names:tc:SAML:2.0:metadata";
inline constexpr char kNsDsig[] = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr char kNsXenc[] = "http://www.w3.org/2001/04/xmlenc#";
inline constexpr char kNsXsi[] = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr char kNsXs[] = "http://www.w3.org/2001/XMLSchema";

namespace nameid {
inline constexpr char kUnspecified[] = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
inline constexpr char kEmail[] = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
inline constexpr char kPersistent[] = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
inline constexpr char kTransient[] = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
inline constexpr char kEntity[] = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
} // namespace nameid

namespace attrname {
inline constexpr char kUnspecified[] = "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified";
inline constexpr char kBasic[] = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";
inline constexpr char kUri[] = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
} // namespace attrname

namespace status {
inline constexpr char kSuccess[] = "urn:oasis:names:tc:SAML:2.0:status:Success";
inline constexpr char kRequester[] = "urn:oasis:names:tc:SAML:2.0:status:Requester";
inline constexpr char kResponder[] = "urn:oasis:names:tc:SAML:2.0:status:Responder";
inline constexpr char kAuthnFailed[] = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";
} // namespace status

inline constexpr char kBearer[] = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

namespace authnctx {
inline constexpr char kPasswordProtectedTransport[] =
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
inline constexpr char kPassword[] = "urn:oasis:names:tc:SAML:2.0:ac:classes:Password";
inline constexpr char kUnspecified[] = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";
inline constexpr char kX509[] = "urn:oasis:names:tc:SAML:2.0:ac:classes:X509";
} // namespace authnctx

namespace binding {
inline constexpr char kHttpPost[] = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
inline constexpr char kHttpRedirect[] = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
inline constexpr char kHttpArtifact[] = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
} // namespace binding

} // namespace jh::saml
