#include "checker/engine/self_check.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/engine/toy_systems.h"

namespace raftcheck::engine {
namespace {

using namespace raftcheck::engine::testing;

TEST(SelfCheck, PassesCorrectSystems) {
  const auto counters = SelfCheck(TwoCounters{});
  EXPECT_TRUE(counters.ok) << counters.problem;
  EXPECT_EQ(counters.states, 16u);  // (3+1)^2
  // The 24 transitions (2 * 3 * 4) reach the 15 non-initial states; the 9 states with both
  // counters >= 1 are reached twice, so 9 revisits.
  EXPECT_EQ(counters.revisits, 9u);
  // Actions checked: 24 for the stored states, plus those of the 9 revisited states: of
  // (x, y) in {1,2,3}^2, 6 have x < 3 and 6 have y < 3, so 12.
  EXPECT_EQ(counters.transitions, 24u + 12u);
  const auto diehard = SelfCheck(DieHard{});
  EXPECT_TRUE(diehard.ok) << diehard.problem;
  const auto cycle = SelfCheck(Cycle{});
  EXPECT_TRUE(cycle.ok) << cycle.problem;
  Lossy full;
  full.encode_flag = true;
  const auto lossless = SelfCheck(full);
  EXPECT_TRUE(lossless.ok) << lossless.problem;
}

TEST(SelfCheck, CatchesNondeterministicApply) {
  const auto r = SelfCheck(Nondeterministic{});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("Apply() is not deterministic"), std::string::npos) << r.problem;
  EXPECT_NE(r.problem.find("initial state #0"), std::string::npos) << r.problem;
}

TEST(SelfCheck, CatchesAnEncodingThatDropsState) {
  const auto r = SelfCheck(Lossy{});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("different successors"), std::string::npos) << r.problem;
  // The second path is the SetFlag action (ordinal 1 at the initial state, described as "1").
  EXPECT_NE(r.problem.find("initial state #0, then 1"), std::string::npos) << r.problem;
}

TEST(SelfCheck, CatchesCopiesThatShareState) {
  const auto r = SelfCheck(Aliasing{});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("changed the original"), std::string::npos) << r.problem;
}

TEST(SelfCheck, StopsStoringAtMaxStates) {
  TwoCounters sys;
  sys.n = 100;
  SelfCheckOptions options;
  options.max_states = 50;
  const auto r = SelfCheck(sys, options);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.states, 50u);
}

}  // namespace
}  // namespace raftcheck::engine
