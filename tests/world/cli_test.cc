// The raftcheck command line as other tools see it: exit codes, one-line errors, the JSON
// result line (the CLI contract).
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/common/cli_runner.h"

namespace {

using clitest::CliRun;
using clitest::LastJsonLine;
using clitest::LastLine;
using clitest::Raftcheck;

TEST(Cli, BadInput_IsOneLineAndExitCode2) {
  for (const char* args :
       {"explore --frob", "explore --max-term 0", "explore --nodes six",
        "explore --bug no-such-bug", "explore --system tla", "simulate --runs", "frobnicate",
        "bugs --all", "explore --bounds-of no-such-bug", "minimize", "minimize /no/such.trace.json",
        "minimize a.json b.json", "minimize x.json --frob",
        // Time: the clock's options need the clock, and leases need CheckQuorum and room.
        "simulate --time", "explore --check-quorum", "explore --lease-reads --ticks",
        "explore --ticks --check-quorum --lease-reads --election-tick 2",
        "explore --ticks --election-tick 2 --heartbeat-tick 2",
        "simulate --system model --time", "explore --transfer --drift 256",
        // Progress from every state, and the link cut for the whole run.
        "explore --progress-ticks 10", "explore --system model --liveness",
        "explore --cut-link 11", "explore --cut-link 14", "explore --cut-link 56",
        "explore --cut-link 1x", "explore --liveness --hold-ticks 4",
        "simulate --ticks --time --liveness --hold-ticks 4"}) {
    const CliRun r = Raftcheck(args, /*with_stderr=*/true);
    EXPECT_EQ(r.code, 2) << args << ": " << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << args << ": " << r.out;
  }
}

TEST(Cli, Bugs_ListsEveryBugNameFirst) {
  const CliRun r = Raftcheck("bugs");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("commit-prior-term ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\nvote-not-persisted "), std::string::npos);
}

TEST(Cli, Explore_ViolationExits1WithJsonAndATraceFile) {
  const std::string dir = testing::TempDir() + "cli_explore";
  const CliRun r = Raftcheck("explore --bug prevote-counted-as-vote --json --out " + dir);
  ASSERT_EQ(r.code, 1) << r.out;
  const auto j = nlohmann::json::parse(LastLine(r.out));
  EXPECT_EQ(j["result"], "violation");
  EXPECT_EQ(j["violation"]["property"], "spec-role");  // a pre-candidate became leader
  EXPECT_GT(j["states"].get<long>(), 0);
  FILE* f = std::fopen(j["violation"]["trace"].get<std::string>().c_str(), "r");
  EXPECT_NE(f, nullptr);
  if (f) std::fclose(f);
}

TEST(Cli, Explore_BoundsOfABugSetsBoundsButNotTheBug) {
  const std::string out = " --json --out " + testing::TempDir();
  // The Figure 8 scenario: no client values, terms up to 4, no duplicates; the bug stays off.
  const CliRun clean = Raftcheck("explore --bounds-of commit-prior-term --max-states 1000" + out);
  EXPECT_EQ(clean.code, 3) << clean.out;
  EXPECT_NE(clean.out.find("\"bugs\":[]"), std::string::npos) << clean.out;
  EXPECT_NE(clean.out.find("\"max_term\":4"), std::string::npos) << clean.out;
  EXPECT_NE(clean.out.find("\"values\":0"), std::string::npos) << clean.out;
  EXPECT_NE(clean.out.find("\"duplicate\":false"), std::string::npos) << clean.out;
  const CliRun buggy =
      Raftcheck("explore --bounds-of prevote-counted-as-vote --bug prevote-counted-as-vote" + out);
  EXPECT_EQ(buggy.code, 1) << buggy.out;
}

TEST(Cli, Replay_ReproducesAnExploredViolationAndRefusesADamagedFile) {
  const std::string dir = testing::TempDir() + "cli_replay";
  const CliRun found = Raftcheck("explore --bug vote-without-log-check --json --out " + dir);
  ASSERT_EQ(found.code, 1) << found.out;
  const std::string trace =
      nlohmann::json::parse(LastLine(found.out))["violation"]["trace"].get<std::string>();
  const CliRun replay = Raftcheck("replay " + trace);
  EXPECT_EQ(replay.code, 1) << replay.out;
  EXPECT_NE(replay.out.find("violation of spec-vote"), std::string::npos) << replay.out;
  const std::string damaged = dir + "/damaged.json";
  FILE* f = std::fopen(damaged.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("{\"format\": \"raftcheck-trace\", \"version\": 9}", f);
  std::fclose(f);
  const CliRun bad = Raftcheck("replay " + damaged, /*with_stderr=*/true);
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("unsupported version"), std::string::npos) << bad.out;
}

// explore --liveness: the stall exits 1 with a liveness trace, and replay confirms it.
TEST(Cli, ExploreLiveness_StallExits1AndItsTraceReplays) {
  const std::string dir = testing::TempDir() + "cli_liveness";
  const CliRun found = Raftcheck(
      "explore --liveness --bounds-of prevote-low-term-dropped --bug prevote-low-term-dropped "
      "--json --out " + dir);
  ASSERT_EQ(found.code, 1) << found.out;
  const auto j = nlohmann::json::parse(LastLine(found.out));
  EXPECT_EQ(j["violation"]["property"], "progress");
  const CliRun replay = Raftcheck("replay " + j["violation"]["trace"].get<std::string>());
  EXPECT_EQ(replay.code, 1) << replay.out;
  EXPECT_NE(replay.out.find("progress"), std::string::npos) << replay.out;
}

TEST(Cli, Explore_StateLimitExits3WithPartialFigures) {
  const CliRun r = Raftcheck("explore --max-states 1000 --json --out " + testing::TempDir());
  ASSERT_EQ(r.code, 3) << r.out;
  const auto j = nlohmann::json::parse(LastLine(r.out));
  EXPECT_EQ(j["result"], "incomplete");
  EXPECT_LE(j["states"].get<long>(), 1000);
}

TEST(Cli, Simulate_SameSeedSameResult) {
  const std::string args =
      "simulate --swarm --runs 200 --seed 7 --json --out " + testing::TempDir();
  const CliRun a = Raftcheck(args);
  const CliRun b = Raftcheck(args);
  ASSERT_EQ(a.code, 0) << a.out;
  auto ja = nlohmann::json::parse(LastLine(a.out));
  auto jb = nlohmann::json::parse(LastLine(b.out));
  EXPECT_EQ(ja["states"], jb["states"]);
  EXPECT_EQ(ja["out_of_bounds"], jb["out_of_bounds"]);
}

TEST(Cli, Minimize_WritesTheMinimizedTraceNextToTheInputAndExplainsTheStages) {
  const std::string dir = testing::TempDir() + "cli_minimize";
  const CliRun found =
      Raftcheck("simulate --swarm --bug prevote-counted-as-vote --json --out " + dir);
  ASSERT_EQ(found.code, 1) << found.out;
  const auto j = nlohmann::json::parse(LastLine(found.out));
  const std::string trace = j["violation"]["trace"];
  ASSERT_TRUE(j["violation"].contains("minimized_trace")) << found.out;
  EXPECT_LE(j["violation"]["minimized_length"].get<int>(), j["violation"]["length"].get<int>());

  const CliRun r = Raftcheck("minimize " + trace);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("ddmin"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("minimized: " + std::to_string(j["violation"]["length"].get<int>()) +
                       " -> " + std::to_string(j["violation"]["minimized_length"].get<int>())),
            std::string::npos)
      << r.out;
  const CliRun replay = Raftcheck("replay " + j["violation"]["minimized_trace"].get<std::string>());
  EXPECT_EQ(replay.code, 1) << replay.out;
}

}  // namespace
