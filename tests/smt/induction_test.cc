// The induction check: the lemma set is inductive for 3 servers at small bounds, and each
// seeded deviation breaks it with a named lemma and action. Every counterexample to induction
// is confirmed in the explicit model: the state before satisfies every lemma, the action is
// enabled there, its explicit successor is the state after, and that breaks the named lemma.
#include "checker/smt/induction.h"

#include <gtest/gtest.h>

#include "model/abstract/abstract_lemmas.h"
#include "tests/smt/abstract_search.h"

namespace raftcheck {
namespace {

namespace ab = model::abstract;
using testing::Config;

void ExpectConfirmedExplicitly(const ab::AbstractConfig& c, const smt::InductionFailure& f) {
  const ab::AbstractRaft m(c);
  ASSERT_TRUE(f.action.has_value()) << "initiation cannot fail: Init is fixed";
  EXPECT_FALSE(ab::FirstFailingLemma(c.servers, f.before)) << m.DescribeState(f.before);
  EXPECT_TRUE(m.InBounds(f.before));
  std::vector<ab::Action> enabled;
  m.Actions(f.before, enabled);
  EXPECT_NE(std::find(enabled.begin(), enabled.end(), f.step), enabled.end()) << m.Describe(f.step);
  EXPECT_EQ(f.step.kind, *f.action);
  ab::State after = f.before;
  m.Apply(after, f.step);
  EXPECT_EQ(after, f.after);
  EXPECT_TRUE(ab::CheckLemma(f.lemma, c.servers, f.after).has_value()) << ab::LemmaName(f.lemma);
}

TEST(Induction, LemmaSet_InductiveForThreeServers) {
  for (const ab::AbstractConfig& c : {Config(3, 2, 2), Config(3, 3, 3)}) {
    const smt::InductionResult r = smt::CheckInduction(c, {}).value();
    EXPECT_EQ(r.outcome, smt::InductionResult::Outcome::kProved)
        << (r.failures.empty() ? r.reason : std::string(ab::LemmaName(r.failures[0].lemma)));
    // Initiation and consecution: one query per lemma, and per lemma and action kind.
    EXPECT_EQ(r.queries, ab::kLemmaCount * (1 + ab::kActionKindCount));
  }
}

struct Deviation {
  ab::AbstractBug bug;
  ab::Lemma lemma;  // breaks induction (among possibly others)
  ab::ActionKind action;
};
// Double vote: a second primary in a term. Old-term commit: the committed entry is missing
// from a log holding a later term (and from the primary of that later term).
constexpr Deviation kDeviations[] = {
    {ab::AbstractBug::kDoubleVote, ab::Lemma::kOnePrimaryPerTerm, ab::ActionKind::kBecomeLeader},
    {ab::AbstractBug::kCommitOldTerm, ab::Lemma::kLeaderCompleteness, ab::ActionKind::kCommitEntry},
};

TEST(Induction, SeededDeviations_BreakNamedLemmaByNamedAction) {
  for (const Deviation& d : kDeviations) {
    const ab::AbstractConfig c = Config(3, 3, 3, {d.bug});
    const smt::InductionResult r = smt::CheckInduction(c, {}).value();
    ASSERT_EQ(r.outcome, smt::InductionResult::Outcome::kFailed) << ab::AbstractBugName(d.bug);
    bool named = false;
    for (const smt::InductionFailure& f : r.failures) {
      named = named || (f.lemma == d.lemma && f.action == d.action);
      EXPECT_EQ(f.action, d.action) << "only the deviating action breaks a lemma";
      ExpectConfirmedExplicitly(c, f);
    }
    EXPECT_TRUE(named) << ab::AbstractBugName(d.bug) << " should break " << ab::LemmaName(d.lemma);
  }
}

}  // namespace
}  // namespace raftcheck
