#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job:
#   scripts/run.sh             the GUI on the bundled sample directory
#   scripts/run.sh --headless  a text report of a sample sign-in (no display needed)
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
  # A sample sign-in: Alice, shaped like Microsoft Entra ID, for the sample SP,
  # signed with the TEST-ONLY key so that the output is reproducible.
  exec "$build/app/jitharness" idp issue --person alice --preset entra \
    --sp-metadata "$root/samples/sp-metadata.xml" --key-dir "$root/samples/test-keys" \
    --directory "$root/samples/directory.yaml" --report
fi
exec "$build/app/jitharness-gui" --directory "$root/samples/directory.yaml" --key-dir "$root/samples/test-keys"
