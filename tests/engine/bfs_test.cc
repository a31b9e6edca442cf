#include "checker/engine/bfs.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "checker/engine/path.h"
#include "tests/engine/toy_systems.h"

namespace raftcheck::engine {
namespace {

using testing::Cycle;
using testing::DieHard;
using testing::Invariant;
using testing::StepProperty;
using testing::TooManyActions;
using testing::TwoCounters;

// Applies `actions` from initial state `index` (the test's own replay, not path.h's).
template <class S>
typename S::State Replay(const S& sys, std::size_t index,
                         const std::vector<typename S::Action>& actions) {
  std::vector<typename S::State> inits;
  sys.InitialStates(inits);
  typename S::State s = inits.at(index);
  for (const auto& a : actions) sys.Apply(s, a);
  return s;
}

TEST(Bfs, TwoCountersCountsAndDepth) {
  for (std::uint32_t n : {0u, 1u, 3u, 20u}) {
    TwoCounters sys;
    sys.n = n;
    const auto r = Bfs(sys, NoProperties<TwoCounters>{});
    EXPECT_EQ(r.outcome, Outcome::kOk) << n;
    EXPECT_EQ(r.stats.distinct_states, (n + 1) * (n + 1)) << n;  // see toy_systems.h
    EXPECT_EQ(r.stats.transitions, 2 * n * (n + 1)) << n;
    EXPECT_EQ(r.stats.depth, 2 * n + 1) << n;
    EXPECT_FALSE(r.counterexample.has_value());
  }
}

TEST(Bfs, VisitorSeesEveryStateOnceInIdOrderWithItsDepth) {
  TwoCounters sys;
  sys.n = 4;
  std::vector<std::uint32_t> ids;
  bool depth_ok = true;
  Bfs(sys, NoProperties<TwoCounters>{}, {},
      [&](std::uint32_t id, std::uint32_t depth, const TwoCounters::State& s) {
        ids.push_back(id);
        depth_ok = depth_ok && depth == s.c[0] + s.c[1] + 1;  // distance + 1
      });
  ASSERT_EQ(ids.size(), 25u);  // (4+1)^2
  for (std::uint32_t i = 0; i < ids.size(); ++i) EXPECT_EQ(ids[i], i);
  EXPECT_TRUE(depth_ok);
}

TEST(Bfs, CounterexampleIsTheFirstInBreadthFirstOrder) {
  // Reaching (3, 2) takes 5 increments in any order. BFS stores (3,1) before (2,2) (level
  // order follows "increment counter 0 first"), so the first transition into (3, 2) is
  // (3,1) --inc 1-->, and (3,1) was first reached from (3,0), itself on the all-"inc 0" chain.
  TwoCounters sys;
  sys.n = 5;
  const auto props = Invariant<TwoCounters>(
      "NotThreeTwo", [](const TwoCounters::State& s) { return !(s.c[0] == 3 && s.c[1] == 2); });
  const auto r = Bfs(sys, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  ASSERT_TRUE(r.counterexample.has_value());
  EXPECT_EQ(r.counterexample->property, "NotThreeTwo");
  EXPECT_EQ(r.counterexample->message, "NotThreeTwo does not hold");
  EXPECT_EQ(r.counterexample->initial_index, 0u);
  EXPECT_EQ(r.counterexample->actions, (std::vector<int>{0, 0, 0, 1, 1}));
  EXPECT_EQ(r.stats.depth, 6u);  // the violating state is stored at depth 5 + 1
}

// All action sequences of exactly `length` actions from the initial state.
bool SomeSequenceReachesFour(const DieHard& sys, int length) {
  std::vector<int> digits(length, 0);
  while (true) {
    DieHard::State s;
    for (int d : digits) sys.Apply(s, static_cast<DieHard::Action>(d));
    if (s.big == 4) return true;
    int i = 0;
    while (i < length && ++digits[i] == DieHard::kActions) digits[i++] = 0;
    if (i == length) return false;
  }
}

TEST(Bfs, DieHardCounterexampleIsShortestAndReplays) {
  DieHard sys;
  const auto props =
      Invariant<DieHard>("NotFour", [](const DieHard::State& s) { return s.big != 4; });
  const auto r = Bfs(sys, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  const auto& cex = *r.counterexample;
  EXPECT_EQ(cex.actions.size(), 6u);  // the classic solution (toy_systems.h)
  EXPECT_EQ(Replay(sys, cex.initial_index, cex.actions).big, 4);
  // Shortest: no sequence of 0..5 actions gets there (6^5 = 7776 sequences at most).
  for (int length = 0; length < 6; ++length) {
    EXPECT_FALSE(SomeSequenceReachesFour(sys, length)) << length;
  }
}

TEST(Bfs, ViolatingInitialStateIsReportedWithItsIndex) {
  TwoCounters sys;
  sys.initial = {TwoCounters::State{{0, 0}}, TwoCounters::State{{3, 3}}};
  const auto props = Invariant<TwoCounters>(
      "NotFull", [](const TwoCounters::State& s) { return s.c[0] + s.c[1] < 6; });
  const auto r = Bfs(sys, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.counterexample->initial_index, 1u);
  EXPECT_TRUE(r.counterexample->actions.empty());
  EXPECT_EQ(r.stats.distinct_states, 2u);  // both initial states, none expanded
  EXPECT_EQ(r.stats.transitions, 0u);
}

TEST(Bfs, DuplicateInitialStatesAreStoredOnce) {
  TwoCounters sys;
  sys.n = 2;
  sys.initial = {TwoCounters::State{{1, 0}}, TwoCounters::State{{0, 0}},
                 TwoCounters::State{{1, 0}}};
  const auto r = Bfs(sys, NoProperties<TwoCounters>{});
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_EQ(r.stats.distinct_states, 9u);  // (2+1)^2: every state is still reachable
  EXPECT_EQ(r.stats.transitions, 12u);     // 2 * 2 * 3, each state expanded once
}

TEST(Bfs, StepPropertyIsCheckedOnTransitionsToStoredStates) {
  // The only Reset leads back to the initial state, which is already stored.
  const auto props = StepProperty<Cycle>(
      "NoReset", [](int, Cycle::Action a, int) { return a != Cycle::Action::kReset; });
  const auto r = Bfs(Cycle{}, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.counterexample->property, "NoReset");
  using A = Cycle::Action;
  EXPECT_EQ(r.counterexample->actions, (std::vector<A>{A::kInc, A::kInc, A::kInc, A::kReset}));
  EXPECT_EQ(r.stats.distinct_states, 4u);
  EXPECT_EQ(r.stats.transitions, 4u);  // three Inc and the Reset
}

TEST(Bfs, StateInvariantWinsOverStepPropertyOnOneTransition) {
  testing::Props<Cycle, bool (*)(const int&),
                 bool (*)(const int&, const Cycle::Action&, const int&)>
      props{"NotTwo", [](const int& s) { return s != 2; }, "NoIncToTwo",
            [](const int&, const Cycle::Action&, const int& n) { return n != 2; }};
  const auto r = Bfs(Cycle{}, props);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.counterexample->property, "NotTwo");
}

TEST(Bfs, MaxDepthStoresButDoesNotExpandTheLastLevel) {
  TwoCounters sys;
  sys.n = 5;
  SearchOptions options;
  options.max_depth = 3;
  const auto r = Bfs(sys, NoProperties<TwoCounters>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_EQ(r.stats.distinct_states, 6u);  // x + y <= 2: 1 + 2 + 3
  EXPECT_EQ(r.stats.transitions, 6u);      // depths 1 and 2 (3 states) expand 2 actions each
  EXPECT_EQ(r.stats.depth, 3u);
}

TEST(Bfs, MaxQueueIsTheLargestFrontier) {
  TwoCounters sys;
  sys.n = 3;
  const auto r = Bfs(sys, NoProperties<TwoCounters>{});
  // Worked out by hand: the queue first holds 4 states when (2,1) is stored while (2,0) is
  // expanded, with (1,1), (0,2) and (3,0) still waiting; the largest level, x + y = 3, has 4
  // states, and the count never goes above that.
  EXPECT_EQ(r.stats.max_queue, 4u);
}

TEST(Bfs, TooManyActionsIsAnError) {
  const auto r = Bfs(TooManyActions{}, NoProperties<TooManyActions>{});
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_NE(r.reason.find("70000"), std::string::npos) << r.reason;
}

TEST(Bfs, BytesPerStateStayWellUnder32) {
  TwoCounters sys;
  sys.n = 300;
  const auto r = Bfs(sys, NoProperties<TwoCounters>{});
  ASSERT_EQ(r.stats.distinct_states, 301u * 301u);
  // Set: 8 bytes per slot at load (3/8, 3/4]; links: 6 bytes. So between 16.6 and 27.4.
  EXPECT_GT(r.stats.bytes_per_state, 16.0);
  EXPECT_LT(r.stats.bytes_per_state, 28.0);
  EXPECT_GE(r.stats.seconds, 0.0);
}

TEST(Path, ReplayReportsOrdinalsThatDoNotExist) {
  TwoCounters sys;
  sys.n = 1;
  // (0,0) enables "inc 0", "inc 1"; (1,0) enables only "inc 1", which is its ordinal 0.
  const std::vector<std::uint16_t> ok = {0, 0};
  const auto good = ReplayOrdinals(sys, 0, ok);
  EXPECT_TRUE(good.error.empty()) << good.error;
  EXPECT_EQ(good.actions, (std::vector<int>{0, 1}));
  EXPECT_EQ(good.last->c[0], 1u);
  EXPECT_EQ(good.last->c[1], 1u);
  EXPECT_EQ(good.before_last->c[1], 0u);
  const std::vector<std::uint16_t> bad = {0, 1};  // (1,0) has no action #1
  EXPECT_NE(ReplayOrdinals(sys, 0, bad).error.find("step 2"), std::string::npos);
  EXPECT_FALSE(ReplayOrdinals(sys, 1, ok).error.empty());  // one initial state only
}

TEST(Result, OutcomeNamesMatchTheCliContract) {
  EXPECT_EQ(OutcomeName(Outcome::kOk), "ok");
  EXPECT_EQ(OutcomeName(Outcome::kViolation), "violation");
  EXPECT_EQ(OutcomeName(Outcome::kIncomplete), "incomplete");
}

}  // namespace
}  // namespace raftcheck::engine
