// RawNode: the Ready contract (HasReady / GetReady / Advance), validation of what comes from the
// network, and NodeHost's crash and restart from durable state.
#include <gtest/gtest.h>

#include <vector>

#include "impl/harness/cluster.h"
#include "impl/harness/node_host.h"
#include "impl/raw_node.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::MakeConfig;
using test::Msg;

// A RawNode over its own MemoryStorage, handling Readies the way the contract says.
class RawNodeTest : public testing::Test {
 protected:
  RawNode Make(NodeId id, int n) {
    Result<RawNode> node = RawNode::Create(MakeConfig(id, n, &storage_));
    EXPECT_TRUE(node.ok()) << node.status().ToString();
    return std::move(node).value();
  }
  // Persists the Ready and advances; returns it for inspection.
  Ready HandleReady(RawNode& node) {
    Ready rd = node.GetReady();
    if (!rd.hard_state.IsEmpty()) storage_.SetHardState(rd.hard_state);
    storage_.Append(rd.entries);
    node.Advance();
    return rd;
  }
  MemoryStorage storage_;
};

TEST_F(RawNodeTest, HasReady_FreshNodeHasNothingToDo) {
  RawNode node = Make(1, 3);
  EXPECT_FALSE(node.HasReady());
}

// A single node wins at once: one Ready carries the new role, the hard state that records term
// and vote, the no-op to persist and, committed already, to apply.
TEST_F(RawNodeTest, GetReady_SingleNodeCampaignYieldsEverythingToPersistAndApply) {
  RawNode node = Make(1, 1);
  ASSERT_TRUE(node.Campaign().ok());
  ASSERT_TRUE(node.HasReady());

  const Ready rd = HandleReady(node);

  EXPECT_EQ(rd.soft_state, (SoftState{.lead = 1, .role = Role::kLeader}));
  EXPECT_EQ(rd.hard_state, (HardState{.term = 1, .vote = 1, .commit = 1}));
  EXPECT_EQ(rd.entries, (std::vector<Entry>{{.term = 1, .index = 1}}));
  EXPECT_EQ(rd.committed_entries, rd.entries);
  EXPECT_TRUE(rd.messages.empty());
  EXPECT_TRUE(rd.must_sync);
  EXPECT_FALSE(node.HasReady());
  EXPECT_FALSE(node.raft().log().HasUnstableEntries());
  EXPECT_EQ(node.raft().log().applied(), 1u);
}

TEST_F(RawNodeTest, GetReady_ProposalOnSingleNodeIsPersistedAndApplied) {
  RawNode node = Make(1, 1);
  node.Campaign();
  HandleReady(node);

  ASSERT_TRUE(node.Propose("x").ok());
  const Ready rd = HandleReady(node);

  const std::vector<Entry> want = {{.term = 1, .index = 2, .data = "x"}};
  EXPECT_EQ(rd.entries, want);
  EXPECT_EQ(rd.committed_entries, want);
  EXPECT_EQ(rd.hard_state, (HardState{.term = 1, .vote = 1, .commit = 2}));
  EXPECT_FALSE(rd.soft_state.has_value());  // still the same leader
  EXPECT_TRUE(rd.must_sync);                // new entries
  EXPECT_EQ(storage_.entries().back(), want[0]);
}

// A follower's Readies over a sequence of messages: the hard state appears only when it changed,
// the soft state only when leader or role changed, and must_sync only when term, vote or
// entries changed (a commit index alone need not be fsynced: it can be recomputed).
TEST_F(RawNodeTest, GetReady_HardAndSoftStateOnlyWhenChangedAndMustSyncOnlyForTermVoteEntries) {
  RawNode node = Make(2, 3);
  const std::vector<Entry> entry = {{.term = 1, .index = 1, .data = "a"}};
  Message app = Msg(MessageType::kApp, 1, 2, 1);
  app.entries = entry;
  ASSERT_TRUE(node.Step(app).ok());

  Ready rd = HandleReady(node);
  EXPECT_EQ(rd.soft_state, (SoftState{.lead = 1, .role = Role::kFollower}));
  EXPECT_EQ(rd.hard_state, (HardState{.term = 1, .vote = kNone, .commit = 0}));
  EXPECT_EQ(rd.entries, entry);
  EXPECT_TRUE(rd.committed_entries.empty());
  ASSERT_EQ(rd.messages.size(), 1u);
  EXPECT_EQ(rd.messages[0].type, MessageType::kAppResp);
  EXPECT_TRUE(rd.must_sync);

  Message beat = Msg(MessageType::kHeartbeat, 1, 2, 1);
  beat.commit = 1;
  node.Step(beat);
  rd = HandleReady(node);
  EXPECT_FALSE(rd.soft_state.has_value());
  EXPECT_EQ(rd.hard_state, (HardState{.term = 1, .vote = kNone, .commit = 1}));
  EXPECT_TRUE(rd.entries.empty());
  EXPECT_EQ(rd.committed_entries, entry);
  EXPECT_FALSE(rd.must_sync);

  node.Step(beat);  // nothing changes but a message to send
  ASSERT_TRUE(node.HasReady());
  rd = HandleReady(node);
  EXPECT_TRUE(rd.hard_state.IsEmpty());
  EXPECT_FALSE(rd.soft_state.has_value());
  EXPECT_EQ(rd.messages.size(), 1u);
  EXPECT_FALSE(rd.must_sync);

  Message vote = Msg(MessageType::kVote, 3, 2, 2);
  vote.index = 1;
  vote.log_term = 1;
  node.Step(vote);
  rd = HandleReady(node);
  EXPECT_EQ(rd.soft_state, (SoftState{.lead = kNone, .role = Role::kFollower}));
  EXPECT_EQ(rd.hard_state, (HardState{.term = 2, .vote = 3, .commit = 1}));
  EXPECT_TRUE(rd.must_sync);
  EXPECT_FALSE(node.HasReady());
}

TEST_F(RawNodeTest, GetReady_CarriesReadStates) {
  RawNode node = Make(1, 1);
  node.Campaign();
  HandleReady(node);

  const Result<ReadId> read = node.ReadIndex();
  ASSERT_TRUE(read.ok());

  ASSERT_TRUE(node.HasReady());
  EXPECT_EQ(HandleReady(node).read_states, (std::vector<ReadState>{{.id = *read, .index = 1}}));
}

// ---- Malformed input ------------------------------------------------------------------------

// A sender outside the configuration may be in one we have not applied yet, so its requests
// are handled (etcd); its responses count for nothing: a leader ignores them.
TEST_F(RawNodeTest, Step_ResponsesFromNonMembersAreIgnored) {
  RawNode node = Make(1, 1);
  node.Campaign();
  HandleReady(node);
  ASSERT_EQ(node.raft().role(), Role::kLeader);
  constexpr NodeId kStranger = 99;  // not among peers
  for (MessageType type : {MessageType::kAppResp, MessageType::kHeartbeatResp}) {
    SCOPED_TRACE(MessageTypeName(type));
    const Status s = node.Step(Msg(type, kStranger, 1, node.raft().term()));
    EXPECT_EQ(s.code(), Status::Code::kIgnored) << s.ToString();
  }
  EXPECT_FALSE(node.HasReady());
  EXPECT_EQ(node.TransferLeader(kStranger).code(), Status::Code::kInvalidArgument);
}

// Local messages (Hup, Beat, CheckQuorum) are the node's own business: from the network they
// are malformed, and must not, e.g., start an election.
TEST_F(RawNodeTest, Step_LocalMessageTypeIsInvalidArgument) {
  RawNode node = Make(1, 3);
  for (MessageType type : {MessageType::kHup, MessageType::kBeat, MessageType::kCheckQuorum}) {
    SCOPED_TRACE(MessageTypeName(type));
    const Status s = node.Step(Msg(type, 2, 1, 0));
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
  }
  EXPECT_EQ(node.raft().role(), Role::kFollower);
  EXPECT_EQ(node.raft().term(), 0u);
  EXPECT_FALSE(node.HasReady());
}

TEST_F(RawNodeTest, Step_ProposalWithoutEntriesIsInvalidArgument) {
  RawNode node = Make(1, 1);
  node.Campaign();
  HandleReady(node);
  const Index last = node.raft().log().LastIndex();

  const Status s = node.Step(Msg(MessageType::kProp, 1, 1, 0));

  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
  EXPECT_EQ(node.raft().log().LastIndex(), last);
}

TEST_F(RawNodeTest, Step_ResponseWithoutSenderIsInvalidArgument) {
  RawNode node = Make(1, 3);
  const Status s = node.Step(Msg(MessageType::kAppResp, kNone, 1, 1));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
}

// ---- NodeHost: crash and restart ------------------------------------------------------------

Config HostConfig(int n) {
  Config c;
  c.id = 1;
  c.peers = test::Peers(n);
  c.election_tick = test::kElectionTick;
  c.heartbeat_tick = test::kHeartbeatTick;
  return c;
}

// What the node did but never handed to the host in a Ready is not durable: a crash loses it.
TEST(NodeHost, Crash_LosesStateThatWasNotPersisted) {
  NodeHost host(HostConfig(3));
  ASSERT_TRUE(host.node().Campaign().ok());  // term 1, vote for self: not yet persisted
  ASSERT_EQ(host.node().raft().term(), 1u);

  host.Crash();
  EXPECT_FALSE(host.up());
  host.Restart();

  ASSERT_TRUE(host.up());
  EXPECT_EQ(host.node().raft().term(), 0u);
  EXPECT_EQ(host.node().raft().vote(), kNone);
  EXPECT_TRUE(host.storage().hard_state().IsEmpty());
}

// A restart rebuilds term, vote, log and commit from storage; the node comes back as a follower
// and does not apply again what the host applied before the crash.
TEST(NodeHost, Restart_RecoversTermVoteLogAndDoesNotReapply) {
  NodeHost host(HostConfig(1));
  std::vector<Message> outbox;
  host.node().Campaign();
  host.HandleReady(&outbox);
  ASSERT_TRUE(host.node().Propose("x").ok());
  host.HandleReady(&outbox);
  ASSERT_EQ(host.applied().size(), 2u);  // the no-op and "x"
  const std::vector<Entry> log = host.storage().entries();

  host.Crash();
  host.Restart();
  while (host.HandleReady(&outbox)) {
  }

  const Raft& r = host.node().raft();
  EXPECT_EQ(r.role(), Role::kFollower);
  EXPECT_EQ(r.term(), 1u);
  EXPECT_EQ(r.vote(), 1u);
  EXPECT_EQ(r.log().committed(), 2u);
  EXPECT_EQ(test::AllEntries(r.log()), log);
  EXPECT_EQ(host.applied().size(), 2u);
}

// In a cluster: a crashed follower misses nothing that was committed, once it is back.
TEST(NodeHost, Restart_CrashedFollowerCatchesUpInCluster) {
  Cluster c(3);
  c.Campaign(1);
  c.DeliverAll();
  c.Crash(3);
  ASSERT_TRUE(c.Propose(1, "while 3 was down").ok());
  c.DeliverAll();
  ASSERT_EQ(c.host(1).applied().back().data, "while 3 was down");

  c.Restart(3);
  c.Tick(1, test::kHeartbeatTick);  // the leader's heartbeat finds 3 behind
  c.DeliverAll();

  ASSERT_FALSE(c.host(3).applied().empty());
  EXPECT_EQ(c.host(3).applied().back().data, "while 3 was down");
  EXPECT_EQ(c.raft(3).term(), 1u);
}

}  // namespace
}  // namespace raft
