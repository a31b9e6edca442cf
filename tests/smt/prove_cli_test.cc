// `raftcheck explore|prove --system abstract` as other tools see them: exit codes, the JSON
// line, the trace file, and one-line errors (exit 2) for bad input.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "checker/abstract/abstract_system.h"
#include "tests/common/typed_traces.h"
#include "traces/trace.h"
#include "tests/common/cli_runner.h"

namespace raftcheck {
namespace {

using AbstractReplay = registry::TypedReplay<AbstractSpec>;

using clitest::CliRun;
using clitest::LastJsonLine;
using clitest::LastLine;
using clitest::Raftcheck;

std::string OutDir(const char* name) {
  return (std::filesystem::temp_directory_path() / name).string();
}

TEST(AbstractCli, ExploreDefault_CleanWithStateCount) {
  const CliRun r = Raftcheck("explore --system abstract --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = LastJsonLine(r.out);
  EXPECT_EQ(j["result"], "ok");
  EXPECT_EQ(j["states"], 53881);  // abstract_model_test.cc pins the same count
}

TEST(AbstractCli, ProveBmcDeviation_Exit1AndTraceReplays) {
  const std::string out = OutDir("raftcheck-prove-cli");
  std::filesystem::remove_all(out);
  const CliRun r =
      Raftcheck("prove --system abstract --bmc 4 --bug abstract-double-vote --json --out " + out);
  ASSERT_EQ(r.code, 1) << r.out;
  const auto j = LastJsonLine(r.out);
  EXPECT_EQ(j["result"], "violation");
  EXPECT_EQ(j["depth"], 2);
  EXPECT_EQ(j["violation"]["property"], "OnePrimaryPerTerm");
  base::Result<traces::Trace> t =
      traces::ReadTraceFile(j["violation"]["trace"].get<std::string>());
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->system, "abstract");
  base::Result<AbstractReplay> replay = test_traces::ReplayTyped<AbstractSpec>(*t);
  ASSERT_TRUE(replay.ok()) << replay.status().message();
  ASSERT_TRUE(replay->violation);
  EXPECT_EQ(replay->violation->property, "OnePrimaryPerTerm");
  std::filesystem::remove_all(out);
}

TEST(AbstractCli, ProveCleanModel_Exit0) {
  EXPECT_EQ(Raftcheck("prove --system abstract --bmc 3").code, 0);
  EXPECT_EQ(Raftcheck("prove --induction --nodes 3 --max-term 2 --max-log 2").code, 0);
}

TEST(AbstractCli, ProveInductionDeviation_Exit1NamesLemmaAndAction) {
  const CliRun r =
      Raftcheck("prove --system abstract --induction --bug abstract-double-vote --json");
  ASSERT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("OnePrimaryPerTerm broken by BecomeLeader"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("before (every lemma holds)"), std::string::npos) << r.out;
  EXPECT_EQ(LastJsonLine(r.out)["result"], "violation");
}

TEST(AbstractCli, BadInput_OneLineErrorExit2) {
  for (const char* args : {
           "prove --system abstract",                      // neither mode
           "prove --system abstract --bmc 3 --induction",  // both
           "prove --system model --bmc 3",                 // only the abstract model
           "prove --bmc 3 --nodes 9",                      // out of range
           "prove --bmc -1",                               // not a depth
           "prove --bmc 3 --bug tla-vote-twice",           // another system's bug
           "prove --bmc 3 --max-crashes 1",                // a cluster-world flag
           "explore --system abstract --max-log 0",        // out of range
           "explore --system abstract --no-drop",          // a cluster-world flag
       }) {
    const CliRun r = Raftcheck(args, /*with_stderr=*/true);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << args << "\n" << r.out;
  }
}

}  // namespace
}  // namespace raftcheck
