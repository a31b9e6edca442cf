#!/usr/bin/env bash
# Symbolic-checking figures for AbstractRaft (raftcheck prove --system abstract):
#  1. BMC wall time to depths 6, 8 and 10, and the induction check, for 3 and 5 servers
#     (MaxTerm 3, MaxLogLen 3), next to the explicit state count at the same bounds;
#  2. the largest bounds at which induction proves the lemma set for 3 servers within
#     BENCH_BUDGET seconds (default 60): for each MaxLogLen, the largest MaxTerm.
# Prints figures; asserts nothing. Each run is cut at BENCH_SECONDS (default 600) and then shows
# as "incomplete". Build the release preset first (scripts/setup.sh release).
# Usage: bench/smt.sh [RAFTCHECK_BINARY]
set -euo pipefail
bin=${1:-$(dirname "$0")/../build/release/checker/cli/raftcheck}
cap=${BENCH_SECONDS:-600}
budget=${BENCH_BUDGET:-60}

# run ARGS...: prints "result seconds" of one prove/explore run (its JSON line).
run() {
  local line
  line=$("$bin" "$@" --json 2>/dev/null | tail -n 1) || true
  python3 -c 'import json,sys
j = json.loads(sys.argv[1]) if sys.argv[1].startswith("{") else {"result": "error", "seconds": 0}
print(j["result"], "%.2f" % j["seconds"], j.get("states", ""))' "$line"
}

printf '%-7s %-16s %-12s %9s %s\n' servers check result seconds states
for n in 3 5; do
  read -r res secs states < <(run explore --system abstract --nodes "$n" --time-limit "$cap")
  printf '%-7s %-16s %-12s %9s %s\n' "$n" "explore (BFS)" "$res" "$secs" "$states"
  for k in 6 8 10; do
    read -r res secs _ < <(run prove --system abstract --nodes "$n" --bmc "$k" --time-limit "$cap")
    printf '%-7s %-16s %-12s %9s\n' "$n" "bmc $k" "$res" "$secs"
  done
  read -r res secs _ < <(run prove --system abstract --nodes "$n" --induction --time-limit "$cap")
  printf '%-7s %-16s %-12s %9s\n' "$n" "induction" "$res" "$secs"
done

echo
echo "induction, 3 servers: the largest MaxTerm per MaxLogLen proved within ${budget} s"
echo "(binary search over MaxTerm 1..14: time grows with MaxTerm)"
printf '%-10s %-8s %9s\n' max_log max_term seconds
for l in 1 2 3 4 5 6 7; do
  lo=0 hi=14 best_secs="-"
  while (( lo < hi )); do
    t=$(( (lo + hi + 1) / 2 ))
    read -r res secs _ < <(run prove --system abstract --nodes 3 --max-log "$l" --max-term "$t" \
      --induction --time-limit "$budget")
    if [[ $res == ok ]]; then lo=$t best_secs=$secs; else hi=$(( t - 1 )); fi
  done
  printf '%-10s %-8s %9s\n' "$l" "$( (( lo > 0 )) && echo "$lo" || echo -)" "$best_secs"
done
