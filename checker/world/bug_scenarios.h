// Bug scenarios: for each seeded bug (impl/bugs.h), the smallest world in which exhaustive
// search finds it, and the property that should report it. The checker tests, the benchmarks
// and the README's catalog all read this one table.
#ifndef RAFTCHECK_CHECKER_WORLD_BUG_SCENARIOS_H_
#define RAFTCHECK_CHECKER_WORLD_BUG_SCENARIOS_H_

#include <ostream>
#include <string_view>
#include <vector>

#include "checker/world/world_config.h"
#include "impl/bugs.h"

namespace raftcheck {

struct BugScenario {
  raft::Bug bug;
  WorldConfig world;            // bounds that contain the bug (the bug itself not switched on)
  std::string_view property;    // what breadth-first search reports first
  bool liveness = false;        // shown by `simulate --liveness`, not by a safety property
};

// For test output: the bug's name.
inline std::ostream& operator<<(std::ostream& os, const BugScenario& s) {
  return os << raft::BugName(s.bug);
}

// One scenario per seeded bug, in catalog order.
const std::vector<BugScenario>& BugScenarios();

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_BUG_SCENARIOS_H_
