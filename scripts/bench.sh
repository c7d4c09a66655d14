#!/usr/bin/env bash
# Builds and runs the benchmark program. Each measure is printed next to its
# reference from the same run (e.g. OpenSSL's raw RSA-2048 signature rate).
# Pinned to one core when taskset is available, so that the other core's
# work (a build, a browser) disturbs subject and reference alike.
# Usage: scripts/bench.sh [--json] [--seconds S] [--filter TEXT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${JH_BUILD_DIR:-$root/build}
"$root/scripts/build.sh" >/dev/null
pin=()
command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ] && pin=(taskset -c 1)
exec "${pin[@]}" "$build/bench/jitharness-bench" "$@"
