"""What the Python SP peers of the interop tests share: how they fail on bad
usage, how they read files and the base64 message, a clock that can be pinned
to the instant the caller's messages were built for, and the command-line
driver (one message, or a JSON batch of cases on stdin).

A peer module supplies open_sp(case, workdir), which configures its library
as the case says and returns consume(saml_response) -> verdict dict. The
driver calls consume once per delivery of the message: "repeat": 2 sends the
same message twice to the same configured SP object, so that any replay
protection the library keeps in that object gets its chance.

Import this module before the SAML libraries: the clock is installed at
import time, and libraries that do `from datetime import datetime` keep
whatever class they found then.
"""

import argparse
import base64
import calendar
import datetime as _datetime
import json
import logging
import sys
import tempfile
import time as _time
import traceback

USAGE_ERROR = 2


class UsageError(Exception):
    """Bad arguments or unreadable input files: exit code 2, not a verdict."""


def read_text(path, what):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise UsageError("cannot read %s %s: %s" % (what, path, e))


# --- The clock -------------------------------------------------------------
#
# Neither library takes a clock: onelogin reads datetime.utcnow(), pysaml2
# time.gmtime() and datetime.utcnow(). The messages under test are built for
# a fixed instant (the edge faults are one second either side of a skew
# boundary), so every way of reading "now" is redirected to the pinned
# instant while one is pinned, and to the system clock otherwise.

_real_time = _time.time
_real_gmtime = _time.gmtime
_real_localtime = _time.localtime
_RealDatetime = _datetime.datetime
_pinned = None  # seconds since the epoch, or None: the system clock


def _now():
    return _real_time() if _pinned is None else float(_pinned)


class _PinnedDatetime(_RealDatetime):
    @classmethod
    def now(cls, tz=None):
        return super().now(tz) if _pinned is None else cls.fromtimestamp(_pinned, tz)

    @classmethod
    def utcnow(cls):
        return super().utcnow() if _pinned is None else cls.utcfromtimestamp(_pinned)

    @classmethod
    def today(cls):
        return cls.now()


def _install_clock():
    _time.time = _now
    _time.gmtime = lambda secs=None: _real_gmtime(_now() if secs is None else secs)
    _time.localtime = lambda secs=None: _real_localtime(_now() if secs is None else secs)
    _datetime.datetime = _PinnedDatetime


_install_clock()


def pin_clock(iso):
    """Pins "now" to an ISO 8601 UTC instant ("2026-03-02T09:30:00Z"); None
    or "" restores the system clock."""
    global _pinned
    if not iso:
        _pinned = None
        return
    try:
        parsed = _time.strptime(iso.strip(), "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise UsageError("--now must look like 2026-03-02T09:30:00Z: %r" % iso)
    _pinned = calendar.timegm(parsed)


# --- Inputs ----------------------------------------------------------------


def response_text(case):
    """The base64 SAMLResponse; line breaks (base64 -w76) are allowed, as in
    an HTTP-POST form value."""
    if case.get("response") is not None:
        text = "".join(case["response"].split())
    elif case.get("response_file"):
        text = "".join(read_text(case["response_file"], "response").split())
    else:
        raise UsageError("missing --response")
    try:
        base64.b64decode(text, validate=True)
    except ValueError:
        raise UsageError("the response is not base64")
    return text


def clock_skew(case, default):
    value = case.get("clock_skew")
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UsageError("--clock-skew must be a number of seconds: %r" % value)


def empty_verdict():
    return {"accepted": False, "error": "", "name_id": "", "name_id_format": "", "attributes": {}}


def rejected(error):
    verdict = empty_verdict()
    verdict["error"] = "%s: %s" % (type(error).__name__, str(error)[:2000])
    return verdict


def json_safe(values):
    # Attribute values holding a NameID come back as structures; keep them as JSON.
    return [v if isinstance(v, str) else json.dumps(v, sort_keys=True) for v in values]


# --- The driver ------------------------------------------------------------


def parser(description, extra=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--batch", action="store_true", help="read a JSON list of cases on stdin")
    p.add_argument("--response", dest="response_file", metavar="FILE",
                   help="file holding the base64 SAMLResponse")
    p.add_argument("--idp-cert", help="PEM certificate the IdP signs with")
    p.add_argument("--idp-metadata", help="IdP metadata XML (instead of --idp-cert)")
    p.add_argument("--idp-entity", help="the IdP's entityID (expected Issuer)")
    p.add_argument("--sp-entity", help="this SP's entityID (expected Audience)")
    p.add_argument("--acs", help="this SP's AssertionConsumerService URL")
    p.add_argument("--in-response-to", help="ID of the AuthnRequest this SP sent")
    p.add_argument("--sp-key", help="SP private key (PEM) for encrypted assertions")
    p.add_argument("--sp-cert", help="SP certificate (PEM)")
    p.add_argument("--want-assertions-signed", action="store_true")
    p.add_argument("--want-response-signed", action="store_true")
    p.add_argument("--now", help="judge as if it were this UTC instant (2026-03-02T09:30:00Z)")
    p.add_argument("--clock-skew", type=int, help="seconds of clock skew allowed")
    p.add_argument("--repeat", type=int, default=1,
                   help="deliver the message this many times to the same SP; the last verdict counts")
    p.add_argument("--verbose", action="store_true", help="the library's log on stderr")
    if extra:
        extra(p)
    return p


def judge(case, open_sp, workdir):
    """One case's verdict. A UsageError escapes; anything the library raises
    while reading or validating the message is a rejection, with its text."""
    pin_clock(case.get("now"))
    text = response_text(case)
    consume = open_sp(case, workdir)
    try:
        repeat = max(1, int(case.get("repeat") or 1))
    except (TypeError, ValueError):
        raise UsageError("repeat must be a number: %r" % case.get("repeat"))
    verdicts = [consume(text) for _ in range(repeat)]
    result = verdicts[-1]
    if repeat > 1:
        # Whether each earlier delivery was accepted: a replay verdict means
        # little if the first delivery was refused already.
        result["earlier_accepted"] = [v["accepted"] for v in verdicts[:-1]]
    if "name" in case:
        result["name"] = case["name"]
    return result


def main(argv, prog, arg_parser, open_sp):
    """Single mode prints one verdict; --batch reads a JSON list of cases
    (keys are the long options with "_" for "-", plus "name" echoed back;
    "response" holds the base64 text itself and "response_file" a file) and
    prints a JSON list of verdicts in the same order. Exit codes: 0 every
    response accepted, 1 at least one rejected, 2 bad usage or unreadable
    input (or a crash, which is no verdict)."""
    try:
        args = arg_parser.parse_args(argv)
    except SystemExit as e:  # argparse: --help is 0, bad usage is 2
        return 0 if e.code == 0 else USAGE_ERROR
    # The libraries log every rejection at ERROR; the verdict is in the JSON.
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.CRITICAL + 1,
                        stream=sys.stderr)
    with tempfile.TemporaryDirectory(prefix=prog.replace(".py", "-")) as workdir:
        try:
            if args.batch:
                try:
                    cases = json.load(sys.stdin)
                except ValueError as e:
                    raise UsageError("stdin is not a JSON list of cases: %s" % e)
                if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
                    raise UsageError("stdin must be a JSON list of objects")
                results = [judge(c, open_sp, workdir) for c in cases]
            else:
                case = {k: v for k, v in vars(args).items() if k not in ("batch", "verbose")}
                results = [judge(case, open_sp, workdir)]
        except UsageError as e:
            sys.stderr.write("%s: %s\n" % (prog, e))
            return USAGE_ERROR
        except Exception:  # noqa: BLE001 - a crash here is no verdict: never exit 1 for it
            traceback.print_exc()
            return USAGE_ERROR
    json.dump(results if args.batch else results[0], sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0 if all(r["accepted"] for r in results) else 1
