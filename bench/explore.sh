#!/usr/bin/env bash
# Exhaustive-search figures for the impl world: distinct states/s and transitions/s per
# thread, bytes per stored state, at the default bounds and two larger ones, with 1 and 2
# threads. Prints figures; asserts nothing. Build the release preset first
# (scripts/setup.sh release). Each run stops after BENCH_SECONDS (default 120; rates stay
# valid for a run cut short, shown as "incomplete").  Usage: bench/explore.sh [RAFTCHECK_BINARY]
set -euo pipefail
bin=${1:-$(dirname "$0")/../build/release/checker/cli/raftcheck}
printf '%-28s %3s %10s %5s %10s %10s %7s %s\n' bounds thr states depth states/s trans/s B/state result
for bounds in "" "--max-crashes 1" "--values 2 --max-log 3"; do
  for threads in 1 2; do
    line=$("$bin" explore $bounds --threads "$threads" --time-limit "${BENCH_SECONDS:-120}" \
      --json 2>/dev/null | tail -n 1) || true
    python3 - "$bounds" "$threads" "$line" <<'PY'
import json, sys
b, t, j = sys.argv[1] or "(default)", int(sys.argv[2]), json.loads(sys.argv[3])
print(f"{b:28s} {t:3d} {j['states']:10d} {j['depth']:5d} {j['states_per_second']:10.0f} "
      f"{j['transitions_per_second']:10.0f} {j['bytes_per_state']:7.1f} {j['result']}")
PY
  done
done
