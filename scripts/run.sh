#!/usr/bin/env bash
# Installs what is missing, builds, and runs raftcheck's main job. Extra arguments go to it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release >&2
exec build/release/checker/cli/raftcheck "$@"
