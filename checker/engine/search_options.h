// Options shared by BFS and DFS. Every field has a default that searches the whole (bounded)
// state space with one thread and no limits.
#ifndef RAFTCHECK_CHECKER_ENGINE_SEARCH_OPTIONS_H_
#define RAFTCHECK_CHECKER_ENGINE_SEARCH_OPTIONS_H_

#include <cstddef>
#include <cstdint>

#include "checker/engine/limits.h"

namespace raftcheck::engine {

struct SearchOptions {
  // BFS only: threads that expand states (>= 1). The results never depend on it.
  int threads = 1;
  // 0: unbounded. Otherwise states at this depth (initial states are depth 1) are stored and
  // checked but not expanded, like TLC's -depth. In DFS a state first reached on a long path is
  // not expanded again when later reached on a shorter one, so a depth-bounded DFS may miss
  // states a depth-bounded BFS finds.
  std::uint32_t max_depth = 0;
  Limits limits;
  // Optional; called at most once per progress_interval_seconds from the searching thread.
  ProgressFn progress;
  double progress_interval_seconds = 1.0;
  // BFS only: frontier states per parallel task. Tuning only: results never depend on it.
  std::size_t chunk_states = 128;
  // Initial slots of the visited set (it grows as needed).
  std::size_t initial_set_capacity = std::size_t{1} << 12;
};

// A visitor that ignores every stored state (the default for Bfs).
struct NoVisitor {
  template <class State>
  void operator()(std::uint32_t /*id*/, std::uint32_t /*depth*/, const State& /*state*/) const {}
};

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_SEARCH_OPTIONS_H_
