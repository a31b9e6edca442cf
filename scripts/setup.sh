#!/usr/bin/env bash
# Installs what raftcheck needs from Debian packages (only when missing), then configures and
# builds one CMake preset: every target, or only the TARGETs given.
# Usage: scripts/setup.sh [PRESET [TARGET...]]   (default: default, every target)
set -euo pipefail
cd "$(dirname "$0")/.."

# SETUP_EXTRA_PACKAGES adds packages that only some entry points need (scripts/test.sh: the
# headless browser the HTML view's test runs).
packages=(g++ cmake ninja-build pkg-config googletest libgtest-dev libgmock-dev
          librapidcheck-dev libz3-dev nlohmann-json3-dev libcli11-dev ${SETUP_EXTRA_PACKAGES:-})
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

preset=${1:-default}
shift || true
targets=()
(($#)) && targets=(--target "$@")
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" "${targets[@]}"
