// The fair schedule of the cluster world: what `simulate --liveness` runs once its random prefix
// is over (engine/simulate.h checks progress with it). Safety bugs show as a bad state; a
// liveness bug (e.g. a commit rule that never fires) shows as a run that, once the faults stop,
// never reaches the quiet point.
//
// FairStep: crashed nodes restart, every message in flight is delivered, a node with the most
// up-to-date log campaigns while there is no leader, the leader heartbeats until every node has
// committed its whole log. With ticks, campaigning and heartbeats are ticks (of another node
// when the drift bound holds that one back).
#ifndef RAFTCHECK_CHECKER_WORLD_LIVENESS_H_
#define RAFTCHECK_CHECKER_WORLD_LIVENESS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/world/cluster_world.h"

namespace raftcheck {

// The up node that leads at the highest term, or -1.
int LiveLeader(const WorldState& s);

// The next action of the fair schedule, or nullopt when the cluster is quiet: every node up,
// nothing in flight, one leader, and every node's commit equal to the leader's last index.
std::optional<WorldAction> FairStep(const ClusterWorld& world, const WorldState& s);

// Why s is not quiet, in one sentence ("no leader was elected", "leader node 1 ... commit 1").
std::string NoProgressReason(const WorldState& s);

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
