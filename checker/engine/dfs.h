// Depth-first search: the same visited set, checks, bounds and counting as BFS (result.h),
// with an explicit stack instead of a queue. One thread.
//
//   SearchResult<Action> r = Dfs(system, properties, options);
//
// Its counterexample is a valid path to the violation but not necessarily a shortest one. The
// path is read off the stack (each frame remembers which of its actions it is exploring), so
// DFS keeps no parent links: 8 bytes per visited state at the set's fullest.
//
// Order: all initial states are checked and stored first (as in BFS, so a violating initial
// state is found first), then the search runs depth first from each stored initial state in
// order. A new successor is stored, checked and explored before the next action of its parent.
// max_queue reports the deepest stack. With SearchOptions::max_depth, see the caveat there.
#ifndef RAFTCHECK_CHECKER_ENGINE_DFS_H_
#define RAFTCHECK_CHECKER_ENGINE_DFS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "checker/engine/fingerprint_set.h"
#include "checker/engine/limits.h"
#include "checker/engine/parent_links.h"
#include "checker/engine/path.h"
#include "checker/engine/properties.h"
#include "checker/engine/result.h"
#include "checker/engine/search_options.h"
#include "checker/engine/successor.h"
#include "checker/engine/system.h"

namespace raftcheck::engine {

namespace dfs_internal {

// Transitions between two polls of the clock and the memory cap.
inline constexpr std::uint32_t kPollEvery = 256;

template <System S, PropertyChecker<S> P>
class DfsSearch {
 public:
  using State = StateOf<S>;
  using Action = ActionOf<S>;

  DfsSearch(const S& sys, const P& props, const SearchOptions& options)
      : sys_(sys),
        props_(props),
        max_depth_(options.max_depth),
        set_(options.initial_set_capacity),
        watch_(options.limits, options.progress, options.progress_interval_seconds,
               ParentLinks::kMaxStates) {}

  SearchResult<Action> Run() {
    std::vector<State> inits;
    sys_.InitialStates(inits);
    std::vector<std::size_t> roots;  // indexes into inits of the stored initial states
    bool go = true;
    for (std::size_t i = 0; go && i < inits.size(); ++i) {
      const std::uint64_t fp = FingerprintState(sys_, inits[i], scratch_.bytes);
      const bool in_bounds = sys_.InBounds(inits[i]);
      const bool candidate = in_bounds && !set_.Contains(fp);
      std::optional<Violation> v;
      if (!in_bounds || candidate) v = props_.CheckState(inits[i]);
      if (candidate) {
        const bool stored = TryStore(fp, 1);
        if (stored) roots.push_back(i);
        if (!stored && !v && stop_ != StopReason::kNone) go = StopIncomplete();
      }
      if (v) {
        RebuildCounterexample(sys_, props_, i, {}, *v, &result_);
        go = false;
      }
    }
    for (std::size_t r = 0; go && r < roots.size() && max_depth_ != 1; ++r) {
      go = Push(inits[roots[r]], 1) && Explore(roots[r]);
    }
    result_.stats = stats_;
    result_.stats.seconds = watch_.Seconds();
    if (result_.stats.seconds > 0) {
      result_.stats.states_per_second = stats_.distinct_states / result_.stats.seconds;
      result_.stats.transitions_per_second = stats_.transitions / result_.stats.seconds;
    }
    if (stats_.distinct_states > 0) {
      result_.stats.bytes_per_state =
          static_cast<double>(set_.Bytes()) / static_cast<double>(stats_.distinct_states);
    }
    return std::move(result_);
  }

 private:
  struct Frame {
    State state;
    std::vector<Action> actions;
    std::size_t next = 0;  // the action to explore next; the one being explored is next - 1
    std::uint32_t depth = 0;
  };

  // Explores depth first from the frame on the stack, the initial state `initial_index`.
  // Returns false once stopped.
  bool Explore(std::size_t initial_index) {
    while (top_ > 0) {
      Frame& f = stack_[top_ - 1];
      if (f.next == f.actions.size()) {
        Pop();
        continue;
      }
      const Action& a = f.actions[f.next++];
      ++stats_.transitions;
      const std::uint64_t fp = ApplyAndFingerprint(sys_, f.state, a, scratch_);
      const bool in_bounds = sys_.InBounds(*scratch_.next);
      const bool candidate = in_bounds && !set_.Contains(fp);
      const std::optional<Violation> v =
          CheckTransition<S>(props_, f.state, a, *scratch_.next, !in_bounds || candidate);
      if (in_bounds) stats_.goals_reached |= GoalsOf<S>(props_, f.state, a, *scratch_.next);
      const std::uint32_t depth = f.depth + 1;
      bool stored = false;
      if (candidate) {
        stored = TryStore(fp, depth);
        if (!stored && !v && stop_ != StopReason::kNone) return StopIncomplete();
      }
      if (v) {
        ordinals_.clear();
        for (std::size_t k = 0; k < top_; ++k) {
          ordinals_.push_back(static_cast<std::uint16_t>(stack_[k].next - 1));
        }
        RebuildCounterexample(sys_, props_, initial_index, ordinals_, *v, &result_);
        return false;
      }
      // `f` and `a` may dangle from here on: Push can reallocate the stack.
      if (stored && (max_depth_ == 0 || depth < max_depth_)) {
        if (!Push(*scratch_.next, depth)) return false;
      }
      if (++since_poll_ >= kPollEvery) {
        since_poll_ = 0;
        if (!Poll()) return false;
      }
    }
    return true;
  }

  // Makes `st` the top of the stack with its actions listed. Returns false once stopped.
  bool Push(const State& st, std::uint32_t depth) {
    if (top_ == stack_.size()) {
      stack_.push_back(Frame{st, {}, 0, depth});
    } else {
      stack_[top_].state = st;  // reuses the frame's buffers
      stack_[top_].next = 0;
      stack_[top_].depth = depth;
    }
    Frame& f = stack_[top_++];
    f.actions.clear();
    sys_.Actions(f.state, f.actions);
    stack_bytes_ += ApproxStateBytes(sys_, f.state) + f.actions.size() * sizeof(Action);
    stats_.max_queue = std::max<std::uint64_t>(stats_.max_queue, top_);
    if (f.actions.size() > ParentLinks::kMaxActions) {
      result_.outcome = Outcome::kError;
      result_.reason = "a state enables " + std::to_string(f.actions.size()) +
                       " actions; the engine supports at most " +
                       std::to_string(ParentLinks::kMaxActions);
      return false;
    }
    return true;
  }

  void Pop() {
    const Frame& f = stack_[--top_];
    stack_bytes_ -= ApproxStateBytes(sys_, f.state) + f.actions.size() * sizeof(Action);
  }

  // Stores a new in-bound state at `depth`. Returns false (setting stop_) if a limit forbids
  // storing one more, or false with stop_ == kNone if it was already stored.
  bool TryStore(std::uint64_t fp, std::uint32_t depth) {
    if (stats_.distinct_states >= watch_.max_states()) {
      if (set_.Contains(fp)) return false;
      stop_ = watch_.StateCapReached();
      return false;
    }
    if (set_.NeedsGrowth() && !set_.Contains(fp) &&
        !watch_.MemoryAllows(EstimatedBytes() - set_.Bytes() + set_.GrowthPeakBytes())) {
      stop_ = StopReason::kMemoryLimit;
      return false;
    }
    if (!set_.Insert(fp)) return false;
    ++stats_.distinct_states;
    stats_.depth = std::max(stats_.depth, depth);
    return true;
  }

  bool Poll() {
    Progress figures;
    figures.states = stats_.distinct_states;
    figures.transitions = stats_.transitions;
    figures.depth = stats_.depth;
    figures.queue = top_;
    stop_ = watch_.Poll(figures, EstimatedBytes());
    return stop_ == StopReason::kNone || StopIncomplete();
  }

  bool StopIncomplete() { return MarkIncomplete(result_, stop_, watch_.reason()); }

  std::uint64_t EstimatedBytes() const {
    return set_.Bytes() + stack_bytes_ + top_ * sizeof(Frame);
  }

  const S& sys_;
  const P& props_;
  const std::uint32_t max_depth_;
  FingerprintSet set_;
  LimitWatch watch_;
  Scratch<S> scratch_;
  std::vector<Frame> stack_;  // frames [0, top_) are live; the rest keep their buffers
  std::size_t top_ = 0;
  std::uint64_t stack_bytes_ = 0;
  std::vector<std::uint16_t> ordinals_;
  std::uint32_t since_poll_ = 0;
  SearchStats stats_;
  StopReason stop_ = StopReason::kNone;
  SearchResult<Action> result_;
};

}  // namespace dfs_internal

// Explores every state reachable within the bounds, depth first, on the calling thread.
// SearchOptions::threads and chunk_states are ignored.
template <System S, PropertyChecker<S> P>
SearchResult<ActionOf<S>> Dfs(const S& sys, const P& props, const SearchOptions& options = {}) {
  dfs_internal::DfsSearch<S, P> search(sys, props, options);
  return search.Run();
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_DFS_H_
