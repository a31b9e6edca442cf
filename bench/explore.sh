#!/usr/bin/env bash
# Exhaustive-search figures for the impl world: distinct states/s and transitions/s per
# thread, bytes per stored state, at the default bounds and two larger ones, with 1 and 2
# threads. Prints figures; asserts nothing. Build the release preset first
# (scripts/setup.sh release).  Usage: bench/explore.sh [RAFTCHECK_BINARY]
set -euo pipefail
bin=${1:-$(dirname "$0")/../build/release/checker/cli/raftcheck}
printf '%-44s %3s %10s %9s %12s %12s %8s\n' bounds thr states depth states/s trans/s B/state
for bounds in "" "--max-crashes 1" "--values 2 --max-log 3"; do
  for threads in 1 2; do
    line=$("$bin" explore $bounds --threads "$threads" --json 2>/dev/null | tail -n 1)
    python3 - "$bounds" "$threads" "$line" <<'PY'
import json, sys
b, t, j = sys.argv[1] or "(default)", int(sys.argv[2]), json.loads(sys.argv[3])
print(f"{b:44s} {t:3d} {j['states']:10d} {j['depth']:9d} {j['states_per_second']:12.0f} "
      f"{j['transitions_per_second']:12.0f} {j['bytes_per_state']:8.1f}")
PY
  done
done
