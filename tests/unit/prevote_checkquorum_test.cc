// PreVote (Ongaro's thesis §9.6) and CheckQuorum with its leader lease (thesis §6.2, §4.2.3).
#include <gtest/gtest.h>

#include <vector>

#include "impl/harness/cluster.h"
#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::kElectionTick;
using test::Local;
using test::Msg;
using test::StorageWith;
using test::TestNode;

void EnablePreVote(Config& c) { c.pre_vote = true; }

// A pre-candidate asks "would you vote for me at term + 1?" without moving to that term or
// giving away its vote: losing the pre-election must leave no trace.
TEST(PreVote, Hup_PreCandidateKeepsItsTermAndVote) {
  TestNode node(1, 3, StorageWith(test::EntriesWithTerms(1, {2}), HardState{.term = 2, .vote = 3}),
                EnablePreVote);
  Raft& r = node.raft();

  ASSERT_TRUE(r.Step(Local(MessageType::kHup, 1)).ok());

  EXPECT_EQ(r.role(), Role::kPreCandidate);
  EXPECT_EQ(r.term(), 2u);
  EXPECT_EQ(r.vote(), 3u);
  Message to2 = Msg(MessageType::kPreVote, 1, 2, 3);  // the term it would campaign at
  to2.index = 1;
  to2.log_term = 2;
  Message to3 = to2;
  to3.to = 3;
  EXPECT_EQ(r.TakeMessages(), (std::vector<Message>{to2, to3}));
}

TEST(PreVote, HandlePreVoteResponse_MajorityGrantStartsTheRealElection) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 2}), EnablePreVote);
  Raft& r = node.raft();
  r.Step(Local(MessageType::kHup, 1));
  r.TakeMessages();

  r.Step(Msg(MessageType::kPreVoteResp, 2, 1, 3));  // a grant carries the future term

  EXPECT_EQ(r.role(), Role::kCandidate);
  EXPECT_EQ(r.term(), 3u);
  EXPECT_EQ(r.vote(), 1u);
  EXPECT_EQ(r.TakeMessages(), (std::vector<Message>{Msg(MessageType::kVote, 1, 2, 3),
                                                    Msg(MessageType::kVote, 1, 3, 3)}));
}

// Found by the rapidcheck world tests: a grant from the pre-election that led to our current
// term arrives late, after we fell back to pre-candidate at that term. It answered "term 3?",
// not "term 4?", so it must not start the election for term 4.
TEST(PreVote, HandlePreVoteResponse_StaleGrantFromAnEarlierRoundIsNotCounted) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 2}), EnablePreVote);
  Raft& r = node.raft();
  r.Step(Local(MessageType::kHup, 1));
  r.Step(Msg(MessageType::kPreVoteResp, 2, 1, 3));  // candidate at term 3
  ASSERT_EQ(r.role(), Role::kCandidate);
  r.Step(Local(MessageType::kHup, 1));  // the election timed out: pre-candidate at term 3
  ASSERT_EQ(r.role(), Role::kPreCandidate);
  r.TakeMessages();

  EXPECT_FALSE(r.Step(Msg(MessageType::kPreVoteResp, 3, 1, 3)).ok());  // grant for term 3

  EXPECT_EQ(r.role(), Role::kPreCandidate);
  EXPECT_EQ(r.term(), 3u);
  EXPECT_TRUE(r.TakeMessages().empty());
  r.Step(Msg(MessageType::kPreVoteResp, 3, 1, 4));  // a grant for this round does count
  EXPECT_EQ(r.role(), Role::kCandidate);
  EXPECT_EQ(r.term(), 4u);
}

TEST(PreVote, HandlePreVoteResponse_MajorityRejectionReturnsToFollowerAtSameTerm) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 2, .vote = 3}), EnablePreVote);
  Raft& r = node.raft();
  r.Step(Local(MessageType::kHup, 1));
  for (NodeId from : {NodeId{2}, NodeId{3}}) {
    Message resp = Msg(MessageType::kPreVoteResp, from, 1, 2);
    resp.reject = true;
    r.Step(resp);
  }
  EXPECT_EQ(r.role(), Role::kFollower);
  EXPECT_EQ(r.term(), 2u);
  EXPECT_EQ(r.vote(), 3u);
}

// Granting a pre-vote is not voting: the voter's term and vote stay as they were.
TEST(PreVote, HandlePreVote_GrantLeavesVotersTermAndVoteUntouched) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 1}), EnablePreVote);
  Raft& r = node.raft();

  r.Step(Msg(MessageType::kPreVote, 2, 1, 2));

  EXPECT_EQ(r.TakeMessages(), std::vector<Message>{Msg(MessageType::kPreVoteResp, 1, 2, 2)});
  EXPECT_EQ(r.term(), 1u);
  EXPECT_EQ(r.vote(), kNone);
  // Node 1 is still free to give its real vote at term 2 to somebody else.
  r.Step(Msg(MessageType::kVote, 3, 1, 2));
  EXPECT_EQ(r.TakeMessages(), std::vector<Message>{Msg(MessageType::kVoteResp, 1, 3, 2)});
}

// The scenario PreVote exists for (thesis §9.6): node 3 is cut off while the others commit more
// entries; it times out again and again, alone. When it rejoins, its log is behind, so nobody
// grants it a pre-vote: it never raised its term, and the leader stays.
// Rounds of ticks for the isolated node: 10 election timeouts, so it campaigns several times.
constexpr int kIsolatedTicks = 10 * 2 * kElectionTick;

// Isolates node 3 from a cluster led by 1, commits one entry without it, lets it tick alone for
// kIsolatedTicks, then heals and lets it tick for two more election timeouts with the network
// running. Returns how many (pre-)vote requests 3 sent while it was isolated.
int IsolateTickAloneAndRejoin(Cluster& c) {
  c.Campaign(1);
  c.DeliverAll();
  EXPECT_EQ(c.Leader(), 1u);
  c.Isolate(3);
  EXPECT_TRUE(c.Propose(1, "written without 3").ok());
  c.DeliverAll();
  int requests = 0;
  for (int i = 0; i < kIsolatedTicks; ++i) {
    c.Tick(3);
    for (const Message& m : c.in_flight()) {
      requests += m.type == MessageType::kPreVote || m.type == MessageType::kVote;
    }
    c.DeliverAll();  // drops everything across the cut
  }
  c.Heal();
  for (int i = 0; i < 2 * 2 * kElectionTick; ++i) {
    c.Tick(3);
    c.DeliverAll();
  }
  return requests;
}

TEST(PreVote, Partition_RejoiningNodeNeitherRaisesTermNorDeposesLeader) {
  Config base;
  base.pre_vote = true;
  Cluster c(3, base);

  const int requests = IsolateTickAloneAndRejoin(c);

  EXPECT_GE(requests, 2 * 4);  // at least 4 pre-elections (2 requests each) while isolated
  EXPECT_EQ(c.Leader(), 1u);
  for (NodeId id : {NodeId{1}, NodeId{2}, NodeId{3}}) {
    SCOPED_TRACE(testing::Message() << "node " << id);
    EXPECT_EQ(c.raft(id).term(), 1u);
  }
  EXPECT_EQ(c.raft(1).role(), Role::kLeader);
  // Once the leader heartbeats again, node 3 follows it and catches up.
  c.Tick(1, test::kHeartbeatTick);
  c.DeliverAll();
  EXPECT_EQ(c.raft(3).lead(), 1u);
  EXPECT_EQ(c.raft(3).log().LastIndex(), c.raft(1).log().LastIndex());
}

// The same scenario without PreVote: the rejoining node's term, raised by every lonely election,
// deposes the leader. (This is what the test above guards against.)
TEST(PreVote, Partition_WithoutPreVoteRejoiningNodeDeposesLeader) {
  Cluster c(3);

  IsolateTickAloneAndRejoin(c);

  EXPECT_GT(c.raft(1).term(), 1u);
  EXPECT_NE(c.Leader(), 1u);
}

// With CheckQuorum too, even an up-to-date rejoining node is held off: voters that heard from
// the leader within an election timeout disregard its requests (leader lease).
TEST(PreVote, Partition_WithCheckQuorumUpToDateRejoiningNodeIsIgnored) {
  Config base;
  base.pre_vote = true;
  base.check_quorum = true;
  Cluster c(3, base);
  c.Campaign(1);
  c.DeliverAll();
  c.Isolate(3);
  for (int i = 0; i < kIsolatedTicks; ++i) {
    c.Tick(3);
    c.DeliverAll();
  }
  c.Heal();
  // Node 3 (as up to date as anyone) pre-campaigns at least once more with the network up.
  for (int i = 0; i < 2 * kElectionTick; ++i) {
    c.Tick(3);
    c.DeliverAll();
  }

  EXPECT_EQ(c.Leader(), 1u);
  for (NodeId id : {NodeId{1}, NodeId{2}, NodeId{3}}) EXPECT_EQ(c.raft(id).term(), 1u);
}

// CheckQuorum: a leader that has not heard from a quorum for a whole election timeout steps
// down (it may be on the minority side of a partition). Its followers were active before the
// cut, so the first check passes and the second one fails.
TEST(CheckQuorum, TickHeartbeat_IsolatedLeaderStepsDownAfterElectionTimeoutWithoutQuorum) {
  Config base;
  base.check_quorum = true;
  Cluster c(3, base);
  c.Campaign(1);
  c.DeliverAll();
  ASSERT_EQ(c.Leader(), 1u);
  c.Isolate(1);

  c.Tick(1, kElectionTick);
  EXPECT_EQ(c.raft(1).role(), Role::kLeader);

  c.Tick(1, kElectionTick);
  EXPECT_EQ(c.raft(1).role(), Role::kFollower);
  EXPECT_EQ(c.raft(1).term(), 1u);  // stepping down does not start a term
  EXPECT_EQ(c.raft(1).lead(), kNone);
}

TEST(CheckQuorum, TickHeartbeat_LeaderHearingFromQuorumStaysLeader) {
  Config base;
  base.check_quorum = true;
  Cluster c(3, base);
  c.Campaign(1);
  c.DeliverAll();
  c.Isolate(3);  // one follower lost: 1 and 2 still form a quorum

  for (int i = 0; i < 3 * kElectionTick; ++i) {
    c.Tick(1);
    c.DeliverAll();
  }

  EXPECT_EQ(c.raft(1).role(), Role::kLeader);
}

// The follower half of the lease: having heard from its leader within the election timeout, a
// follower with CheckQuorum disregards a vote request of a higher term, unless the request comes
// from a campaign the leader itself started (leadership transfer).
TEST(CheckQuorum, HandleVoteRequest_FollowerInLeaseIgnoresHigherTermVote) {
  for (MessageType type : {MessageType::kVote, MessageType::kPreVote}) {
    SCOPED_TRACE(MessageTypeName(type));
    TestNode node(2, 3, {}, [](Config& c) {
      c.check_quorum = true;
      c.pre_vote = true;
    });
    Raft& r = node.raft();
    r.Step(Msg(MessageType::kHeartbeat, 1, 2, 1));
    r.TakeMessages();

    const Status s = r.Step(Msg(type, 3, 2, 2));

    EXPECT_EQ(s.code(), Status::Code::kIgnored) << s.ToString();
    EXPECT_EQ(r.term(), 1u);
    EXPECT_EQ(r.lead(), 1u);
    EXPECT_FALSE(r.HasMessages());
  }
}

TEST(CheckQuorum, HandleVoteRequest_FollowerInLeaseHonoursTransferCampaign) {
  TestNode node(2, 3, {}, [](Config& c) { c.check_quorum = true; });
  Raft& r = node.raft();
  r.Step(Msg(MessageType::kHeartbeat, 1, 2, 1));
  r.TakeMessages();
  Message vote = Msg(MessageType::kVote, 3, 2, 2);
  vote.context = kCampaignTransfer;

  EXPECT_TRUE(r.Step(vote).ok());

  EXPECT_EQ(r.term(), 2u);
  EXPECT_EQ(r.vote(), 3u);
  EXPECT_EQ(r.TakeMessages(), std::vector<Message>{Msg(MessageType::kVoteResp, 2, 3, 2)});
}

}  // namespace
}  // namespace raft
