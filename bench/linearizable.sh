#!/usr/bin/env bash
# Linearizability-checker figures: linearizable kv histories of a simulated correct store
# (bench/gen_history: 10 keys, values 1..5, 1% :info) of 1k, 10k and 100k operations with 5
# and 20 clients, checked by `raftcheck linearizable` key by key (P-compositionality) and as
# one search (--no-partition). Prints figures; asserts nothing. "check s" is the search (and
# shrinking) alone, "wall s" the whole command with reading the file. Each check stops after
# BENCH_SECONDS (default 60) or when a memo passes BENCH_MEMORY_MIB (default 2048): "unknown".
# Build the release preset first (scripts/setup.sh release), or pass another build folder.
# Usage: bench/linearizable.sh [BUILD_DIR]
set -euo pipefail
dir=${1:-$(dirname "$0")/../build/release}
bin=$dir/checker/cli/raftcheck
gen=$dir/bench/gen_history
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%8s %7s %8s %6s | %-16s %8s %7s %9s | %-16s %8s %7s %9s\n' ops clients checked info \
  partitioned "check s" "wall s" steps "not partitioned" "check s" "wall s" steps
for ops in 1000 10000 100000; do
  for clients in 5 20; do
    history=$out/h-$ops-$clients.json
    "$gen" --ops "$ops" --clients "$clients" --seed 1 > "$history"
    row=()
    for mode in "" "--no-partition"; do
      start=$(date +%s.%N)
      line=$("$bin" linearizable "$history" $mode --json --time-limit "${BENCH_SECONDS:-60}" \
        --memory-limit "${BENCH_MEMORY_MIB:-2048}" 2>/dev/null | tail -n 1) || true
      end=$(date +%s.%N)
      row+=("$line" "$start" "$end")
    done
    python3 - "$ops" "$clients" "${row[@]}" <<'PY'
import json, sys
ops, clients = int(sys.argv[1]), int(sys.argv[2])
a, b = json.loads(sys.argv[3]), json.loads(sys.argv[6])
wa, wb = float(sys.argv[5]) - float(sys.argv[4]), float(sys.argv[8]) - float(sys.argv[7])
print(f"{ops:8d} {clients:7d} {a['operations']:8d} {a['indeterminate']:6d} | "
      f"{a['result']:16s} {a['seconds']:8.3f} {wa:7.2f} {a['steps']:9d} | "
      f"{b['result']:16s} {b['seconds']:8.3f} {wb:7.2f} {b['steps']:9d}")
PY
  done
done
