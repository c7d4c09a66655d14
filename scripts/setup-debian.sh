#!/usr/bin/env bash
# Installs every Debian 12 package JIT Harness needs to build, test and run.
# Idempotent: packages already present are left alone. Needs root (or sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6.4 (core, sql with the SQLite driver, widgets, test; the HTTP server
  # for the endpoints on 127.0.0.1 — its CMake package needs the WebSockets
  # one, which Debian 12's qt6-httpserver-dev does not pull in)
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libgl-dev
  qt6-httpserver-dev qt6-websockets-dev
  # C libraries wrapped by core/
  libssl-dev libxml2-dev libxmlsec1-dev libxmlsec1-openssl libyaml-cpp-dev zlib1g-dev
  # third-party SAML peers used by the interop tests
  xmlsec1 python3 python3-onelogin-saml2 python3-pysaml2
  # offscreen / virtual display for GUI tests and screenshots
  xvfb xauth
  # format and lint gates (scripts/lint.sh)
  clang-format clang-tidy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# newman (Postman's collection runner, npm) drives our SCIM server with
# Microsoft's published SCIM reference collection (tests/interop). Node and
# npm come from Debian unless the machine already has them: a nodesource
# Node bundles npm and conflicts with Debian's npm package.
if ! command -v npm >/dev/null 2>&1; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends nodejs npm
fi
if ! command -v newman >/dev/null 2>&1; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing newman 6.2.2 (npm)"
  "${sudo_cmd[@]}" npm install --global --no-audit --no-fund newman@6.2.2
fi
