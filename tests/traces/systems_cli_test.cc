// One pipeline for every system, as a user meets it on the command line: traces of raft.tla and
// of AbstractRaft (a BMC counterexample) replay, minimize and render like the library's; a
// liveness trace replays and renders but is kept as found; every system's catalog is listed;
// help, foreign flags, impossible bounds and goals behave the same for every system.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <set>
#include <string>

#include "tests/common/cli_runner.h"

namespace {

using clitest::CliRun;
using clitest::LastJsonLine;
using clitest::LastLine;
using clitest::Raftcheck;
using nlohmann::json;

std::string Corpus(const std::string& name) {
  return std::string(RAFTCHECK_CORPUS_DIR) + "/" + name + ".trace.json";
}

// A directory of this test's own (ctest runs tests in parallel).
std::string Dir(const std::string& what) {
  const std::string dir = testing::TempDir() + "systems_cli_" + what;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void Spit(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::size_t Lines(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }

TEST(SystemsCli, Replay_ModelTraceReproducesItsRecordedVerdict) {
  const json trace = json::parse(Slurp(Corpus("tla-vote-twice")));
  ASSERT_EQ(trace["system"], "model");
  const CliRun r = Raftcheck("replay " + Corpus("tla-vote-twice"));
  EXPECT_EQ(r.code, 1) << r.out;
  const std::string verdict = "violation of " + trace["verdict"]["property"].get<std::string>() +
                              " after step " + std::to_string(trace["verdict"]["step"].get<int>());
  EXPECT_EQ(LastLine(r.out).rfind(verdict, 0), 0u) << r.out;
}

TEST(SystemsCli, AbstractBmcTrace_ReplaysMinimizesAndRenders) {
  const std::string dir = Dir("bmc");
  const CliRun prove =
      Raftcheck("prove --system abstract --bmc 8 --bug abstract-commit-old-term --json --out " + dir);
  ASSERT_EQ(prove.code, 1) << prove.out;
  const json j = LastJsonLine(prove.out);
  const std::string trace = j["violation"]["trace"];
  EXPECT_EQ(json::parse(Slurp(trace))["system"], "abstract");
  const CliRun replay = Raftcheck("replay " + trace);
  EXPECT_EQ(replay.code, 1) << replay.out;
  EXPECT_NE(replay.out.find("violation of LeaderCompleteness after step 6"), std::string::npos)
      << replay.out;
  // BMC's path is a shortest one: the minimizer keeps its length and says so.
  const CliRun minimize = Raftcheck("minimize " + trace + " --out " + dir + "/min.trace.json");
  EXPECT_EQ(minimize.code, 0) << minimize.out;
  EXPECT_NE(minimize.out.find("minimized: 6 -> 6 steps"), std::string::npos) << minimize.out;
  EXPECT_NE(minimize.out.find("already minimal"), std::string::npos) << minimize.out;
  const CliRun mermaid = Raftcheck("replay " + trace + " --format mermaid");
  EXPECT_EQ(mermaid.code, 1);
  EXPECT_EQ(mermaid.out.rfind("sequenceDiagram\n", 0), 0u) << mermaid.out;
  EXPECT_NE(mermaid.out.find("violation of LeaderCompleteness"), std::string::npos);
  const CliRun html = Raftcheck("replay " + trace + " --format html --out " + dir + "/v.html");
  EXPECT_EQ(html.code, 1) << html.out;
  EXPECT_EQ(Slurp(dir + "/v.html").rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(SystemsCli, ModelSimulationTrace_MinimizesShorter) {
  const std::string dir = Dir("model_sim");
  const CliRun sim =
      Raftcheck("simulate --system model --bug tla-vote-twice --runs 2000 --json --out " + dir);
  ASSERT_EQ(sim.code, 1) << sim.out;
  const json j = LastJsonLine(sim.out);
  const int length = j["violation"]["length"];
  const int minimized = j["violation"]["minimized_length"];
  EXPECT_LT(minimized, length) << "a random walk is rarely shortest";
  const CliRun again = Raftcheck("minimize " + j["violation"]["trace"].get<std::string>());
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_NE(again.out.find("minimized: " + std::to_string(length) + " -> " +
                           std::to_string(minimized)),
            std::string::npos)
      << again.out;
  const CliRun replay = Raftcheck("replay " + j["violation"]["minimized_trace"].get<std::string>() +
                                  " --format mermaid");
  EXPECT_EQ(replay.code, 1);
  EXPECT_NE(replay.out.find("violation of spec-vote"), std::string::npos) << replay.out;
}

TEST(SystemsCli, LivenessTrace_ReplaysAndRendersButIsKeptAsFound) {
  const std::string dir = Dir("liveness");
  const CliRun sim = Raftcheck(
      "simulate --swarm --liveness --bug commit-scan-break --runs 200 --json --out " + dir);
  ASSERT_EQ(sim.code, 1) << sim.out;
  const json j = LastJsonLine(sim.out);
  EXPECT_EQ(j["violation"]["property"], "progress");
  EXPECT_EQ(j["violation"]["kind"], "liveness");
  EXPECT_FALSE(j["violation"].contains("minimized_trace"));
  const std::string trace = j["violation"]["trace"];
  EXPECT_EQ(json::parse(Slurp(trace))["verdict"]["kind"], "liveness");
  const CliRun replay = Raftcheck("replay " + trace);
  EXPECT_EQ(replay.code, 1) << replay.out;
  EXPECT_EQ(LastLine(replay.out).rfind("liveness violation of progress after step", 0), 0u)
      << LastLine(replay.out);
  const CliRun minimize = Raftcheck("minimize " + trace, /*with_stderr=*/true);
  EXPECT_EQ(minimize.code, 2) << minimize.out;
  EXPECT_EQ(Lines(minimize.out), 1u) << minimize.out;
  EXPECT_NE(minimize.out.find("liveness trace is kept as found"), std::string::npos);
}

TEST(SystemsCli, Bugs_ListsEverySystemsCatalog) {
  const CliRun text = Raftcheck("bugs");
  EXPECT_EQ(text.code, 0);
  for (const char* row : {"\ncommit-prior-term ", "\ntla-vote-twice ", "\nabstract-double-vote "}) {
    EXPECT_NE(("\n" + text.out).find(row), std::string::npos) << row << "\n" << text.out;
  }
  const CliRun j = Raftcheck("bugs --json");
  ASSERT_EQ(j.code, 0);
  std::set<std::string> systems;
  for (const json& bug : json::parse(LastLine(j.out))) {
    systems.insert(bug["system"].get<std::string>());
    EXPECT_TRUE(bug["bounds"].is_object()) << bug.dump();
  }
  EXPECT_EQ(systems, (std::set<std::string>{"impl", "model", "abstract"}));
}

TEST(SystemsCli, BoundsOf_WorksForEverySystem) {
  for (const char* args : {"explore --system model --bounds-of tla-vote-twice --bug tla-vote-twice",
                           "explore --system abstract --bounds-of abstract-double-vote "
                           "--bug abstract-double-vote"}) {
    const CliRun r = Raftcheck(std::string(args) + " --json --out " + Dir("bounds_of"));
    EXPECT_EQ(r.code, 1) << args << ": " << r.out;
  }
}

TEST(SystemsCli, Help_ListsEveryOptionOfTheChosenSystemWithDefaultAndRange) {
  const CliRun impl = Raftcheck("explore --help");
  EXPECT_EQ(impl.code, 0);
  EXPECT_NE(impl.out.find("--max-term N"), std::string::npos) << impl.out;
  EXPECT_NE(impl.out.find("[default 2; 1..250]"), std::string::npos) << impl.out;
  EXPECT_NE(impl.out.find("--max-crashes"), std::string::npos);
  const CliRun model = Raftcheck("explore --system model --help");
  EXPECT_EQ(model.code, 0);
  EXPECT_NE(model.out.find("--max-msgs N"), std::string::npos) << model.out;
  EXPECT_NE(model.out.find("[default 1; 0..7]"), std::string::npos) << model.out;
  EXPECT_EQ(model.out.find("--max-crashes"), std::string::npos) << model.out;
  const CliRun top = Raftcheck("--help");
  EXPECT_EQ(top.code, 0);
  for (const char* command : {"explore", "simulate", "replay", "minimize", "prove", "bugs"}) {
    EXPECT_NE(top.out.find(command), std::string::npos) << command;
  }
}

TEST(SystemsCli, FlagsOfAnotherSystem_AreOneLineErrorsNamingTheSystem) {
  for (const auto& [args, system] :
       {std::pair{"explore --system abstract --values 2", "abstract"},
        std::pair{"explore --system model --no-drop", "model"},
        std::pair{"simulate --system abstract --swarm", "abstract"},
        std::pair{"prove --system impl --bmc 2", "impl"}}) {
    const CliRun r = Raftcheck(args, /*with_stderr=*/true);
    EXPECT_EQ(r.code, 2) << args << ": " << r.out;
    EXPECT_EQ(Lines(r.out), 1u) << args << ": " << r.out;
    EXPECT_NE(r.out.find(system), std::string::npos) << args << ": " << r.out;
  }
}

TEST(SystemsCli, ImpossibleBounds_AreRefusedNamingTheBound) {
  const CliRun r = Raftcheck("explore --nodes 4", /*with_stderr=*/true);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(Lines(r.out), 1u) << r.out;
  EXPECT_NE(r.out.find("impossible bounds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--max-msgs 2"), std::string::npos) << r.out;
  // Room for the first round of pre-votes makes the same cluster explorable.
  EXPECT_EQ(Raftcheck("explore --nodes 4 --max-msgs 3 --max-states 2000").code, 3);
}

TEST(SystemsCli, Goals_ReportedAndANoGoalSearchSaysSoInItsLastLine) {
  const CliRun found = Raftcheck("explore --max-states 20000 --json --out " + Dir("goals"));
  ASSERT_EQ(found.code, 3) << found.out;
  const json goals = LastJsonLine(found.out)["goals"];
  EXPECT_NE(std::find(goals["reached"].begin(), goals["reached"].end(), "leader elected"),
            goals["reached"].end())
      << goals.dump();
  // Without drops, two messages in flight never leave room for a candidate's vote requests
  // (its pre-vote answers are still in flight): nobody is elected, nothing committed.
  const CliRun none = Raftcheck("explore --values 0 --no-drop --no-dup --out " + Dir("no_goals"));
  EXPECT_EQ(none.code, 0) << none.out;
  EXPECT_EQ(LastLine(none.out).rfind("warning: no goal was reached", 0), 0u) << none.out;
}

// A deliver action's "node" must be its message's destination: a contradiction is an input
// error, not an action of some other node.
TEST(SystemsCli, TraceActionContradictingItsMessage_IsAnInputError) {
  const std::string dir = Dir("contradiction");
  json trace = json::parse(Slurp(Corpus("prevote-counted-as-vote")));
  std::size_t deliver = 0;
  while (trace["actions"][deliver]["kind"] != "deliver") ++deliver;
  const int to = trace["actions"][deliver]["msg"]["to"];
  for (int node : {99, to == 1 ? 2 : 1}) {
    json bad = trace;
    bad["actions"][deliver]["node"] = node;
    Spit(dir + "/bad.trace.json", bad.dump());
    const CliRun r = Raftcheck("replay " + dir + "/bad.trace.json", /*with_stderr=*/true);
    EXPECT_EQ(r.code, 2) << node << ": " << r.out;
    EXPECT_EQ(Lines(r.out), 1u) << r.out;
    EXPECT_NE(r.out.find("step " + std::to_string(deliver + 1)), std::string::npos) << r.out;
  }
  trace["actions"][deliver]["node"] = to;  // the destination itself: fine
  Spit(dir + "/ok.trace.json", trace.dump());
  EXPECT_EQ(Raftcheck("replay " + dir + "/ok.trace.json").code, 1);
}

TEST(SystemsCli, Rewrite_RegeneratesTheNarrationAChangeBroke) {
  const std::string dir = Dir("rewrite");
  const std::string path = dir + "/prevote-rejoin.trace.json";
  const std::string original = Slurp(std::string(RAFTCHECK_SCENARIO_DIR) + "/prevote-rejoin.trace.json");
  json j = json::parse(original);
  ASSERT_TRUE(j.contains("narration"));
  j["narration"][0] = "  1. something else";
  Spit(path, j.dump());
  const CliRun stale = Raftcheck("replay " + path);
  EXPECT_EQ(stale.code, 1) << stale.out;
  EXPECT_NE(LastLine(stale.out).find("narration differs from the expected one after step 1"),
            std::string::npos)
      << LastLine(stale.out);
  EXPECT_EQ(Raftcheck("replay " + path + " --rewrite").code, 0);
  EXPECT_EQ(json::parse(Slurp(path))["narration"], json::parse(original)["narration"]);
  EXPECT_EQ(Raftcheck("replay " + path).code, 0);
}

}  // namespace
