#!/usr/bin/env bash
# Installs what is missing, builds, and runs the test suite (every label but nightly).
# Usage: scripts/test.sh [TEST_PRESET]   e.g. unit, property, checker, smt, nightly, asan
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-default}
case "$preset" in
  nightly) build=release ;;
  asan) build=asan ;;
  *) build=default ;;
esac
# chromium: tests/traces/html_browser_test.cc opens the HTML view in headless Chromium.
SETUP_EXTRA_PACKAGES=chromium scripts/setup.sh "$build"
ctest --preset "$preset"
