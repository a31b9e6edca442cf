// The encoding is canonical (checker/engine/system.h, rule 2): two states reached by different
// paths with equal Encode() bytes are the same state for every purpose. Random walks collect
// the states they pass through by encoding; on every collision, the two states must have
// equal observations, equal enabled actions (in the same order) and equal successor encodings
// for each.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <string>

#include "checker/world/cluster_world.h"
#include "tests/property/world_gen.h"

namespace raftcheck::proptest {
namespace {

std::string Encoding(const ClusterWorld& world, const WorldState& s) {
  std::string out;
  world.Encode(s, out);
  return out;
}

// Fails the case unless a and b, which have equal encodings, behave as one state.
void CheckSameState(const ClusterWorld& world, const WorldState& a, const WorldState& b) {
  props::Observation oa, ob;
  world.Observe(a, &oa);
  world.Observe(b, &ob);
  if (const std::string diff = ObservationDiff(oa, ob); !diff.empty()) {
    RC_FAIL("equal encodings, different observations: " + diff);
  }
  RC_ASSERT(world.InBounds(a) == world.InBounds(b));
  std::vector<WorldAction> xa, xb;
  world.Actions(a, xa);
  world.Actions(b, xb);
  RC_ASSERT(xa == xb);
  for (const WorldAction& act : xa) {
    WorldState na = a, nb = b;
    world.Apply(na, act);
    world.Apply(nb, act);
    if (Encoding(world, na) != Encoding(world, nb)) {
      RC_FAIL("equal encodings, different successors after " + world.DescribeIn(a, act));
    }
  }
}

void CheckEqualEncodingsAreEqualStates(const WorldConfig& config, std::size_t walks,
                                       std::size_t max_steps) {
  const ClusterWorld world(config);
  struct Seen {
    WorldState state;
    std::vector<WorldAction> path;  // how it was first reached
  };
  std::map<std::string, Seen> seen;  // by encoding
  std::size_t by_other_paths = 0;    // collisions of states reached by different paths
  for (std::size_t w = 0; w < walks; ++w) {
    const Walk walk = DrawWalk(world, max_steps);
    for (std::size_t k = 0; k < walk.states.size(); ++k) {
      const std::vector<WorldAction> path(walk.actions.begin(), walk.actions.begin() + k);
      auto [it, fresh] =
          seen.try_emplace(Encoding(world, walk.states[k]), Seen{walk.states[k], path});
      if (fresh) continue;
      if (it->second.path != path) ++by_other_paths;
      CheckSameState(world, it->second.state, walk.states[k]);
    }
  }
  // Walks share prefixes (the initial state at least); what counts is states that different
  // paths reach. rapidcheck prints the share of cases that had some.
  RC_CLASSIFY(by_other_paths > 0, "states reached by different paths");
}

// Several short walks per case: at the default bounds, paths that reorder independent
// deliveries meet in the same state often.
RC_GTEST_PROP(Encoding, DefaultBounds_EqualEncodingsGiveEqualObservationsAndSuccessors, ()) {
  CheckEqualEncodingsAreEqualStates(DefaultBounds(), 8, 15);
}

RC_GTEST_PROP(Encoding, CrashAndReadyAction_EqualEncodingsGiveEqualObservationsAndSuccessors, ()) {
  CheckEqualEncodingsAreEqualStates(CrashBounds(), 8, 15);
}

RC_GTEST_PROP(Encoding, AnyWorld_EqualEncodingsGiveEqualObservationsAndSuccessors, ()) {
  CheckEqualEncodingsAreEqualStates(*GenWorldConfig(), 6, 12);
}

}  // namespace
}  // namespace raftcheck::proptest
