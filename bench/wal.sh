#!/usr/bin/env bash
# Write-ahead-log figures on this machine's disk: records/s and MB/s for 1 KiB entries with one
# fdatasync per Ready (1 and 16 entries per Ready), and the time to recover 100,000 records.
# Prints figures; asserts nothing. Builds wal_bench in the release tree first (scripts/setup.sh
# release configures it). Usage: bench/wal.sh [BUILD_DIR] [SCRATCH_DIR]
# (SCRATCH_DIR: where the WALs are written, default a temporary directory; BENCH_SECONDS: how
# long each throughput run lasts, default 3.)
set -euo pipefail
build=${1:-$(dirname "$0")/../build/release}
cmake --build "$build" --target wal_bench >/dev/null
"$build/bench/wal_bench" ${2:+"$2"}
