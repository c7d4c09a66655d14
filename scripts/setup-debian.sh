#!/usr/bin/env bash
# Installs every Debian 12 package JIT Harness needs to build, test and run.
# Idempotent: packages already present are left alone. Needs root (or sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6.4 (core, sql with the SQLite driver, widgets, test)
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libgl-dev
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
