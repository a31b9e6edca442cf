// Linearizable reads through ReadIndex (thesis §6.4), on white-box Raft nodes: the read states
// they produce are what the application waits on, so the tests look at them directly.
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <vector>

#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::ElectLeader;
using test::Local;
using test::OfType;
using test::Pump;
using test::ReadRequest;
using test::TestNode;

// A single node is its own quorum: once leader (its no-op commits at once), a read is answered
// immediately with the commit index, without any message.
TEST(ReadIndex, HandleReadIndex_SingleNodeAnswersAtOnceWithCommitIndex) {
  TestNode node(1, 1);
  Raft& r = node.raft();
  ElectLeader(r);
  ASSERT_EQ(r.log().committed(), 1u);

  ASSERT_TRUE(r.Step(ReadRequest(1, "ctx")).ok());

  EXPECT_EQ(r.TakeReadStates(), (std::vector<ReadState>{{1, "ctx"}}));
  EXPECT_FALSE(r.HasMessages());
}

// Three white-box nodes 1..3 and their pump.
class ReadIndexCluster : public testing::Test {
 protected:
  ReadIndexCluster() {
    for (NodeId id = 1; id <= 3; ++id) nodes_[id - 1] = std::make_unique<TestNode>(id, 3);
  }
  Raft& node(NodeId id) { return nodes_[id - 1]->raft(); }
  int PumpAll() { return Pump({&node(1), &node(2), &node(3)}); }

  // Elects node 1 with the votes of 2 and 3, and leaves its no-op appends undelivered in its
  // outbox: the leader has not committed anything in its term yet.
  void ElectOneWithoutCommitting() {
    node(1).Step(Local(MessageType::kHup, 1));
    for (const Message& m : node(1).TakeMessages()) node(m.to).Step(m);
    for (NodeId voter : {NodeId{2}, NodeId{3}}) {
      for (const Message& m : node(voter).TakeMessages()) node(1).Step(m);
    }
    ASSERT_EQ(node(1).role(), Role::kLeader);
    ASSERT_EQ(node(1).log().committed(), 0u);
  }

  std::array<std::unique_ptr<TestNode>, 3> nodes_;
};

// Thesis §6.4 step 1: a new leader does not know the latest commit index until it commits an
// entry of its own term, so a read that arrives before that is held, then served.
TEST_F(ReadIndexCluster, HandleReadIndex_LeaderHoldsReadUntilFirstCommitInItsTerm) {
  ElectOneWithoutCommitting();

  ASSERT_TRUE(node(1).Step(ReadRequest(1, "early")).ok());

  EXPECT_FALSE(node(1).HasReadStates());
  // The outbox holds the no-op appends only: no heartbeat was sent for the read yet.
  EXPECT_TRUE(OfType(node(1).TakeMessages(), MessageType::kHeartbeat).empty());

  // Re-send the no-op (a heartbeat round makes the leader probe again), let it commit.
  node(1).Tick();
  PumpAll();
  ASSERT_EQ(node(1).log().committed(), 1u);
  EXPECT_EQ(node(1).TakeReadStates(), (std::vector<ReadState>{{1, "early"}}));
}

// Thesis §6.4 step 2: after the first commit, the leader records its commit index and confirms
// it is still leader with a heartbeat round carrying the read's context; the read is ready once
// a quorum has answered.
TEST_F(ReadIndexCluster, HandleReadIndex_LeaderAnswersAfterQuorumAcksHeartbeat) {
  ElectOneWithoutCommitting();
  PumpAll();
  ASSERT_EQ(node(1).log().committed(), 1u);

  node(1).Step(ReadRequest(1, "ctx"));

  const std::vector<Message> beats = OfType(node(1).TakeMessages(), MessageType::kHeartbeat);
  ASSERT_EQ(beats.size(), 2u);
  for (const Message& m : beats) EXPECT_EQ(m.context, "ctx");
  EXPECT_FALSE(node(1).HasReadStates());  // no quorum has confirmed yet

  node(2).Step(beats[0].to == 2 ? beats[0] : beats[1]);
  Pump({&node(1), &node(2)});  // 1 and 2 form a quorum; 3 never hears of the read
  EXPECT_EQ(node(1).TakeReadStates(), (std::vector<ReadState>{{1, "ctx"}}));
}

// A follower forwards the read to its leader and gets the read state back (ReadIndexResp).
TEST_F(ReadIndexCluster, HandleReadIndex_FollowerForwardsAndReceivesReadState) {
  ElectOneWithoutCommitting();
  PumpAll();

  ASSERT_TRUE(node(2).Step(ReadRequest(2, "from 2")).ok());
  const std::vector<Message> out = node(2).TakeMessages();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, MessageType::kReadIndex);
  EXPECT_EQ(out[0].to, 1u);
  node(1).Step(out[0]);
  PumpAll();

  EXPECT_EQ(node(2).TakeReadStates(), (std::vector<ReadState>{{1, "from 2"}}));
  EXPECT_FALSE(node(1).HasReadStates());
}

// A read forwarded to a leader that has not committed in its term yet waits at the leader too.
TEST_F(ReadIndexCluster, HandleReadIndex_ForwardedReadWaitsForLeadersFirstCommit) {
  ElectOneWithoutCommitting();
  // Node 2 receives the no-op append (so it knows its leader), but its answer is held back.
  for (const Message& m : node(1).TakeMessages()) {
    if (m.to == 2) node(2).Step(m);
  }
  const std::vector<Message> ack = OfType(node(2).TakeMessages(), MessageType::kAppResp);
  ASSERT_EQ(ack.size(), 1u);
  node(2).Step(ReadRequest(2, "from 2"));
  const std::vector<Message> fwd = node(2).TakeMessages();
  ASSERT_EQ(fwd.size(), 1u);

  node(1).Step(fwd[0]);
  EXPECT_TRUE(OfType(node(1).TakeMessages(), MessageType::kHeartbeat).empty());
  EXPECT_FALSE(node(2).HasReadStates());

  node(1).Step(ack[0]);  // the no-op commits (1 and 2), which releases the read
  ASSERT_EQ(node(1).log().committed(), 1u);
  PumpAll();
  EXPECT_EQ(node(2).TakeReadStates(), (std::vector<ReadState>{{1, "from 2"}}));
}

TEST_F(ReadIndexCluster, HandleReadIndex_FollowerWithoutLeaderDoesNotForward) {
  const Status s = node(2).Step(ReadRequest(2, "nobody to ask"));

  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(node(2).HasMessages());
  EXPECT_FALSE(node(2).HasReadStates());
}

}  // namespace
}  // namespace raft
