// Lease-based reads (Config::read_only_option = kLeaseBased, thesis §6.4.1; raw_node.h states
// the clock assumption) and the clock-related requests around them: ForgetLeader and
// ReportUnreachable. White-box Raft nodes with the etcd test timers (election 10, heartbeat 1),
// so the lease lasts 10 - 2 * (0 + 1) = 8 ticks.
#include <gtest/gtest.h>

#include <vector>

#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::ElectLeaderAndCommitNoop;
using test::Msg;
using test::OfType;
using test::TestNode;

void LeaseBased(Config& c) {
  c.check_quorum = true;
  c.read_only_option = ReadOnlyOption::kLeaseBased;
}

ReadId MustRead(Raft& r) {
  Result<ReadId> id = r.RequestRead();
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

// The answer of `from` to the heartbeat `hb`.
Message AnswerHeartbeat(const Message& hb) {
  Message r = Msg(MessageType::kHeartbeatResp, hb.to, hb.from, hb.term);
  r.context = hb.context;
  return r;
}

// Starts a read at leader r, lets `ticks` ticks pass, then has node 2 answer the round (a
// quorum of 3 with the leader). Returns the read's id.
ReadId ConfirmRoundAfter(Raft& r, int ticks) {
  const ReadId id = MustRead(r);
  std::vector<Message> beats = OfType(r.TakeMessages(), MessageType::kHeartbeat);
  EXPECT_EQ(beats.size(), 2u) << "a read without a lease starts a heartbeat round";
  for (int i = 0; i < ticks; ++i) r.Tick();
  r.TakeMessages();
  for (const Message& hb : beats) {
    if (hb.to == 2) r.Step(AnswerHeartbeat(hb));
  }
  return id;
}

// True when a read taken now is answered at once, without a heartbeat round.
bool AnsweredAtOnce(Raft& r) {
  r.TakeReadStates();
  const ReadId id = MustRead(r);
  const std::vector<ReadState> states = r.TakeReadStates();
  const bool at_once = states.size() == 1 && states[0].id == id && states[0].ok &&
                       OfType(r.TakeMessages(), MessageType::kHeartbeat).empty();
  r.TakeMessages();
  return at_once;
}

TEST(LeaseRead, Validate_LeaseNeedsCheckQuorumAndRoomForTheDrift) {
  TestNode node(1, 3);
  Config c = test::MakeConfig(1, 3, &node.storage());
  c.read_only_option = ReadOnlyOption::kLeaseBased;
  EXPECT_FALSE(c.Validate().ok()) << "without check_quorum";
  c.check_quorum = true;
  EXPECT_TRUE(c.Validate().ok()) << c.Validate().ToString();
  EXPECT_EQ(c.LeaseTicks(), 8);
  c.max_clock_drift = 4;  // 10 - 2 * 5 = 0: no lease left
  EXPECT_FALSE(c.Validate().ok());
  c.max_clock_drift = 3;
  EXPECT_EQ(c.LeaseTicks(), 2);
  EXPECT_TRUE(c.Validate().ok());
}

TEST(LeaseRead, RequestRead_WithinTheLeaseIsAnsweredWithoutARound) {
  TestNode node(1, 3, {}, LeaseBased);
  Raft& r = node.raft();
  ElectLeaderAndCommitNoop(r);
  const ReadId first = ConfirmRoundAfter(r, 0);
  const std::vector<ReadState> states = r.TakeReadStates();
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].id, first);
  EXPECT_TRUE(states[0].ok);

  EXPECT_TRUE(AnsweredAtOnce(r));
}

TEST(LeaseRead, RequestRead_LeaseLastsLeaseTicksFromTheRoundStart) {
  for (int before_ack : {0, 3}) {
    SCOPED_TRACE(before_ack);
    TestNode node(1, 3, {}, LeaseBased);
    Raft& r = node.raft();
    ElectLeaderAndCommitNoop(r);
    ConfirmRoundAfter(r, before_ack);
    const int left = 8 - before_ack;  // the lease counts from when the round began
    for (int i = 0; i < left - 1; ++i) r.Tick();
    r.TakeMessages();
    EXPECT_TRUE(AnsweredAtOnce(r)) << "one tick of the lease left";
    r.Tick();
    r.TakeMessages();
    EXPECT_FALSE(AnsweredAtOnce(r)) << "the lease ran out";
  }
}

TEST(LeaseRead, RequestRead_SafeReadsNeverUseALease) {
  TestNode node(1, 3, {}, [](Config& c) { c.check_quorum = true; });
  Raft& r = node.raft();
  ElectLeaderAndCommitNoop(r);
  ConfirmRoundAfter(r, 0);
  EXPECT_FALSE(AnsweredAtOnce(r));
}

TEST(LeaseRead, TransferLeader_TimeoutNowEndsTheLeaseForTheTerm) {
  TestNode node(1, 3, {}, LeaseBased);
  Raft& r = node.raft();
  ElectLeaderAndCommitNoop(r);
  ConfirmRoundAfter(r, 0);
  ASSERT_TRUE(AnsweredAtOnce(r));

  r.Step(test::Local(MessageType::kTransferLeader, 2));  // 2 is caught up: TimeoutNow at once
  ASSERT_EQ(OfType(r.TakeMessages(), MessageType::kTimeoutNow).size(), 1u);
  r.Step(test::Local(MessageType::kTransferLeader, 1));  // abort: leadership stays here
  ASSERT_EQ(r.role(), Role::kLeader);

  EXPECT_FALSE(AnsweredAtOnce(r)) << "2 may still campaign, granted inside every lease";
}

// A node may have acknowledged a leader's round just before it crashed: after a restart it
// refuses candidates for an election timeout, as it would have had it stayed up.
TEST(LeaseRead, Restart_NodeWithATermRefusesCandidatesForAnElectionTimeout) {
  MemoryStorage storage = test::StorageWith(test::EntriesWithTerms(1, {1}),
                                            HardState{.term = 1, .vote = 1, .commit = 1});
  TestNode node(2, 3, storage, LeaseBased);
  Raft& r = node.raft();
  Message vote = Msg(MessageType::kVote, 3, 2, 2);
  vote.log_term = 1;
  vote.index = 1;

  EXPECT_EQ(r.Step(vote).code(), Status::Code::kIgnored);
  for (int i = 0; i < test::kElectionTick - 1; ++i) r.Tick();
  EXPECT_EQ(r.Step(vote).code(), Status::Code::kIgnored) << "one tick short";
  r.Tick();
  r.TakeMessages();
  ASSERT_TRUE(r.Step(vote).ok());
  EXPECT_EQ(r.vote(), 3u);
}

TEST(LeaseRead, Restart_FreshNodeHasNoLeaseToHonour) {
  TestNode node(2, 3, {}, LeaseBased);
  Message vote = Msg(MessageType::kVote, 3, 2, 1);
  ASSERT_TRUE(node->Step(vote).ok());
  EXPECT_EQ(node->vote(), 3u);
}

TEST(ForgetLeader, Follower_StopsRefusingCandidatesAndFailsItsReads) {
  TestNode node(2, 3, {}, [](Config& c) { c.check_quorum = true; });
  Raft& r = node.raft();
  ASSERT_TRUE(r.Step(Msg(MessageType::kHeartbeat, 1, 2, 1)).ok());
  r.TakeMessages();
  const ReadId read = MustRead(r);
  r.TakeMessages();
  Message vote = Msg(MessageType::kVote, 3, 2, 2);
  ASSERT_EQ(r.Step(vote).code(), Status::Code::kIgnored) << "in the leader's lease";

  ASSERT_TRUE(r.ForgetLeader().ok());
  EXPECT_EQ(r.lead(), kNone);
  EXPECT_EQ(r.term(), 1u);
  EXPECT_EQ(r.TakeReadStates(), (std::vector<ReadState>{{.id = read, .index = 0, .ok = false}}));
  ASSERT_TRUE(r.Step(vote).ok());
  EXPECT_EQ(r.vote(), 3u);
}

TEST(ForgetLeader, IgnoredWithLeaseReadsAndByALeader) {
  TestNode follower(2, 3, {}, LeaseBased);
  ASSERT_TRUE(follower->Step(Msg(MessageType::kHeartbeat, 1, 2, 1)).ok());
  EXPECT_EQ(follower->ForgetLeader().code(), Status::Code::kIgnored);
  EXPECT_EQ(follower->lead(), 1u);

  TestNode leader(1, 3);
  ElectLeaderAndCommitNoop(leader.raft());
  EXPECT_EQ(leader->ForgetLeader().code(), Status::Code::kIgnored);
  EXPECT_EQ(leader->lead(), 1u);
}

TEST(ReportUnreachable, Leader_PutsAReplicatingFollowerBackToProbing) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  ElectLeaderAndCommitNoop(r);
  ASSERT_EQ(r.progress(2).state, ProgressState::kReplicate);

  ASSERT_TRUE(r.ReportUnreachable(2).ok());
  EXPECT_EQ(r.progress(2).state, ProgressState::kProbe);
  EXPECT_EQ(r.progress(3).state, ProgressState::kReplicate);
  EXPECT_EQ(r.ReportUnreachable(1).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.ReportUnreachable(7).code(), Status::Code::kInvalidArgument);

  TestNode follower(2, 3);
  EXPECT_EQ(follower->ReportUnreachable(1).code(), Status::Code::kIgnored);
}

}  // namespace
}  // namespace raft
