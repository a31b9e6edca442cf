// The seeded bugs of snapshots and compaction (bugs.h), each shown at the unit level next to the
// correct behaviour with the bug off.
#include <gtest/gtest.h>

#include <vector>

#include "impl/raft.h"
#include "impl/raft_log.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::EntriesWithTerms;
using test::MakeSnapshot;
using test::Msg;
using test::OfType;
using test::To;

constexpr int kNodes = 3;

std::function<void(Config&)> WithBug(Bug bug, bool on) {
  return [bug, on](Config& c) {
    if (on) c.bugs.Add(bug);
  };
}

// ---- snapshot-term-lowers -------------------------------------------------------------------

// Node 2 voted for node 1 in term 5 and now follows it; node 1 sends a snapshot whose last
// entry has term 3. Installing it must leave term and vote alone; with the bug they go back to
// term 3 and no vote, and node 2 then votes a second time in term 5.
class SnapshotTermLowersTest : public testing::TestWithParam<bool> {};

TEST_P(SnapshotTermLowersTest, HandleSnapshot_TermAndVoteOfTheNode) {
  const bool bug = GetParam();
  test::TestNode f(2, kNodes,
                   test::StorageWith(EntriesWithTerms(1, {1}), HardState{.term = 5, .vote = 1}),
                   WithBug(Bug::kSnapshotTermLowers, bug));
  Message snap = Msg(MessageType::kSnap, 1, 2, 5);
  snap.snapshot = MakeSnapshot(10, 3, kNodes);

  ASSERT_TRUE(f->Step(snap).ok());
  f->TakeMessages();

  EXPECT_EQ(f->log().committed(), 10u);  // restored either way
  EXPECT_EQ(f->term(), bug ? 3u : 5u);
  EXPECT_EQ(f->vote(), bug ? kNone : 1u);

  // Node 3 campaigns in term 5 with a log as good as ours.
  Message vote = Msg(MessageType::kVote, 3, 2, 5);
  vote.index = 10;
  vote.log_term = 3;
  f->Step(vote);
  const std::vector<Message> resp = OfType(f->TakeMessages(), MessageType::kVoteResp);
  ASSERT_EQ(resp.size(), 1u);
  EXPECT_EQ(resp[0].reject, !bug) << "a second vote in term 5 only with the bug";
}

INSTANTIATE_TEST_SUITE_P(BugOffOn, SnapshotTermLowersTest, testing::Bool());

// ---- compacted-term-zero --------------------------------------------------------------------

class CompactedTermZeroTest : public testing::TestWithParam<bool> {};

// The log compacted to index 5: with the bug, a compacted index reads as term 0, so a probe
// with log_term 0 there "matches" (etcd-io/raft PR #31); without it the term is unknown.
TEST_P(CompactedTermZeroTest, TermAt_CompactedIndex) {
  const bool bug = GetParam();
  const MemoryStorage storage = test::SnapshotStorage(5, 2, kNodes);
  BugSet bugs;
  if (bug) bugs.Add(Bug::kCompactedTermZero);
  const RaftLog log(&storage, 0, bugs);

  const Result<Term> t = log.TermAt(3);
  EXPECT_EQ(t.ok(), bug);
  if (bug) {
    EXPECT_EQ(*t, 0u);
  }
  if (!bug) {
    EXPECT_EQ(t.status().code(), Status::Code::kCompacted);
  }
  EXPECT_EQ(log.MatchTerm(3, 0), bug);
  EXPECT_EQ(*log.TermAt(5), 2u);  // the snapshot's own index is right either way
}

INSTANTIATE_TEST_SUITE_P(BugOffOn, CompactedTermZeroTest, testing::Bool());

// What that does to a leader whose follower needs compacted entries: without the bug it sends
// its snapshot; with it, the term "known" for the compacted index makes it go for an append
// whose entries are gone, a broken invariant (the explorer's node-invariant).
TEST(CompactedTermZero, SendAppend_LeaderWithBugBreaksItsLogInvariant) {
  for (const bool bug : {false, true}) {
    SCOPED_TRACE(bug ? "bug on" : "bug off");
    test::TestNode leader(1, kNodes, test::SnapshotStorage(11, 11, kNodes),
                          WithBug(Bug::kCompactedTermZero, bug));
    test::ElectLeader(leader.raft());
    Message rej = Msg(MessageType::kAppResp, 2, 1, leader->term());
    rej.index = 11;
    rej.reject = true;  // node 2's log is empty: next goes back to 1
    if (bug) {
      EXPECT_DEATH(leader->Step(rej), "the entries after a known term are in the log");
    } else {
      leader->Step(rej);
      EXPECT_EQ(OfType(To(leader->TakeMessages(), 2), MessageType::kSnap).size(), 1u);
    }
  }
}

// ---- empty-append-not-snapshot --------------------------------------------------------------

// Node 1 leads a log compacted to 11; node 2 holds one entry of its own at index 1.
struct LaggingPair {
  explicit LaggingPair(bool bug)
      : leader(1, kNodes, test::SnapshotStorage(11, 11, kNodes),
               WithBug(Bug::kEmptyAppendNotSnapshot, bug)),
        follower(2, kNodes, test::StorageWith(EntriesWithTerms(1, {1}), HardState{.term = 1})) {
    for (const Message& m : test::ElectLeader(leader.raft())) {
      if (m.to == 2) follower->Step(m);
    }
  }
  // Delivers between the two (messages to node 3 are lost) and lets the leader heartbeat.
  void Run(int heartbeats, bool* saw_snapshot, bool* saw_empty_probe) {
    for (int i = 0; i <= heartbeats; ++i) {
      test::Pump({&leader.raft(), &follower.raft()}, [&](const Message& m) {
        *saw_snapshot |= m.type == MessageType::kSnap;
        *saw_empty_probe |=
            m.type == MessageType::kApp && m.to == 2 && m.entries.empty() && m.log_term == 0;
        return true;
      });
      leader->Step(test::Local(MessageType::kBeat, 1));
    }
  }
  test::TestNode leader;
  test::TestNode follower;
};

TEST(EmptyAppendNotSnapshot, SendAppend_BugOffCatchesUpWithSnapshot) {
  LaggingPair p(/*bug=*/false);
  bool saw_snapshot = false;
  bool saw_empty_probe = false;
  p.Run(3, &saw_snapshot, &saw_empty_probe);

  EXPECT_TRUE(saw_snapshot);
  EXPECT_FALSE(saw_empty_probe);
  EXPECT_EQ(p.follower->log().LastIndex(), p.leader->log().LastIndex());
  EXPECT_EQ(p.follower->log().committed(), p.leader->log().committed());
}

// With the bug the leader sends an empty append at next - 1 with log term 0 where it needs a
// snapshot: the follower rejects it (or matches only at index 0), and never catches up.
TEST(EmptyAppendNotSnapshot, SendAppend_BugOnSendsEmptyProbesAndFollowerLagsForEver) {
  LaggingPair p(/*bug=*/true);
  bool saw_snapshot = false;
  bool saw_empty_probe = false;
  p.Run(10, &saw_snapshot, &saw_empty_probe);

  EXPECT_FALSE(saw_snapshot);
  EXPECT_TRUE(saw_empty_probe);
  EXPECT_EQ(p.follower->log().LastIndex(), 1u);
  EXPECT_EQ(p.follower->log().committed(), 0u);
  EXPECT_NE(p.leader->progress(2).state, ProgressState::kReplicate);
}

}  // namespace
}  // namespace raft
