// Shared helpers of the property tests (label `property`): the worlds they run in, random
// walks of the cluster world drawn with rapidcheck's generators (the only source of randomness
// here, so RC_PARAMS's seed pins every run), and comparisons of observations.
//
// A walk follows the simulator's rule for bounds: it stops at its first state past the bounds
// (TLC's meaning: such a state is checked, never expanded), and at a state where a node broke
// an internal invariant.
#ifndef RAFTCHECK_TESTS_PROPERTY_WORLD_GEN_H_
#define RAFTCHECK_TESTS_PROPERTY_WORLD_GEN_H_

#include <rapidcheck.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "checker/engine/properties.h"
#include "checker/world/cluster_world.h"
#include "checker/world/world_properties.h"
#include "impl/bugs.h"
#include "properties/observation.h"
#include "traces/trace.h"

namespace raftcheck::proptest {

// The explorer's default bounds (WorldConfig{}): 3 nodes, 1 value, term <= 2, log <= 2,
// 2 messages in flight, drops and duplicates, no crashes.
WorldConfig DefaultBounds();
// The default bounds with one crash and Ready as an action of its own (the bounds under which
// reply-before-persist shows, bug_scenarios.cc).
WorldConfig CrashBounds();
// Random simulation's loose bounds (SimulationDefaults: term <= 12, log <= 10, 20 messages,
// 2 crashes) with Ready as an action.
WorldConfig LooseBounds();
// LooseBounds() without PreVote.
WorldConfig LooseBoundsWithoutPreVote();

// A seeded bug on, in a world where uniform random walks of 100 steps break a property
// often: measured over 2,000 walks, prevote-counted-as-vote in 94% of them at LooseBounds(),
// vote-without-log-check in 53% at LooseBoundsWithoutPreVote() (with PreVote on, its
// elections rarely get far enough). At the bugs' own scenario bounds (bug_scenarios.cc) walks
// end on a bound after a few steps: under 5% find prevote-counted-as-vote, none the others.
struct BugWorld {
  raft::Bug bug;
  WorldConfig world;  // the bug switched on
};
const std::vector<BugWorld>& QuickBugWorlds();

// A generator of valid world configurations over every knob: 1..5 nodes, small bounds, any
// fault switches, any set of seeded bugs.
rc::Gen<WorldConfig> GenWorldConfig();

WorldState InitialState(const ClusterWorld& world);

// The actions a walk may take in s, in the world's order: none past the bounds, none once a
// node broke an invariant.
std::vector<WorldAction> WalkActions(const ClusterWorld& world, const WorldState& s);

// A value uniform in [min, max), whatever the current case's size: rapidcheck's inRange narrows
// its range with the size, so early cases would always pick the first enabled action, or a
// one-node world. Shrinks towards min. REQUIRES: min < max.
template <class T>
rc::Gen<T> Uniform(T min, T max) {
  return rc::gen::resize(rc::kNominalSize, rc::gen::inRange<T>(min, max));
}
// An index uniform in [0, n). REQUIRES: n > 0, inside a rapidcheck property or generator.
inline std::size_t DrawIndex(std::size_t n) { return *Uniform<std::size_t>(0, n); }

struct Walk {
  std::vector<WorldAction> actions;
  std::vector<WorldState> states;  // states[0] initial, states[k] after actions[k - 1]
  // With properties: the first violation, reached by the last action (the walk stops there).
  std::optional<engine::Violation> violation;
};

// Draws a walk of a length uniform in [min_steps, max_steps] (shorter where no action is
// enabled),
// each action uniform among WalkActions(). With `props`,
// checks every transition (state invariants, then step properties, as the engine does) and
// stops at the first violation.
// REQUIRES: called inside a rapidcheck property (it draws with operator*).
Walk DrawWalk(const ClusterWorld& world, std::size_t max_steps,
              const WorldProperties* props = nullptr, std::size_t min_steps = 0);

// Draws a trace envelope of every shape the format allows: either system, with or without a
// seed, a verdict and an expected final state; the config and actions are a real walk's.
// With include_expect false, the trace has no "expect".
rc::Gen<traces::Trace> GenTrace(bool include_expect);

// "" when a and b are equal, else a line naming the first field that differs, with both values.
std::string TraceDiff(const traces::Trace& a, const traces::Trace& b);

// "" when a and b are equal in every field, else a line naming the first field that differs.
std::string ObservationDiff(const props::Observation& a, const props::Observation& b);

// The file a failing case of the current gtest writes its trace to:
// $RAFTCHECK_PROPERTY_OUT (or the build's tests/property/property-out) / Suite.Test.trace.json.
// Creates the directory.
std::string TracePathForCurrentTest();

}  // namespace raftcheck::proptest

#endif  // RAFTCHECK_TESTS_PROPERTY_WORLD_GEN_H_
