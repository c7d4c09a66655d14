#!/usr/bin/python3
"""A strict service provider built on Debian's python3-onelogin-saml2 (OneLogin's
python3-saml toolkit), used by the interop tests as a third-party judge of the
SAML Responses our mock IdP issues.

It validates one Response (or a batch of them) the way an application using
the toolkit would: OneLogin_Saml2_Response.is_valid() with strict mode on, a
signature required on the assertion and/or the message, the schema checked,
and the time windows checked against the real system clock. It prints what the
toolkit extracted, as JSON, so that the caller can compare it with what it sent.

Run it with /usr/bin/python3: Debian's python3-onelogin-saml2 is only visible
to the system interpreter.

  onelogin_sp.py --response FILE --idp-cert PEM --idp-entity ID --sp-entity ID --acs URL
                 [--in-response-to ID] [--sp-key PEM --sp-cert PEM]
                 [--want-assertions-signed] [--want-response-signed] [--want-assertions-encrypted]
  onelogin_sp.py --batch < cases.json

Single mode prints {"accepted", "error", "name_id", "name_id_format", "attributes"}.
Batch mode reads a JSON list of cases (keys are the long options with "_" for
"-", plus "name" echoed back; "response" holds the base64 text itself and
"response_file" a file) and prints a JSON list of results in the same order.
Exit codes: 0 every response accepted, 1 at least one rejected, 2 bad usage or
unreadable input.

Limitations of the library version this was written against (1.12.0), on
purpose not papered over here:
  - it has no setting to refuse SHA-1 signature or digest algorithms
    (rejectDeprecatedAlgorithm arrived in a later release): the signature
    method is whatever the message names, verified by python3-xmlsec;
  - only one SubjectConfirmation needs to be valid, and InResponseTo is
    compared only when the Response carries one.
"""

import argparse
import json
import sys
import traceback
import urllib.parse

USAGE_ERROR = 2


class UsageError(Exception):
    """Bad arguments or unreadable input files: exit code 2, not a verdict."""


def read_text(path, what):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise UsageError("cannot read %s %s: %s" % (what, path, e))


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


def response_text(case):
    if case.get("response") is not None:
        return case["response"].strip()
    if case.get("response_file"):
        return read_text(case["response_file"], "response").strip()
    raise UsageError("missing --response")


def json_safe(values):
    # Attribute values holding a NameID come back as dicts; keep them as JSON.
    return [v if isinstance(v, str) else json.dumps(v, sort_keys=True) for v in values]


def judge(case):
    """One verdict. A UsageError escapes; anything the library raises while
    reading or validating the message is a rejection, reported with its text."""
    from onelogin.saml2.response import OneLogin_Saml2_Response
    from onelogin.saml2.settings import OneLogin_Saml2_Settings

    result = {"accepted": False, "error": "", "name_id": "", "name_id_format": "", "attributes": {}}
    if "name" in case:
        result["name"] = case["name"]
    saml_response = response_text(case)
    try:
        settings = OneLogin_Saml2_Settings(settings_for(case))
    except UsageError:
        raise
    except Exception as e:  # noqa: BLE001 - the toolkit refuses its settings
        raise UsageError("invalid settings: %s: %s" % (type(e).__name__, e))
    request_data = request_data_for(case["acs"], saml_response)
    try:
        # The constructor already parses and, if encrypted, decrypts.
        response = OneLogin_Saml2_Response(settings, saml_response)
        response.is_valid(request_data, request_id=case.get("in_response_to") or None,
                          raise_exceptions=True)
        # Values are read after validation, as an application would; reading
        # can still raise (empty NameID, duplicated attribute names).
        nameid = response.get_nameid_data()
        result["name_id"] = nameid.get("Value") or ""
        result["name_id_format"] = nameid.get("Format") or ""
        result["attributes"] = {k: json_safe(v) for k, v in response.get_attributes().items()}
        result["accepted"] = True
    except Exception as e:  # noqa: BLE001 - every library failure is a verdict
        result["accepted"] = False
        result["error"] = "%s: %s" % (type(e).__name__, e)
        result["name_id"] = ""
        result["name_id_format"] = ""
        result["attributes"] = {}
    return result


def parse_args(argv):
    p = argparse.ArgumentParser(description="Strict SAML SP (python3-onelogin-saml2) for interop tests.")
    p.add_argument("--batch", action="store_true", help="read a JSON list of cases on stdin")
    p.add_argument("--response", dest="response_file", metavar="FILE", help="file holding the base64 SAMLResponse")
    p.add_argument("--idp-cert", help="PEM certificate the IdP signs with")
    p.add_argument("--idp-metadata", help="IdP metadata XML (instead of --idp-cert)")
    p.add_argument("--idp-entity", help="expected IdP entityID (Issuer)")
    p.add_argument("--sp-entity", help="this SP's entityID (expected Audience)")
    p.add_argument("--acs", help="this SP's AssertionConsumerService URL")
    p.add_argument("--in-response-to", help="ID of the AuthnRequest this SP sent")
    p.add_argument("--sp-key", help="SP private key (PEM) for encrypted assertions")
    p.add_argument("--sp-cert", help="SP certificate (PEM)")
    p.add_argument("--want-assertions-signed", action="store_true")
    p.add_argument("--want-response-signed", action="store_true")
    p.add_argument("--want-assertions-encrypted", action="store_true")
    return p.parse_args(argv)


def main(argv):
    try:
        args = parse_args(argv)
    except SystemExit as e:  # argparse: --help is 0, bad usage is 2
        return 0 if e.code == 0 else USAGE_ERROR
    try:
        if args.batch:
            try:
                cases = json.load(sys.stdin)
            except ValueError as e:
                raise UsageError("stdin is not a JSON list of cases: %s" % e)
            if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
                raise UsageError("stdin must be a JSON list of objects")
            results = [judge(c) for c in cases]
            json.dump(results, sys.stdout, indent=1, sort_keys=True)
            sys.stdout.write("\n")
            return 0 if all(r["accepted"] for r in results) else 1
        case = {k: v for k, v in vars(args).items() if k != "batch"}
        result = judge(case)
    except UsageError as e:
        sys.stderr.write("onelogin_sp.py: %s\n" % e)
        return USAGE_ERROR
    except Exception:  # noqa: BLE001 - a crash here is no verdict: never exit 1 for it
        traceback.print_exc()
        return USAGE_ERROR
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0 if result["accepted"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
