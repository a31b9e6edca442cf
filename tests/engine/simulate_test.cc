#include "checker/engine/simulate.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "checker/engine/rng.h"
#include "tests/engine/toy_systems.h"

namespace raftcheck::engine {
namespace {

using testing::Cycle;
using testing::DieHard;
using testing::Invariant;
using testing::StepProperty;
using testing::TwoCounters;
using testing::Walk;

TEST(Rng, SameSeedSameStreamOtherSeedOtherStream) {
  Rng a(7), b(7), c(8);
  bool all_equal_to_c = true;
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    all_equal_to_c = all_equal_to_c && x == c.Next();
  }
  EXPECT_FALSE(all_equal_to_c);
  EXPECT_NE(RunSeed(1, 0), RunSeed(1, 1));
  EXPECT_NE(RunSeed(1, 0), RunSeed(2, 0));
  EXPECT_EQ(RunSeed(3, 4), RunSeed(3, 4));
}

TEST(Rng, BelowIsInRangeAndRoughlyUniform) {
  constexpr int kDraws = 60000;
  constexpr int kSides = 6;
  Rng rng(123);
  int counts[kSides] = {};
  for (int i = 0; i < kDraws; ++i) {
    const std::uint64_t v = rng.Below(kSides);
    ASSERT_LT(v, static_cast<std::uint64_t>(kSides));
    ++counts[v];
  }
  // Each count is binomial with mean 10000 and sd ~91; +-600 is over 6 sd.
  for (int c : counts) EXPECT_NEAR(c, kDraws / kSides, 600);
  for (int i = 0; i < 1000; ++i) {
    const double u = rng.Uniform01();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

SimulationResult<DieHard::Action> SimulateDieHard(std::uint64_t seed) {
  const auto props =
      Invariant<DieHard>("NotFour", [](const DieHard::State& s) { return s.big != 4; });
  SimulationOptions options;
  options.seed = seed;
  options.runs = 1000;
  options.max_steps = 30;
  return Simulate(DieHard{}, props, options);
}

TEST(Simulate, FindsTheDieHardViolationAndThePathReplays) {
  const auto r = SimulateDieHard(1);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.seed, 1u);
  EXPECT_EQ(r.runs_done, r.run + 1);
  EXPECT_EQ(r.counterexample->property, "NotFour");
  DieHard::State s;
  for (DieHard::Action a : r.counterexample->actions) DieHard{}.Apply(s, a);
  EXPECT_EQ(s.big, 4);
}

TEST(Simulate, SameSeedGivesTheSameResult) {
  const auto a = SimulateDieHard(42);
  const auto b = SimulateDieHard(42);
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.runs_done, b.runs_done);
  EXPECT_EQ(a.steps, b.steps);
  EXPECT_EQ(a.deadlocks, b.deadlocks);
  EXPECT_EQ(a.run, b.run);
  EXPECT_EQ(a.counterexample, b.counterexample);
}

TEST(Simulate, DifferentSeedsGiveDifferentWalks) {
  // Seeds 1..4: the first violating walk (run index and actions) is not the same for all.
  const auto first = SimulateDieHard(1);
  bool some_differ = false;
  for (std::uint64_t seed = 2; seed <= 4; ++seed) {
    const auto other = SimulateDieHard(seed);
    some_differ = some_differ || other.run != first.run ||
                  other.counterexample != first.counterexample || other.steps != first.steps;
  }
  EXPECT_TRUE(some_differ);
}

// Always takes the first enabled action, and counts runs.
struct FirstChooser {
  int* begun;
  void BeginRun(Rng&) { ++*begun; }
  template <class State, class Action>
  std::size_t operator()(const State&, std::span<const Action>, Rng&) const {
    return 0;
  }
};

TEST(Simulate, UsesThePluggedChooserAndCallsBeginRunPerRun) {
  TwoCounters sys;
  sys.n = 3;
  int begun = 0;
  SimulationOptions options;
  options.runs = 4;
  options.max_steps = 100;
  const auto r = Simulate(sys, NoProperties<TwoCounters>{}, options, FirstChooser{&begun});
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_EQ(begun, 4);
  EXPECT_EQ(r.runs_done, 4u);
  // Each run goes (0,0) -> (3,0) -> (3,3): 6 steps, then nothing is enabled.
  EXPECT_EQ(r.steps, 4u * 6u);
  EXPECT_EQ(r.deadlocks, 4u);
}

TEST(Simulate, ChecksEveryStepAndStopsAtTheFirstViolation) {
  const auto props = StepProperty<Cycle>(
      "NoReset", [](int, Cycle::Action a, int) { return a != Cycle::Action::kReset; });
  SimulationOptions options;
  options.runs = 3;
  options.max_steps = 10;
  const auto r = Simulate(Cycle{}, props, options);
  ASSERT_EQ(r.outcome, Outcome::kViolation);
  EXPECT_EQ(r.run, 0u);  // one action is enabled at a time: every walk is the same
  EXPECT_EQ(r.counterexample->actions.size(), 4u);
  EXPECT_EQ(r.steps, 4u);
}

TEST(Simulate, RunsEndAtTheFirstOutOfBoundState) {
  SimulationOptions options;
  options.runs = 5;
  options.max_steps = 100;
  const auto r = Simulate(Walk{}, NoProperties<Walk>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kOk);
  EXPECT_EQ(r.steps, 5u * 6u);  // x = 0 .. 6, and 6 is past the bound of 5
  EXPECT_EQ(r.out_of_bounds, 5u);
  const auto props = Invariant<Walk>("NotSeven", [](std::uint64_t x) { return x != 7; });
  EXPECT_EQ(Simulate(Walk{}, props, options).outcome, Outcome::kOk);  // never expands x = 6
  options.stop_at_out_of_bounds = false;
  EXPECT_EQ(Simulate(Walk{}, props, options).outcome, Outcome::kViolation);
}

struct BadChooser {
  template <class State, class Action>
  std::size_t operator()(const State&, std::span<const Action> enabled, Rng&) const {
    return enabled.size();
  }
};

TEST(Simulate, ChooserOutOfRangeIsAnError) {
  const auto r = Simulate(Cycle{}, NoProperties<Cycle>{}, SimulationOptions{}, BadChooser{});
  EXPECT_EQ(r.outcome, Outcome::kError);
}

TEST(Simulate, TimeLimitStopsLongSimulations) {
  SimulationOptions options;
  options.runs = ~std::uint64_t{0};  // effectively endless
  options.max_steps = 50;
  options.max_seconds = 0.1;
  const auto r = Simulate(DieHard{}, NoProperties<DieHard>{}, options);
  EXPECT_EQ(r.outcome, Outcome::kIncomplete);
  EXPECT_EQ(r.stop, StopReason::kTimeLimit);
  EXPECT_GT(r.runs_done, 0u);
}

}  // namespace
}  // namespace raftcheck::engine
