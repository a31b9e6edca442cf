// The minimizer (traces/minimize.h): its stages on a toy system whose verdict is known, and on
// the cluster world, where a padded counterexample must shrink back and keep its property.
#include <gtest/gtest.h>

#include <algorithm>

#include "checker/engine/simulate.h"
#include "checker/world/cluster_world.h"
#include "checker/world/swarm.h"
#include "checker/world/world_properties.h"
#include "traces/minimize.h"
#include "tests/common/world_traces.h"

namespace traces {
namespace {

using raftcheck::test_traces::MakeWorldTrace;

using nlohmann::json;

// Toy: actions are {"node": n, "x": k}. The "property" breaks as soon as x=3 and later x=7
// have both happened; actions with x=0 are never enabled (the replay skips them).
Minimizable Toy(int* replays) {
  Minimizable m;
  m.breaks = [replays](const std::string&, Trace* t) {
    ++*replays;
    std::vector<json> applied;
    bool seen3 = false;
    for (const json& a : t->actions) {
      if (a["x"] == 0) continue;
      applied.push_back(a);
      seen3 = seen3 || a["x"] == 3;
      if (seen3 && a["x"] == 7) {
        t->actions = applied;
        t->verdict = Verdict{"toy", applied.size(), "3 then 7"};
        return true;
      }
    }
    return false;
  };
  m.actor = [](const json& a) { return a["node"].get<int>(); };
  m.fault = [](const json& a) { return a["x"] == 5 ? std::string("five") : std::string(); };
  m.tighten = [](const Trace& t) { return t.config; };
  return m;
}

Trace ToyTrace(const std::vector<int>& xs) {
  Trace t;
  t.system = "toy";
  t.config = json::object();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    t.actions.push_back(json{{"node", static_cast<int>(i % 3) + 1}, {"x", xs[i]}});
  }
  t.verdict = Verdict{"toy", 0, ""};
  return t;
}

TEST(Minimize, Toy_ShrinksToTheTwoActionsThatMatter) {
  int replays = 0;
  std::vector<int> xs;
  for (int i = 0; i < 200; ++i) xs.push_back(i == 40 ? 3 : i == 150 ? 7 : 1 + i % 2);
  xs.push_back(7);  // after the violation: cut
  MinimizeStats stats;
  const Trace out = Minimize(ToyTrace(xs), Toy(&replays), &stats);
  ASSERT_EQ(out.actions.size(), 2u);
  EXPECT_EQ(out.actions[0]["x"], 3);
  EXPECT_EQ(out.actions[1]["x"], 7);
  EXPECT_EQ(stats.before, 151u);  // up to the violation
  EXPECT_EQ(stats.after, 2u);
  EXPECT_EQ(static_cast<int>(stats.replays), replays);
  EXPECT_LT(replays, 400);  // ddmin, not one removal at a time over 151 actions
}

TEST(Minimize, Toy_DisabledActionsAreDroppedFromTheResult) {
  int replays = 0;
  const Trace out = Minimize(ToyTrace({0, 3, 0, 0, 7}), Toy(&replays), nullptr);
  EXPECT_EQ(out.actions.size(), 2u);
}

TEST(Minimize, Toy_FewerSwitchesBetweenNodesAtTheSameLength) {
  // Every action matters here: the property breaks only when 3, 4, 6 and 7 all happened, 3
  // before 7, so no removal helps and only reordering can reduce the switches.
  int replays = 0;
  Minimizable m = Toy(&replays);
  m.breaks = [&replays](const std::string&, Trace* t) {
    ++replays;
    std::vector<int> xs;
    for (const json& a : t->actions) xs.push_back(a["x"]);
    std::vector<int> sorted = xs;
    std::sort(sorted.begin(), sorted.end());
    // Needs all four, with 3 before 7 (the rest in any order).
    const bool all = sorted == std::vector<int>{3, 4, 6, 7};
    const auto at3 = std::find(xs.begin(), xs.end(), 3), at7 = std::find(xs.begin(), xs.end(), 7);
    if (!all || at3 > at7) return false;
    t->verdict = Verdict{"toy", xs.size(), ""};
    return true;
  };
  Trace t;
  t.system = "toy";
  t.config = json::object();
  // Nodes alternate 1,2,1,2: three switches; 1,1,2,2 has one.
  for (auto [node, x] : std::vector<std::pair<int, int>>{{1, 3}, {2, 4}, {1, 6}, {2, 7}}) {
    t.actions.push_back(json{{"node", node}, {"x", x}});
  }
  t.verdict = Verdict{"toy", 4, ""};
  const Trace out = Minimize(t, m, nullptr);
  ASSERT_EQ(out.actions.size(), 4u);
  std::size_t switches = 0;
  for (std::size_t i = 1; i < out.actions.size(); ++i) {
    switches += out.actions[i]["node"] != out.actions[i - 1]["node"];
  }
  EXPECT_EQ(switches, 1u);
}

// Swarm simulation finds long counterexamples; minimized, each must break the same property
// under strict replay, end at the violation and be much shorter. The bound on the length is
// the BFS-shortest counterexample at the bug's scenario bounds (bench/minimize.sh measures
// the ratio for the whole catalog).
TEST(Minimize, World_SimulatedCounterexamplesShrinkToAtMostTheBfsLength) {
  struct Case {
    raft::Bug bug;
    std::size_t bfs_length;  // `raftcheck explore --bounds-of BUG --bug BUG`
  };
  for (const Case& c : {Case{raft::Bug::kPreVoteCountedAsVote, 3},
                        Case{raft::Bug::kVoteNotPersisted, 17},
                        Case{raft::Bug::kAckOnReject, 17}}) {
    SCOPED_TRACE(raft::BugName(c.bug));
    raftcheck::WorldConfig config = raftcheck::SimulationDefaults();
    config.bugs.Add(c.bug);
    const raftcheck::ClusterWorld world(config);
    const raftcheck::WorldProperties props(world);
    raftcheck::engine::SimulationOptions options;
    options.seed = 1;
    options.runs = 10000;
    options.max_steps = 200;
    const auto r = raftcheck::engine::Simulate(world, props, options,
                                               raftcheck::SwarmChooser(true));
    ASSERT_TRUE(r.counterexample.has_value());
    const auto& cx = *r.counterexample;
    const Trace found = MakeWorldTrace(world, cx.actions,
                                       Verdict{cx.property, cx.actions.size(), cx.message}, 1);
    MinimizeStats stats;
    base::Result<Trace> minimized = MinimizeTrace(raftcheck::test_traces::World(), found, &stats);
    ASSERT_TRUE(minimized.ok()) << minimized.status().message();
    const Trace& out = *minimized;
    EXPECT_EQ(stats.before, found.actions.size());
    EXPECT_EQ(stats.after, out.actions.size());
    EXPECT_LE(out.actions.size(), c.bfs_length) << "found " << found.actions.size();
    EXPECT_EQ(out.config["values"], 0 + std::count_if(out.actions.begin(), out.actions.end(),
                                                      [](const json& a) {
                                                        return a["kind"] == "propose";
                                                      }));
    base::Result<Replay> check = ReplayTrace(raftcheck::test_traces::World(), out);
    ASSERT_TRUE(check.ok()) << check.status().message();
    ASSERT_TRUE(check->violation.has_value());
    EXPECT_EQ(check->violation->property, cx.property);
    EXPECT_EQ(check->violation->step, out.actions.size());
  }
}

TEST(Minimize, World_ATraceThatBreaksNothingIsAnError) {
  Trace t;
  t.system = "impl";
  t.config = json{{"nodes", 3}};
  t.actions = {json{{"kind", "timeout"}, {"node", 1}}};
  base::Result<Trace> out = MinimizeTrace(raftcheck::test_traces::World(), t, nullptr);
  EXPECT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("breaks no property"), std::string::npos)
      << out.status().message();
}

}  // namespace
}  // namespace traces
