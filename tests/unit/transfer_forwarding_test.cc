// Leadership transfer (thesis §3.10) and proposal forwarding, on a Cluster.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "impl/harness/cluster.h"
#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::AllEntries;
using test::kElectionTick;
using test::Msg;
using test::OfType;

// A 3-node cluster led by node 1, everything delivered.
Cluster ClusterLedByOne(Config base = Config()) {
  Cluster c(3, base);
  c.Campaign(1);
  c.DeliverAll();
  EXPECT_EQ(c.Leader(), 1u);
  return c;
}

// A cluster led by 1 in which node 3 missed `missed` entries while cut off (links healed).
Cluster ClusterWithLaggingThree(int missed) {
  Cluster c = ClusterLedByOne();
  c.Isolate(3);
  for (int i = 0; i < missed; ++i) EXPECT_TRUE(c.Propose(1, "e" + std::to_string(i)).ok());
  c.DeliverAll();
  c.Heal();
  EXPECT_LT(c.raft(3).log().LastIndex(), c.raft(1).log().LastIndex());
  return c;
}

// A transferee whose log matches the leader's is told to campaign at once (TimeoutNow); it
// skips the election timeout and wins the next term.
TEST(LeaderTransfer, TransferLeader_CaughtUpTransfereeGetsTimeoutNowAndWins) {
  Cluster c = ClusterLedByOne();

  ASSERT_TRUE(c.TransferLeader(1, 2).ok());

  EXPECT_EQ(c.in_flight(), std::vector<Message>{Msg(MessageType::kTimeoutNow, 1, 2, 1)});
  EXPECT_EQ(c.raft(1).lead_transferee(), 2u);
  c.DeliverAll();
  EXPECT_EQ(c.Leader(), 2u);
  EXPECT_EQ(c.raft(2).term(), 2u);
  EXPECT_EQ(c.raft(1).role(), Role::kFollower);
  EXPECT_EQ(c.raft(1).lead(), 2u);
}

// A lagging transferee is first sent what it misses; TimeoutNow follows its acknowledgement.
TEST(LeaderTransfer, TransferLeader_LaggingTransfereeIsCaughtUpBeforeTimeoutNow) {
  constexpr int kMissed = 2;
  Cluster c = ClusterWithLaggingThree(kMissed);

  ASSERT_TRUE(c.TransferLeader(1, 3).ok());

  EXPECT_EQ(c.raft(1).lead_transferee(), 3u);
  EXPECT_TRUE(OfType(c.in_flight(), MessageType::kTimeoutNow).empty());
  EXPECT_FALSE(OfType(c.in_flight(), MessageType::kApp).empty());
  c.DeliverAll();
  EXPECT_EQ(c.Leader(), 3u);
  EXPECT_EQ(c.raft(3).term(), 2u);
  const std::vector<Entry> log3 = AllEntries(c.raft(3).log());
  ASSERT_GE(log3.size(), 1u + kMissed);  // the first leader's no-op, then the missed entries
  EXPECT_EQ(log3[1].data, "e0");
  EXPECT_EQ(log3[2].data, "e1");
}

// While leadership is being handed over, the leader takes no new proposals (they would have to
// be re-proposed to the new leader anyway); a transfer that does not finish within an election
// timeout is abandoned, and proposals are accepted again.
TEST(LeaderTransfer, Propose_DroppedWhileTransferringAcceptedAfterAbort) {
  Cluster c = ClusterWithLaggingThree(1);
  c.Isolate(3);  // the transfer cannot finish
  ASSERT_TRUE(c.TransferLeader(1, 3).ok());

  const Status during = c.Propose(1, "during");
  EXPECT_EQ(during.code(), Status::Code::kProposalDropped) << during.ToString();

  c.Tick(1, kElectionTick);
  EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
  EXPECT_EQ(c.raft(1).role(), Role::kLeader);
  EXPECT_TRUE(c.Propose(1, "after").ok());
  EXPECT_EQ(c.raft(1).log().EntriesFrom(c.raft(1).log().LastIndex(), test::kNoLimit)->at(0).data,
            "after");
}

TEST(LeaderTransfer, TransferLeader_ToSelfChangesNothing) {
  Cluster c = ClusterLedByOne();

  c.TransferLeader(1, 1);

  EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
  EXPECT_TRUE(OfType(c.in_flight(), MessageType::kTimeoutNow).empty());
  EXPECT_EQ(c.raft(1).role(), Role::kLeader);
  EXPECT_TRUE(c.Propose(1, "still leading").ok());
}

TEST(LeaderTransfer, TransferLeader_ToUnknownNodeIsInvalidArgument) {
  Cluster c = ClusterLedByOne();
  constexpr NodeId kStranger = 4;  // the cluster has nodes 1..3

  const Status s = c.TransferLeader(1, kStranger);

  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
  EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
  EXPECT_TRUE(c.in_flight().empty());
}

// kNone is no node at all ("no transfer"): asking to transfer to it is a malformed request. Run
// in a child process so that a node that crashes or corrupts memory on it cannot take the rest
// of the suite down; the child exits 0 only if the request was refused and nothing changed.
TEST(LeaderTransfer, TransferLeader_ToNoneIsInvalidArgument) {
  Cluster c = ClusterLedByOne();

  EXPECT_EXIT(
      {
        const Status s = c.TransferLeader(1, kNone);
        const bool refused = s.code() == Status::Code::kInvalidArgument &&
                             c.raft(1).lead_transferee() == kNone && c.in_flight().empty();
        std::fprintf(stderr, "status: %s\n", s.ToString().c_str());
        std::exit(refused ? 0 : 1);
      },
      testing::ExitedWithCode(0), "");
}

// A follower passes the request on to its leader.
TEST(LeaderTransfer, TransferLeader_RequestedAtFollowerIsForwardedToLeader) {
  Cluster c = ClusterLedByOne();

  ASSERT_TRUE(c.TransferLeader(2, 2).ok());
  c.DeliverAll();

  EXPECT_EQ(c.Leader(), 2u);
  EXPECT_EQ(c.raft(2).term(), 2u);
}

// A follower forwards a proposal to the leader it knows; the entry ends up applied everywhere.
TEST(ProposalForwarding, Propose_FollowerForwardsToKnownLeader) {
  Cluster c = ClusterLedByOne();

  ASSERT_TRUE(c.Propose(2, "via 2").ok());

  ASSERT_EQ(c.in_flight().size(), 1u);
  const Message& fwd = c.in_flight()[0];
  EXPECT_EQ(fwd.type, MessageType::kProp);
  EXPECT_EQ(fwd.from, 2u);
  EXPECT_EQ(fwd.to, 1u);
  ASSERT_EQ(fwd.entries.size(), 1u);
  EXPECT_EQ(fwd.entries[0].data, "via 2");
  c.DeliverAll();
  for (NodeId id : {NodeId{1}, NodeId{2}, NodeId{3}}) {
    SCOPED_TRACE(testing::Message() << "node " << id);
    ASSERT_FALSE(c.host(id).applied().empty());
    EXPECT_EQ(c.host(id).applied().back().data, "via 2");
  }
}

TEST(ProposalForwarding, Propose_DroppedWhenNoLeaderIsKnown) {
  Cluster c(3);

  const Status s = c.Propose(2, "lost");

  EXPECT_EQ(s.code(), Status::Code::kProposalDropped) << s.ToString();
  EXPECT_TRUE(c.in_flight().empty());
  EXPECT_EQ(c.raft(2).log().LastIndex(), 0u);
}

TEST(ProposalForwarding, Propose_DroppedByCandidate) {
  Cluster c(3);
  c.Campaign(2);
  ASSERT_EQ(c.raft(2).role(), Role::kCandidate);
  const std::size_t before = c.in_flight().size();

  const Status s = c.Propose(2, "lost");

  EXPECT_EQ(s.code(), Status::Code::kProposalDropped) << s.ToString();
  EXPECT_EQ(c.in_flight().size(), before);
}

TEST(ProposalForwarding, Propose_DroppedWhenForwardingIsDisabled) {
  Config base;
  base.disable_proposal_forwarding = true;
  Cluster c = ClusterLedByOne(base);
  const Index leader_last = c.raft(1).log().LastIndex();

  const Status s = c.Propose(2, "lost");

  EXPECT_EQ(s.code(), Status::Code::kProposalDropped) << s.ToString();
  EXPECT_TRUE(c.in_flight().empty());
  c.DeliverAll();
  EXPECT_EQ(c.raft(1).log().LastIndex(), leader_last);
}

}  // namespace
}  // namespace raft
