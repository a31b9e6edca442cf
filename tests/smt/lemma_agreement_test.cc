// The two statements of the model agree. Lemmas: each lemma evaluated directly on explicit
// states (model/abstract/abstract_lemmas.cc) and by Z3 on the same states encoded as numerals
// (checker/smt/symbolic_lemmas.cc). Actions: for every action instance, the symbolic
// transition from an encoded state is satisfiable exactly when the explicit model lists the
// action, and its only successor is the explicit successor. States: random ones (most break
// some lemma) and reachable ones (where all hold), from fixed seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "checker/smt/symbolic_lemmas.h"
#include "checker/smt/symbolic_transition.h"
#include "model/abstract/abstract_lemmas.h"
#include "tests/smt/abstract_search.h"

namespace model::abstract {
// Test names and failure messages show a configuration as its bounds, not as bytes.
void PrintTo(const AbstractConfig& c, std::ostream* os) {
  *os << c.servers << " servers, MaxTerm " << c.max_term << ", MaxLogLen " << c.max_log
      << (!c.bugs.Empty() ? ", both deviations" : "");
}
}  // namespace model::abstract

namespace raftcheck {
namespace {

namespace ab = model::abstract;
using testing::Config;

// A random state within the configuration's box (what the symbolic encoding can hold):
// terms and log entries in 0..max_term, logs up to max_log, a few committed pairs. Entries are
// drawn from a narrow range so that logs often share entries and the lemmas' premises meet.
ab::State RandomState(const ab::AbstractConfig& c, std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  ab::State s;
  for (int i = 0; i < c.servers; ++i) {
    ab::Server& v = s.servers[static_cast<std::size_t>(i)];
    v.term = static_cast<std::uint8_t>(pick(0, c.max_term));
    v.primary = pick(0, 2) == 0;
    v.len = static_cast<std::uint8_t>(pick(0, c.max_log));
    int entry = pick(0, 1);
    for (int k = 0; k < v.len; ++k) {
      entry = std::min(c.max_term, entry + pick(0, 1) * pick(0, 1));  // mostly non-decreasing
      v.log[static_cast<std::size_t>(k)] =
          static_cast<std::uint8_t>(pick(0, 9) == 0 ? pick(0, c.max_term) : entry);
    }
  }
  for (int n = pick(0, 2); n > 0; --n) s.Commit(pick(1, c.max_log), pick(0, c.max_term));
  return s;
}

// `random` random states, then about `sample_reachable` reachable ones spread over BFS order.
std::vector<ab::State> SampleStates(const ab::AbstractConfig& c, int random, unsigned seed,
                                    std::size_t sample_reachable) {
  std::mt19937 rng(seed);
  std::vector<ab::State> out;
  for (int i = 0; i < random; ++i) out.push_back(RandomState(c, rng));
  std::vector<ab::State> reachable;
  testing::ExploreAbstract(c, [&](const ab::State& s) { reachable.push_back(s); });
  for (std::size_t i = 0; i < reachable.size();
       i += std::max<std::size_t>(1, reachable.size() / sample_reachable)) {
    out.push_back(reachable[i]);
  }
  return out;
}

class Agreement : public ::testing::TestWithParam<ab::AbstractConfig> {};

TEST_P(Agreement, EveryLemma_SameVerdictExplicitAndSymbolic) {
  const ab::AbstractConfig c = GetParam();
  z3::context ctx;
  const smt::Encoding enc(ctx, c);
  int holds = 0, fails = 0;
  for (const ab::State& s : SampleStates(c, 400, 6, 200)) {
    const smt::SymbolicState sym = enc.Constant(s);
    for (int l = 0; l < ab::kLemmaCount; ++l) {
      const auto lemma = static_cast<ab::Lemma>(l);
      const bool explicit_holds = !ab::CheckLemma(lemma, c.servers, s).has_value();
      const z3::expr v = smt::LemmaFormula(enc, lemma, sym).simplify();
      ASSERT_TRUE(v.is_true() || v.is_false()) << "not ground: " << v;
      EXPECT_EQ(v.is_true(), explicit_holds)
          << ab::LemmaName(lemma) << " in " << ab::AbstractRaft(c).DescribeState(s);
      (explicit_holds ? holds : fails) += 1;
    }
  }
  // Both verdicts occur, so the comparison is not vacuous.
  EXPECT_GT(holds, 100);
  EXPECT_GT(fails, 100);
}

// Every action instance the encoding can name: all kinds, nodes, peers; all vote sets.
std::vector<ab::Action> AllInstances(int servers) {
  std::vector<ab::Action> out;
  for (int k = 0; k < ab::kActionKindCount; ++k) {
    const auto kind = static_cast<ab::ActionKind>(k);
    const bool peer = kind == ab::ActionKind::kGetEntries ||
                      kind == ab::ActionKind::kRollbackEntries ||
                      kind == ab::ActionKind::kUpdateTerms;
    for (int i = 0; i < servers; ++i) {
      for (int j = 0; j < (peer ? servers : 1); ++j) {
        const int masks = kind == ab::ActionKind::kBecomeLeader ? 1 << servers : 1;
        for (int q = 0; q < masks; ++q) {
          out.push_back({kind, static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(j),
                         static_cast<std::uint8_t>(q)});
        }
      }
    }
  }
  return out;
}

TEST_P(Agreement, EveryActionInstance_SameGuardAndSuccessor) {
  const ab::AbstractConfig c = GetParam();
  const ab::AbstractRaft m(c);
  z3::context ctx;
  const smt::Encoding enc(ctx, c);
  const smt::Transitions trans(enc);
  const smt::StepChoice choice = trans.FreshChoice("c");
  const smt::SymbolicState next = enc.Fresh("t");
  const std::vector<ab::Action> instances = AllInstances(c.servers);
  int enabled_seen = 0;
  for (const ab::State& s : SampleStates(c, 15, 7, 40)) {
    if (!m.InBounds(s)) continue;  // the encoding steps from in-bound states only
    std::vector<ab::Action> enabled;
    m.Actions(s, enabled);
    z3::solver solver(ctx);
    solver.add(trans.Step(enc.Constant(s), choice, next));
    for (const ab::Action& a : instances) {
      const bool listed = std::find(enabled.begin(), enabled.end(), a) != enabled.end();
      z3::expr_vector assume(ctx);
      assume.push_back(trans.Names(choice, a));
      const z3::check_result r = solver.check(assume);
      ASSERT_NE(r, z3::unknown);
      ASSERT_EQ(r == z3::sat, listed) << m.Describe(a) << " in " << m.DescribeState(s);
      if (!listed) continue;
      ++enabled_seen;
      ab::State expected = s;
      m.Apply(expected, a);
      EXPECT_EQ(enc.Extract(solver.get_model(), next), expected) << m.Describe(a);
    }
  }
  EXPECT_GT(enabled_seen, 100);
}

INSTANTIATE_TEST_SUITE_P(Sizes, Agreement,
                         ::testing::Values(Config(3, 3, 3), Config(2, 2, 3), Config(4, 2, 2),
                                           Config(3, 3, 3,
                                                  {ab::AbstractBug::kDoubleVote,
                                                   ab::AbstractBug::kCommitOldTerm})),
                         [](const auto& info) {
                           const ab::AbstractConfig& c = info.param;
                           return "n" + std::to_string(c.servers) + "t" +
                                  std::to_string(c.max_term) + "l" + std::to_string(c.max_log) +
                                  (!c.bugs.Empty() ? "bugs" : "");
                         });

}  // namespace
}  // namespace raftcheck
