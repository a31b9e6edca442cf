#!/usr/bin/env bash
# The nightly search (ctest label `nightly`): the clean code at the bounds of every seeded bug of
# every registered system, a deeper exhaustive search, and swarm and liveness simulation at 3,
# 4 and 5 nodes with crashes, longer logs and more values than the exhaustive defaults; writes
# a Markdown report with each job's configuration and result.
# Usage: scripts/nightly.sh RAFTCHECK_BINARY OUT_DIR
# Environment: RAFTCHECK_NIGHTLY_SECONDS (default 3600) is the time budget of each job (a job
#              the budget cuts short is reported as incomplete, not failed);
#              RAFTCHECK_SEED pins the simulation seed (default: derived from the date, and
#              printed, so that any failure replays).
# Exit 0 when no job found a violation or failed to run; 1 otherwise.
set -uo pipefail
bin=$1
out=$2
budget=${RAFTCHECK_NIGHTLY_SECONDS:-3600}
seed=${RAFTCHECK_SEED:-$(date +%Y%m%d)}
mkdir -p "$out"
report="$out/report.md"
failed=0

{
  echo "# raftcheck nightly report"
  echo
  echo "seed $seed, budget ${budget}s per job, $(nproc) cores"
  echo
  echo "| job | exit | configuration | result |"
  echo "|---|---|---|---|"
} > "$report"

# run NAME ALLOWED_EXIT_CODES ARGS...: runs raftcheck, records its configuration (the first
# line it prints) and its JSON result line in the report.
run() {
  local name=$1 allowed=$2
  shift 2
  local log="$out/$name.log"
  "$bin" "$@" --json --out "$out/$name" > "$log" 2> "$out/$name.err"
  local code=$?
  local config line
  config=$(head -n 1 "$log" | sed 's/^raftcheck [a-z]*: //')
  line=$(tail -n 1 "$log")
  echo "| $name | $code | \`$config\` | \`$line\` |" >> "$report"
  if [[ " $allowed " != *" $code "* ]]; then
    echo "nightly: $name exited $code (allowed: $allowed); see $log and $out/$name.err" >&2
    failed=1
  fi
}

# The clean code at the bounds in which each seeded safety bug of each system is found (CI
# covers the small ones): a violation fails the night; a search the budget cut short (exit 3)
# is reported. `raftcheck bugs` prints NAME SYSTEM ... per bug.
bugs=$("$bin" bugs) || { echo "nightly: raftcheck bugs failed" >&2; exit 1; }
while read -r bug system _; do
  run "clean-at-$bug" "0 3" explore --system "$system" --bounds-of "$bug" --time-limit "$budget"
done < <(grep -v -e '--liveness' -e 'simulate --time' <<< "$bugs")

# PreVote's liveness family: explore --liveness at each bug's bounds finds the stall (exit 1),
# and the clean code progresses from every state there (0; 3 when the budget ran out first).
while read -r bug system _; do
  run "found-$bug" "1 3" explore --liveness --system "$system" --bounds-of "$bug" --bug "$bug" \
    --time-limit "$budget"
  run "clean-at-$bug" "0 3" explore --liveness --system "$system" --bounds-of "$bug" \
    --time-limit "$budget"
done < <(grep -F '[shown by explore --liveness]' <<< "$bugs")
# Cloudflare's one-link partition in the model without the empty entry: CheckQuorum keeps the
# leader from every state at the scenario's bounds (0).
run "one-link-check-quorum" "0 3" explore --liveness --bounds-of leader-skips-empty-entry \
  --bug leader-skips-empty-entry --check-quorum --time-limit "$budget"

# The deep seeded bugs (exhaustive search at their bounds is too big for CI, which finds them by
# swarm simulation): the search finds each one (exit 1), or the budget ran out first (3, in the
# report).
while read -r bug system _; do
  run "found-$bug" "1 3" explore --system "$system" --bounds-of "$bug" --bug "$bug" \
    --time-limit "$budget"
done < <(grep -F '[deep:' <<< "$bugs")

# The bugs of time (lease reads) live tens of ticks deep: virtual-time simulation at their
# bounds, with the night's seed, finds each (exit 1; 3 if the budget ran out first), and the
# clean code at the same bounds, with crashes and transfers too, stays linearizable.
while read -r bug system _; do
  run "found-$bug" "1 3" simulate --time --system "$system" --bounds-of "$bug" --bug "$bug" \
    --runs 20000 --steps 4000 --seed "$seed" --time-limit "$budget"
  run "clean-time-$bug" "0 3" simulate --time --system "$system" --bounds-of "$bug" \
    --transfer --max-crashes 2 --runs 20000 --steps 4000 --seed "$seed" --time-limit "$budget"
done < <(grep -F '[shown by simulate --time]' <<< "$bugs")

# The clean code with clients deeper than CI affords: three nodes, two clients, cas.
run clients "0 3" explore --values 0 --clients 2 --ops 3 --cas --time-limit "$budget"

# Deeper than that: a crash, two values, longer logs. 0 (done) or 3 (budget spent) are fine.
run deep "0 3" explore --values 2 --max-log 3 --max-crashes 1 --time-limit "$budget"
# Every node on its simulated disk, a crash free to fall between any two disk operations of a
# Ready, bits flipped, and a compaction.
run disk-mid-ready "0 3" explore --disk --ready-action --crash-mid-ready --bit-flips \
  --max-crashes 1 --max-compactions 1 --time-limit "$budget"

# Swarm and liveness simulation at every cluster size up to 5 (even sizes have their own
# quorum arithmetic), with crashes on, longer logs and more values than exhaustive search.
for nodes in 3 4 5; do
  wide=(--nodes "$nodes" --values 3 --max-log 16 --max-term 16 --max-msgs 30 --max-crashes 3)
  run "swarm-$nodes" "0 3" simulate --swarm "${wide[@]}" --runs 200000 --seed "$seed" \
    --time-limit "$budget"
  run "swarm-ready-$nodes" "0 3" simulate --swarm --ready-action "${wide[@]}" --runs 100000 \
    --seed "$seed" --time-limit "$budget"
  run "liveness-$nodes" "0 3" simulate --swarm --liveness "${wide[@]}" --runs 20000 \
    --seed "$seed" --time-limit "$budget"
  # Every node on its simulated disk through the real WAL, crashes tearing, keeping, losing
  # or flipping unsynced bytes, and logs compacted into snapshots.
  disk=(--disk --bit-flips --max-compactions 3)
  run "swarm-disk-$nodes" "0 3" simulate --swarm "${disk[@]}" "${wide[@]}" --runs 50000 \
    --seed "$seed" --time-limit "$budget"
  run "liveness-disk-$nodes" "0 3" simulate --swarm --liveness "${disk[@]}" "${wide[@]}" \
    --runs 5000 --seed "$seed" --time-limit "$budget"
done
# raft.tla at its simulation bounds.
run model-simulate "0 3" simulate --system model --runs 200000 --seed "$seed" --time-limit "$budget"

cat "$report"
exit $failed
