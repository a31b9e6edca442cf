// The raft.tla model explored by the engine: the TLC cross-check, the properties on the model
// (the spec conformance checks must never fire there), the model's seeded bugs, traces, and
// `raftcheck --system model` as other tools see it.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "checker/engine/bfs.h"
#include "checker/model/model_system.h"
#include "checker/model/model_properties.h"
#include "model/raft_model.h"
#include "tests/common/cli_runner.h"
#include "tests/common/typed_traces.h"

namespace raftcheck {
namespace {

using clitest::CliRun;
using clitest::LastJsonLine;
using clitest::LastLine;
using clitest::Raftcheck;

engine::SearchResult<model::Action> Explore(const model::ModelConfig& c, int threads = 2) {
  const model::RaftModel m(c);
  const ModelProperties props(m);
  engine::SearchOptions o;
  o.threads = threads;
  o.initial_set_capacity = std::size_t{1} << 22;
  return engine::Bfs(m, props, o);
}

// TLC 2.20 on raft.tla with Server = {s1, s2, s3}, Value = {v1}, MaxTerm 2, MaxLog 1,
// MaxMsgs 1 (the reference run): 1,931,973 distinct states, 22,844,275 states
// generated (the initial state and every successor computed), depth 53 (the initial state is
// depth 1). Every property the model promises holds on the way.
TEST(ModelSearch, ReferenceBounds_MatchTlcExactly) {
  const auto r = Explore(model::ModelConfig{});
  EXPECT_EQ(r.outcome, engine::Outcome::kOk)
      << (r.counterexample ? r.counterexample->property + ": " + r.counterexample->message : "");
  EXPECT_EQ(r.stats.distinct_states, 1931973u);
  EXPECT_EQ(r.stats.transitions + 1, 22844275u);  // TLC also counts the initial state
  EXPECT_EQ(r.stats.depth, 53u);
}

// Two servers and looser bounds: a different shape of the state space, still clean.
TEST(ModelSearch, TwoServersDeeperTerms_NoPropertyFires) {
  model::ModelConfig c;
  c.servers = 2;
  c.max_term = 3;
  c.max_log = 2;
  c.max_msgs = 1;
  const auto r = Explore(c);
  EXPECT_EQ(r.outcome, engine::Outcome::kOk)
      << (r.counterexample ? r.counterexample->property + ": " + r.counterexample->message : "");
  EXPECT_GT(r.stats.distinct_states, 10000u);
}

// A leader of term 3 that commits the term-2 entry it inherited (the Figure 8 mistake):
// 2 servers, MaxTerm 3, MaxLog 1, MaxMsgs 1 is the smallest space where it shows.
TEST(ModelSearch, SeededCommitPriorTerm_FoundBySpecCommit) {
  model::ModelConfig c;
  c.servers = 2;
  c.max_term = 3;
  c.Add(model::ModelBug::kCommitPriorTerm);
  const auto r = Explore(c);
  ASSERT_EQ(r.outcome, engine::Outcome::kViolation);
  EXPECT_EQ(r.counterexample->property, "spec-commit");
  EXPECT_NE(r.counterexample->message.find("to an entry of term 2"), std::string::npos)
      << r.counterexample->message;
}

TEST(ModelSearch, SeededVoteTwice_FoundBySpecVote) {
  model::ModelConfig c;
  c.Add(model::ModelBug::kVoteTwice);
  const auto r = Explore(c);
  ASSERT_EQ(r.outcome, engine::Outcome::kViolation);
  EXPECT_EQ(r.counterexample->property, "spec-vote");
}

TEST(ModelJson, Trace_NamesMessagesByContentAndReadsBack) {
  model::ModelConfig c;
  c.Add(model::ModelBug::kVoteTwice);
  const model::RaftModel m(c);
  const auto r = Explore(c, 1);
  ASSERT_TRUE(r.counterexample);
  const traces::Trace t = test_traces::MakeTrace<ModelSpec>(m, r.counterexample->actions);
  EXPECT_EQ(t.system, "model");
  base::Result<model::ModelConfig> back = registry::ConfigFromJson<ModelSpec>(t.config);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->bugs, c.bugs);
  // Every action reads back, in its state, as the action taken.
  std::vector<model::State> init;
  m.InitialStates(init);
  model::State s = init.front();
  bool saw_message = false;
  for (std::size_t k = 0; k < t.actions.size(); ++k) {
    base::Result<model::Action> a = ModelSpec::ActionFromJson(m, s, t.actions[k], {});
    ASSERT_TRUE(a.ok()) << k << ": " << a.status().message();
    EXPECT_EQ(*a, r.counterexample->actions[k]);
    saw_message |= t.actions[k].contains("msg");
    m.Apply(s, *a);
  }
  EXPECT_TRUE(saw_message);
  base::Result<model::Action> a =
      ModelSpec::ActionFromJson(m, init.front(), {{"kind", "BecomeLeader"}, {"node", 1}}, {});
  EXPECT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("not enabled"), std::string::npos) << a.status().message();
}

TEST(ModelCli, ImplOnlyFlagsAndImplBugs_OneLineErrorExit2) {
  for (const char* args :
       {"explore --system model --max-crashes 1", "explore --system model --no-drop",
        "explore --system model --ready-action", "explore --system model --no-prevote",
        "explore --system model --bug commit-prior-term", "explore --system model --bug nope",
        "explore --system model --max-log 9", "simulate --system model --swarm",
        "simulate --system=model --liveness", "explore --system model --bounds-of ack-on-reject"}) {
    const CliRun r = Raftcheck(args, /*with_stderr=*/true);
    EXPECT_EQ(r.code, 2) << args << ": " << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << args << ": " << r.out;
  }
}

TEST(ModelCli, Explore_SeededBugExits1WithAModelTrace) {
  const std::string dir = testing::TempDir() + "model_cli";
  const CliRun r = Raftcheck("explore --system model --bug tla-vote-twice --json --out " + dir);
  EXPECT_EQ(r.code, 1) << r.out;
  const nlohmann::json j = LastJsonLine(r.out);
  EXPECT_EQ(j["result"], "violation");
  EXPECT_EQ(j["violation"]["property"], "spec-vote");
  EXPECT_EQ(j["violation"]["minimized_length"], j["violation"]["length"]);
  base::Result<traces::Trace> t =
      traces::ReadTraceFile(j["violation"]["trace"].get<std::string>());
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->system, "model");
  EXPECT_EQ(t->verdict->property, "spec-vote");
}

TEST(ModelCli, Simulate_CleanModelRunsClean) {
  const CliRun r = Raftcheck("simulate --system model --runs 200 --steps 100 --seed 7 --json");
  EXPECT_EQ(r.code, 0) << r.out;
  const nlohmann::json j = LastJsonLine(r.out);
  EXPECT_EQ(j["result"], "ok");
  EXPECT_EQ(j["runs"], 200);
}

TEST(ModelCli, Bugs_ListsTheModelBugs) {
  const CliRun r = Raftcheck("bugs");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("\ntla-commit-prior-term "), std::string::npos) << r.out;
}

}  // namespace
}  // namespace raftcheck
