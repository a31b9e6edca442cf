// The fair schedule of the cluster world: what a liveness check runs once the faults stop.
// `simulate --liveness` runs it after a random prefix (engine/simulate.h); `explore --liveness`
// runs it from every reachable state (HealedRun below, a bounded property of exhaustive
// search). Safety bugs show as a bad state; a liveness bug (a commit rule that never fires, a
// pre-vote nobody answers) shows as a run that never reaches the quiet point.
//
// When the faults stop: no more drops, duplicates or crashes; crashed nodes restart (with
// WorldConfig::stay_down, only as many as it takes to bring a majority up); a cut link
// (WorldConfig::cut_link) stays cut: it is part of the world, not of the faulty prefix.
//
// FairStep, one action at a time: restart, then handle pending Readies, then deliver the oldest
// message in flight; with nothing in flight, either the cluster is quiet (the goal) or time
// moves on. Without ticks the most up-to-date node campaigns while there is no leader and the
// leader heartbeats otherwise. With ticks, time is benign and deterministic: the node whose
// clock is furthest behind ticks next (the lowest id among equals), so all tick in rounds in
// id order; a timer fires at the first tick its window allows (every draw is the election
// timeout itself); and every message is delivered before the next tick (delays shorter than a
// tick). A run that stalls under this schedule stalls with the best timing the window allows.
#ifndef RAFTCHECK_CHECKER_WORLD_LIVENESS_H_
#define RAFTCHECK_CHECKER_WORLD_LIVENESS_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "checker/world/cluster_world.h"

namespace raftcheck {

// The up node that leads at the highest term, or -1.
int LiveLeader(const WorldState& s);

// The goal with the network left out: a leader is up, its commit is its last index, and so is
// the commit of every up node it can reach (not over the cut link); every node is up, or with
// stay_down every node but a minority. Virtual time judges it while heartbeats are in flight.
bool Settled(const ClusterWorld& world, const WorldState& s);
// The quiet point, FairStep's goal: settled, nothing in flight and no Ready pending.
bool Quiet(const ClusterWorld& world, const WorldState& s);

// The next action of the fair schedule, or nullopt when the cluster is quiet.
std::optional<WorldAction> FairStep(const ClusterWorld& world, const WorldState& s);

// With WorldConfig::hold_ticks, from a quiet state: the fair schedule with time going on for
// hold_ticks rounds. Whether the leader of `quiet` kept leading at its term and the cluster
// got quiet again at the end; when not, the actions up to the step that lost it and the state
// there (short of settled: no leader, or a new one whose first entry is not committed).
struct Hold {
  bool held = false;
  std::vector<WorldAction> actions;
  WorldState at_loss;
};
Hold LeaderHolds(const ClusterWorld& world, const WorldState& quiet);
// FairStep with the hold asked of a quiet state: nullopt only when the leader holds, and time
// going on (a tick) when it would not. What replay and simulate --liveness judge by.
std::optional<WorldAction> FairStepHolding(const ClusterWorld& world, const WorldState& s);

// Why s is not quiet, in one sentence ("no leader was elected", "leader node 1 ... commit 1"),
// or with hold_ticks why its leader will not hold.
std::string NoProgressReason(const ClusterWorld& world, const WorldState& s);

// The nodes of s that are down.
int DownCount(const WorldState& s);
// How many down nodes the healed schedules leave down: none, or with stay_down a minority.
int MayStayDown(const ClusterWorld& world, const WorldState& s);

// The fair schedule from s with a budget of `ticks` rounds of ticks (without ticks, of timer
// actions: a campaign or a heartbeat per up node): whether it got to the quiet point, and the
// actions it took. With WorldConfig::hold_ticks the goal is a quiet point, reached within the
// budget, whose leader then holds (LeaderHolds). A lost leader does not end the run: the next
// quiet point may hold, so a cluster that settles after a change of leader passes, and one
// that re-elects every few timeouts does not; its run ends where the last leader was lost.
struct HealedOutcome {
  bool quiet = false;
  std::vector<WorldAction> actions;
  std::string why;  // when not quiet: NoProgressReason of the last state
};
// The settle points (a healed run's state before its first timer action, its whole budget
// still ahead) from which the run was seen to get quiet. The runs from most states of a search
// meet at a few of them, so each is run once. Fingerprints, as the engine stores states; safe
// to share between threads.
class QuietCache {
 public:
  bool Contains(std::uint64_t fingerprint) const;
  void Insert(std::uint64_t fingerprint);

 private:
  mutable std::mutex mu_;
  std::unordered_set<std::uint64_t> quiet_;
};
// With a cache, a run that reaches a settle point in it stops there: quiet, its actions so far.
// A cache serves one budget.
HealedOutcome HealedRun(const ClusterWorld& world, const WorldState& s, std::uint64_t ticks,
                        QuietCache* cache = nullptr);

struct LivenessOptions {
  std::uint64_t seed = 0;
  std::uint64_t runs = 100;
  std::uint64_t prefix_steps = 60;  // random steps, faults included
  std::uint64_t fair_steps = 300;   // budget for the fair suffix to reach the quiet point
  bool swarm = true;
};

struct LivenessResult {
  std::uint64_t runs_done = 0;
  std::uint64_t steps = 0;               // actions applied over all runs
  bool violated = false;
  std::uint64_t run = 0;                 // the failing run
  std::vector<WorldAction> actions;      // its whole path, prefix and suffix
  std::string message;
};

// The engine's simulation with a fair phase (engine/simulate.h) over the world: every property
// checked, swarm prefixes, and FairStep.
LivenessResult CheckProgress(const ClusterWorld& world, const LivenessOptions& options);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_LIVENESS_H_
