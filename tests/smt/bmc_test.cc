// Bounded model checking against breadth-first search: the same depth and lemma for each
// seeded deviation, and BMC's counterexample, written as a trace file, replays in the
// explicit model to the same violation.
#include "checker/smt/bmc.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "checker/abstract/abstract_system.h"
#include "tests/common/typed_traces.h"
#include "traces/trace.h"
#include "tests/smt/abstract_search.h"

namespace raftcheck {
namespace {

using AbstractReplay = registry::TypedReplay<AbstractSpec>;

namespace ab = model::abstract;
using testing::Config;

smt::BmcResult Bmc(const ab::AbstractConfig& c, int depth) {
  smt::BmcOptions o;
  o.max_depth = depth;
  return smt::RunBmc(c, o).value();
}

TEST(Bmc, CorrectModel_NoViolationToDepth5) {
  const smt::BmcResult r = Bmc(Config(3, 3, 3), 5);
  EXPECT_EQ(r.outcome, smt::BmcResult::Outcome::kNoViolation);
  EXPECT_EQ(r.depth, 5);
}

TEST(Bmc, SeededDeviations_SameDepthAndLemmaAsBfs) {
  for (ab::AbstractBug bug : {ab::AbstractBug::kDoubleVote, ab::AbstractBug::kCommitOldTerm}) {
    const ab::AbstractConfig c = Config(3, 3, 3, {bug});
    const auto bfs = testing::ExploreAbstract(c);
    ASSERT_TRUE(bfs.counterexample) << ab::AbstractBugName(bug);
    // K = 8 is past both BFS depths (2 and 6): BMC must still stop at the first one.
    const smt::BmcResult r = Bmc(c, 8);
    ASSERT_EQ(r.outcome, smt::BmcResult::Outcome::kViolation) << ab::AbstractBugName(bug);
    EXPECT_EQ(static_cast<std::size_t>(r.depth), bfs.counterexample->actions.size());
    EXPECT_EQ(r.actions.size(), static_cast<std::size_t>(r.depth));
    EXPECT_EQ(ab::LemmaName(r.lemma), bfs.counterexample->property);
  }
}

TEST(Bmc, Counterexample_WrittenAsTraceReplaysToSameLemma) {
  const ab::AbstractConfig c = Config(3, 3, 3, {ab::AbstractBug::kCommitOldTerm});
  const smt::BmcResult r = Bmc(c, 6);
  ASSERT_EQ(r.outcome, smt::BmcResult::Outcome::kViolation);
  const ab::AbstractRaft m(c);
  const std::string lemma(ab::LemmaName(r.lemma));
  const std::string path =
      (std::filesystem::temp_directory_path() / "raftcheck-bmc-test.trace.json").string();
  const base::Status written = traces::WriteTraceFile(
      path, test_traces::MakeTrace<AbstractSpec>(m, r.actions,
                                                 traces::Verdict{lemma, r.actions.size(), ""}));
  ASSERT_TRUE(written.ok()) << written.message();
  base::Result<traces::Trace> t = traces::ReadTraceFile(path);
  ASSERT_TRUE(t.ok()) << t.status().message();
  std::filesystem::remove(path);
  base::Result<AbstractReplay> replay = test_traces::ReplayTyped<AbstractSpec>(*t);
  ASSERT_TRUE(replay.ok()) << replay.status().message();
  ASSERT_TRUE(replay->violation);
  EXPECT_EQ(replay->violation->property, lemma);
  EXPECT_EQ(replay->violation->step, r.actions.size());
  EXPECT_EQ(replay->states, r.states);  // Z3's states are the explicit model's, step by step
}

}  // namespace
}  // namespace raftcheck
