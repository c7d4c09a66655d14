#!/usr/bin/python3
"""A third-party identity provider for the interop tests: Debian's
python3-pysaml2 as an IdP (saml2.server.Server), minting the SAML Responses
our SP must accept.

It is configured the way a pysaml2 IdP operator would configure it for our
SP: its own entityID, the TEST-ONLY IdP key and certificate (--idp-key,
--idp-cert), and our SP known from metadata (entityID, ACS URL, and its
encryption certificate, from which pysaml2 takes the key it encrypts for).
For each case of a JSON list on stdin it calls create_authn_response() and
prints, as a JSON list in the same order:

  {"name", "response" (base64 of the XML as minted), "issuer",
   "name_id", "name_id_format", "attributes": [{"name", "name_format",
   "friendly_name", "values"}], "sign", "encrypted", "data_encryption"}

The expected attributes are what pysaml2's own converters make of the
identity (saml2.attribute_converter.from_local with the policy's name
format), so they name the attributes as they travel (urn:oid:...), with
their FriendlyName, values in the order given.

A case: {"name", "identity": {local attribute name: [values]},
"name_id": text, "name_id_format": URI, "sign": "assertion" | "response" |
"both", "encrypt": bool, "data_encryption": "aes256-gcm" (default) |
"pysaml2-default", "per_call_algorithms": bool (default true; false shows
what the configured algorithms alone give, see below)}. Common settings come
as options.

  pysaml2_idp.py --idp-entity ID --idp-key PEM --idp-cert PEM --sp-entity ID --acs URL
                 --sp-cert PEM --in-response-to ID [--now ISO8601] < cases.json

Run it with /usr/bin/python3: Debian's python3-pysaml2 is only visible to the
system interpreter. Exit codes: 0 every case minted, 2 bad usage, unreadable
input, or a case pysaml2 could not mint.

Choices that differ from pysaml2 7.0.1's defaults, on purpose:
  - rsa-sha256 / sha256 are asked for, both in the configuration
    (signing_algorithm / digest_algorithm) and in each create_authn_response()
    call (sign_alg / digest_alg): the defaults are rsa-sha1 / sha1, which a
    strict SP (ours) refuses, and 7.0.1 applies the configured algorithms
    only on the encrypting path, so a Response in clear would still say
    rsa-sha1 without the per-call arguments (the test checks that it does).
  - the data encryption algorithm. pysaml2 7.0.1 has no setting for it:
    Entity._encrypt_assertion() builds its template with pre_encryption_part()'s
    default (tripledes-cbc; the key transport is rsa-oaep-mgf1p) and runs
    xmlsec1 with the session key type encrypt_assertion() defaults to
    (des-192). Both functions take the algorithm as a parameter that the call
    site leaves out, so a deployment that wants AES-GCM supplies it there,
    as use_data_encryption() does. "data_encryption": "pysaml2-default" in a
    case leaves pysaml2's own choice, which a strict SP refuses.
"""

import argparse
import base64
import json
import logging
import os
import shutil
import sys
import tempfile
import traceback

# Run from the source tree: leave no __pycache__ behind in it.
sys.dont_write_bytecode = True
import peer_common  # before pysaml2: it installs the clock pysaml2 stamps messages with
from peer_common import USAGE_ERROR, UsageError, read_text

MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"


def pem_body(pem):
    lines = [l.strip() for l in pem.splitlines()]
    try:
        start = lines.index("-----BEGIN CERTIFICATE-----")
        end = lines.index("-----END CERTIFICATE-----")
    except ValueError:
        raise UsageError("not a PEM certificate")
    return "".join(lines[start + 1:end])


def sp_metadata(entity_id, acs, encryption_cert_pem):
    """Our SP as a pysaml2 IdP learns about it: from SP metadata."""
    from xml.sax.saxutils import quoteattr
    return (
        '<md:EntityDescriptor xmlns:md="%s" xmlns:ds="%s" entityID=%s>'
        '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"'
        ' WantAssertionsSigned="true">'
        '<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s'
        '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>'
        '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"'
        ' Location=%s index="0" isDefault="true"/>'
        '</md:SPSSODescriptor></md:EntityDescriptor>'
        % (MD_NS, DS_NS, quoteattr(entity_id), pem_body(encryption_cert_pem), quoteattr(acs)))


# name -> (xenc EncryptionMethod, xmlsec1 --session-key); None: pysaml2's own.
DATA_ENCRYPTION = {
    "aes256-gcm": ("http://www.w3.org/2009/xmlenc11#aes256-gcm", "aes-256"),
    "pysaml2-default": None,
}
_data_encryption = None  # the current case's entry of DATA_ENCRYPTION


def use_data_encryption(server):
    """Lets each case choose the data encryption algorithm (see the module
    comment): the template's EncryptionMethod and the session key type are
    passed where pysaml2's call site leaves them to their defaults."""
    import saml2.entity

    make_template = saml2.entity.pre_encryption_part
    encrypt = server.sec.encrypt_assertion

    def template(**kwargs):
        if _data_encryption:
            kwargs.setdefault("msg_enc", _data_encryption[0])
        return make_template(**kwargs)

    def encrypt_assertion(statement, enc_key, template_, *args, **kwargs):
        if _data_encryption:
            kwargs["key_type"] = _data_encryption[1]
        return encrypt(statement, enc_key, template_, *args, **kwargs)

    saml2.entity.pre_encryption_part = template
    server.sec.encrypt_assertion = encrypt_assertion


def server_for(args):
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.config import IdPConfig
    from saml2.saml import NAME_FORMAT_URI
    from saml2.server import Server
    from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

    for path in (args.idp_key, args.idp_cert, args.sp_cert):
        if not os.path.isfile(path):
            raise UsageError("cannot read %s" % path)
    conf = {
        "entityid": args.idp_entity,
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "key_file": args.idp_key,
        "cert_file": args.idp_cert,
        "metadata": {"inline": [sp_metadata(args.sp_entity, args.acs,
                                            read_text(args.sp_cert, "SP certificate"))]},
        # pysaml2 7.0.1 defaults to rsa-sha1 / sha1 (see the module comment).
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
        "service": {
            "idp": {
                "endpoints": {
                    "single_sign_on_service": [("https://idp.pysaml2.test/sso", BINDING_HTTP_REDIRECT)],
                },
                # Attributes travel with urn:oid names (the stock saml_uri map),
                # as most pysaml2 IdPs send them; the assertion lives 5 minutes.
                "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None,
                                       "name_form": NAME_FORMAT_URI}},
            },
        },
    }
    config = IdPConfig()
    config.load(conf)
    server = Server(config=config)
    use_data_encryption(server)
    return server


def expected_attributes(server, identity):
    from saml2.attribute_converter import from_local
    from saml2.saml import NAME_FORMAT_URI

    out = []
    for a in from_local(server.config.attribute_converters, identity, NAME_FORMAT_URI) or []:
        out.append({"name": a.name, "name_format": a.name_format or "",
                    "friendly_name": a.friendly_name or "",
                    "values": [v.text for v in a.attribute_value]})
    return out


def mint(server, args, case):
    from saml2 import saml
    from saml2.saml import AUTHN_PASSWORD_PROTECTED
    from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

    for key in ("name", "identity", "name_id", "name_id_format", "sign"):
        if key not in case:
            raise UsageError("case without %r" % key)
    sign = case["sign"]
    if sign not in ("assertion", "response", "both"):
        raise UsageError("sign must be assertion, response or both: %r" % sign)
    name_id = saml.NameID(format=case["name_id_format"], text=case["name_id"],
                          sp_name_qualifier=args.sp_entity, name_qualifier=args.idp_entity)
    encrypt = bool(case.get("encrypt"))
    global _data_encryption
    cipher = case.get("data_encryption", "aes256-gcm")
    if cipher not in DATA_ENCRYPTION:
        raise UsageError("data_encryption must be one of %s: %r" % (", ".join(DATA_ENCRYPTION), cipher))
    _data_encryption = DATA_ENCRYPTION[cipher]
    per_call = case.get("per_call_algorithms", True)
    xml = server.create_authn_response(
        case["identity"],
        in_response_to=args.in_response_to,
        destination=args.acs,
        sp_entity_id=args.sp_entity,
        name_id=name_id,
        authn={"class_ref": AUTHN_PASSWORD_PROTECTED, "authn_auth": args.idp_entity},
        sign_assertion=sign in ("assertion", "both"),
        sign_response=sign in ("response", "both"),
        encrypt_assertion=encrypt,
        # Signed, then encrypted as a whole, as SAML Core 6.2 recommends.
        encrypted_advice_attributes=False,
        # Per call as well as configured (see the module comment).
        sign_alg=SIG_RSA_SHA256 if per_call else None,
        digest_alg=DIGEST_SHA256 if per_call else None,
    )
    if not isinstance(xml, str):
        xml = str(xml)  # an unsigned samlp.Response object
    return {
        "name": case["name"],
        "response": base64.b64encode(xml.encode("utf-8")).decode("ascii"),
        "issuer": args.idp_entity,
        "name_id": case["name_id"],
        "name_id_format": case["name_id_format"],
        "attributes": expected_attributes(server, case["identity"]),
        "sign": sign,
        "encrypted": encrypt,
        "data_encryption": cipher if encrypt else "",
    }


def main(argv):
    p = argparse.ArgumentParser(description="pysaml2 IdP minting Responses for interop tests.")
    for name in ("--idp-entity", "--idp-key", "--idp-cert", "--sp-entity", "--acs", "--sp-cert",
                 "--in-response-to"):
        p.add_argument(name, required=True)
    p.add_argument("--now", help="mint as if it were this UTC instant (2026-03-02T09:30:00Z)")
    p.add_argument("--verbose", action="store_true", help="pysaml2's log on stderr")
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else USAGE_ERROR
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.CRITICAL + 1, stream=sys.stderr)
    try:
        peer_common.pin_clock(args.now)
        try:
            cases = json.load(sys.stdin)
        except ValueError as e:
            raise UsageError("stdin is not a JSON list of cases: %s" % e)
        if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
            raise UsageError("stdin must be a JSON list of objects")
        # pysaml2 writes temporary files for xmlsec1; keep them in one place.
        with tempfile.TemporaryDirectory(prefix="pysaml2-idp-") as tmp:
            tempfile.tempdir = tmp
            server = server_for(args)
            results = [mint(server, args, c) for c in cases]
            tempfile.tempdir = None
    except UsageError as e:
        sys.stderr.write("pysaml2_idp.py: %s\n" % e)
        return USAGE_ERROR
    except Exception:  # noqa: BLE001 - pysaml2 could not mint: no message, no verdict
        traceback.print_exc()
        return USAGE_ERROR
    json.dump(results, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
