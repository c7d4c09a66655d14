#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job:
#   scripts/run.sh             the GUI on the bundled sample directory
#   scripts/run.sh --headless  a sample SP's accounts through a few logins, then SCIM
#                              (no display needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${JH_BUILD_DIR:-$root/build}
"$root/scripts/setup-debian.sh"
"$root/scripts/build.sh"

headless=0
[ "${1:-}" = "--headless" ] && headless=1
if [ $headless -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; showing the headless report instead (scripts/run.sh --headless)" >&2
  headless=1
fi

if [ $headless -eq 1 ]; then
  # A short story through the whole pipeline (IdP -> POST -> strict SP -> JIT),
  # signed with the TEST-ONLY keys so that the output is reproducible, into a
  # store made for this run: first logins create accounts, a group change
  # updates roles at the next login, and a leaver's account stays.
  jh="$build/app/jitharness"
  store=$(mktemp -d)/accounts.sqlite
  common=(--key-dir "$root/samples/test-keys" --directory "$root/samples/directory.yaml"
          --policy "$root/samples/jit-policy.yaml" --store "$store")
  echo "== 5 Jan 2026: Alice signs in for the first time (Okta). The SP checks everything;"
  echo "   JIT creates her account, roles from her groups."
  "$jh" login --person alice --preset okta --now 2026-01-05T09:00:00Z "${common[@]}"
  echo
  echo "== 5 Jan 2026: Uma (Sales) signs in."
  "$jh" login --person uma --preset okta --now 2026-01-05T09:05:00Z --summary "${common[@]}"
  echo
  echo "== 10 Feb 2026: Alice moved from Engineering to Sales; her next login updates her roles."
  "$jh" login --person alice --preset okta --now 2026-02-10T09:00:00Z --summary \
    --attr "groups=All Staff" --attr groups=Sales "${common[@]}"
  echo
  echo "== 30 Jun 2026: Uma left in March (the directory says status: left) and never signed in"
  echo "   again. JIT never removes an account: hers is still active, still holding its role."
  "$jh" accounts list --store "$store"
  echo

  # SCIM from here on: our SCIM server over the same store, Okta's client
  # pushing the directory to it, each at a fixed instant.
  work=$(dirname "$store")
  token=run-sh-demo-token
  push() { # push INSTANT DIRECTORY
    "$jh" serve scim --port 0 --store "$store" --token "$token" --now "$1" \
      >"$work/serve.log" 2>&1 &
    local server=$! url=""
    for _ in $(seq 100); do
      url=$(grep -o 'http://127.0.0.1:[0-9]*/scim/v2' "$work/serve.log" | head -n1 || true)
      [ -n "$url" ] && break
      sleep 0.1
    done
    [ -n "$url" ] || { cat "$work/serve.log" >&2; kill "$server"; return 2; }
    local rc=0
    "$jh" scim push --profile okta --no-groups --url "$url" --token "$token" --now "$1" \
      --directory "$2" --state "$work/okta-state.json" || rc=$?
    kill -TERM "$server"
    wait "$server" || true
    return $rc
  }
  echo "== 1 Jul 2026: the SP turns SCIM on; Okta pushes the directory. It finds Alice's JIT"
  echo "   account by userName and takes it over, pre-provisions everyone else — and sends"
  echo "   nothing for Uma: she left before SCIM was on, so her account stays an orphan."
  push 2026-07-01T09:00:00Z "$root/samples/directory.yaml"
  echo
  echo "== 15 Jul 2026: Alice leaves. The next push deactivates her account the same day."
  sed '/^  - id: alice$/a\    status: left' "$root/samples/directory.yaml" \
    >"$work/directory-alice-left.yaml"
  push 2026-07-15T09:00:00Z "$work/directory-alice-left.yaml"
  echo
  "$jh" accounts list --store "$store"
  echo
  echo "== Alice's account, from its audit log: made by JIT, updated by JIT, taken over and"
  echo "   deactivated by SCIM (accounts audit without --account shows everyone's)"
  exec "$jh" accounts audit --account 1 --store "$store"
fi
exec "$build/app/jitharness-gui" --directory "$root/samples/directory.yaml" --key-dir "$root/samples/test-keys"
