// AbstractRaft explored by the engine: the lemmas never fail in an exhaustive search (the
// explicit half of the cross-check), the seeded deviations are found with a named lemma at a
// known depth, and traces round-trip and replay.
#include <gtest/gtest.h>

#include "checker/abstract/abstract_json.h"
#include "checker/abstract/abstract_system.h"
#include "tests/common/typed_traces.h"
#include "traces/trace.h"
#include "model/abstract/abstract_lemmas.h"
#include "tests/smt/abstract_search.h"

namespace raftcheck {
namespace {

using AbstractReplay = registry::TypedReplay<AbstractSpec>;

namespace ab = model::abstract;
using testing::Config;
using testing::ExploreAbstract;

std::string Describe(const engine::SearchResult<ab::Action>& r) {
  return r.counterexample ? r.counterexample->property + ": " + r.counterexample->message : "";
}

// Exhaustive search at the default bounds (3 servers, MaxTerm 3, MaxLogLen 3): every lemma
// holds in every reachable state. The counts pin the state space (a change to the model's
// semantics moves them): measured with this model, which TLC-style bounds make comparable to
// a TLC run of AbstractRaft.tla without symmetry.
TEST(AbstractSearch, DefaultBounds_NoLemmaFails) {
  const auto r = ExploreAbstract(Config(3, 3, 3));
  EXPECT_EQ(r.outcome, engine::Outcome::kOk) << Describe(r);
  EXPECT_EQ(r.stats.distinct_states, 53881u);
  EXPECT_EQ(r.stats.depth, 20u);
}

// Other shapes, still clean: 2 servers deeper, 4 servers shallower, 5 servers tiny.
TEST(AbstractSearch, OtherSizes_NoLemmaFails) {
  for (const ab::AbstractConfig& c : {Config(2, 4, 4), Config(4, 2, 2), Config(5, 2, 1)}) {
    const auto r = ExploreAbstract(c);
    EXPECT_EQ(r.outcome, engine::Outcome::kOk) << c.servers << " servers: " << Describe(r);
    EXPECT_GT(r.stats.distinct_states, 100u);
  }
}

// "Never fails" says little unless the lemmas' premises are met: the search must reach a
// committed entry, two primaries at once (necessarily of different terms), and diverged logs.
TEST(AbstractSearch, DefaultBounds_ReachesInterestingStates) {
  bool committed = false, two_primaries = false, diverged = false;
  ExploreAbstract(Config(3, 3, 3), [&](const ab::State& s) {
    committed = committed || s.committed[0] != 0;
    two_primaries = two_primaries || (s.servers[0].primary && s.servers[1].primary);
    diverged = diverged || (s.servers[0].len > 0 && s.servers[1].len > 0 &&
                            s.servers[0].log[0] != s.servers[1].log[0]);
  });
  EXPECT_TRUE(committed);
  EXPECT_TRUE(two_primaries);
  EXPECT_TRUE(diverged);
}

struct Deviation {
  ab::AbstractBug bug;
  const char* lemma;
  std::size_t depth;  // actions on the shortest counterexample
};
// Depths as breadth-first search finds them (3 servers, default bounds); bmc_test.cc holds BMC
// to the same numbers. Double vote: two elections in term 1 sharing a voter. Old-term commit:
// Figure 8 in six actions (elect s1, append, elect s2 in term 2, copy s1's entry to s3, elect
// s3 in term 3, commit the term-1 entry while s2 still leads term 2 without it).
constexpr Deviation kDeviations[] = {
    {ab::AbstractBug::kDoubleVote, "OnePrimaryPerTerm", 2},
    {ab::AbstractBug::kCommitOldTerm, "LeaderCompleteness", 6},
};

TEST(AbstractSearch, SeededDeviations_FoundWithNamedLemmaAtKnownDepth) {
  for (const Deviation& d : kDeviations) {
    const auto r = ExploreAbstract(Config(3, 3, 3, {d.bug}));
    ASSERT_EQ(r.outcome, engine::Outcome::kViolation) << ab::AbstractBugName(d.bug);
    EXPECT_EQ(r.counterexample->property, d.lemma);
    EXPECT_EQ(r.counterexample->actions.size(), d.depth) << ab::AbstractBugName(d.bug);
    const auto& scenario = AbstractSpec::Scenarios()[static_cast<int>(d.bug)];
    EXPECT_EQ(scenario.property, d.lemma);  // the catalog says what search finds
  }
}

TEST(AbstractTrace, BfsCounterexample_RoundTripsAndReplays) {
  const ab::AbstractConfig c = Config(3, 3, 3, {ab::AbstractBug::kCommitOldTerm});
  const auto r = ExploreAbstract(c);
  ASSERT_TRUE(r.counterexample);
  const ab::AbstractRaft m(c);
  const traces::Trace t = test_traces::MakeTrace<AbstractSpec>(
      m, r.counterexample->actions,
      traces::Verdict{r.counterexample->property, r.counterexample->actions.size(),
                      r.counterexample->message});
  base::Result<traces::Trace> back = traces::TraceFromJson(traces::TraceToJson(t));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, t);
  base::Result<AbstractReplay> replay = test_traces::ReplayTyped<AbstractSpec>(*back);
  ASSERT_TRUE(replay.ok()) << replay.status().message();
  ASSERT_TRUE(replay->violation);
  EXPECT_EQ(*replay->violation, *t.verdict);
  EXPECT_EQ(replay->actions, r.counterexample->actions);
}

TEST(AbstractTrace, DisabledOrMalformedAction_IsAnErrorNamingTheStep) {
  const ab::AbstractRaft m(Config(3, 3, 3));
  traces::Trace t = test_traces::MakeTrace<AbstractSpec>(m, {});
  t.actions.push_back({{"kind", "ClientRequest"}, {"node", 1}});  // nobody is primary yet
  base::Result<AbstractReplay> replay = test_traces::ReplayTyped<AbstractSpec>(t);
  EXPECT_FALSE(replay.ok());
  EXPECT_EQ(replay.status().message(), "step 1: ClientRequest(s1) is not enabled");
  t.actions[0] = {{"kind", "BecomeLeader"}, {"node", 1}, {"quorum", {1, 9}}};
  replay = test_traces::ReplayTyped<AbstractSpec>(t);
  EXPECT_FALSE(replay.ok());
  EXPECT_EQ(replay.status().message(), "step 1: field \"quorum\" must hold servers from 1 to 3");
}

}  // namespace
}  // namespace raftcheck
