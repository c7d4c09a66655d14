#!/usr/bin/python3
"""A strict service provider built on Debian's python3-pysaml2, used by the
interop tests as a third-party judge of the SAML Responses our mock IdP issues.

It validates one Response (or a batch of them) the way a pysaml2 application
does: Saml2Client.parse_authn_request_response() with the IdP known only from
metadata (built from --idp-cert, or given with --idp-metadata), keys taken from
that metadata only, outstanding AuthnRequest IDs for InResponseTo, and the
signature requirements asked for. pysaml2 verifies and decrypts by running the
xmlsec1 command-line tool. Time windows are checked against the system clock,
or against --now with --clock-skew seconds of slack (accepted_time_diff,
0 unless given). It prints what pysaml2 extracted, as JSON, so that the caller
can compare it with what it sent.

Run it with /usr/bin/python3: Debian's python3-pysaml2 is only visible to the
system interpreter.

  pysaml2_sp.py --response FILE (--idp-cert PEM --idp-entity ID | --idp-metadata XML)
                --sp-entity ID --acs URL [--in-response-to ID] [--sp-key PEM --sp-cert PEM]
                [--want-assertions-signed] [--want-response-signed]
                [--now ISO8601] [--clock-skew SECONDS] [--repeat N]
  pysaml2_sp.py --batch < cases.json

Single mode prints {"accepted", "error", "name_id", "name_id_format", "attributes"};
batch mode and the exit codes are described in peer_common.main(). A batch
case may also say "allow_unsolicited": true or false (default: allowed only
when no --in-response-to is given). With --repeat the same Saml2Client
judges the message again with the same outstanding-request table: pysaml2
keeps no cache of assertion IDs, and leaves removing an answered request to
the application, so a replay is judged as the first delivery was.

Limitations of the library version this was written against (7.0.1), on
purpose not papered over here:
  - it has no allow-list of signature or digest algorithms: xmlsec1 is run
    without one, so SHA-1 signatures verify like any other;
  - parse_authn_request_response() can return a response whose assertion was
    never parsed (Response/@Destination or InResponseTo mismatch make
    StatusResponse._verify() return None, which _parse_response() ignores):
    this SP only accepts when an assertion and a NameID were actually read;
  - the SubjectConfirmationData Recipient is only compared when the caller
    passes conversation info (verify_recipient() returns True without it):
    this SP passes it, as an application that wants the check must.
"""

import json
import os
import shutil
import sys

# Run from the source tree: leave no __pycache__ behind in it.
sys.dont_write_bytecode = True
import peer_common  # before pysaml2: it installs the clock pysaml2 reads
from peer_common import UsageError, read_text

MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"


def pem_body(pem):
    """The base64 DER of a PEM certificate, as ds:X509Certificate holds it."""
    lines = [l.strip() for l in pem.splitlines()]
    try:
        start = lines.index("-----BEGIN CERTIFICATE-----")
        end = lines.index("-----END CERTIFICATE-----")
    except ValueError:
        raise UsageError("not a PEM certificate")
    return "".join(lines[start + 1:end])


def idp_metadata_from_cert(entity_id, cert_pem):
    """Minimal IdP metadata: pysaml2 trusts signing keys from metadata only
    (only_use_keys_in_metadata), so the certificate is published this way."""
    from xml.sax.saxutils import quoteattr
    return (
        '<md:EntityDescriptor xmlns:md="%s" xmlns:ds="%s" entityID=%s>'
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s'
        '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>'
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
        ' Location="https://idp.invalid/sso"/>'
        '</md:IDPSSODescriptor></md:EntityDescriptor>'
        % (MD_NS, DS_NS, quoteattr(entity_id), pem_body(cert_pem)))


def write_raw_name_map(folder):
    """pysaml2 refuses a configuration without attribute converters; give it
    one that never applies (see config_for)."""
    with open(os.path.join(folder, "jh_interop_raw_names.py"), "w", encoding="utf-8") as f:
        f.write('MAP = {"identifier": "urn:jitharness:interop:no-such-name-format", "fro": {}, "to": {}}\n')


def config_for(case, map_dir):
    from saml2 import BINDING_HTTP_POST
    from saml2.config import SPConfig

    for key in ("sp_entity", "acs"):
        if not case.get(key):
            raise UsageError("missing --%s" % key.replace("_", "-"))
    if case.get("idp_metadata"):
        metadata = read_text(case["idp_metadata"], "IdP metadata")
    elif case.get("idp_cert") and case.get("idp_entity"):
        metadata = idp_metadata_from_cert(case["idp_entity"], read_text(case["idp_cert"], "IdP certificate"))
    else:
        raise UsageError("need --idp-cert and --idp-entity (or --idp-metadata)")

    # IdP-initiated login: as the case says, else only when no request is outstanding.
    unsolicited = case.get("allow_unsolicited")
    if unsolicited is None:
        unsolicited = not case.get("in_response_to")
    conf = {
        "entityid": case["sp_entity"],
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "metadata": {"inline": [metadata]},
        # The default for pysaml2, stated because the test relies on it: never
        # trust a certificate carried in the message itself.
        "only_use_keys_in_metadata": True,
        # A map folder whose only converter matches no name format: every
        # attribute then falls through to lcd_ava_from() and keeps the Name it
        # was sent with, instead of being renamed to pysaml2's friendly names.
        "attribute_map_dir": map_dir,
        "allow_unknown_attributes": True,
        "accepted_time_diff": peer_common.clock_skew(case, 0),
        "service": {
            "sp": {
                "endpoints": {"assertion_consumer_service": [(case["acs"], BINDING_HTTP_POST)]},
                "want_assertions_signed": bool(case.get("want_assertions_signed")),
                "want_response_signed": bool(case.get("want_response_signed")),
                "want_assertions_or_response_signed": True,
                "allow_unsolicited": bool(unsolicited),
                "authn_requests_signed": False,
            },
        },
    }
    if case.get("sp_key"):
        if not case.get("sp_cert"):
            raise UsageError("--sp-key needs --sp-cert")
        for key in ("sp_key", "sp_cert"):
            if not os.path.isfile(case[key]):
                raise UsageError("cannot read %s" % case[key])
        conf["encryption_keypairs"] = [{"key_file": case["sp_key"], "cert_file": case["sp_cert"]}]
    config = SPConfig()
    config.load(conf)
    return config


def open_sp(case, workdir):
    """A Saml2Client configured as the case says; returns consume(saml_response)."""
    from saml2 import BINDING_HTTP_POST
    from saml2.client import Saml2Client

    if not os.path.exists(os.path.join(workdir, "jh_interop_raw_names.py")):
        write_raw_name_map(workdir)
    try:
        client = Saml2Client(config_for(case, workdir))
    except UsageError:
        raise
    except Exception as e:  # noqa: BLE001 - pysaml2 refuses its configuration
        raise UsageError("invalid configuration: %s: %s" % (type(e).__name__, e))
    outstanding = {case["in_response_to"]: "/"} if case.get("in_response_to") else {}
    # Without conversation info, AuthnResponse.verify_recipient() accepts any
    # SubjectConfirmationData Recipient; with it, the Recipient must be one of
    # our ACS URLs (or, pysaml2's own leniency, our entityID).
    conv_info = {"entity_id": case["sp_entity"]}

    def consume(saml_response):
        result = peer_common.empty_verdict()
        try:
            response = client.parse_authn_request_response(saml_response, BINDING_HTTP_POST,
                                                           outstanding=outstanding,
                                                           conv_info=conv_info)
            if response is None:
                raise ValueError("pysaml2 returned no response")
            if response.assertion is None or response.name_id is None:
                raise ValueError("pysaml2 read no assertion (Destination, InResponseTo or "
                                 "IssueInstant refused)")
            name_id = response.name_id
            result["name_id"] = (name_id.text or "").strip()
            result["name_id_format"] = name_id.format or ""
            result["attributes"] = {k: [v if isinstance(v, str) else json.dumps(v) for v in vals]
                                    for k, vals in (response.ava or {}).items()}
            result["accepted"] = True
        except Exception as e:  # noqa: BLE001 - every library failure is a verdict
            return peer_common.rejected(e)
        return result

    return consume


def main(argv):
    p = peer_common.parser("Strict SAML SP (python3-pysaml2) for interop tests.")
    return peer_common.main(argv, "pysaml2_sp.py", p, open_sp)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
