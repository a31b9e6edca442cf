// The Wing-Gong search with Lowe's memo, over one set of operations (a partition, or any
// sub-history the shrinker tries). checker.h states the invariants; this is the engine.
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_SEARCH_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_SEARCH_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "properties/linearizable/history.h"
#include "properties/linearizable/model.h"

namespace raftcheck::linearizable {

// How one search ends besides a verdict.
enum class Limit : std::uint8_t { kNone, kSteps, kTime, kMemory };

struct SearchLimits {
  std::uint64_t max_steps = 0;  // 0: no limit
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::size_t max_memo_bytes = 0;  // 0: no limit
};

struct SearchOutcome {
  // True: linearizable; false: not; nullopt: a limit stopped the search first (`limit`).
  std::optional<bool> linearizable;
  Limit limit = Limit::kNone;
  std::uint64_t steps = 0;       // entries examined
  std::size_t memo_entries = 0;  // configurations memoized
};

// Decides whether `ops` alone form a linearizable history of `model`.
// REQUIRES: ops sorted by invocation position, none with Outcome::kFail, each accepted by
// the model. Indeterminate read-only operations are skipped (they constrain nothing).
SearchOutcome Search(const Model& model, std::span<const Operation* const> ops,
                     const SearchLimits& limits);

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_SEARCH_H_
