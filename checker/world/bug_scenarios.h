// Bug scenarios of the cluster world: for each seeded bug of impl/ (impl/bugs.h), the smallest
// world in which exhaustive search finds it, the property that reports it first, and every
// property it may break. The checker tests, `raftcheck bugs`, `--bounds-of`, the benchmarks
// and the README's catalog all read this one table.
#ifndef RAFTCHECK_CHECKER_WORLD_BUG_SCENARIOS_H_
#define RAFTCHECK_CHECKER_WORLD_BUG_SCENARIOS_H_

#include <span>

#include "checker/registry/driver.h"
#include "checker/world/world_config.h"
#include "impl/bugs.h"

namespace raftcheck {

using BugScenario = registry::BugScenario<WorldConfig, raft::Bug>;

// One scenario per seeded bug, in catalog order.
std::span<const BugScenario> BugScenarios();

// The world a swarm simulation hunts a scenario's bug in: SimulationDefaults() with the
// scenario's fault switches (ready action, disk, bit flips, compaction budget) carried over
// and its bug seeded; with clients, also its cluster size, PreVote switch and clients, and 16
// operations per run.
WorldConfig SwarmWorldFor(const BugScenario& scenario);
// How many swarm runs (seed 1, 200 steps) find a safety scenario's bug in that world: 10,000;
// the deep ones need a rarer schedule, 40,000.
int SwarmRunsFor(const BugScenario& scenario);
// How many virtual-time runs (simulate --time, seed 1, kTimedSteps steps each) find a timed
// scenario's bug at its bounds.
inline constexpr int kTimedSteps = 4000;
int TimedRunsFor(const BugScenario& scenario);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_BUG_SCENARIOS_H_
