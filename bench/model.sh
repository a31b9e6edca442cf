#!/usr/bin/env bash
# Exhaustive-search figures for the raft.tla model (explore --system model): distinct
# states/s, transitions/s and bytes per stored state, with 1 and 2 threads, at TLC's reference
# bounds (3 servers, 1 value, MaxTerm 2, MaxLog 1, MaxMsgs 1: TLC 2.20 explores 1,931,973
# distinct states there at about 10,500 states/s on one worker) and at larger ones (MaxTerm 3,
# MaxLog 2, MaxMsgs 2). Every property the model promises is checked, as TLC checks its
# invariants. Prints figures; asserts nothing. Build the release preset first
# (scripts/setup.sh release). Each run stops after BENCH_SECONDS (default 300; rates stay
# valid for a run cut short, shown as "incomplete"). Usage: bench/model.sh [RAFTCHECK_BINARY]
set -euo pipefail
bin=${1:-$(dirname "$0")/../build/release/checker/cli/raftcheck}
printf '%-40s %3s %10s %5s %10s %10s %7s %6s %s\n' bounds thr states depth states/s trans/s \
  B/state xTLC result
for bounds in "--max-term 2 --max-log 1 --max-msgs 1" "--max-term 3 --max-log 2 --max-msgs 2"; do
  for threads in 1 2; do
    line=$("$bin" explore --system model --nodes 3 --values 1 $bounds --threads "$threads" \
      --time-limit "${BENCH_SECONDS:-300}" --json 2>/dev/null | tail -n 1) || true
    python3 - "$bounds" "$threads" "$line" <<'PY'
import json, sys
b, t, j = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
tlc = 10500.0  # TLC 2.20, one worker, reference bounds: 1,931,973 states in 183 s
print(f"{b:40s} {t:3d} {j['states']:10d} {j['depth']:5d} {j['states_per_second']:10.0f} "
      f"{j['transitions_per_second']:10.0f} {j['bytes_per_state']:7.1f} "
      f"{j['states_per_second'] / tlc / t:6.1f} {j['result']}")
PY
  done
done
