// Multi-threaded BFS must give exactly the results of one thread: the same counts, the same
// state ids, the same counterexample, whatever the chunk size.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "checker/engine/bfs.h"
#include "tests/engine/toy_systems.h"

namespace raftcheck::engine {
namespace {

using testing::Invariant;
using testing::ThreeCounters;

struct SearchRun {
  SearchResult<int> result;
  std::vector<std::string> encoding_by_id;  // from the visitor
  std::vector<std::uint32_t> depth_by_id;
};

template <class P>
SearchRun RunBfs(const ThreeCounters& sys, const P& props, int threads, std::size_t chunk_states,
                 std::uint64_t max_states = 0) {
  SearchRun run;
  SearchOptions options;
  options.threads = threads;
  options.chunk_states = chunk_states;
  options.limits.max_states = max_states;
  run.result = Bfs(sys, props, options,
                   [&](std::uint32_t id, std::uint32_t depth, const ThreeCounters::State& s) {
                     EXPECT_EQ(id, run.encoding_by_id.size());
                     std::string bytes;
                     sys.Encode(s, bytes);
                     run.encoding_by_id.push_back(bytes);
                     run.depth_by_id.push_back(depth);
                   });
  return run;
}

void ExpectSame(const SearchRun& a, const SearchRun& b, const std::string& what) {
  EXPECT_EQ(a.result.outcome, b.result.outcome) << what;
  EXPECT_EQ(a.result.stop, b.result.stop) << what;
  EXPECT_EQ(a.result.stats.distinct_states, b.result.stats.distinct_states) << what;
  EXPECT_EQ(a.result.stats.transitions, b.result.stats.transitions) << what;
  EXPECT_EQ(a.result.stats.depth, b.result.stats.depth) << what;
  EXPECT_EQ(a.result.stats.max_queue, b.result.stats.max_queue) << what;
  EXPECT_EQ(a.result.counterexample, b.result.counterexample) << what;
  EXPECT_TRUE(a.encoding_by_id == b.encoding_by_id) << what << ": state ids differ";
  EXPECT_EQ(a.depth_by_id, b.depth_by_id) << what;
}

// Chunk sizes: 1 (a task per state: the most interleaving), 7 (chunks cut levels at odd
// places), 128 (the default).
constexpr std::size_t kChunkSizes[] = {1, 7, 128};

TEST(ParallelBfs, SameCountsAndIdsAsOneThread) {
  ThreeCounters sys;
  sys.n = 20;
  const NoProperties<ThreeCounters> none;
  const SearchRun base = RunBfs(sys, none, 1, 128);
  ASSERT_EQ(base.result.stats.distinct_states, 21u * 21u * 21u);   // (n+1)^3
  ASSERT_EQ(base.result.stats.transitions, 3u * 20u * 21u * 21u);  // K n (n+1)^(K-1)
  ASSERT_EQ(base.result.stats.depth, 61u);                         // K n + 1
  for (int threads : {1, 2, 4}) {
    for (std::size_t chunk : kChunkSizes) {
      ExpectSame(base, RunBfs(sys, none, threads, chunk),
                 std::to_string(threads) + " threads, chunk " + std::to_string(chunk));
    }
  }
}

TEST(ParallelBfs, SameFirstViolationAsOneThread) {
  // Every state with sum 5 and a nonzero counter 2 violates; many are reached in the same
  // level. In one-thread order the first violating transition is (4,0,0) --inc 2--> (4,0,1):
  // (4,0,0) is the first state with sum 4 ("inc 0" comes first) and its earlier actions give
  // (5,0,0) and
  // (4,1,0), which satisfy the invariant.
  ThreeCounters sys;
  sys.n = 10;
  const auto props = Invariant<ThreeCounters>("Sum5NeedsZ0", [](const ThreeCounters::State& s) {
    return s.c[0] + s.c[1] + s.c[2] != 5 || s.c[2] == 0;
  });
  const SearchRun base = RunBfs(sys, props, 1, 128);
  ASSERT_EQ(base.result.outcome, Outcome::kViolation);
  EXPECT_EQ(base.result.counterexample->actions, (std::vector<int>{0, 0, 0, 0, 2}));
  for (int repeat = 0; repeat < 5; ++repeat) {  // scheduling differs from run to run
    for (int threads : {2, 4}) {
      for (std::size_t chunk : kChunkSizes) {
        ExpectSame(base, RunBfs(sys, props, threads, chunk),
                   std::to_string(threads) + " threads, chunk " + std::to_string(chunk));
      }
    }
  }
}

TEST(ParallelBfs, SameStopPointUnderAStateLimit) {
  ThreeCounters sys;
  sys.n = 20;
  const NoProperties<ThreeCounters> none;
  constexpr std::uint64_t kLimit = 1000;  // well inside the 9261 states
  const SearchRun base = RunBfs(sys, none, 1, 128, kLimit);
  ASSERT_EQ(base.result.outcome, Outcome::kIncomplete);
  EXPECT_EQ(base.result.stats.distinct_states, kLimit);
  for (int threads : {2, 4}) {
    for (std::size_t chunk : kChunkSizes) {
      ExpectSame(base, RunBfs(sys, none, threads, chunk, kLimit),
                 std::to_string(threads) + " threads, chunk " + std::to_string(chunk));
    }
  }
}

}  // namespace
}  // namespace raftcheck::engine
