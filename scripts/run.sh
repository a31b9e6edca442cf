#!/usr/bin/env bash
# Installs what is missing, builds the raftcheck binary (and nothing else), and runs its main
# job: `raftcheck explore` at the default bounds. Extra arguments go to raftcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release raftcheck >&2
exec build/release/checker/cli/raftcheck "$@"
