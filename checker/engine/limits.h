// Limits and progress for a search: a time limit, a state limit, a memory cap, and a progress
// callback. LimitWatch owns the wall clock; the clock only ever stops a search or feeds the
// progress callback, it never changes a count or a counterexample.
//
// The memory cap is checked two ways, and either one stops the search cleanly (outcome
// kIncomplete) long before the kernel's OOM killer would:
//  - the engine's own estimate (visited set + parent links + queued states), polled every few
//    hundred transitions and also just before the visited set doubles (the doubling briefly
//    holds the old and the new table);
//  - when Limits::check_rss, the process's resident set size from /proc/self/statm, read at
//    most every 50 ms. It covers what the estimate misses (allocator slack, a System's caches)
//    but also counts memory not owned by the search.
#ifndef RAFTCHECK_CHECKER_ENGINE_LIMITS_H_
#define RAFTCHECK_CHECKER_ENGINE_LIMITS_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "checker/engine/result.h"

namespace raftcheck::engine {

struct Limits {
  double max_seconds = 0;              // 0: no time limit
  std::uint64_t max_states = 0;        // 0: none; distinct_states never exceeds it
  std::uint64_t max_memory_bytes = 0;  // 0: no memory cap
  bool check_rss = true;               // also hold the resident set size to the cap
};

// A snapshot for the progress callback.
struct Progress {
  double seconds = 0;        // since the search started
  std::uint64_t states = 0;  // distinct states so far
  std::uint64_t transitions = 0;
  double states_per_second = 0;  // distinct states per second since the previous report
  std::uint32_t depth = 0;
  std::uint64_t queue = 0;  // states stored and not yet expanded (DFS: stack depth)
};
using ProgressFn = std::function<void(const Progress&)>;

// The resident set size of this process in bytes, or 0 if /proc/self/statm cannot be read.
std::uint64_t ReadRssBytes();

class LimitWatch {
 public:
  // Starts the clock. `state_cap` is the most states the caller can hold at all (id space);
  // `progress` may be empty; it is called at most once per `progress_interval_seconds`.
  LimitWatch(const Limits& limits, ProgressFn progress, double progress_interval_seconds,
             std::uint64_t state_cap);

  double Seconds() const;

  // The most distinct states the search may store: Limits::max_states (if set) or the id space.
  std::uint64_t max_states() const { return max_states_; }
  // Call when the search would store state number max_states() + 1. Returns kStateLimit or
  // kIdSpace and sets reason().
  StopReason StateCapReached();

  // Checks the clock and the memory cap, and reports progress when it is due. Call every few
  // hundred transitions. `figures.seconds` and `figures.states_per_second` are filled in here.
  // Returns kNone to go on, else kTimeLimit or kMemoryLimit with reason() set.
  StopReason Poll(Progress figures, std::uint64_t estimated_bytes);

  // True if the engine may hold `bytes` by its own estimate; otherwise sets reason() for
  // kMemoryLimit and returns false.
  bool MemoryAllows(std::uint64_t bytes);

  // One sentence on why the search stopped.
  const std::string& reason() const { return reason_; }

 private:
  using Clock = std::chrono::steady_clock;

  Limits limits_;
  ProgressFn progress_;
  double progress_interval_;
  std::uint64_t max_states_;
  Clock::time_point start_;
  double last_progress_ = 0;
  std::uint64_t last_progress_states_ = 0;
  double last_rss_read_ = -1;
  std::string reason_;
};

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_LIMITS_H_
