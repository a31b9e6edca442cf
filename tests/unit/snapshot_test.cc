// Snapshots between a leader and its followers (Raft §7), in the style of etcd's
// raft_snap_test.go and the restore tests of raft_test.go: white-box Raft nodes, messages
// stepped by hand.
#include <gtest/gtest.h>

#include <vector>

#include "impl/raft.h"
#include "impl/storage.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::EntriesWithTerms;
using test::MakeSnapshot;
using test::Msg;
using test::OfType;
using test::To;

constexpr int kNodes = 3;
// etcd's testingSnap: the leader's log is compacted to index 11, term 11.
constexpr Index kSnapIndex = 11;
constexpr Term kSnapTerm = 11;

// What node `from` answers to a message that reached it, from the leader at `term`.
Message HeartbeatResp(NodeId from, Term term) {
  return Msg(MessageType::kHeartbeatResp, from, 1, term);
}
Message AppResp(NodeId from, Term term, Index index) {
  Message m = Msg(MessageType::kAppResp, from, 1, term);
  m.index = index;
  return m;
}

// Node 1 leads (term 12) a log compacted to the snapshot, plus its no-op at index 12.
class LeaderSnapshotTest : public testing::Test {
 protected:
  LeaderSnapshotTest() : node_(1, kNodes, test::SnapshotStorage(kSnapIndex, kSnapTerm, kNodes)) {
    test::ElectLeader(node_.raft());
  }

  Raft& r() { return node_.raft(); }
  const Progress& pr2() { return r().progress(2); }

  // Node 2 rejects the leader's first append (prev 11): its log is empty. The leader backs
  // next down to 1, whose predecessor is compacted, and returns what it sent.
  std::vector<Message> RejectFrom2() {
    Message rej = Msg(MessageType::kAppResp, 2, 1, r().term());
    rej.index = kSnapIndex;
    rej.reject = true;
    rej.reject_hint = 0;
    r().Step(rej);
    return r().TakeMessages();
  }

  test::TestNode node_;
};

// etcd's TestSendingSnapshotSetPendingSnapshot.
TEST_F(LeaderSnapshotTest, SendAppend_CompactedNextSendsSnapshot) {
  const std::vector<Message> sent = To(RejectFrom2(), 2);

  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].type, MessageType::kSnap);
  EXPECT_EQ(sent[0].snapshot.metadata.index, kSnapIndex);
  EXPECT_EQ(sent[0].snapshot.metadata.term, kSnapTerm);
  EXPECT_EQ(sent[0].snapshot.metadata.conf_state.voters, test::Peers(kNodes));
  EXPECT_EQ(pr2().state, ProgressState::kSnapshot);
  EXPECT_EQ(pr2().pending_snapshot, kSnapIndex);
  EXPECT_EQ(pr2().next, kSnapIndex + 1);
  EXPECT_STREQ(ProgressStateName(pr2().state), "snapshot");
}

// etcd's TestPendingSnapshotPauseReplication: neither proposals nor heartbeat responses send
// anything to a follower that waits for its snapshot.
TEST_F(LeaderSnapshotTest, SendAppend_NothingIsSentInSnapshotState) {
  RejectFrom2();

  r().Step(test::Proposal(1, "x"));
  EXPECT_TRUE(To(r().TakeMessages(), 2).empty());
  r().Step(HeartbeatResp(2, r().term()));
  EXPECT_TRUE(To(r().TakeMessages(), 2).empty());
  EXPECT_EQ(pr2().state, ProgressState::kSnapshot);
  EXPECT_TRUE(pr2().IsPaused());
}

// etcd's TestSnapshotFailure: back to probing from match, paused until a heartbeat response,
// which then sends the snapshot again.
TEST_F(LeaderSnapshotTest, ReportSnapshot_FailureProbesFromMatchAndResendsLater) {
  RejectFrom2();

  EXPECT_TRUE(r().ReportSnapshot(2, /*failure=*/true).ok());
  EXPECT_EQ(pr2().state, ProgressState::kProbe);
  EXPECT_EQ(pr2().pending_snapshot, 0u);
  EXPECT_EQ(pr2().next, 1u);
  EXPECT_TRUE(pr2().msg_app_flow_paused);
  EXPECT_TRUE(r().TakeMessages().empty());

  r().Step(HeartbeatResp(2, r().term()));
  const std::vector<Message> resent = OfType(To(r().TakeMessages(), 2), MessageType::kSnap);
  ASSERT_EQ(resent.size(), 1u);
  EXPECT_EQ(resent[0].snapshot.metadata.index, kSnapIndex);
  EXPECT_EQ(pr2().state, ProgressState::kSnapshot);
}

// etcd's TestSnapshotSucceed: probing from after the snapshot, paused until the follower's
// acknowledgement, which moves it to replicate and sends what follows the snapshot.
TEST_F(LeaderSnapshotTest, ReportSnapshot_SuccessProbesAfterSnapshotThenReplicatesOnAck) {
  RejectFrom2();

  EXPECT_TRUE(r().ReportSnapshot(2, /*failure=*/false).ok());
  EXPECT_EQ(pr2().state, ProgressState::kProbe);
  EXPECT_EQ(pr2().next, kSnapIndex + 1);
  EXPECT_TRUE(pr2().msg_app_flow_paused);
  EXPECT_TRUE(r().TakeMessages().empty());

  r().Step(AppResp(2, r().term(), kSnapIndex));  // the follower installed it
  EXPECT_EQ(pr2().state, ProgressState::kReplicate);
  EXPECT_EQ(pr2().match, kSnapIndex);
  const std::vector<Message> apps = OfType(To(r().TakeMessages(), 2), MessageType::kApp);
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].index, kSnapIndex);
  EXPECT_EQ(apps[0].log_term, kSnapTerm);
  EXPECT_EQ(apps[0].entries, EntriesWithTerms(kSnapIndex + 1, {r().term()}));  // the no-op
}

// etcd's TestSnapshotAbort: the follower's acknowledgement reaching the pending snapshot ends
// the snapshot state even before the application reports it.
TEST_F(LeaderSnapshotTest, HandleAppendResponse_AckReachingPendingSnapshotResumesReplication) {
  RejectFrom2();

  r().Step(AppResp(2, r().term(), kSnapIndex));

  EXPECT_EQ(pr2().state, ProgressState::kReplicate);
  EXPECT_EQ(pr2().pending_snapshot, 0u);
  EXPECT_EQ(pr2().next, kSnapIndex + 2);  // the no-op went out at once
  EXPECT_EQ(pr2().inflights.Count(), 1);
  EXPECT_EQ(OfType(To(r().TakeMessages(), 2), MessageType::kApp).size(), 1u);
  // A late report changes nothing.
  EXPECT_EQ(r().ReportSnapshot(2, /*failure=*/true).code(), Status::Code::kIgnored);
}

TEST_F(LeaderSnapshotTest, HandleAppendResponse_AckBelowPendingSnapshotKeepsWaiting) {
  RejectFrom2();

  r().Step(AppResp(2, r().term(), kSnapIndex - 1));

  EXPECT_EQ(pr2().state, ProgressState::kSnapshot);
  EXPECT_EQ(pr2().match, kSnapIndex - 1);
  EXPECT_TRUE(To(r().TakeMessages(), 2).empty());
}

TEST_F(LeaderSnapshotTest, ReportSnapshot_IgnoredUnlessWaitingAndInvalidForUnknownPeer) {
  EXPECT_EQ(r().ReportSnapshot(2, false).code(), Status::Code::kIgnored);  // probing, no snapshot
  EXPECT_EQ(r().ReportSnapshot(9, false).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r().ReportSnapshot(1, false).code(), Status::Code::kInvalidArgument);  // itself

  test::TestNode follower(2, kNodes);
  EXPECT_EQ(follower->ReportSnapshot(1, false).code(), Status::Code::kIgnored);
}

// While the application builds a snapshot (Unavailable) the leader sends nothing and stays in
// probe; the next heartbeat response tries again.
TEST(LeaderSnapshot, SendAppend_UnavailableSnapshotIsRetriedOnHeartbeatResponse) {
  test::FaultyStorage storage(test::SnapshotStorage(kSnapIndex, kSnapTerm, kNodes));
  Raft r(test::MakeConfig(1, kNodes, &storage));
  test::ElectLeader(r);
  storage.SetSnapshotUnavailable(true);
  Message rej = Msg(MessageType::kAppResp, 2, 1, r.term());
  rej.index = kSnapIndex;
  rej.reject = true;
  r.Step(rej);

  EXPECT_TRUE(To(r.TakeMessages(), 2).empty());
  EXPECT_EQ(r.progress(2).state, ProgressState::kProbe);
  EXPECT_FALSE(r.progress(2).IsPaused());

  storage.SetSnapshotUnavailable(false);
  r.Step(HeartbeatResp(2, r.term()));
  EXPECT_EQ(OfType(To(r.TakeMessages(), 2), MessageType::kSnap).size(), 1u);
  EXPECT_EQ(r.progress(2).state, ProgressState::kSnapshot);
}

// A storage that cannot read the leader's own log is not a reason to send a snapshot: etcd
// panics, and so do we.
TEST(LeaderSnapshot, SendAppend_IOErrorReadingPrevTermAborts) {
  test::FaultyStorage storage(test::SnapshotStorage(kSnapIndex, kSnapTerm, kNodes));
  Raft r(test::MakeConfig(1, kNodes, &storage));
  test::ElectLeader(r);
  storage.FailTermAt(kSnapIndex, Status::IOError("disk: cannot read"));
  EXPECT_DEATH(r.Step(HeartbeatResp(2, r.term())), "the leader reads its own log");
}

// ---- Follower: etcd's handleSnapshot and restore --------------------------------------------

Message SnapFrom1(Term term, Snapshot snapshot) {
  Message m = Msg(MessageType::kSnap, 1, 2, term);
  m.snapshot = std::move(snapshot);
  return m;
}

// etcd's TestRestore / TestRestoreFromSnapMsg: a follower behind the snapshot replaces its log
// and acknowledges the snapshot's index.
TEST(FollowerSnapshot, HandleSnapshot_BehindFollowerRestoresAndAcknowledgesLastIndex) {
  test::TestNode f(
      2, kNodes, test::StorageWith(EntriesWithTerms(1, {1, 1}), HardState{.term = 1, .commit = 1}));

  EXPECT_TRUE(f->Step(SnapFrom1(kSnapTerm + 1, MakeSnapshot(kSnapIndex, kSnapTerm, kNodes))).ok());

  EXPECT_EQ(f->term(), kSnapTerm + 1);
  EXPECT_EQ(f->lead(), 1u);
  EXPECT_TRUE(f->log().HasUnstableSnapshot());
  EXPECT_EQ(f->log().FirstIndex(), kSnapIndex + 1);
  EXPECT_EQ(f->log().LastIndex(), kSnapIndex);
  EXPECT_EQ(f->log().LastTerm(), kSnapTerm);
  EXPECT_EQ(f->log().committed(), kSnapIndex);
  EXPECT_EQ(f->log().applied(), 0u);  // until the application applied the snapshot
  const std::vector<Message> out = f->TakeMessages();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, MessageType::kAppResp);
  EXPECT_EQ(out[0].index, kSnapIndex);
  EXPECT_FALSE(out[0].reject);
}

// etcd's TestRestoreIgnoreSnapshot: a snapshot at or below the commit index is old news.
TEST(FollowerSnapshot, HandleSnapshot_AtOrBelowCommitIsIgnoredAndAnsweredWithCommit) {
  test::TestNode f(
      2, kNodes,
      test::StorageWith(EntriesWithTerms(1, {1, 1, 1}), HardState{.term = 1, .commit = 3}));

  EXPECT_EQ(f->Step(SnapFrom1(1, MakeSnapshot(2, 1, kNodes))).code(), Status::Code::kIgnored);

  EXPECT_FALSE(f->log().HasUnstableSnapshot());
  EXPECT_EQ(f->log().LastIndex(), 3u);
  const std::vector<Message> out = f->TakeMessages();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, MessageType::kAppResp);
  EXPECT_EQ(out[0].index, 3u);
}

// Our log has the snapshot's last entry: Log Matching makes everything up to it committed,
// and the entries after it stay.
TEST(FollowerSnapshot, HandleSnapshot_MatchingLogFastForwardsCommitWithoutRestoring) {
  test::TestNode f(
      2, kNodes,
      test::StorageWith(EntriesWithTerms(1, {1, 1, 1}), HardState{.term = 1, .commit = 1}));

  EXPECT_TRUE(f->Step(SnapFrom1(1, MakeSnapshot(2, 1, kNodes))).ok());

  EXPECT_FALSE(f->log().HasUnstableSnapshot());
  EXPECT_EQ(f->log().committed(), 2u);
  EXPECT_EQ(f->log().LastIndex(), 3u);
  const std::vector<Message> out = f->TakeMessages();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].index, 2u);
}

TEST(FollowerSnapshot, HandleSnapshot_ConflictingLogIsReplaced) {
  test::TestNode f(
      2, kNodes,
      test::StorageWith(EntriesWithTerms(1, {1, 1, 1}), HardState{.term = 1, .commit = 1}));

  EXPECT_TRUE(f->Step(SnapFrom1(2, MakeSnapshot(3, 2, kNodes))).ok());

  EXPECT_TRUE(f->log().HasUnstableSnapshot());
  EXPECT_EQ(*f->log().TermAt(3), 2u);
  EXPECT_EQ(f->log().committed(), 3u);
  EXPECT_EQ(f->TakeMessages().at(0).index, 3u);
}

// A snapshot of a configuration without us is refused, unanswered (etcd likewise); one of
// another configuration with us is installed, and its configuration is then ours.
TEST(FollowerSnapshot, HandleSnapshot_ConfigurationWithoutUsIsIgnored) {
  test::TestNode f(3, kNodes);

  Message snap = SnapFrom1(1, MakeSnapshot(5, 1, /*n=*/2));
  snap.to = 3;
  const Status s = f->Step(snap);
  EXPECT_EQ(s.code(), Status::Code::kIgnored) << s.ToString();

  EXPECT_FALSE(f->log().HasUnstableSnapshot());
  EXPECT_EQ(f->log().committed(), 0u);
  EXPECT_TRUE(f->TakeMessages().empty());
}

TEST(FollowerSnapshot, HandleSnapshot_TakesTheSnapshotsConfiguration) {
  test::TestNode f(2, kNodes);
  ASSERT_TRUE(f->Step(SnapFrom1(1, MakeSnapshot(5, 1, /*n=*/2))).ok());
  EXPECT_TRUE(f->log().HasUnstableSnapshot());
  EXPECT_EQ(f->tracker().config().voters.incoming.ids(), (std::vector<NodeId>{1, 2}));
}

// etcd's stepCandidate: a snapshot comes from a leader of our term, so we follow it.
TEST(FollowerSnapshot, Step_CandidateReceivingSnapshotFollowsAndRestores) {
  test::TestNode c(2, kNodes);
  c->Step(test::Local(MessageType::kHup, 2));
  ASSERT_EQ(c->role(), Role::kCandidate);
  c->TakeMessages();

  EXPECT_TRUE(c->Step(SnapFrom1(c->term(), MakeSnapshot(4, 1, kNodes))).ok());

  EXPECT_EQ(c->role(), Role::kFollower);
  EXPECT_EQ(c->lead(), 1u);
  EXPECT_EQ(c->log().committed(), 4u);
}

TEST(FollowerSnapshot, Step_MalformedSnapshotMessageIsInvalidArgument) {
  test::TestNode f(2, kNodes);
  EXPECT_EQ(f->Step(SnapFrom1(1, Snapshot{})).code(), Status::Code::kInvalidArgument);
  // A snapshot's term is that of an entry the sender had, so never above the sender's term.
  EXPECT_EQ(f->Step(SnapFrom1(1, MakeSnapshot(4, 2, kNodes))).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(f->log().committed(), 0u);
}

}  // namespace
}  // namespace raft
