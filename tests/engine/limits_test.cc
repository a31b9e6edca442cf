// Limits stop a search cleanly with outcome kIncomplete, the reason, and partial figures.
#include "checker/engine/limits.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "checker/engine/bfs.h"
#include "checker/engine/dfs.h"
#include "tests/engine/toy_systems.h"

namespace raftcheck::engine {
namespace {

using testing::TwoCounters;
using testing::Unbounded;

// A safety net for the tests on infinite systems: if a limit failed to stop the search, this
// one would, and the test would fail on the reported stop reason instead of hanging.
constexpr double kSafetySeconds = 30;

TEST(Limits, StateLimitGivesExactPartialCounts) {
  TwoCounters sys;
  sys.n = 10;
  SearchOptions options;
  options.limits.max_states = 50;  // of 121
  const auto r = Bfs(sys, NoProperties<TwoCounters>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kIncomplete);
  EXPECT_EQ(r.stop, StopReason::kStateLimit);
  EXPECT_NE(r.reason.find("50"), std::string::npos) << r.reason;
  EXPECT_EQ(r.stats.distinct_states, 50u);
  EXPECT_GT(r.stats.transitions, 0u);
  EXPECT_GT(r.stats.depth, 1u);
}

TEST(Limits, StateLimitEqualToTheStateCountStillCompletes) {
  TwoCounters sys;
  sys.n = 10;
  SearchOptions options;
  options.limits.max_states = 121;  // (10+1)^2: all of them
  EXPECT_EQ(Bfs(sys, NoProperties<TwoCounters>{}, options).outcome, Outcome::kOk);
  EXPECT_EQ(Dfs(sys, NoProperties<TwoCounters>{}, options).outcome, Outcome::kOk);
}

TEST(Limits, TimeLimitStopsAnInfiniteSearch) {
  SearchOptions options;
  options.limits.max_seconds = 0.2;
  for (int threads : {1, 2}) {
    options.threads = threads;
    const auto r = Bfs(Unbounded{}, NoProperties<Unbounded>{}, options);
    EXPECT_EQ(r.outcome, Outcome::kIncomplete);
    EXPECT_EQ(r.stop, StopReason::kTimeLimit) << r.reason;
    EXPECT_GT(r.stats.distinct_states, 0u);
    EXPECT_GE(r.stats.seconds, 0.2);
    EXPECT_LT(r.stats.seconds, 5.0);  // stops promptly, not at the end of a long level
  }
  const auto d = Dfs(Unbounded{}, NoProperties<Unbounded>{}, options);
  EXPECT_EQ(d.stop, StopReason::kTimeLimit) << d.reason;
}

TEST(Limits, MemoryCapByEstimateStopsBfs) {
  Unbounded sys;
  sys.approx_bytes = 1 << 20;  // each queued state claims 1 MiB
  SearchOptions options;
  options.limits.max_memory_bytes = 64u << 20;  // room for about 64 queued states
  options.limits.check_rss = false;             // only the engine's own estimate
  options.limits.max_seconds = kSafetySeconds;
  const auto r = Bfs(sys, NoProperties<Unbounded>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kIncomplete);
  EXPECT_EQ(r.stop, StopReason::kMemoryLimit) << r.reason;
  EXPECT_NE(r.reason.find("memory cap"), std::string::npos) << r.reason;
  // Level k of this system holds k(k+1)/2 states, so the queue passes 64 states by level 12,
  // when 364 states are stored; polls every 256 transitions add at most 256 more.
  EXPECT_LT(r.stats.distinct_states, 364u + 256u);
}

TEST(Limits, MemoryCapByEstimateStopsDfs) {
  Unbounded sys;
  sys.approx_bytes = 1 << 20;  // each frame on the stack claims 1 MiB; the stack never ends
  SearchOptions options;
  options.limits.max_memory_bytes = 64u << 20;
  options.limits.check_rss = false;
  options.limits.max_seconds = kSafetySeconds;
  const auto r = Dfs(sys, NoProperties<Unbounded>{}, options);
  EXPECT_EQ(r.stop, StopReason::kMemoryLimit) << r.reason;
}

TEST(Limits, MemoryCapByResidentSetStopsBfs) {
  const std::uint64_t rss = ReadRssBytes();
  ASSERT_GT(rss, 0u);
  SearchOptions options;
  options.limits.max_memory_bytes = rss + (64u << 20);  // 64 MiB more than the test holds now
  options.limits.max_seconds = kSafetySeconds;
  const auto r = Bfs(Unbounded{}, NoProperties<Unbounded>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kIncomplete);
  EXPECT_EQ(r.stop, StopReason::kMemoryLimit) << r.reason;
  EXPECT_LT(ReadRssBytes(), rss + (256u << 20));  // stopped near the cap, far from an OOM
}

TEST(Limits, ProgressIsThrottledToTheInterval) {
  std::vector<Progress> reports;
  SearchOptions options;
  options.limits.max_seconds = 0.5;
  options.progress = [&](const Progress& p) { reports.push_back(p); };
  options.progress_interval_seconds = 0.05;
  Bfs(Unbounded{}, NoProperties<Unbounded>{}, options);
  ASSERT_GE(reports.size(), 1u);
  EXPECT_LE(reports.size(), 11u);  // 0.5 s / 0.05 s, plus one at the boundary
  for (std::size_t i = 1; i < reports.size(); ++i) {
    EXPECT_GE(reports[i].seconds - reports[i - 1].seconds, 0.05);
    EXPECT_GE(reports[i].states, reports[i - 1].states);
  }
  EXPECT_GT(reports.back().states, 0u);
  EXPECT_GT(reports.back().depth, 0u);
}

TEST(Limits, NoProgressBeforeTheFirstInterval) {
  int calls = 0;
  SearchOptions options;
  options.limits.max_seconds = 0.2;  // shorter than the default interval of 1 s
  options.progress = [&](const Progress&) { ++calls; };
  Bfs(Unbounded{}, NoProperties<Unbounded>{}, options);
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace raftcheck::engine
