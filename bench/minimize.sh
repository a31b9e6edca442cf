#!/usr/bin/env bash
# Minimization figures over the seeded-bug catalog: for each safety bug, the length of the
# counterexample that swarm simulation finds (seed 1), its length after `raftcheck minimize`
# (done by simulate itself), and the shortest counterexample breadth-first search finds at the
# bug's scenario bounds (--bounds-of). Prints a table with the ratio minimized / BFS; asserts
# nothing. Usage: bench/minimize.sh [RAFTCHECK_BINARY]   (release preset by default)
set -euo pipefail
bin=${1:-$(dirname "$0")/../build/release/checker/cli/raftcheck}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-24s %-28s %7s %9s %5s %6s %8s\n' bug property found minimized bfs ratio min-s
# The library's safety bugs, each with --ready-action when its bounds need it.
catalog=$("$bin" bugs --json | tail -n 1)
bugs=$(python3 -c 'import json,sys
for b in json.loads(sys.argv[1]):
    if b["system"] == "impl" and not b["liveness"]:
        print(b["name"], "--ready-action" if b["bounds"]["ready_action"] else "")' "$catalog")
while read -r bug ready; do
  sim=$("$bin" simulate --swarm $ready --runs 20000 --bug "$bug" --out "$out/sim-$bug" --json \
    2>/dev/null | tail -n 1) || true
  bfs=$("$bin" explore --bounds-of "$bug" --bug "$bug" --out "$out/bfs-$bug" --json \
    2>/dev/null | tail -n 1) || true
  # Time the minimizer alone on the trace as found.
  found=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["violation"]["trace"])' "$sim")
  start=$(date +%s.%N)
  "$bin" minimize "$found" --out "$out/again.json" >/dev/null
  secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" \
    "$start" "$(date +%s.%N)")
  python3 - "$bug" "$sim" "$bfs" "$secs" <<'PY'
import json, sys
bug, sim, bfs, secs = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
v, b = sim["violation"], bfs["violation"]
ratio = v["minimized_length"] / b["length"]
print(f"{bug:24s} {v['property']:28s} {v['length']:7d} {v['minimized_length']:9d} "
      f"{b['length']:5d} {ratio:6.2f} {secs:>8s}")
PY
done <<< "$bugs"
