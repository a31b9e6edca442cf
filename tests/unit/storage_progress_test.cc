// The small pieces: MemoryStorage, Inflights, Progress, Quorum and ReadOnly.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include <vector>

#include "impl/progress.h"
#include "impl/read_only.h"
#include "impl/storage.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::EntriesWithTerms;
using test::StorageWith;

// ---- MemoryStorage --------------------------------------------------------------------------

TEST(MemoryStorage, Append_OverwritesFromFirstNewIndexOn) {
  MemoryStorage s = StorageWith(EntriesWithTerms(1, {1, 2, 3}));

  s.Append(EntriesWithTerms(2, {4}));

  EXPECT_EQ(s.entries(), EntriesWithTerms(1, {1, 4}));  // index 3 went with the old index 2
  EXPECT_EQ(s.LastIndex(), 2u);
}

TEST(MemoryStorage, Append_AtEndExtends) {
  MemoryStorage s = StorageWith(EntriesWithTerms(1, {1}));
  s.Append(EntriesWithTerms(2, {1, 2}));
  EXPECT_EQ(s.entries(), EntriesWithTerms(1, {1, 1, 2}));
}

TEST(MemoryStorage, TermAt_SentinelAndOutOfRange) {
  const MemoryStorage s = StorageWith(EntriesWithTerms(1, {1, 2}));
  EXPECT_EQ(*s.TermAt(0), 0u);
  EXPECT_EQ(*s.TermAt(2), 2u);
  EXPECT_EQ(s.TermAt(3).status().code(), Status::Code::kUnavailable);
}

// Entries(lo, hi, max_size) stops once the entries' sizes (EntrySize: data plus a fixed
// overhead) would exceed max_size, but returns at least one.
TEST(MemoryStorage, Entries_CutAfterMaxSizeButNeverEmpty) {
  const std::vector<Entry> entries = {{1, 1, "0123456789"}, {1, 2, "0123456789"},
                                      {1, 3, "0123456789"}};
  const MemoryStorage s = StorageWith(entries);
  const std::uint64_t each = EntrySize(entries[0]);  // all three have the same size
  struct Case {
    std::uint64_t max_size;
    std::size_t want;
  };
  const Case cases[] = {
      {test::kNoLimit, 3}, {3 * each, 3}, {3 * each - 1, 2}, {2 * each, 2},
      {2 * each - 1, 1},   {each, 1},     {0, 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "max_size " << c.max_size);
    const Result<std::vector<Entry>> got = s.Entries(1, 4, c.max_size);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->size(), c.want);
  }
  EXPECT_EQ(s.Entries(2, 3, test::kNoLimit)->size(), 1u);
}

// ---- Inflights ------------------------------------------------------------------------------

TEST(Inflights, AddUntilFullThenFreeLE) {
  Inflights in(3);
  in.Add(2);
  in.Add(5);
  EXPECT_FALSE(in.Full());
  in.Add(9);
  EXPECT_TRUE(in.Full());
  EXPECT_EQ(in.Count(), 3);

  in.FreeLE(1);  // acknowledges nothing outstanding
  EXPECT_EQ(in.Count(), 3);
  in.FreeLE(5);  // frees 2 and 5
  EXPECT_EQ(in.Count(), 1);
  EXPECT_FALSE(in.Full());
  in.FreeLE(100);
  EXPECT_EQ(in.Count(), 0);
}

// ---- Progress -------------------------------------------------------------------------------

TEST(Progress, MaybeUpdate_RaisesMatchAndNextButIgnoresStaleAck) {
  Progress pr{.match = 3, .next = 5};
  EXPECT_TRUE(pr.MaybeUpdate(4));
  EXPECT_EQ(pr.match, 4u);
  EXPECT_EQ(pr.next, 5u);

  EXPECT_TRUE(pr.MaybeUpdate(7));
  EXPECT_EQ(pr.match, 7u);
  EXPECT_EQ(pr.next, 8u);

  EXPECT_FALSE(pr.MaybeUpdate(6));  // an older acknowledgement
  EXPECT_EQ(pr.match, 7u);
  EXPECT_EQ(pr.next, 8u);
}

// In replicate, next ran ahead; a rejection at or below match answers an old append.
TEST(Progress, MaybeDecrTo_ReplicateFallsBackToMatchPlusOneUnlessStale) {
  Progress pr{.match = 5, .next = 10, .state = ProgressState::kReplicate};
  EXPECT_FALSE(pr.MaybeDecrTo(5, 5));
  EXPECT_EQ(pr.next, 10u);

  EXPECT_TRUE(pr.MaybeDecrTo(9, 9));
  EXPECT_EQ(pr.next, 6u);
}

// In probe, only the answer to the probe in flight (at next - 1) counts; next moves to just past
// the hint, but never to or below match.
TEST(Progress, MaybeDecrTo_ProbeFollowsHintForCurrentProbeOnly) {
  Progress pr{.match = 0, .next = 10, .msg_app_flow_paused = true};
  EXPECT_FALSE(pr.MaybeDecrTo(5, 4));  // answers an older probe
  EXPECT_EQ(pr.next, 10u);
  EXPECT_TRUE(pr.msg_app_flow_paused);

  EXPECT_TRUE(pr.MaybeDecrTo(9, 3));
  EXPECT_EQ(pr.next, 4u);
  EXPECT_FALSE(pr.msg_app_flow_paused);

  Progress matched{.match = 3, .next = 6};
  EXPECT_TRUE(matched.MaybeDecrTo(5, 0));  // a hint below match
  EXPECT_EQ(matched.next, 4u);
}

TEST(Progress, SentEntries_ProbePausesReplicateFillsWindow) {
  Progress probe{.match = 0, .next = 1, .inflights = Inflights(2)};
  probe.SentEntries(3, 3);
  EXPECT_TRUE(probe.IsPaused());

  Progress rep{.match = 0, .next = 1, .state = ProgressState::kReplicate,
               .inflights = Inflights(2)};
  rep.SentEntries(2, 2);
  EXPECT_EQ(rep.next, 3u);
  EXPECT_FALSE(rep.IsPaused());
  rep.SentEntries(1, 3);
  EXPECT_EQ(rep.next, 4u);
  EXPECT_TRUE(rep.IsPaused());  // window of 2 is full
}

TEST(Progress, BecomeProbeAndReplicate_RestartFromMatch) {
  Progress pr{.match = 4, .next = 9, .state = ProgressState::kReplicate,
              .inflights = Inflights(4)};
  pr.inflights.Add(8);
  pr.BecomeProbe();
  EXPECT_EQ(pr.state, ProgressState::kProbe);
  EXPECT_EQ(pr.next, 5u);
  EXPECT_EQ(pr.inflights.Count(), 0);
  EXPECT_FALSE(pr.IsPaused());

  pr.msg_app_flow_paused = true;
  pr.BecomeReplicate();
  EXPECT_EQ(pr.state, ProgressState::kReplicate);
  EXPECT_EQ(pr.next, 5u);
  EXPECT_FALSE(pr.IsPaused());
}

// ---- Quorum (quorum/majority.h, quorum/joint.h) ----------------------------------------------

TEST(MajorityConfig, CommittedIndex_IsTheIndexAMajorityHasReached) {
  struct Case {
    std::vector<NodeId> voters;
    std::vector<Index> match;  // by voter, in the order given
    Index want;
  };
  const Case cases[] = {
      {{1}, {7}, 7},
      {{1, 2, 3}, {3, 2, 1}, 2},
      {{1, 2, 3}, {1, 2, 3}, 2},  // which voter holds which index does not matter
      {{1, 2, 3}, {5, 0, 0}, 0},
      {{1, 2, 3, 4}, {4, 3, 2, 1}, 2},  // even size: a majority is 3
      {{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}, 3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.voters.size() << " voters, want " << c.want);
    const quorum::MajorityConfig q(c.voters);
    EXPECT_EQ(q.CommittedIndex([&](std::size_t k) { return c.match[q.ids()[k] - 1]; }), c.want);
  }
  // An empty set commits everything (so that it never limits a joint configuration).
  EXPECT_EQ(quorum::MajorityConfig().CommittedIndex([](std::size_t) { return Index{0}; }),
            std::numeric_limits<Index>::max());
}

TEST(MajorityConfig, Tally_WonLostOrPending) {
  struct Case {
    int size;
    int granted;
    int rejected;
    quorum::VoteResult want;
  };
  using quorum::VoteResult;
  const Case cases[] = {
      {1, 1, 0, VoteResult::kWon},     {3, 2, 0, VoteResult::kWon},
      {3, 1, 0, VoteResult::kPending}, {3, 1, 1, VoteResult::kPending},
      {3, 1, 2, VoteResult::kLost},    {4, 2, 1, VoteResult::kPending},
      {4, 2, 2, VoteResult::kLost},    {4, 3, 1, VoteResult::kWon},
      {5, 3, 2, VoteResult::kWon},     {5, 2, 3, VoteResult::kLost},
      {5, 2, 2, VoteResult::kPending},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.size << " voters, " << c.granted << " yes, " << c.rejected
                                    << " no");
    const quorum::MajorityConfig q(test::Peers(c.size));
    // Voters 1..granted said yes, the next `rejected` said no, the rest did not answer.
    auto vote = [&](std::size_t k) {
      const NodeId id = q.ids()[k];
      if (id <= static_cast<NodeId>(c.granted)) return quorum::Vote::kGranted;
      if (id <= static_cast<NodeId>(c.granted + c.rejected)) return quorum::Vote::kRejected;
      return quorum::Vote::kMissing;
    };
    EXPECT_EQ(q.Tally(vote), c.want);
  }
}

// Joint: the smaller of the two halves' commit indexes; a vote won in both, lost in either.
TEST(JointConfig, CommitAndVotesNeedBothHalves) {
  const quorum::JointConfig joint{quorum::MajorityConfig({1, 4, 5}),
                                  quorum::MajorityConfig({1, 2, 3})};
  EXPECT_TRUE(joint.IsJoint());
  EXPECT_EQ(joint.Ids(), (std::vector<NodeId>{1, 2, 3, 4, 5}));
  const std::vector<Index> match = {9, 9, 9, 1, 1};  // the outgoing half is ahead
  auto id_of = [](const quorum::JointConfig& j, int half, std::size_t k) {
    return (half == 0 ? j.incoming : j.outgoing).ids()[k];
  };
  EXPECT_EQ(joint.CommittedIndex([&](int h, std::size_t k) { return match[id_of(joint, h, k) - 1]; }),
            1u);
  auto granted_by = [&](std::vector<NodeId> yes) {
    return [&, yes](int h, std::size_t k) {
      const NodeId id = id_of(joint, h, k);
      return std::find(yes.begin(), yes.end(), id) != yes.end() ? quorum::Vote::kGranted
                                                                : quorum::Vote::kRejected;
    };
  };
  EXPECT_EQ(joint.Tally(granted_by({1, 2, 3})), quorum::VoteResult::kLost);
  EXPECT_EQ(joint.Tally(granted_by({1, 4, 5})), quorum::VoteResult::kLost);
  EXPECT_EQ(joint.Tally(granted_by({1, 2, 4})), quorum::VoteResult::kWon);
  // Outside a transition the joint configuration is its incoming half.
  const quorum::JointConfig simple{quorum::MajorityConfig({1, 2, 3}), {}};
  EXPECT_FALSE(simple.IsJoint());
  EXPECT_EQ(
      simple.CommittedIndex([&](int h, std::size_t k) { return match[id_of(simple, h, k) - 1]; }),
      9u);
}

// ---- ReadOnly -------------------------------------------------------------------------------

// Each read starts a round of its own, acknowledged by the leader itself.
TEST(ReadOnly, Add_StartsANewRoundAckedBySelf) {
  ReadOnly ro;
  EXPECT_EQ(ro.Add({1, 10}, 5, 1), 1u);
  EXPECT_EQ(ro.Add({2, 10}, 6, 1), 2u);  // same id from another node: another read
  EXPECT_EQ(ro.PendingRound(), 2u);
  EXPECT_TRUE(ro.Contains({2, 10}));
  EXPECT_FALSE(ro.Contains({3, 10}));
  ASSERT_EQ(ro.queue().size(), 2u);
  EXPECT_EQ(ro.queue()[0].acks, (std::vector<NodeId>{1}));
}

// Acks count distinct nodes: the same node twice is one ack.
TEST(ReadOnly, Ack_CountsDistinctNodes) {
  ReadOnly ro;
  const quorum::JointConfig five{quorum::MajorityConfig(test::Peers(5)), {}};
  ro.Add({1, 7}, 5, 1);
  EXPECT_TRUE(ro.Ack(2, 1, five).empty());
  EXPECT_TRUE(ro.Ack(2, 1, five).empty());
  const std::vector<PendingRead> ready = ro.Ack(3, 1, five);
  ASSERT_EQ(ready.size(), 1u);
  EXPECT_EQ(ready[0].request, (ReadRequest{1, 7}));
  EXPECT_EQ(ready[0].index, 5u);
  EXPECT_TRUE(ro.Empty());
  EXPECT_EQ(ro.PendingRound(), 0u);
}

// An ack of a later round confirms every earlier read too (leadership at a later time implies
// leadership when the earlier reads arrived); an ack of an earlier round confirms no later one.
TEST(ReadOnly, Ack_LaterRoundConfirmsEarlierReadsOnly) {
  ReadOnly ro;
  ro.Add({1, 1}, 5, 1);
  ro.Add({1, 2}, 6, 1);
  ro.Add({1, 3}, 7, 1);
  const quorum::JointConfig three{quorum::MajorityConfig(test::Peers(3)), {}};

  EXPECT_TRUE(ro.Ack(3, 1, three).size() == 1u);  // round 1 only
  const std::vector<PendingRead> ready = ro.Ack(2, 2, three);

  ASSERT_EQ(ready.size(), 1u);
  EXPECT_EQ(ready[0].index, 6u);
  EXPECT_EQ(ro.queue().size(), 1u);
  EXPECT_EQ(ro.Ack(2, 3, three).size(), 1u);
  EXPECT_TRUE(ro.Ack(2, 3, three).empty());
}

TEST(ReadOnly, Contexts_RoundTripAndRejectGarbage) {
  EXPECT_EQ(RoundContext(0), "");
  EXPECT_EQ(ParseRoundContext(RoundContext(42)), 42u);
  EXPECT_FALSE(ParseRoundContext("").has_value());
  EXPECT_FALSE(ParseRoundContext("transfer").has_value());
  EXPECT_FALSE(ParseRoundContext("12x").has_value());
  EXPECT_EQ(ParseReadIdContext(ReadIdContext((ReadId{3} << 32) | 9)), (ReadId{3} << 32) | 9);
  EXPECT_FALSE(ParseReadIdContext("0").has_value());
  EXPECT_FALSE(ParseReadIdContext("-1").has_value());
}

}  // namespace
}  // namespace raft
