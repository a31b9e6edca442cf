// Breadth-first search: the default search. It finds a SHORTEST counterexample.
//
//   SearchResult<Action> r = Bfs(system, properties, options);           // options optional
//   SearchResult<Action> r = Bfs(system, properties, options, visitor);  // visitor(id, depth, s)
//
// How it works, and why the results never depend on the number of threads:
//  1. A FIFO queue holds the states stored and not yet expanded, in id order (ids are
//     discovery order). The search repeatedly takes a batch from the front of the queue.
//  2. Expand (parallel): the batch is cut into chunks of SearchOptions::chunk_states states;
//     workers expand whole chunks: Actions, then for each action Apply, Encode, fingerprint,
//     InBounds, the property checks, and a lookup in the visited set, which nobody writes
//     during this phase. Each chunk's output (one record per transition, copies of the
//     candidate new states) goes to a slot of its own.
//  3. Merge (sequential, the calling thread): chunk outputs are replayed in chunk order, i.e.
//     in the order a one-thread BFS would have generated the transitions: count, insert into
//     the visited set, assign ids, record parent links, append new states to the queue. The
//     first violating record in this order wins; everything after it is dropped.
//  Step 2's lookup only filters out states already stored before the batch; whatever it lets
//  through is decided in step 3, and a state invariant checked once more returns the same
//  answer. So counts, ids, depth and the counterexample are those of a plain sequential BFS,
//  whatever the thread count, chunk size or scheduling.
//
// A counterexample is shortest because states are stored in order of distance and the path to
// the first violating transition follows parent links (each state's parent was the first
// state to reach it); it is rebuilt by re-executing ordinals (path.h).
#ifndef RAFTCHECK_CHECKER_ENGINE_BFS_H_
#define RAFTCHECK_CHECKER_ENGINE_BFS_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
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
#include "checker/engine/worker_pool.h"

namespace raftcheck::engine {

namespace bfs_internal {

// Transitions merged between two polls of the clock and the memory cap.
inline constexpr std::uint32_t kPollEvery = 256;
// Chunks per batch and per thread: enough that an unlucky slow chunk does not idle the rest.
inline constexpr std::size_t kChunksPerThread = 4;

inline constexpr std::uint8_t kCandidate = 1;  // in bounds, not in the visited set at expansion
inline constexpr std::uint8_t kViolation = 2;  // see ChunkOutput::violation

// One generated transition.
struct Record {
  std::uint64_t fp;
  std::uint32_t position;  // the parent's position in the batch
  std::uint32_t kept;      // kCandidate: index into ChunkOutput::states
  std::uint16_t ordinal;   // the action's position in the parent's Actions() list
  std::uint8_t flags;
  std::uint32_t goals;     // reached by this transition (properties.h, GoalsOf)
};

template <System S>
struct ChunkOutput {
  std::vector<Record> records;
  std::vector<StateOf<S>> states;      // the candidates' states
  std::optional<Violation> violation;  // of records.back(), which then has kViolation
  std::string error;                   // a contract breach after the last record
  void Clear() {
    records.clear();
    states.clear();
    violation.reset();
    error.clear();
  }
};

template <System S, PropertyChecker<S> P, class Visitor>
class BfsSearch {
 public:
  using State = StateOf<S>;
  using Action = ActionOf<S>;

  BfsSearch(const S& sys, const P& props, const SearchOptions& options, Visitor& visit)
      : sys_(sys),
        props_(props),
        visit_(visit),
        max_depth_(options.max_depth),
        chunk_states_(std::max<std::size_t>(options.chunk_states, 1)),
        set_(options.initial_set_capacity),
        watch_(options.limits, options.progress, options.progress_interval_seconds,
               ParentLinks::kMaxStates),
        pool_(std::max(options.threads, 1)),
        scratch_(static_cast<std::size_t>(pool_.threads())),
        task_([this](int worker, std::size_t chunk) { ExpandChunk(worker, chunk); }) {}

  SearchResult<Action> Run() {
    if (SeedInitialStates()) {
      while (!queue_.empty() && RunBatch()) {
      }
    }
    result_.stats = stats_;
    result_.stats.depth = static_cast<std::uint32_t>(level_start_.size());
    result_.stats.seconds = watch_.Seconds();
    if (result_.stats.seconds > 0) {
      result_.stats.states_per_second = stats_.distinct_states / result_.stats.seconds;
      result_.stats.transitions_per_second = stats_.transitions / result_.stats.seconds;
    }
    if (stats_.distinct_states > 0) {
      result_.stats.bytes_per_state = static_cast<double>(set_.Bytes() + links_.Bytes()) /
                                      static_cast<double>(stats_.distinct_states);
    }
    return std::move(result_);
  }

 private:
  enum class Store { kStored, kDuplicate, kRefused };

  bool SeedInitialStates() {
    std::vector<State> inits;
    sys_.InitialStates(inits);
    for (std::size_t i = 0; i < inits.size(); ++i) {
      const std::uint64_t fp = FingerprintState(sys_, inits[i], scratch_[0].bytes);
      const bool in_bounds = sys_.InBounds(inits[i]);
      const bool candidate = in_bounds && !set_.Contains(fp);
      std::optional<Violation> v;
      if (!in_bounds || candidate) v = props_.CheckState(inits[i]);
      if (candidate) {
        const Store s = TryStore(fp);
        if (s == Store::kRefused && !v) return StopIncomplete();
        if (s == Store::kStored) {
          links_.AddRoot(static_cast<std::uint32_t>(i));
          if (level_start_.empty()) level_start_.push_back(0);
          Enqueue(std::move(inits[i]), 1);
        }
      }
      if (v) {
        RebuildCounterexample(sys_, props_, i, {}, *v, &result_);
        return false;
      }
    }
    stats_.max_queue = stats_.distinct_states;
    return true;
  }

  // Expands and merges one batch from the front of the queue. Returns false once stopped.
  bool RunBatch() {
    const std::size_t batch =
        std::min(queue_.size(), chunk_states_ * kChunksPerThread * pool_.threads());
    expand_count_ = batch;
    if (max_depth_ != 0 && level_start_.size() >= max_depth_) {
      // States at depth max_depth (ids from level_start_[max_depth_ - 1]) are not expanded.
      const std::uint64_t first_at_max = level_start_[max_depth_ - 1];
      expand_count_ = first_at_max <= batch_first_id_
                          ? 0
                          : std::min<std::uint64_t>(batch, first_at_max - batch_first_id_);
    }
    const std::size_t chunks = (expand_count_ + chunk_states_ - 1) / chunk_states_;
    if (outputs_.size() < chunks) outputs_.resize(chunks);
    first_stop_chunk_.store(std::numeric_limits<std::size_t>::max());
    pool_.Run(chunks, task_);
    for (std::size_t c = 0; c < chunks; ++c) {
      if (!MergeChunk(outputs_[c])) return false;
    }
    if (!Poll()) return false;  // a batch of an expensive System can take a while
    for (std::size_t i = 0; i < batch; ++i) {
      queue_bytes_ -= ApproxStateBytes(sys_, queue_.front());
      queue_.pop_front();
    }
    batch_first_id_ += batch;
    return true;
  }

  // Worker side: expands the batch positions of `chunk` into outputs_[chunk].
  void ExpandChunk(int worker, std::size_t chunk) {
    Scratch<S>& sc = scratch_[static_cast<std::size_t>(worker)];
    ChunkOutput<S>& out = outputs_[chunk];
    out.Clear();
    const std::size_t end = std::min(expand_count_, (chunk + 1) * chunk_states_);
    for (std::size_t pos = chunk * chunk_states_; pos < end; ++pos) {
      // An earlier chunk stops the search: this one will never be merged.
      if (first_stop_chunk_.load(std::memory_order_relaxed) < chunk) return;
      const State& st = queue_[pos];
      sc.actions.clear();
      sys_.Actions(st, sc.actions);
      if (sc.actions.size() > ParentLinks::kMaxActions) {
        out.error = "a state enables " + std::to_string(sc.actions.size()) +
                    " actions; the engine supports at most " +
                    std::to_string(ParentLinks::kMaxActions);
        MarkStop(chunk);
        return;
      }
      // First every successor and its fingerprint, prefetching its slot in the visited set;
      // then the lookups, which by now mostly hit the cache.
      const std::size_t n = sc.actions.size();
      sc.fps.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        if (i < sc.successors.size()) {
          sc.successors[i] = st;  // assignment reuses the buffers a State may own
        } else {
          sc.successors.push_back(st);
        }
        sys_.Apply(sc.successors[i], sc.actions[i]);
        sc.fps[i] = FingerprintState(sys_, sc.successors[i], sc.bytes);
        set_.Prefetch(sc.fps[i]);
      }
      for (std::size_t i = 0; i < n; ++i) {
        const State& next = sc.successors[i];
        const bool in_bounds = sys_.InBounds(next);
        const bool candidate = in_bounds && !set_.Contains(sc.fps[i]);
        Record rec{sc.fps[i], static_cast<std::uint32_t>(pos), 0, static_cast<std::uint16_t>(i),
                   candidate ? kCandidate : std::uint8_t{0},
                   in_bounds ? GoalsOf<S>(props_, st, sc.actions[i], next) : 0};
        if (candidate) {
          rec.kept = static_cast<std::uint32_t>(out.states.size());
          out.states.push_back(next);
        }
        out.violation = CheckTransition<S>(props_, st, sc.actions[i], next,
                                           /*check_next_state=*/!in_bounds || candidate);
        if (out.violation) rec.flags |= kViolation;
        out.records.push_back(rec);
        if (out.violation) {
          MarkStop(chunk);
          return;
        }
      }
    }
  }

  void MarkStop(std::size_t chunk) {
    std::size_t cur = first_stop_chunk_.load();
    while (chunk < cur && !first_stop_chunk_.compare_exchange_weak(cur, chunk)) {
    }
  }

  bool MergeChunk(ChunkOutput<S>& out) {
    for (const Record& rec : out.records) {
      if (!MergeRecord(out, rec)) return false;
    }
    if (!out.error.empty()) {
      result_.outcome = Outcome::kError;
      result_.reason = out.error;
      return false;
    }
    return true;
  }

  bool MergeRecord(ChunkOutput<S>& out, const Record& rec) {
    const std::uint32_t parent = static_cast<std::uint32_t>(batch_first_id_ + rec.position);
    ++stats_.transitions;
    stats_.goals_reached |= rec.goals;
    const bool violated = (rec.flags & kViolation) != 0;
    if ((rec.flags & kCandidate) != 0) {
      const Store s = TryStore(rec.fp);
      if (s == Store::kRefused && !violated) return StopIncomplete();
      if (s == Store::kStored) {
        links_.AddChild(parent, rec.ordinal);
        const auto depth = static_cast<std::uint32_t>(
            std::upper_bound(level_start_.begin(), level_start_.end(), parent) -
            level_start_.begin() + 1);
        if (depth > level_start_.size()) {
          level_start_.push_back(static_cast<std::uint32_t>(stats_.distinct_states - 1));
        }
        Enqueue(std::move(out.states[rec.kept]), depth);
        stats_.max_queue = std::max(stats_.max_queue, stats_.distinct_states - (parent + 1));
      }
    }
    if (violated) {
      std::uint32_t initial_index = 0;
      links_.Trace(parent, &initial_index, &ordinals_);
      ordinals_.push_back(rec.ordinal);
      RebuildCounterexample(sys_, props_, initial_index, ordinals_, *out.violation, &result_);
      return false;
    }
    if (++since_poll_ >= kPollEvery) {
      since_poll_ = 0;
      return Poll();
    }
    return true;
  }

  // Inserts fp into the visited set unless a limit forbids storing one more state; then
  // stop_ holds the limit and watch_.reason() says why.
  Store TryStore(std::uint64_t fp) {
    if (stats_.distinct_states >= watch_.max_states()) {
      if (set_.Contains(fp)) return Store::kDuplicate;
      stop_ = watch_.StateCapReached();
      return Store::kRefused;
    }
    if (set_.NeedsGrowth() && !set_.Contains(fp) &&
        !watch_.MemoryAllows(EstimatedBytes() - set_.Bytes() + set_.GrowthPeakBytes())) {
      stop_ = StopReason::kMemoryLimit;
      return Store::kRefused;
    }
    if (!set_.Insert(fp)) return Store::kDuplicate;
    ++stats_.distinct_states;
    return Store::kStored;
  }

  // Appends the state just stored (id distinct_states - 1) to the queue.
  void Enqueue(State&& st, std::uint32_t depth) {
    visit_(static_cast<std::uint32_t>(stats_.distinct_states - 1), depth,
           static_cast<const State&>(st));
    queue_bytes_ += ApproxStateBytes(sys_, st);
    queue_.push_back(std::move(st));
  }

  bool Poll() {
    Progress figures;
    figures.states = stats_.distinct_states;
    figures.transitions = stats_.transitions;
    figures.depth = static_cast<std::uint32_t>(level_start_.size());
    figures.queue = stats_.distinct_states - batch_first_id_;
    stop_ = watch_.Poll(figures, EstimatedBytes());
    return stop_ == StopReason::kNone || StopIncomplete();
  }

  // Records the stop in stop_ as the result. Returns false (the search is over).
  bool StopIncomplete() { return MarkIncomplete(result_, stop_, watch_.reason()); }

  std::uint64_t EstimatedBytes() const { return set_.Bytes() + links_.Bytes() + queue_bytes_; }

  const S& sys_;
  const P& props_;
  Visitor& visit_;
  const std::uint32_t max_depth_;
  const std::size_t chunk_states_;

  FingerprintSet set_;
  ParentLinks links_;
  LimitWatch watch_;
  WorkerPool pool_;
  std::vector<Scratch<S>> scratch_;  // one per worker
  const WorkerPool::Task task_;

  std::deque<State> queue_;  // stored, not yet expanded; front has id batch_first_id_
  std::uint64_t batch_first_id_ = 0;
  std::uint64_t queue_bytes_ = 0;
  std::size_t expand_count_ = 0;  // batch positions to expand (the rest are at max depth)
  std::vector<ChunkOutput<S>> outputs_;
  std::atomic<std::size_t> first_stop_chunk_{0};
  std::vector<std::uint32_t> level_start_;  // level_start_[d - 1]: first id at depth d
  std::vector<std::uint16_t> ordinals_;
  std::uint32_t since_poll_ = 0;

  SearchStats stats_;
  StopReason stop_ = StopReason::kNone;
  SearchResult<Action> result_;
};

}  // namespace bfs_internal

// Explores every state reachable from the initial states within the bounds, breadth first.
// `visit(id, depth, state)` is called once per stored state, in id order, from the calling
// thread. REQUIRES: sys and props are safe to call from options.threads threads at once.
template <System S, PropertyChecker<S> P, class Visitor = NoVisitor>
SearchResult<ActionOf<S>> Bfs(const S& sys, const P& props, const SearchOptions& options = {},
                              Visitor visit = {}) {
  bfs_internal::BfsSearch<S, P, Visitor> search(sys, props, options, visit);
  return search.Run();
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_BFS_H_
