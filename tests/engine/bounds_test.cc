// Bounds with TLC's CONSTRAINT meaning, in BFS and DFS alike: a state outside the bounds is
// checked (state invariants, and the step into it), but neither counted, stored nor expanded.
#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "checker/engine/bfs.h"
#include "checker/engine/dfs.h"
#include "tests/engine/toy_systems.h"

namespace raftcheck::engine {
namespace {

using testing::Invariant;
using testing::StepProperty;
using testing::Walk;

enum class Search { kBfs, kDfs };
void PrintTo(Search s, std::ostream* os) { *os << (s == Search::kBfs ? "BFS" : "DFS"); }

template <class P>
SearchResult<int> Explore(Search search, const Walk& sys, const P& props) {
  return search == Search::kBfs ? Bfs(sys, props) : Dfs(sys, props);
}

class Bounds : public ::testing::TestWithParam<Search> {};

INSTANTIATE_TEST_SUITE_P(BfsAndDfs, Bounds, ::testing::Values(Search::kBfs, Search::kDfs),
                         [](const auto& info) {
                           return info.param == Search::kBfs ? "Bfs" : "Dfs";
                         });

// Walk with bound 5: x = 0..5 are stored (6 states, depths 1..6); each is expanded once
// (6 transitions), the last one generating x = 6, which is out of bounds.
TEST_P(Bounds, OutOfBoundStatesAreNeitherCountedNorExpanded) {
  const auto r = Explore(GetParam(), Walk{}, NoProperties<Walk>{});
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_EQ(r.stats.distinct_states, 6u);
  EXPECT_EQ(r.stats.transitions, 6u);
  EXPECT_EQ(r.stats.depth, 6u);
}

TEST_P(Bounds, ViolationAtAnOutOfBoundStateIsReportedWithItsPath) {
  const auto props = Invariant<Walk>("NotSix", [](std::uint64_t x) { return x != 6; });
  const auto r = Explore(GetParam(), Walk{}, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.counterexample->property, "NotSix");
  EXPECT_EQ(r.counterexample->actions.size(), 6u);  // 0 -> 6 in six increments
  EXPECT_EQ(r.stats.distinct_states, 6u);           // x = 6 is checked, not counted
}

TEST_P(Bounds, ViolationBeyondAnOutOfBoundStateIsNotReached) {
  // x = 7 would need x = 6 expanded.
  const auto props = Invariant<Walk>("NotSeven", [](std::uint64_t x) { return x != 7; });
  const auto r = Explore(GetParam(), Walk{}, props);
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_EQ(r.stats.distinct_states, 6u);
}

TEST_P(Bounds, StepIntoAnOutOfBoundStateIsChecked) {
  const auto props = StepProperty<Walk>(
      "StaysInside", [](std::uint64_t, int, std::uint64_t next) { return next <= 5; });
  const auto r = Explore(GetParam(), Walk{}, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.counterexample->property, "StaysInside");
  EXPECT_EQ(r.counterexample->actions.size(), 6u);
}

TEST_P(Bounds, OutOfBoundInitialStateIsCheckedButNotStored) {
  Walk sys;
  sys.start = 10;  // above the bound of 5
  const auto quiet = Explore(GetParam(), sys, NoProperties<Walk>{});
  EXPECT_EQ(quiet.outcome, Outcome::kOk);
  EXPECT_EQ(quiet.stats.distinct_states, 0u);
  EXPECT_EQ(quiet.stats.transitions, 0u);
  EXPECT_EQ(quiet.stats.depth, 0u);
  const auto props = Invariant<Walk>("NotTen", [](std::uint64_t x) { return x != 10; });
  const auto r = Explore(GetParam(), sys, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_TRUE(r.counterexample->actions.empty());
}

}  // namespace
}  // namespace raftcheck::engine
