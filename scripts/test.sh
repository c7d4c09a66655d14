#!/usr/bin/env bash
# Installs what is missing, builds, runs the whole test suite (CTest), then
# the format and lint gates (scripts/lint.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${JH_BUILD_DIR:-$root/build}
"$root/scripts/setup-debian.sh"
"$root/scripts/build.sh" -DJH_WERROR=ON
(cd "$build" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc)" "$@")
"$root/scripts/lint.sh"
