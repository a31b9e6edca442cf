// Linearizable reads through ReadIndex (thesis §6.4), on white-box Raft nodes, in the manner
// of etcd-raft's read-only tests: the read states the nodes produce are what the application
// waits on, so the tests look at them directly. Heartbeats and answers are delivered, dropped
// or held back by hand.
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <vector>

#include "impl/raft.h"
#include "impl/read_only.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::ElectLeader;
using test::Local;
using test::OfType;
using test::Proposal;
using test::Pump;
using test::TestNode;
using test::To;

ReadId MustRead(Raft& r) {
  Result<ReadId> id = r.RequestRead();
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

ReadState Ok(ReadId id, Index index) { return ReadState{.id = id, .index = index}; }
ReadState Failed(ReadId id) { return ReadState{.id = id, .index = 0, .ok = false}; }

// A single node is its own quorum: once leader (its no-op commits at once), a read is answered
// immediately with the commit index, without any message.
TEST(ReadIndex, RequestRead_SingleNodeAnswersAtOnceWithCommitIndex) {
  TestNode node(1, 1);
  Raft& r = node.raft();
  ElectLeader(r);
  ASSERT_EQ(r.log().committed(), 1u);

  const ReadId id = MustRead(r);

  EXPECT_EQ(r.TakeReadStates(), (std::vector<ReadState>{Ok(id, 1)}));
  EXPECT_FALSE(r.HasMessages());
}

// The library names reads itself: ids differ within a life, and a later life (the
// application's boot counter, Config::incarnation) never gives out an id of an earlier one.
TEST(ReadIndex, RequestRead_IdsAreUniqueAcrossReadsAndIncarnations) {
  TestNode first(1, 1);
  ElectLeader(first.raft());
  const ReadId a = MustRead(first.raft());
  const ReadId b = MustRead(first.raft());
  TestNode second(1, 1, MemoryStorage(), [](Config& c) { c.incarnation = 1; });
  ElectLeader(second.raft());
  const ReadId c = MustRead(second.raft());

  EXPECT_NE(a, b);
  EXPECT_NE(c, a);
  EXPECT_NE(c, b);
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
  // Node 1 leads and everyone has committed its no-op.
  void ElectOne() {
    ElectOneWithoutCommitting();
    PumpAll();
    ASSERT_EQ(node(1).log().committed(), 1u);
  }
  // Steps `msgs` on their destinations; returns what those produced.
  std::vector<Message> DeliverEach(const std::vector<Message>& msgs) {
    std::vector<Message> out;
    for (const Message& m : msgs) {
      node(m.to).Step(m);
      for (Message& r : node(m.to).TakeMessages()) out.push_back(std::move(r));
    }
    return out;
  }

  std::array<std::unique_ptr<TestNode>, 3> nodes_;
};

// Thesis §6.4 step 1: a new leader does not know the latest commit index until it commits an
// entry of its own term, so a read that arrives before that is held, then served.
TEST_F(ReadIndexCluster, RequestRead_LeaderHoldsReadUntilFirstCommitInItsTerm) {
  ElectOneWithoutCommitting();

  const ReadId id = MustRead(node(1));

  EXPECT_FALSE(node(1).HasReadStates());
  // The outbox holds the no-op appends only: no heartbeat was sent for the read yet.
  EXPECT_TRUE(OfType(node(1).TakeMessages(), MessageType::kHeartbeat).empty());

  // Re-send the no-op (a heartbeat round makes the leader probe again), let it commit.
  node(1).Tick();
  PumpAll();
  ASSERT_EQ(node(1).log().committed(), 1u);
  EXPECT_EQ(node(1).TakeReadStates(), (std::vector<ReadState>{Ok(id, 1)}));
}

// Thesis §6.4 step 2: after the first commit, the leader records its commit index and confirms
// it is still leader with a heartbeat round; the read is ready once a quorum has answered.
TEST_F(ReadIndexCluster, RequestRead_LeaderAnswersAfterQuorumAcksHeartbeat) {
  ElectOne();

  const ReadId id = MustRead(node(1));

  const std::vector<Message> beats = OfType(node(1).TakeMessages(), MessageType::kHeartbeat);
  ASSERT_EQ(beats.size(), 2u);
  for (const Message& m : beats) EXPECT_EQ(m.context, RoundContext(1));
  EXPECT_FALSE(node(1).HasReadStates());  // no quorum has confirmed yet

  node(2).Step(To(beats, 2)[0]);
  Pump({&node(1), &node(2)});  // 1 and 2 form a quorum; 3 never hears of the read
  EXPECT_EQ(node(1).TakeReadStates(), (std::vector<ReadState>{Ok(id, 1)}));
}

// etcd's TestReadOnlyOptionSafe with lost messages: every heartbeat of the read's round is
// dropped, and so is the first retry's answer; later heartbeats carry the round again until
// a quorum answers.
TEST_F(ReadIndexCluster, RequestRead_DroppedHeartbeatsAreRetriedByLaterHeartbeats) {
  ElectOne();
  const ReadId id = MustRead(node(1));
  node(1).TakeMessages();  // the round's heartbeats are lost

  node(1).Tick();  // heartbeat timeout (one tick): the round rides on the heartbeats
  std::vector<Message> beats = OfType(node(1).TakeMessages(), MessageType::kHeartbeat);
  ASSERT_EQ(beats.size(), 2u);
  for (const Message& m : beats) EXPECT_EQ(m.context, RoundContext(1));
  DeliverEach(beats);  // the answers are lost too
  EXPECT_FALSE(node(1).HasReadStates());

  node(1).Tick();
  beats = OfType(node(1).TakeMessages(), MessageType::kHeartbeat);
  DeliverEach(DeliverEach(To(beats, 3)));  // 3's answer arrives
  EXPECT_EQ(node(1).TakeReadStates(), (std::vector<ReadState>{Ok(id, 1)}));

  node(1).Tick();  // nothing pending: heartbeats carry no round
  for (const Message& m : OfType(node(1).TakeMessages(), MessageType::kHeartbeat)) {
    EXPECT_EQ(m.context, "");
  }
}

// Concurrent reads, each in its own round, with a write committed between them: an answer
// to the later round confirms the earlier read too (it was sent after both arrived), and
// each read gets the commit index of its own arrival.
TEST_F(ReadIndexCluster, RequestRead_ConcurrentReadsAreConfirmedInOrderWithTheirIndexes) {
  ElectOne();
  const ReadId first = MustRead(node(1));
  const std::vector<Message> first_round = OfType(node(1).TakeMessages(), MessageType::kHeartbeat);
  node(1).Step(Proposal(1, "w"));
  PumpAll();  // the write commits at index 2; the first round's heartbeats are still held
  ASSERT_EQ(node(1).log().committed(), 2u);
  const ReadId second = MustRead(node(1));
  const std::vector<Message> second_round =
      OfType(node(1).TakeMessages(), MessageType::kHeartbeat);
  for (const Message& m : second_round) EXPECT_EQ(m.context, RoundContext(2));

  DeliverEach(DeliverEach(To(second_round, 2)));
  EXPECT_EQ(node(1).TakeReadStates(), (std::vector<ReadState>{Ok(first, 1), Ok(second, 2)}));

  DeliverEach(DeliverEach(first_round));  // late answers to the first round change nothing
  EXPECT_FALSE(node(1).HasReadStates());
}

// A follower forwards the read to its leader and gets the read state back (ReadIndexResp).
TEST_F(ReadIndexCluster, RequestRead_FollowerForwardsAndReceivesReadState) {
  ElectOne();

  const ReadId id = MustRead(node(2));
  const std::vector<Message> out = node(2).TakeMessages();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, MessageType::kReadIndex);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(out[0].context, ReadIdContext(id));
  node(1).Step(out[0]);
  PumpAll();

  EXPECT_EQ(node(2).TakeReadStates(), (std::vector<ReadState>{Ok(id, 1)}));
  EXPECT_FALSE(node(1).HasReadStates());
}

// The network duplicates a forwarded read: the leader runs one round for it, and the
// follower takes one answer; the second answer is for a read it no longer waits on.
TEST_F(ReadIndexCluster, RequestRead_DuplicatedRequestIsAnsweredOnce) {
  ElectOne();
  const ReadId id = MustRead(node(2));
  const Message fwd = node(2).TakeMessages().at(0);

  node(1).Step(fwd);
  node(1).Step(fwd);  // the copy, while its round is under way: no second round
  const std::vector<Message> beats = OfType(node(1).TakeMessages(), MessageType::kHeartbeat);
  EXPECT_EQ(beats.size(), 2u);
  const std::vector<Message> answers = DeliverEach(DeliverEach(beats));
  ASSERT_EQ(OfType(answers, MessageType::kReadIndexResp).size(), 1u);
  node(2).Step(answers.at(0));
  EXPECT_EQ(node(2).TakeReadStates(), (std::vector<ReadState>{Ok(id, 1)}));

  EXPECT_EQ(node(2).Step(answers.at(0)).code(), Status::Code::kIgnored);
  EXPECT_FALSE(node(2).HasReadStates());
}

// A read forwarded to a leader that has not committed in its term yet waits at the leader too.
TEST_F(ReadIndexCluster, RequestRead_ForwardedReadWaitsForLeadersFirstCommit) {
  ElectOneWithoutCommitting();
  // Node 2 receives the no-op append (so it knows its leader), but its answer is held back.
  for (const Message& m : node(1).TakeMessages()) {
    if (m.to == 2) node(2).Step(m);
  }
  const std::vector<Message> ack = OfType(node(2).TakeMessages(), MessageType::kAppResp);
  ASSERT_EQ(ack.size(), 1u);
  const ReadId id = MustRead(node(2));
  const std::vector<Message> fwd = node(2).TakeMessages();
  ASSERT_EQ(fwd.size(), 1u);

  node(1).Step(fwd[0]);
  EXPECT_TRUE(OfType(node(1).TakeMessages(), MessageType::kHeartbeat).empty());
  EXPECT_FALSE(node(2).HasReadStates());

  node(1).Step(ack[0]);  // the no-op commits (1 and 2), which releases the read
  ASSERT_EQ(node(1).log().committed(), 1u);
  PumpAll();
  EXPECT_EQ(node(2).TakeReadStates(), (std::vector<ReadState>{Ok(id, 1)}));
}

TEST_F(ReadIndexCluster, RequestRead_FollowerWithoutLeaderIsUnavailable) {
  const Result<ReadId> read = node(2).RequestRead();

  EXPECT_EQ(read.status().code(), Status::Code::kUnavailable);
  EXPECT_FALSE(node(2).HasMessages());
  EXPECT_FALSE(node(2).HasReadStates());
}

// Reads across a leadership change: the leader's heartbeats are lost, node 2 campaigns at
// term 2 and node 1 steps down on its vote request. The read fails explicitly, and a late
// answer to its round confirms nothing.
TEST_F(ReadIndexCluster, RequestRead_LeadersReadFailsWhenItStepsDown) {
  ElectOne();
  const ReadId id = MustRead(node(1));
  const std::vector<Message> beats = OfType(node(1).TakeMessages(), MessageType::kHeartbeat);

  node(2).Step(Local(MessageType::kHup, 2));
  DeliverEach(To(node(2).TakeMessages(), 1));
  ASSERT_EQ(node(1).role(), Role::kFollower);
  EXPECT_EQ(node(1).TakeReadStates(), (std::vector<ReadState>{Failed(id)}));

  DeliverEach(DeliverEach(To(beats, 3)));
  EXPECT_FALSE(node(1).HasReadStates());
}

// A follower's forwarded read fails once it sees a new term; the old leader's answer, when
// it finally arrives, is not taken for anything.
TEST_F(ReadIndexCluster, RequestRead_ForwardedReadFailsOnNewTermAndLateAnswerIsIgnored) {
  ElectOne();
  const ReadId id = MustRead(node(2));
  node(1).Step(node(2).TakeMessages().at(0));
  const std::vector<Message> answers =
      DeliverEach(DeliverEach(OfType(node(1).TakeMessages(), MessageType::kHeartbeat)));
  const std::vector<Message> resp = OfType(answers, MessageType::kReadIndexResp);
  ASSERT_EQ(resp.size(), 1u);

  node(3).Step(Local(MessageType::kHup, 3));
  DeliverEach(To(node(3).TakeMessages(), 2));  // node 2 moves to term 2
  EXPECT_EQ(node(2).TakeReadStates(), (std::vector<ReadState>{Failed(id)}));

  EXPECT_EQ(node(2).Step(resp[0]).code(), Status::Code::kIgnored);  // stale term
  EXPECT_FALSE(node(2).HasReadStates());
}

// After a restart (incarnation 1) a follower's reads get new ids: an answer to a read of its
// earlier life, still in the network, does not answer the new read.
TEST_F(ReadIndexCluster, RequestRead_AnswerFromAnEarlierLifeDoesNotAnswerANewRead) {
  ElectOne();
  const ReadId old_id = MustRead(node(2));
  node(1).Step(node(2).TakeMessages().at(0));
  const std::vector<Message> resp = OfType(
      DeliverEach(DeliverEach(OfType(node(1).TakeMessages(), MessageType::kHeartbeat))),
      MessageType::kReadIndexResp);
  ASSERT_EQ(resp.size(), 1u);

  // Node 2 restarts from its storage (its hard state and log are already there).
  MemoryStorage durable = nodes_[1]->storage();
  durable.Append(test::AllEntries(node(2).log()));
  durable.SetHardState(node(2).hard_state());
  nodes_[1] = std::make_unique<TestNode>(2, 3, durable, [](Config& c) { c.incarnation = 1; });
  node(1).Tick();
  PumpAll();  // node 2 learns its leader again
  const ReadId new_id = MustRead(node(2));
  ASSERT_NE(new_id, old_id);
  node(2).TakeMessages();  // the new read's request is held back

  node(2).Step(resp[0]);
  EXPECT_FALSE(node(2).HasReadStates());
}

}  // namespace
}  // namespace raft
