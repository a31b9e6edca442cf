#include "checker/engine/dfs.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/engine/toy_systems.h"

namespace raftcheck::engine {
namespace {

using testing::Cycle;
using testing::DieHard;
using testing::Invariant;
using testing::StepProperty;
using testing::TooManyActions;
using testing::TwoCounters;

TEST(Dfs, CountsMatchBreadthFirst) {
  for (std::uint32_t n : {0u, 3u, 20u}) {
    TwoCounters sys;
    sys.n = n;
    const auto r = Dfs(sys, NoProperties<TwoCounters>{});
    EXPECT_EQ(r.outcome, Outcome::kOk) << n;
    EXPECT_EQ(r.stats.distinct_states, (n + 1) * (n + 1)) << n;  // see toy_systems.h
    EXPECT_EQ(r.stats.transitions, 2 * n * (n + 1)) << n;
    // Here every path to a state has the same length, so DFS depths equal BFS depths.
    EXPECT_EQ(r.stats.depth, 2 * n + 1) << n;
    // The deepest stack holds one frame per state on a path from (0,0) to (n,n).
    EXPECT_EQ(r.stats.max_queue, 2 * n + 1) << n;
  }
}

TEST(Dfs, FindsTheDieHardViolationAndThePathReplays) {
  DieHard sys;
  const auto props =
      Invariant<DieHard>("NotFour", [](const DieHard::State& s) { return s.big != 4; });
  const auto r = Dfs(sys, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.counterexample->property, "NotFour");
  DieHard::State s;
  for (DieHard::Action a : r.counterexample->actions) sys.Apply(s, a);
  EXPECT_EQ(s.big, 4);
  EXPECT_GE(r.counterexample->actions.size(), 6u);  // never shorter than the shortest
}

TEST(Dfs, StepPropertyIsCheckedOnTransitionsToStoredStates) {
  const auto props = StepProperty<Cycle>(
      "NoReset", [](int, Cycle::Action a, int) { return a != Cycle::Action::kReset; });
  const auto r = Dfs(Cycle{}, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.counterexample->actions.size(), 4u);  // three Inc, then Reset
}

TEST(Dfs, MaxDepthStoresButDoesNotExpandTheLastLevel) {
  TwoCounters sys;
  sys.n = 5;
  SearchOptions options;
  options.max_depth = 3;
  const auto r = Dfs(sys, NoProperties<TwoCounters>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_EQ(r.stats.distinct_states, 6u);  // x + y <= 2, as in BFS (depths are unique here)
  EXPECT_EQ(r.stats.transitions, 6u);
  EXPECT_EQ(r.stats.depth, 3u);
}

TEST(Dfs, StateLimitStopsWithExactlyThatManyStates) {
  TwoCounters sys;
  sys.n = 10;
  SearchOptions options;
  options.limits.max_states = 30;  // of 121
  const auto r = Dfs(sys, NoProperties<TwoCounters>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kIncomplete);
  EXPECT_EQ(r.stop, StopReason::kStateLimit);
  EXPECT_EQ(r.stats.distinct_states, 30u);
}

TEST(Dfs, TooManyActionsIsAnError) {
  const auto r = Dfs(TooManyActions{}, NoProperties<TooManyActions>{});
  EXPECT_EQ(r.outcome, Outcome::kError);
}

}  // namespace
}  // namespace raftcheck::engine
