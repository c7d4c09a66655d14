#!/usr/bin/python3
"""A strict service provider built on Debian's python3-onelogin-saml2 (OneLogin's
python3-saml toolkit), used by the interop tests as a third-party judge of the
SAML Responses our mock IdP issues.

It validates one Response (or a batch of them) the way an application using
the toolkit would: OneLogin_Saml2_Response.is_valid() with strict mode on, a
signature required on the assertion and/or the message, the schema checked,
and the time windows checked against the system clock, or against --now with
--clock-skew seconds of drift. It prints what the toolkit extracted, as JSON,
so that the caller can compare it with what it sent.

Run it with /usr/bin/python3: Debian's python3-onelogin-saml2 is only visible
to the system interpreter.

  onelogin_sp.py --response FILE --idp-cert PEM --idp-entity ID --sp-entity ID --acs URL
                 [--in-response-to ID] [--sp-key PEM --sp-cert PEM]
                 [--want-assertions-signed] [--want-response-signed] [--want-assertions-encrypted]
                 [--now ISO8601] [--clock-skew SECONDS] [--repeat N]
  onelogin_sp.py --batch < cases.json

Single mode prints {"accepted", "error", "name_id", "name_id_format", "attributes"};
batch mode and the exit codes are described in peer_common.main(). The
toolkit keeps no state between messages (no replay cache: an application is
expected to remember assertion IDs itself), so --repeat judges afresh.

Limitations of the library version this was written against (1.12.0), on
purpose not papered over here:
  - it has no setting to refuse SHA-1 signature or digest algorithms
    (rejectDeprecatedAlgorithm arrived in a later release): the signature
    method is whatever the message names, verified by python3-xmlsec;
  - only one SubjectConfirmation needs to be valid, and InResponseTo is
    compared only when the Response carries one.
"""

import sys
import urllib.parse

# Run from the source tree: leave no __pycache__ behind in it.
sys.dont_write_bytecode = True
import peer_common  # before the toolkit: it installs the clock the toolkit reads
from peer_common import UsageError, read_text

# OneLogin_Saml2_Constants.ALLOWED_CLOCK_DRIFT as the toolkit ships it.
DEFAULT_CLOCK_DRIFT = 300


def request_data_for(acs_url, saml_response):
    """The toolkit compares Destination and Recipient with the URL the POST
    arrived at, which it rebuilds from WSGI-like request data: derive that
    from the configured ACS URL, as if the POST had arrived there."""
    u = urllib.parse.urlsplit(acs_url)
    if not u.scheme or not u.netloc:
        raise UsageError("--acs must be an absolute URL: %r" % acs_url)
    return {
        "https": "on" if u.scheme == "https" else "off",
        "http_host": u.netloc,
        "script_name": u.path,
        "get_data": {},
        "post_data": {"SAMLResponse": saml_response},
    }


def idp_settings(case):
    """IdP trust from a single certificate (--idp-cert), or from metadata
    (--idp-metadata) through the toolkit's own metadata parser."""
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

    if case.get("idp_metadata"):
        xml = read_text(case["idp_metadata"], "IdP metadata")
        parsed = OneLogin_Saml2_IdPMetadataParser.parse(xml, entity_id=case.get("idp_entity"))
        idp = parsed.get("idp")
        if not idp or not (idp.get("x509cert") or idp.get("x509certMulti")):
            raise UsageError("no IdP signing certificate in %s" % case["idp_metadata"])
        if case.get("idp_entity"):
            idp["entityId"] = case["idp_entity"]
        idp.setdefault("singleSignOnService", {"url": "https://idp.invalid/sso",
                                               "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"})
        return idp
    if not case.get("idp_cert") or not case.get("idp_entity"):
        raise UsageError("need --idp-cert and --idp-entity (or --idp-metadata)")
    return {
        "entityId": case["idp_entity"],
        # Required by the settings checker, never contacted: this SP only consumes.
        "singleSignOnService": {"url": "https://idp.invalid/sso",
                                "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
        "x509cert": read_text(case["idp_cert"], "IdP certificate"),
    }


def settings_for(case):
    from onelogin.saml2.constants import OneLogin_Saml2_Constants as C

    for key in ("sp_entity", "acs"):
        if not case.get(key):
            raise UsageError("missing --%s" % key.replace("_", "-"))
    sp = {
        "entityId": case["sp_entity"],
        "assertionConsumerService": {"url": case["acs"], "binding": C.BINDING_HTTP_POST},
        "NameIDFormat": C.NAMEID_UNSPECIFIED,
    }
    if case.get("sp_key"):
        sp["privateKey"] = read_text(case["sp_key"], "SP key")
        sp["x509cert"] = read_text(case["sp_cert"], "SP certificate") if case.get("sp_cert") else ""
    return {
        "strict": True,
        "debug": False,
        "sp": sp,
        "idp": idp_settings(case),
        "security": {
            "wantAssertionsSigned": bool(case.get("want_assertions_signed")),
            "wantMessagesSigned": bool(case.get("want_response_signed")),
            "wantAssertionsEncrypted": bool(case.get("want_assertions_encrypted")),
            "wantNameId": True,
            "wantAttributeStatement": True,
            "allowRepeatAttributeName": False,
            "requestedAuthnContext": False,
            # Only used when this SP signs; set to what a current deployment uses.
            "signatureAlgorithm": C.RSA_SHA256,
            "digestAlgorithm": C.SHA256,
        },
    }


def open_sp(case, workdir):
    """The toolkit configured as the case says; returns consume(saml_response)."""
    from onelogin.saml2.constants import OneLogin_Saml2_Constants
    from onelogin.saml2.response import OneLogin_Saml2_Response
    from onelogin.saml2.settings import OneLogin_Saml2_Settings

    del workdir  # the toolkit writes no files
    try:
        settings = OneLogin_Saml2_Settings(settings_for(case))
    except UsageError:
        raise
    except Exception as e:  # noqa: BLE001 - the toolkit refuses its settings
        raise UsageError("invalid settings: %s: %s" % (type(e).__name__, e))
    # 1.12 has no setting for the clock skew: the class constant is what
    # validate_timestamps() adds, so a case that names a skew sets it (the
    # toolkit's default, 300 s, otherwise).
    OneLogin_Saml2_Constants.ALLOWED_CLOCK_DRIFT = peer_common.clock_skew(case, DEFAULT_CLOCK_DRIFT)
    request_id = case.get("in_response_to") or None

    def consume(saml_response):
        result = peer_common.empty_verdict()
        try:
            # The constructor already parses and, if encrypted, decrypts.
            response = OneLogin_Saml2_Response(settings, saml_response)
            response.is_valid(request_data_for(case["acs"], saml_response), request_id=request_id,
                              raise_exceptions=True)
            # Values are read after validation, as an application would;
            # reading can still raise (empty NameID, duplicated attribute names).
            nameid = response.get_nameid_data()
            result["name_id"] = nameid.get("Value") or ""
            result["name_id_format"] = nameid.get("Format") or ""
            result["attributes"] = {k: peer_common.json_safe(v)
                                    for k, v in response.get_attributes().items()}
            result["accepted"] = True
        except Exception as e:  # noqa: BLE001 - every library failure is a verdict
            return peer_common.rejected(e)
        return result

    return consume


def main(argv):
    p = peer_common.parser("Strict SAML SP (python3-onelogin-saml2) for interop tests.",
                           lambda p: p.add_argument("--want-assertions-encrypted", action="store_true"))
    return peer_common.main(argv, "onelogin_sp.py", p, open_sp)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
