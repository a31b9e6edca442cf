// Behaviours that hinge on the clock: elections that collide or repeat after timeouts, nodes
// whose timers fire while a leader is alive (PreVote, thesis §9.6; CheckQuorum, thesis §6.2),
// and leadership transfers that run out of time (thesis §3.10). The scenarios are those of
// etcd-raft's raft_test.go, on a Cluster, every node driven by its own Tick().
//
// No test depends on which timeout a node draws: a node is ticked until its timer fires, which
// is within 2 * kElectionTick - 1 ticks whatever its seed (config.h), and the test then checks
// what follows. Between ticks nothing is delivered unless the test says so.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "impl/harness/cluster.h"
#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::AllEntries;
using test::kElectionTick;
using test::kHeartbeatTick;
using test::Msg;
using test::OfType;

// The longest election timeout a node can draw (config.h: [election_tick, 2 * election_tick)).
constexpr int kMaxElectionTimeout = 2 * kElectionTick - 1;

// Ticks node `id` alone, delivering nothing, until its election timer fires: it then asks for
// (pre-)votes, and the requests wait in the network. Fails the test unless that happens within
// kMaxElectionTimeout ticks. REQUIRES: node `id` is up and does not lead.
void TickUntilTimeout(Cluster& c, NodeId id) {
  ASSERT_NE(c.raft(id).role(), Role::kLeader)
      << "node " << id << " leads: it has no election timer";
  for (int tick = 0; tick < kMaxElectionTimeout; ++tick) {
    const std::size_t before = c.in_flight().size();
    c.Tick(id);
    for (std::size_t i = before; i < c.in_flight().size(); ++i) {
      const Message& m = c.in_flight()[i];
      if (m.from == id && (m.type == MessageType::kVote || m.type == MessageType::kPreVote)) return;
    }
  }
  ADD_FAILURE() << "node " << id << " did not time out within " << kMaxElectionTimeout << " ticks";
}

// Ticks the leader `id` `ticks` times, delivering everything after each tick.
void TickLeader(Cluster& c, NodeId id, int ticks) {
  for (int i = 0; i < ticks; ++i) {
    c.Tick(id);
    c.DeliverAll();
  }
}

// Node `id` campaigns and everything is delivered; it must win.
void Elect(Cluster& c, NodeId id) {
  ASSERT_TRUE(c.Campaign(id).ok());
  c.DeliverAll();
  ASSERT_EQ(c.Leader(), id);
}

struct Want {
  NodeId id;
  Role role;
  Term term;
};

void ExpectStates(const Cluster& c, std::initializer_list<Want> wants) {
  for (const Want& w : wants) {
    SCOPED_TRACE(testing::Message() << "node " << w.id);
    EXPECT_EQ(c.raft(w.id).role(), w.role);
    EXPECT_EQ(c.raft(w.id).term(), w.term);
  }
}

// ---------------------------------------------------------------------------------------------
// Elections that collide.

// 1 and 3 campaign at once while they cannot reach each other; 2 hears both and votes for the
// first to ask, so 1 wins and 3 is left a candidate. Once the link is back, 3's timeouts raise
// the term and depose the leader (§5.1), but 3 never wins: its log lacks the leader's no-op,
// which both others hold (§5.4.1). The first of them to time out wins.
TEST(Elections, DuelingCandidates_MoreUpToDateLogWinsAfterTimeouts) {
  Cluster c(3);
  c.Cut(1, 3);
  ASSERT_TRUE(c.Campaign(1).ok());
  ASSERT_TRUE(c.Campaign(3).ok());
  c.DeliverAll();
  // 3 has its own vote and 2's refusal: no majority either way.
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kCandidate, 1}});
  ASSERT_EQ(c.raft(3).log().LastIndex(), 0u);  // 1's no-op never reached it

  c.Heal();
  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 2}, {2, Role::kFollower, 2}, {3, Role::kFollower, 2}});
  EXPECT_EQ(c.Leader(), kNone);

  // However often 3 times out first, it loses.
  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 3}, {2, Role::kFollower, 3}, {3, Role::kFollower, 3}});

  TickUntilTimeout(c, 1);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kLeader, 4}, {2, Role::kFollower, 4}, {3, Role::kFollower, 4}});
  EXPECT_EQ(c.raft(2).lead(), 1u);
  EXPECT_EQ(c.raft(3).lead(), 1u);
  EXPECT_EQ(AllEntries(c.raft(3).log()), AllEntries(c.raft(1).log()));
}

// The same duel with PreVote: 3's pre-elections are refused (first because 2 already follows a
// leader of that term, then because its log is behind), so no term moves past 1 and the leader
// is never disturbed, however often 3 times out.
TEST(Elections, DuelingPreCandidates_StaleCandidateRaisesNoTermAndLeaderStays) {
  Config base;
  base.pre_vote = true;
  Cluster c(3, base);
  c.Cut(1, 3);
  Elect(c, 1);
  ASSERT_TRUE(c.Campaign(3).ok());
  c.DeliverAll();
  // 2's refusal carries its term, 1: 3 adopts it and goes back to following (no leader known).
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kFollower, 1}});

  c.Heal();
  constexpr int kRounds = 3;  // any number of lost pre-elections
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(testing::Message() << "pre-election " << round + 1 << " after healing");
    TickUntilTimeout(c, 3);
    c.DeliverAll();
    ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kFollower, 1}});
  }
  EXPECT_EQ(c.raft(3).log().LastIndex(), 0u);

  // The leader's next heartbeat brings 3 back into the fold.
  TickLeader(c, 1, kHeartbeatTick);
  EXPECT_EQ(c.raft(3).lead(), 1u);
  EXPECT_EQ(AllEntries(c.raft(3).log()), AllEntries(c.raft(1).log()));
}

// PreVote with a split vote: 2 and 3 time out together after the leader is lost. Each grants
// the other's pre-vote (both logs are as up to date), so both campaign at term 2, vote for
// themselves, and neither gets a majority. The next to time out wins term 3.
TEST(Elections, PreVoteWithSplitVote_NextTimeoutElectsLeader) {
  Config base;
  base.pre_vote = true;
  Cluster c(3, base);
  Elect(c, 1);
  c.Isolate(1);

  TickUntilTimeout(c, 2);
  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{2, Role::kCandidate, 2}, {3, Role::kCandidate, 2}});
  EXPECT_EQ(c.raft(2).vote(), 2u);
  EXPECT_EQ(c.raft(3).vote(), 3u);
  EXPECT_EQ(c.Leader(), 1u);  // only the lost leader, at term 1

  TickUntilTimeout(c, 2);
  c.DeliverAll();
  ExpectStates(c, {{2, Role::kLeader, 3}, {3, Role::kFollower, 3}});
  EXPECT_EQ(c.raft(3).lead(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Timers that fire while a leader is alive.

// With CheckQuorum, a candidate cut off from the leader times out again and again: the
// remaining follower heard from its leader within the election timeout and disregards it
// (leader lease), so the candidate is stuck, its term running ahead. When it rejoins, it answers
// the leader's stale heartbeat with its own term, and the leader steps down although its lease
// holds; released from the lease, the old leader grants the candidate's next request.
TEST(Elections, FreeStuckCandidateWithCheckQuorum_LeaderStepsDownAndCandidateWins) {
  Config base;
  base.check_quorum = true;
  Cluster c(3, base);
  Elect(c, 1);
  c.Isolate(1);

  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kCandidate, 2}});
  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kCandidate, 3}});
  EXPECT_EQ(c.raft(2).lead(), 1u);

  c.Heal();
  TickLeader(c, 1, kHeartbeatTick);
  ExpectStates(c, {{1, Role::kFollower, 3}, {2, Role::kFollower, 1}, {3, Role::kCandidate, 3}});
  EXPECT_EQ(c.raft(1).lead(), kNone);

  // 2 is still in the lease of the leader it heard last; 1 and 3 are a majority.
  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 4}, {2, Role::kFollower, 4}, {3, Role::kLeader, 4}});
  EXPECT_EQ(c.raft(1).lead(), 3u);
  EXPECT_EQ(c.raft(2).lead(), 3u);
}

// A follower's timer fires before the leader's heartbeat reaches it (a slow link: nothing is
// delivered while it ticks). Without PreVote it becomes a candidate at a higher term; the
// voters, in lease, ignore its requests, but its answer to the late heartbeat carries that
// term, and the leader steps down.
TEST(Elections, DisruptiveFollower_WithoutPreVoteRaisesTermAndDeposesLeader) {
  Config base;
  base.check_quorum = true;
  Cluster c(3, base);
  Elect(c, 1);

  TickUntilTimeout(c, 3);
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kCandidate, 2}});

  // The heartbeat leaves now, behind 3's vote requests; everything arrives.
  TickLeader(c, 1, kHeartbeatTick);
  ExpectStates(c, {{1, Role::kFollower, 2}, {2, Role::kFollower, 1}, {3, Role::kCandidate, 2}});
  EXPECT_EQ(c.raft(2).vote(), 1u);  // the lease kept 2 from voting for 3
  EXPECT_EQ(c.Leader(), kNone);
}

// The same late heartbeat with PreVote (and 3's log behind, as in etcd's scenario): 3's timer
// makes it a pre-candidate at its old term, its pre-votes are ignored (lease) and would be
// refused anyway (log), and the heartbeat is not stale at 3, which follows the leader again and
// catches up. No term moves.
TEST(Elections, DisruptiveFollower_WithPreVoteLeavesLeaderAlone) {
  Config base;
  base.check_quorum = true;
  base.pre_vote = true;
  Cluster c(3, base);
  Elect(c, 1);
  c.Isolate(3);
  constexpr int kMissed = 3;  // entries 3 misses
  for (int i = 0; i < kMissed; ++i) ASSERT_TRUE(c.Propose(1, "e" + std::to_string(i)).ok());
  c.DeliverAll();
  c.Heal();
  ASSERT_LT(c.raft(3).log().LastIndex(), c.raft(1).log().LastIndex());

  TickUntilTimeout(c, 3);
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kPreCandidate, 1}});

  TickLeader(c, 1, kHeartbeatTick);
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kFollower, 1}});
  EXPECT_EQ(c.raft(3).lead(), 1u);
  EXPECT_EQ(AllEntries(c.raft(3).log()), AllEntries(c.raft(1).log()));
}

// ---------------------------------------------------------------------------------------------
// Nodes left at different terms by a partition (PreVote).

// etcd's scenario: 3 is cut off from the start and pre-campaigns alone at term 0, while 1 leads
// term 1 and then 2 wins term 2 with 1's vote. The partition moves: 2 is cut off and 3 rejoins.
// 3's pre-vote for term 1 is refused by 1 with its term 2, which 3 adopts; 1 then times out and
// wins term 3 with 3's vote: a leader is elected although the nodes that must agree started
// two terms apart.
TEST(Elections, NodeWithSmallerTermCanCompleteElection_AfterPartitionMoves) {
  Config base;
  base.pre_vote = true;
  Cluster c(3, base);
  c.Isolate(3);
  Elect(c, 1);
  TickUntilTimeout(c, 3);
  c.DeliverAll();
  TickUntilTimeout(c, 2);  // 1 never heartbeats, and grants: no CheckQuorum, no lease
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 2}, {2, Role::kLeader, 2}, {3, Role::kPreCandidate, 0}});

  c.Heal();
  c.Isolate(2);
  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 2}, {3, Role::kFollower, 2}});

  TickUntilTimeout(c, 1);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kLeader, 3}, {3, Role::kFollower, 3}});
  EXPECT_EQ(c.raft(3).lead(), 1u);
}

// A node at a smaller term whose log is as up to date as anyone's can itself win: 1 moved to
// term 2 by voting for 2, whose election left no entry behind (2's appends are lost, then 2 is
// cut off). 3, still at term 1, asks about term 2 and is refused (1 has voted in term 2), learns
// term 2 from the refusal, and at its next timeout wins term 3 with 1's vote.
TEST(Elections, NodeWithSmallerTermCanCompleteElection_UpToDateNodeWinsAfterLearningTerm) {
  Config base;
  base.pre_vote = true;
  Cluster c(3, base);
  Elect(c, 1);  // everyone holds 1's no-op of term 1
  c.Isolate(3);
  TickUntilTimeout(c, 2);
  constexpr int kMaxSteps = 100;  // a pre-election and an election take a handful of messages
  for (int step = 0; step < kMaxSteps && c.raft(2).role() != Role::kLeader; ++step) {
    ASSERT_FALSE(c.in_flight().empty());
    c.Deliver(0);
  }
  ASSERT_EQ(c.raft(2).role(), Role::kLeader);
  c.DropIf([](const Message& m) { return m.from == 2; });  // its no-op of term 2 never leaves
  c.Heal();
  c.Isolate(2);
  ExpectStates(c, {{1, Role::kFollower, 2}, {3, Role::kFollower, 1}});
  ASSERT_EQ(AllEntries(c.raft(3).log()), AllEntries(c.raft(1).log()));

  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 2}, {3, Role::kFollower, 2}});

  TickUntilTimeout(c, 3);
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 3}, {3, Role::kLeader, 3}});
  EXPECT_EQ(c.raft(1).lead(), 3u);
}

// ---------------------------------------------------------------------------------------------
// Leadership transfer against the leader's clock.

// A transfer must finish within an election timeout (thesis §3.10), counted by the leader's
// ticks from the request: a transferee that never answers (caught up, but its TimeoutNow is
// lost; or behind, and the entries it misses are lost) leaves the leader leading.
TEST(LeaderTransfer, Tick_AbortsAfterElectionTimeoutWhenTransfereeNeverAnswers) {
  for (bool lagging : {false, true}) {
    SCOPED_TRACE(lagging ? "transferee behind" : "transferee caught up");
    Cluster c(3);
    Elect(c, 1);
    c.Isolate(3);
    if (lagging) {
      ASSERT_TRUE(c.Propose(1, "missed by 3").ok());
      c.DeliverAll();
    }
    ASSERT_TRUE(c.TransferLeader(1, 3).ok());
    ASSERT_EQ(c.raft(1).lead_transferee(), 3u);
    EXPECT_EQ(OfType(c.in_flight(), MessageType::kTimeoutNow).size(), lagging ? 0u : 1u);

    TickLeader(c, 1, kElectionTick - 1);
    EXPECT_EQ(c.raft(1).lead_transferee(), 3u);

    TickLeader(c, 1, 1);
    EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
    ExpectStates(c, {{1, Role::kLeader, 1}, {3, Role::kFollower, 1}});
    EXPECT_EQ(c.raft(2).lead(), 1u);
  }
}

// A second request for the transfer under way changes nothing: no second TimeoutNow, and the
// deadline stays where the first request put it, as in etcd.
TEST(LeaderTransfer, TransferLeader_RepeatedToSameNodeKeepsTheDeadline) {
  Cluster c(3);
  Elect(c, 1);
  c.Isolate(3);
  ASSERT_TRUE(c.TransferLeader(1, 3).ok());
  c.DeliverAll();  // the TimeoutNow is lost
  // Any point inside the timeout.
  constexpr int kBeforeRepeat = kElectionTick / 2;
  TickLeader(c, 1, kBeforeRepeat);

  ASSERT_TRUE(c.TransferLeader(1, 3).ok());
  EXPECT_TRUE(OfType(c.in_flight(), MessageType::kTimeoutNow).empty());
  EXPECT_EQ(c.raft(1).lead_transferee(), 3u);

  TickLeader(c, 1, kElectionTick - kBeforeRepeat - 1);
  EXPECT_EQ(c.raft(1).lead_transferee(), 3u);
  TickLeader(c, 1, 1);  // an election timeout after the first request
  EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
  EXPECT_EQ(c.raft(1).role(), Role::kLeader);
}

// A request to another node replaces the pending transfer, and that one goes through.
TEST(LeaderTransfer, TransferLeader_ToAnotherNodeReplacesPendingTransfer) {
  Cluster c(3);
  Elect(c, 1);
  c.Isolate(3);
  ASSERT_TRUE(c.TransferLeader(1, 3).ok());
  c.DeliverAll();  // the TimeoutNow to 3 is lost
  ASSERT_EQ(c.raft(1).lead_transferee(), 3u);

  ASSERT_TRUE(c.TransferLeader(1, 2).ok());

  EXPECT_EQ(c.raft(1).lead_transferee(), 2u);
  EXPECT_EQ(c.in_flight(), std::vector<Message>{Msg(MessageType::kTimeoutNow, 1, 2, 1)});
  c.DeliverAll();
  ExpectStates(c, {{1, Role::kFollower, 2}, {2, Role::kLeader, 2}});
  EXPECT_EQ(c.raft(1).lead(), 2u);
  EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
}

// The replacing transfer gets a whole election timeout of its own, from its request.
TEST(LeaderTransfer, TransferLeader_ToAnotherNodeRestartsTheDeadline) {
  Cluster c(3);
  Elect(c, 1);
  c.Isolate(3);
  ASSERT_TRUE(c.TransferLeader(1, 3).ok());
  c.DeliverAll();
  constexpr int kBeforeSecond = kElectionTick / 2;  // any point inside the first timeout
  TickLeader(c, 1, kBeforeSecond);

  ASSERT_TRUE(c.TransferLeader(1, 2).ok());
  ASSERT_EQ(c.DropIf([](const Message& m) { return m.type == MessageType::kTimeoutNow; }), 1);

  // Past the first request's deadline, within the second's.
  TickLeader(c, 1, kElectionTick - 1);
  EXPECT_EQ(c.raft(1).lead_transferee(), 2u);
  TickLeader(c, 1, 1);
  EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}});
}

// Transferring to the leader itself aborts a pending transfer: when the lagging transferee
// later catches up, it is not told to campaign, and the leader keeps leading.
TEST(LeaderTransfer, TransferLeader_BackToLeaderAbortsPendingTransfer) {
  Cluster c(3);
  Elect(c, 1);
  c.Isolate(3);
  ASSERT_TRUE(c.Propose(1, "missed by 3").ok());
  c.DeliverAll();
  ASSERT_TRUE(c.TransferLeader(1, 3).ok());
  ASSERT_EQ(c.raft(1).lead_transferee(), 3u);
  c.DeliverAll();

  ASSERT_TRUE(c.TransferLeader(1, 1).ok());

  EXPECT_EQ(c.raft(1).lead_transferee(), kNone);
  EXPECT_TRUE(c.Propose(1, "accepted again").ok());
  c.Heal();
  TickLeader(c, 1, kHeartbeatTick);  // 3 answers the heartbeat and is caught up
  EXPECT_EQ(AllEntries(c.raft(3).log()), AllEntries(c.raft(1).log()));
  ExpectStates(c, {{1, Role::kLeader, 1}, {2, Role::kFollower, 1}, {3, Role::kFollower, 1}});
  EXPECT_EQ(c.raft(3).lead(), 1u);
}

}  // namespace
}  // namespace raft
