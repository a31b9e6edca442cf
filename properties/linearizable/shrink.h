// Shrinking a non-linearizable sub-history (checker.h, invariant 5): delta debugging over the
// drops the model calls weakenings, each candidate decided by a capped search.
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_SHRINK_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_SHRINK_H_

#include <cstdint>
#include <vector>

#include "properties/linearizable/history.h"
#include "properties/linearizable/model.h"
#include "properties/linearizable/search.h"

namespace raftcheck::linearizable {

struct ShrinkOutcome {
  std::vector<const Operation*> ops;  // still not linearizable, sorted by invocation
  bool minimal = false;  // no single allowed drop keeps it failing (none was inconclusive)
  std::uint64_t steps = 0;
};

// REQUIRES: `failing` is sorted by invocation and Search() finds it not linearizable.
// Each candidate search runs within `per_check` (its steps and memo); shrinking stops at
// per_check.deadline and returns what it has (then minimal is false).
ShrinkOutcome Shrink(const Model& model, std::vector<const Operation*> failing,
                     const SearchLimits& per_check);

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_SHRINK_H_
