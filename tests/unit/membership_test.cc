// Membership changes (thesis §4, etcd-raft's design) on a Cluster: simple changes, joint
// consensus entered and left (automatically and explicitly), learners, removing the leader,
// one pending change at a time, and no campaign while a committed change is unapplied. The
// names follow etcd's raft tests where one exists (TestAddNode, TestRemoveNode, ...).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "impl/confchange/changer.h"
#include "impl/confchange/conf_change.h"
#include "impl/harness/cluster.h"
#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::kElectionTick;
using test::Msg;

ConfChangeV2 Add(NodeId id) { return SimpleChange(ConfChangeType::kAddNode, id); }
ConfChangeV2 Remove(NodeId id) { return SimpleChange(ConfChangeType::kRemoveNode, id); }
ConfChangeV2 AddLearner(NodeId id) { return SimpleChange(ConfChangeType::kAddLearnerNode, id); }
ConfChangeV2 Joint(ConfChangeTransition t, std::vector<ConfChangeSingle> changes) {
  return ConfChangeV2{.transition = t, .changes = std::move(changes)};
}

// A cluster of `n` nodes whose starting configuration is `voters`, led by node 1.
Cluster LedByOne(int n, std::vector<NodeId> voters, Config base = Config()) {
  Cluster c(n, base, std::move(voters));
  EXPECT_TRUE(c.Campaign(1).ok());
  c.DeliverAll();
  EXPECT_EQ(c.Leader(), 1u);
  return c;
}

ConfState ConfigOf(const Cluster& c, NodeId id) {
  return c.raft(id).tracker().config().ToConfState();
}

// With `cut` isolated, a write at leader 1 does not commit: the rest is no quorum.
void ExpectNoCommitWithout(Cluster& c, std::vector<NodeId> cut, const std::string& data) {
  for (NodeId id : cut) c.Isolate(id);
  const Index before = c.raft(1).log().committed();
  ASSERT_TRUE(c.Propose(1, data).ok());
  c.DeliverAll();
  EXPECT_EQ(c.raft(1).log().committed(), before) << "committed without " << ::testing::PrintToString(cut);
}

// Proposes `cc` at the leader and delivers everything: committed and applied everywhere.
void Change(Cluster& c, const ConfChangeV2& cc, NodeId leader = 1) {
  ASSERT_TRUE(c.ProposeConfChange(leader, cc).ok()) << DescribeConfChange(cc);
  c.DeliverAll();
}

// ---- Simple changes ---------------------------------------------------------------------------

// TestAddNode: the new voter is in every member's configuration once the entry is applied,
// gets the log, and counts for commit from then on.
TEST(Membership, AddNode_NewVoterReplicatedAndCounted) {
  Cluster c = LedByOne(4, {1, 2, 3});
  EXPECT_EQ(c.raft(1).tracker().Find(4), nullptr);
  Change(c, Add(4));
  for (NodeId id : {1, 2, 3, 4}) {
    EXPECT_EQ(ConfigOf(c, id).voters, (std::vector<NodeId>{1, 2, 3, 4})) << "node " << id;
  }
  EXPECT_EQ(c.raft(4).log().committed(), c.raft(1).log().committed());
  // Four voters: a majority is three. With 3 and 4 cut off, nothing commits any more.
  ExpectNoCommitWithout(c, {3, 4}, "x");
}

// TestRemoveNode: the removed voter no longer counts: two of the remaining two commit.
TEST(Membership, RemoveNode_RemovedVoterNoLongerCounted) {
  Cluster c = LedByOne(3, {1, 2, 3});
  Change(c, Remove(3));
  EXPECT_EQ(ConfigOf(c, 1).voters, (std::vector<NodeId>{1, 2}));
  EXPECT_EQ(c.raft(1).tracker().Find(3), nullptr);
  c.Crash(3);
  ASSERT_TRUE(c.Propose(1, "x").ok());
  c.DeliverAll();
  EXPECT_EQ(c.raft(1).log().committed(), c.raft(1).log().LastIndex());
}

// A configuration takes effect when applied, not when appended: the leader still counts
// the old voters while the entry is uncommitted.
TEST(Membership, ConfigurationTakesEffectWhenApplied) {
  Cluster c = LedByOne(4, {1, 2, 3});
  c.Isolate(2);
  c.Isolate(3);
  ASSERT_TRUE(c.ProposeConfChange(1, Add(4)).ok());
  c.DeliverAll();
  EXPECT_EQ(ConfigOf(c, 1).voters, (std::vector<NodeId>{1, 2, 3}));
  c.Heal();
  c.TickAll();
  c.DeliverAll();
  EXPECT_EQ(ConfigOf(c, 1).voters, (std::vector<NodeId>{1, 2, 3, 4}));
}

// A simple change touching two voters is refused when applied (it could split majorities).
TEST(Membership, SimpleChangeOfTwoVotersRefused) {
  Cluster c = LedByOne(5, {1, 2, 3});
  const ConfChangeV2 two{.transition = ConfChangeTransition::kAuto,
                         .changes = {{ConfChangeType::kAddNode, 4}, {ConfChangeType::kAddNode, 5}}};
  bool auto_leave = false;
  ASSERT_TRUE(two.EntersJoint(&auto_leave));  // two changes with kAuto: a joint change
  Result<TrackerConfig> simple =
      confchange::Simple(c.raft(1).tracker().config(), two.changes);
  EXPECT_EQ(simple.status().code(), Status::Code::kInvalidArgument);
}

// ---- One change at a time ---------------------------------------------------------------------

// TestProposalByProxy's sibling for changes: a second change is refused while the first is
// not applied (etcd's pendingConfIndex), and taken once it is.
TEST(Membership, SecondChangeRefusedWhilePending) {
  Cluster c = LedByOne(5, {1, 2, 3});
  c.Isolate(2);
  c.Isolate(3);
  ASSERT_TRUE(c.ProposeConfChange(1, Add(4)).ok());
  EXPECT_EQ(c.ProposeConfChange(1, Add(5)).code(), Status::Code::kProposalDropped);
  c.Heal();
  c.TickAll();
  c.DeliverAll();
  EXPECT_TRUE(c.ProposeConfChange(1, Add(5)).ok());
  c.DeliverAll();
  EXPECT_EQ(ConfigOf(c, 1).voters, (std::vector<NodeId>{1, 2, 3, 4, 5}));
}

// A new leader takes no change before it applied the log it inherited, which may hold one
// (etcd's pendingConfIndex: Ongaro's 2015 single-server bug needs a change of an earlier term
// left pending and a new change on top of it).
TEST(Membership, NewLeaderWaitsForInheritedLogBeforeAChange) {
  // Node 1 holds an uncommitted change of term 1 and wins term 2.
  MemoryStorage storage;
  storage.Append(std::vector<Entry>{
      Entry{.term = 1, .index = 1, .data = EncodeConfChange(Add(4)), .type = EntryType::kConfChange}});
  storage.SetHardState(HardState{.term = 1});
  Raft r(test::MakeConfig(1, 3, &storage));
  ASSERT_TRUE(r.Step(test::Local(MessageType::kHup, 1)).ok());
  ASSERT_TRUE(r.Step(Msg(MessageType::kVoteResp, 2, 1, 2)).ok());
  ASSERT_EQ(r.role(), Role::kLeader);
  EXPECT_EQ(r.pending_conf_index(), 1u);  // its log's end when elected
  Message prop = test::Local(MessageType::kProp, 1);
  prop.entries.push_back(Entry{.data = EncodeConfChange(Add(5)), .type = EntryType::kConfChange});
  EXPECT_EQ(r.Step(prop).code(), Status::Code::kProposalDropped);
  // Once its empty entry commits (which commits the inherited change) and is applied, it may.
  r.TakeMessages();
  Message ack = Msg(MessageType::kAppResp, 2, 1, 2);
  ack.index = 2;
  ASSERT_TRUE(r.Step(ack).ok());
  ASSERT_EQ(r.log().committed(), 2u);
  r.AppliedTo(2);
  EXPECT_TRUE(r.Step(prop).ok());
  EXPECT_EQ(r.pending_conf_index(), 3u);
}

// etcd #7280 / etcd-io/raft #456: a node with a committed but unapplied change does not
// campaign (it might win under a configuration the others have left).
TEST(Membership, CampaignRefusedWithUnappliedCommittedChange) {
  MemoryStorage storage;
  storage.Append(std::vector<Entry>{
      Entry{.term = 1, .index = 1, .data = EncodeConfChange(Add(4)), .type = EntryType::kConfChange}});
  storage.SetHardState(HardState{.term = 1, .commit = 1});
  Config config = test::MakeConfig(1, 3, &storage);
  Raft r(config);
  ASSERT_EQ(r.log().applied(), 0u);
  const Status s = r.Step(test::Local(MessageType::kHup, 1));
  EXPECT_EQ(s.code(), Status::Code::kIgnored);
  EXPECT_EQ(r.role(), Role::kFollower);
  EXPECT_EQ(r.term(), 1u);
  // Applied: the campaign goes ahead.
  r.mutable_log().AppliedTo(1);
  EXPECT_TRUE(r.Step(test::Local(MessageType::kHup, 1)).ok());
  EXPECT_EQ(r.role(), Role::kCandidate);
}

// ---- Joint consensus -------------------------------------------------------------------------

// kAuto with several changes: the cluster enters the joint configuration, and the leader
// leaves it by itself once it is applied.
TEST(Membership, JointAuto_EnteredAndLeftByTheLeader) {
  Cluster c = LedByOne(5, {1, 2, 3});
  Change(c, Joint(ConfChangeTransition::kAuto,
                  {{ConfChangeType::kAddNode, 4}, {ConfChangeType::kRemoveNode, 3}}));
  for (NodeId id : {1, 2, 4}) {
    const ConfState cs = ConfigOf(c, id);
    EXPECT_EQ(cs.voters, (std::vector<NodeId>{1, 2, 4})) << "node " << id;
    EXPECT_TRUE(cs.voters_outgoing.empty()) << "node " << id << " left the joint configuration";
  }
  // The log holds the joint entry and the leave the leader proposed after it.
  const std::vector<Entry> log = test::AllEntries(c.raft(1).log());
  int changes = 0;
  for (const Entry& e : log) changes += e.type == EntryType::kConfChange;
  EXPECT_EQ(changes, 2);
  EXPECT_TRUE(DecodeConfChange(log.back().data)->LeavesJoint());
}

// kJointExplicit: the joint configuration stays until the application proposes the leave.
TEST(Membership, JointExplicit_StaysUntilLeaveProposed) {
  Cluster c = LedByOne(5, {1, 2, 3});
  Change(c, Joint(ConfChangeTransition::kJointExplicit, {{ConfChangeType::kAddNode, 4}}));
  ConfState cs = ConfigOf(c, 1);
  EXPECT_EQ(cs.voters, (std::vector<NodeId>{1, 2, 3, 4}));
  EXPECT_EQ(cs.voters_outgoing, (std::vector<NodeId>{1, 2, 3}));
  EXPECT_FALSE(cs.auto_leave);
  // In a joint configuration, only the leave is taken.
  EXPECT_EQ(c.ProposeConfChange(1, Add(5)).code(), Status::Code::kProposalDropped);
  Change(c, LeaveJoint());
  cs = ConfigOf(c, 1);
  EXPECT_EQ(cs.voters, (std::vector<NodeId>{1, 2, 3, 4}));
  EXPECT_TRUE(cs.voters_outgoing.empty());
  // Outside one, a leave is refused.
  EXPECT_EQ(c.ProposeConfChange(1, LeaveJoint()).code(), Status::Code::kProposalDropped);
}

// Joint commit needs both majorities: {1,2,3} -> {1,4,5}: node 1 with 2 and 3 (the old
// majority) is not enough, nor with 4 and 5 alone.
TEST(Membership, JointCommitNeedsBothMajorities) {
  Cluster c = LedByOne(5, {1, 2, 3});
  Change(c, Joint(ConfChangeTransition::kJointExplicit,
                  {{ConfChangeType::kAddNode, 4}, {ConfChangeType::kAddNode, 5},
                   {ConfChangeType::kRemoveNode, 2}, {ConfChangeType::kRemoveNode, 3}}));
  ASSERT_EQ(ConfigOf(c, 1).voters, (std::vector<NodeId>{1, 4, 5}));
  ASSERT_EQ(ConfigOf(c, 1).voters_outgoing, (std::vector<NodeId>{1, 2, 3}));
  // Only the outgoing half acknowledges: nothing commits.
  ExpectNoCommitWithout(c, {4, 5}, "old-half-only");
  c.Heal();
  c.TickAll();
  c.DeliverAll();
  EXPECT_EQ(c.raft(1).log().committed(), c.raft(1).log().LastIndex());
  // Only the incoming half acknowledges: nothing commits either.
  ExpectNoCommitWithout(c, {2, 3}, "new-half-only");
}

// Joint elections need both majorities too.
TEST(Membership, JointElectionNeedsBothMajorities) {
  Cluster c = LedByOne(5, {1, 2, 3});
  Change(c, Joint(ConfChangeTransition::kJointExplicit,
                  {{ConfChangeType::kAddNode, 4}, {ConfChangeType::kAddNode, 5},
                   {ConfChangeType::kRemoveNode, 2}, {ConfChangeType::kRemoveNode, 3}}));
  // Node 4 campaigns with the incoming half only reachable.
  c.Isolate(2);
  c.Isolate(3);
  c.Isolate(1);
  ASSERT_TRUE(c.Campaign(4).ok());
  c.DeliverAll();
  EXPECT_NE(c.raft(4).role(), Role::kLeader);
}

// ---- Learners --------------------------------------------------------------------------------

// TestLearnerReceivesEntries / TestLearnerCannotVote / TestLearnerElectionTimeout: a learner gets
// the log, never counts for commit, never campaigns.
TEST(Membership, Learner_ReplicatedNotCountedNeverCampaigns) {
  Cluster c = LedByOne(4, {1, 2, 3});
  Change(c, AddLearner(4));
  EXPECT_EQ(ConfigOf(c, 1).learners, (std::vector<NodeId>{4}));
  ASSERT_TRUE(c.Propose(1, "x").ok());
  c.DeliverAll();
  EXPECT_EQ(c.raft(4).log().committed(), c.raft(1).log().committed());
  // 1 and the learner alone commit nothing.
  ExpectNoCommitWithout(c, {2, 3}, "y");
  EXPECT_EQ(c.raft(1).progress(4).match, c.raft(1).log().LastIndex());
  // Its election timer expires without a campaign.
  c.Heal();
  c.Isolate(4);
  c.Tick(4, 3 * kElectionTick);
  EXPECT_EQ(c.raft(4).role(), Role::kFollower);
  EXPECT_EQ(c.Campaign(4).code(), Status::Code::kIgnored);
}

// TestLearnerPromotion: AddNode for a learner makes it a voter, which may then lead.
TEST(Membership, Learner_PromotedToVoterCanLead) {
  Cluster c = LedByOne(4, {1, 2, 3});
  Change(c, AddLearner(4));
  Change(c, Add(4));
  EXPECT_TRUE(ConfigOf(c, 4).learners.empty());
  EXPECT_EQ(ConfigOf(c, 4).voters, (std::vector<NodeId>{1, 2, 3, 4}));
  ASSERT_TRUE(c.Campaign(4).ok());
  c.DeliverAll();
  EXPECT_EQ(c.Leader(), 4u);
}

// A voter demoted in a joint configuration keeps voting in the outgoing half and becomes a
// learner when the joint configuration is left (learners_next).
TEST(Membership, Learner_DemotedVoterBecomesLearnerOnLeave) {
  Cluster c = LedByOne(3, {1, 2, 3});
  Change(c, Joint(ConfChangeTransition::kJointExplicit, {{ConfChangeType::kAddLearnerNode, 3}}));
  ConfState cs = ConfigOf(c, 1);
  EXPECT_EQ(cs.voters, (std::vector<NodeId>{1, 2}));
  EXPECT_EQ(cs.learners_next, (std::vector<NodeId>{3}));
  EXPECT_TRUE(cs.learners.empty());
  Change(c, LeaveJoint());
  cs = ConfigOf(c, 1);
  EXPECT_EQ(cs.learners, (std::vector<NodeId>{3}));
  EXPECT_TRUE(cs.learners_next.empty());
}

// A vote request from a node outside our configuration is answered (etcd: a learner being
// promoted may ask before we applied its promotion).
TEST(Membership, VoteRequestFromUnknownNodeAnswered) {
  MemoryStorage storage;
  Raft r(test::MakeConfig(1, 3, &storage));
  Message vote = Msg(MessageType::kVote, 4, 1, 1);
  EXPECT_TRUE(r.Step(vote).ok());
  const std::vector<Message> out = r.TakeMessages();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, MessageType::kVoteResp);
  EXPECT_EQ(out[0].to, 4u);
  EXPECT_FALSE(out[0].reject);
}

// ---- Removing the leader ---------------------------------------------------------------------

// TestRemoveLeader with StepDownOnRemoval: the leader applies its own removal and steps down;
// the others elect a leader of the new configuration.
TEST(Membership, RemoveLeader_StepsDown) {
  Cluster c = LedByOne(3, {1, 2, 3});
  Change(c, Remove(1));
  EXPECT_NE(c.raft(1).role(), Role::kLeader);
  EXPECT_EQ(c.Campaign(1).code(), Status::Code::kIgnored);  // no longer a voter
  ASSERT_TRUE(c.Campaign(2).ok());
  c.DeliverAll();
  EXPECT_EQ(c.Leader(), 2u);
  EXPECT_EQ(ConfigOf(c, 2).voters, (std::vector<NodeId>{2, 3}));
}

// Without StepDownOnRemoval the removed leader keeps its role, takes no proposals and counts
// only the voters for commit.
TEST(Membership, RemoveLeader_WithoutStepDownKeepsLeadingButTakesNothing) {
  Config base;
  base.step_down_on_removal = false;
  Cluster c = LedByOne(3, {1, 2, 3}, base);
  Change(c, Remove(1));
  EXPECT_EQ(c.raft(1).role(), Role::kLeader);
  EXPECT_EQ(c.Propose(1, "x").code(), Status::Code::kProposalDropped);
}

// ---- Restarts and snapshots ------------------------------------------------------------------

// A restarted node comes back in the configuration it applied (in memory: the host keeps it).
TEST(Membership, Restart_KeepsAppliedConfiguration) {
  Cluster c = LedByOne(4, {1, 2, 3});
  Change(c, Add(4));
  c.Crash(2);
  c.Restart(2);
  EXPECT_EQ(ConfigOf(c, 2).voters, (std::vector<NodeId>{1, 2, 3, 4}));
}

// A snapshot records the configuration, and a follower that installs it takes it on.
TEST(Membership, Snapshot_CarriesTheConfiguration) {
  Cluster c = LedByOne(4, {1, 2, 3});
  c.Isolate(4);
  Change(c, AddLearner(4));
  ASSERT_TRUE(c.Propose(1, "x").ok());
  c.DeliverAll();
  const Index applied = c.host(1).applied().size();
  ASSERT_TRUE(c.Compact(1, applied).ok());
  EXPECT_EQ(c.host(1).storage().snapshot().metadata.conf_state.learners,
            (std::vector<NodeId>{4}));
  c.Heal();
  c.TickAll();
  c.DeliverAll();
  EXPECT_EQ(c.raft(4).log().committed(), c.raft(1).log().committed());
  EXPECT_EQ(ConfigOf(c, 4).learners, (std::vector<NodeId>{4}));
}

// ---- The conf-change codec -------------------------------------------------------------------

TEST(ConfChangeCodec, RoundTripsAndRejectsMalformed) {
  const ConfChangeV2 cc = Joint(ConfChangeTransition::kJointImplicit,
                                {{ConfChangeType::kAddLearnerNode, 7},
                                 {ConfChangeType::kRemoveNode, 0x0102030405060708ULL}});
  Result<ConfChangeV2> back = DecodeConfChange(EncodeConfChange(cc));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, cc);
  EXPECT_EQ(DescribeConfChange(cc), "joint(auto) learner 7 remove 72623859790382856");
  EXPECT_EQ(DescribeConfChange(LeaveJoint()), "leave-joint");
  EXPECT_FALSE(DecodeConfChange("").ok());
  EXPECT_FALSE(DecodeConfChange(std::string("\x09\x00", 2)).ok());      // unknown transition
  EXPECT_FALSE(DecodeConfChange(std::string("\x00\x01\x00", 3)).ok());  // short change
  std::string bad_type = EncodeConfChange(Add(2));
  bad_type[2] = 9;
  EXPECT_FALSE(DecodeConfChange(bad_type).ok());
}

// A malformed change is refused at the proposal.
TEST(ConfChangeCodec, MalformedProposalIsInvalidArgument) {
  Cluster c = LedByOne(3, {1, 2, 3});
  Message m = test::Local(MessageType::kProp, 1);
  m.entries.push_back(Entry{.data = "x", .type = EntryType::kConfChange});
  EXPECT_EQ(c.Step(1, m).code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace raft
