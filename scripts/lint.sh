#!/usr/bin/env bash
# The house's format and lint gates, as CI runs them:
#   clang-format (.clang-format) on every tracked C++ file, and
#   clang-tidy (.clang-tidy) on core/, app/ and bench/ sources, using the
#   compile database of the build in ./build (scripts/build.sh makes it).
# Usage: scripts/lint.sh [--format-only]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${JH_BUILD_DIR:-$root/build}
cd "$root"

echo "lint: clang-format"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

[ "${1:-}" = "--format-only" ] && exit 0

echo "lint: clang-tidy ($(nproc) jobs)"
git ls-files 'core/*.cpp' 'app/*.cpp' 'bench/*.cpp' 'ui/*.cpp' \
  | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet 2>/dev/null
