// The cluster world: that exploring the real impl/ is sound (deterministic, with an encoding
// that keeps everything that shapes the future) and that its clean runs are clean.
#include <gtest/gtest.h>

#include "checker/engine/bfs.h"
#include "checker/engine/self_check.h"
#include "checker/world/cluster_world.h"
#include "checker/world/world_system.h"
#include "checker/world/world_properties.h"

namespace raftcheck {
namespace {

WorldConfig Small() {
  WorldConfig w;
  w.values = 1;
  w.max_term = 2;
  w.max_log = 2;
  w.max_msgs = 2;
  return w;
}

TEST(ClusterWorld, SelfCheck_ApplyIsDeterministicAndEncodingKeepsTheFuture) {
  const ClusterWorld world(Small());
  const engine::SelfCheckResult r = engine::SelfCheck(world, {.max_states = 20000});
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_GT(r.revisits, 0u) << "no state was reached twice: the check compared nothing";
}

TEST(ClusterWorld, SelfCheck_WithCrashesAndReadyAsAnAction) {
  WorldConfig w = Small();
  w.max_crashes = 1;
  w.ready_action = true;
  const ClusterWorld world(w);
  const engine::SelfCheckResult r = engine::SelfCheck(world, {.max_states = 20000});
  EXPECT_TRUE(r.ok) << r.problem;
}

// The disk world is a value too: simulated disks forked with their nodes, crashes at every
// granularity, compaction and snapshots in flight.
TEST(ClusterWorld, SelfCheck_OnDisksWithCompactionAndCrashesInsideAReady) {
  WorldConfig w = Small();
  w.max_crashes = 1;
  w.ready_action = true;
  w.disk = true;
  w.bit_flips = true;
  w.crash_mid_ready = true;
  w.max_compactions = 1;
  const ClusterWorld world(w);
  const engine::SelfCheckResult r = engine::SelfCheck(world, {.max_states = 20000});
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_GT(r.revisits, 0u);
}

// A crash inside a Ready: one is offered after each of the Ready's disk operations but the
// last, and from every one of them the node recovers what its disk durably holds. The Ready
// here is a follower's first append from a new leader: its new term and the entry in one write,
// then the sync.
TEST(ClusterWorld, CrashMidReady_EveryCutRecoversWhatTheDiskHolds) {
  WorldConfig w = Small();
  w.max_crashes = 1;
  w.ready_action = true;
  w.disk = true;
  w.crash_mid_ready = true;
  const ClusterWorld world(w);
  const WorldProperties props(world);
  std::vector<WorldState> init;
  world.InitialStates(init);
  WorldState s = init.front();
  auto ready = [&](int node) { world.Apply(s, {ActionKind::kReady, static_cast<std::uint8_t>(node)}); };
  auto deliver = [&](raft::MessageType type, raft::NodeId from, raft::NodeId to) {
    for (std::size_t i = 0; i < s.network.size(); ++i) {
      const raft::Message& m = s.network.at(i);
      if (m.type == type && m.from == from && m.to == to) {
        world.Apply(s, {ActionKind::kDeliver, static_cast<std::uint8_t>(to - 1),
                        static_cast<std::uint16_t>(i)});
        ready(static_cast<int>(to) - 1);
        return;
      }
    }
    FAIL() << "no " << raft::MessageTypeName(type) << " " << from << "->" << to;
  };
  world.Apply(s, {ActionKind::kTimeout, 0});
  ready(0);
  deliver(raft::MessageType::kPreVote, 1, 2);
  deliver(raft::MessageType::kPreVoteResp, 2, 1);
  deliver(raft::MessageType::kVote, 1, 2);
  deliver(raft::MessageType::kVoteResp, 2, 1);
  ASSERT_EQ(s.host(0).node().raft().role(), raft::Role::kLeader);
  for (std::size_t i = 0; i < s.network.size(); ++i) {  // node 3 takes the append, unhandled
    const raft::Message& m = s.network.at(i);
    if (m.type == raft::MessageType::kApp && m.to == 3) {
      world.Apply(s, {ActionKind::kDeliver, 2, static_cast<std::uint16_t>(i)});
      break;
    }
  }
  ASSERT_TRUE(s.host(2).node().HasReady());
  ASSERT_FALSE(props.CheckState(s).has_value());

  std::vector<WorldAction> acts;
  world.Actions(s, acts);
  int cuts = 0;
  for (const WorldAction& a : acts) {
    if (a.kind != ActionKind::kCrash || a.node != 2 || a.after_ops == 0) continue;
    ++cuts;
    SCOPED_TRACE(world.DescribeIn(s, a));
    WorldState next = s;
    world.Apply(next, a);
    EXPECT_FALSE(next.host(2).up());
    EXPECT_EQ(next.cells[2]->recovery, "");
    const auto violation = props.CheckState(next);
    EXPECT_FALSE(violation.has_value()) << violation->property << ": " << violation->message;
    // Nothing of the Ready was synced: the node may keep some of it, never more.
    EXPECT_LE(next.host(2).storage().LastIndex(), 1u);
  }
  // One cut (between the write and its sync), with the lose, keep and torn outcomes.
  EXPECT_EQ(cuts, 3);
}

TEST(ClusterWorld, Explore_CleanImplHasNoViolationAndTheSameCountsOnEveryRunAndThreadCount) {
  WorldConfig w = Small();
  w.max_term = 1;  // one election's worth: small enough to run three times here
  const ClusterWorld world(w);
  const WorldProperties props(world);
  engine::SearchOptions one;
  one.threads = 1;
  engine::SearchOptions two;
  two.threads = 2;
  const auto a = engine::Bfs(world, props, one);
  const auto b = engine::Bfs(world, props, one);
  const auto c = engine::Bfs(world, props, two);
  ASSERT_EQ(a.outcome, engine::Outcome::kOk) << a.counterexample->message;
  EXPECT_GT(a.stats.distinct_states, 1000u);
  EXPECT_EQ(a.stats.distinct_states, b.stats.distinct_states);
  EXPECT_EQ(a.stats.transitions, b.stats.transitions);
  EXPECT_EQ(a.stats.distinct_states, c.stats.distinct_states);
  EXPECT_EQ(a.stats.depth, c.stats.depth);
}

TEST(ClusterWorld, Actions_ProposeOnlyAtLeadersAndEachValueOnce) {
  WorldConfig w = Small();
  w.nodes = 1;
  w.values = 2;
  const ClusterWorld world(w);
  std::vector<WorldState> init;
  world.InitialStates(init);
  WorldState s = init.front();
  std::vector<WorldAction> acts;
  world.Actions(s, acts);
  for (const WorldAction& a : acts) EXPECT_NE(a.kind, ActionKind::kPropose);
  world.Apply(s, {ActionKind::kTimeout, 0});  // a single node elects itself at once
  ASSERT_EQ(s.host(0).node().raft().role(), raft::Role::kLeader);
  for (int v = 1; v <= 2; ++v) {
    acts.clear();
    world.Actions(s, acts);
    ASSERT_NE(std::find(acts.begin(), acts.end(), WorldAction{ActionKind::kPropose, 0}),
              acts.end());
    world.Apply(s, {ActionKind::kPropose, 0});
  }
  acts.clear();
  world.Actions(s, acts);
  EXPECT_EQ(std::find(acts.begin(), acts.end(), WorldAction{ActionKind::kPropose, 0}), acts.end());
  // Committed at once in a single-node cluster: noop, v1, v2.
  ASSERT_EQ(s.host(0).applied().size(), 3u);
  EXPECT_EQ(s.host(0).applied()[2].data, "v2");
}

TEST(ClusterWorld, CopyOnWrite_ApplyLeavesTheOriginalStateUntouched) {
  const ClusterWorld world(Small());
  std::vector<WorldState> init;
  world.InitialStates(init);
  const WorldState before = init.front();
  std::string code_before;
  world.Encode(before, code_before);
  WorldState after = before;
  world.Apply(after, {ActionKind::kTimeout, 0});
  std::string code_again;
  world.Encode(before, code_again);
  EXPECT_EQ(code_before, code_again);
  EXPECT_EQ(before.host(0).node().raft().role(), raft::Role::kFollower);
  EXPECT_EQ(after.host(0).node().raft().role(), raft::Role::kPreCandidate);
}

TEST(WorldJson, Config_RoundTripsAndRejectsBadFields) {
  WorldConfig w = Small();
  w.bugs.Add(raft::Bug::kAckOnReject);
  w.ready_action = true;
  base::Result<WorldConfig> back = ConfigFromJson(ConfigToJson(w));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(ConfigToJson(*back), ConfigToJson(w));
  nlohmann::json bad = ConfigToJson(w);
  bad["colour"] = "blue";
  back = ConfigFromJson(bad);
  EXPECT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("colour"), std::string::npos);
  bad = ConfigToJson(w);
  bad["bugs"] = {"no-such-bug"};
  EXPECT_FALSE(ConfigFromJson(bad).ok());
  bad = ConfigToJson(w);
  bad["nodes"] = 9;
  EXPECT_FALSE(ConfigFromJson(bad).ok());
}

TEST(WorldJson, Action_NamesMessagesByContentAndRefusesOnesNotInFlight) {
  const ClusterWorld world(Small());
  std::vector<WorldState> init;
  world.InitialStates(init);
  WorldState s = init.front();
  world.Apply(s, {ActionKind::kTimeout, 0});  // two PreVotes in flight
  ASSERT_EQ(s.network.size(), 2u);
  const WorldAction deliver_second{ActionKind::kDeliver, 2, 1};
  const nlohmann::json j = WorldSpec::ActionToJson(world, s, deliver_second);
  EXPECT_EQ(j["msg"]["type"], "PreVote");
  EXPECT_EQ(j["msg"]["to"], 3);
  base::Result<WorldAction> back = WorldSpec::ActionFromJson(world, s, j, {});
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, deliver_second);
  nlohmann::json stale = j;
  stale["msg"]["term"] = 7;
  back = WorldSpec::ActionFromJson(world, s, stale, {});
  EXPECT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("no such message"), std::string::npos);
  EXPECT_FALSE(WorldSpec::ActionFromJson(world, s, {{"kind", "heartbeat"}, {"node", 1}}, {}).ok())
      << "a follower has no heartbeat timer";
}

}  // namespace
}  // namespace raftcheck
