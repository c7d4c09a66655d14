#!/usr/bin/env bash
# Takes the documentation screenshots from the already built GUI (it builds
# nothing: run scripts/build.sh first). Each picture is the app's own
# `--screenshot` mode — issue a sample Response with the TEST-ONLY keys, grab
# the window, exit — run under Xvfb when it is installed, else on Qt's
# offscreen platform. Writes PNGs to docs/screenshots/.
#   scripts/screenshot.sh            all pictures
#   JH_BUILD_DIR=build-x scripts/screenshot.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${JH_BUILD_DIR:-$root/build}
gui=$build/app/jitharness-gui
out=$root/docs/screenshots

if [ ! -x "$gui" ]; then
  echo "screenshot: $gui is not built; run scripts/build.sh first" >&2
  exit 2
fi
mkdir -p "$out"

# The sample directory and SP, the published TEST-ONLY keys, a fixed instant.
common=(--directory "$root/samples/directory.yaml" --key-dir "$root/samples/test-keys"
        --sp-metadata "$root/samples/sp-metadata.xml" --now 2026-03-02T09:30:00Z --size 1360x860)

shoot() {
  local name=$1
  shift
  if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1400x900x24" \
      env QT_QPA_PLATFORM=xcb "$gui" "${common[@]}" "$@" --screenshot "$out/$name.png"
  else
    QT_QPA_PLATFORM=offscreen "$gui" "${common[@]}" "$@" --screenshot "$out/$name.png"
  fi
  echo "screenshot: wrote $out/$name.png"
}

shoot issue-window --person alice --preset entra --tab pretty
shoot issue-window-claims --person olga --preset entra --tab claims
shoot issue-window-base64 --person bob --preset okta --tab base64
