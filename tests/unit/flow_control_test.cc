// The leader's flow control towards each follower (probe and replicate states, the inflight
// window) and fast log backtracking with reject hints, on white-box Raft nodes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::AcceptAppend;
using test::AllEntries;
using test::ElectLeader;
using test::ElectLeaderAndCommitNoop;
using test::Local;
using test::Msg;
using test::OfType;
using test::Proposal;
using test::Pump;
using test::StorageWith;
using test::TestNode;
using test::To;

// In the probe state (a new leader does not know what a follower holds) at most one append is
// outstanding: further proposals wait for the follower's answer.
TEST(FlowControl, MaybeSendAppend_ProbeStateSendsOneAppendAtATime) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  const std::vector<Message> noop = To(ElectLeader(r), 2);
  ASSERT_EQ(noop.size(), 1u);
  EXPECT_EQ(r.progress(2).state, ProgressState::kProbe);
  EXPECT_TRUE(r.progress(2).IsPaused());

  constexpr int kWaiting = 3;  // proposals made while the probe is out; any number > 1 will do
  for (int i = 0; i < kWaiting; ++i) r.Step(Proposal(1, "p" + std::to_string(i)));
  EXPECT_TRUE(To(r.TakeMessages(), 2).empty());

  // The answer moves the follower to replicate, and everything pending goes out together.
  r.Step(AcceptAppend(noop[0]));
  EXPECT_EQ(r.progress(2).state, ProgressState::kReplicate);
  const std::vector<Message> apps = OfType(To(r.TakeMessages(), 2), MessageType::kApp);
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].index, 1u);  // right after the acknowledged no-op
  EXPECT_EQ(apps[0].entries.size(), static_cast<std::size_t>(kWaiting));
}

// A heartbeat response proves the follower is alive: a paused probe is resumed at once (the
// previous append may have been lost).
TEST(FlowControl, HandleHeartbeatResponse_ResumesPausedProbe) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  ElectLeader(r);  // the no-op append to 2 is lost
  r.Step(Proposal(1, "x"));
  EXPECT_TRUE(To(r.TakeMessages(), 2).empty());
  ASSERT_TRUE(r.progress(2).IsPaused());

  r.Step(Msg(MessageType::kHeartbeatResp, 2, 1, 1));

  const std::vector<Message> apps = OfType(To(r.TakeMessages(), 2), MessageType::kApp);
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].index, 0u);
  EXPECT_EQ(apps[0].entries.size(), 2u);  // the no-op and "x"
  EXPECT_TRUE(r.progress(2).IsPaused());  // probing again, one at a time
}

// A refusal says the follower does NOT hold the probed entries: it must neither raise the
// follower's match nor count towards commitment; the leader probes lower instead.
TEST(FlowControl, HandleAppendResponse_RejectionIsNotAnAcknowledgement) {
  // The leader holds two entries of term 1 and wins term 2 (no-op at index 3).
  TestNode node(1, 3, StorageWith(test::EntriesWithTerms(1, {1, 1}), HardState{.term = 1}));
  Raft& r = node.raft();
  const std::vector<Message> probe = To(ElectLeader(r), 2);
  ASSERT_EQ(probe.size(), 1u);
  ASSERT_EQ(probe[0].index, 2u);
  Message refusal = Msg(MessageType::kAppResp, 2, 1, 2);
  refusal.index = probe[0].index;
  refusal.reject = true;  // node 2's log is empty: hint index 0, term 0

  r.Step(refusal);

  EXPECT_EQ(r.progress(2).match, 0u);
  EXPECT_EQ(r.log().committed(), 0u);
  const std::vector<Message> retry = OfType(To(r.TakeMessages(), 2), MessageType::kApp);
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].index, 0u);  // probing from the start
  EXPECT_EQ(retry[0].entries.size(), 3u);
}

// In the replicate state the leader streams appends without waiting, up to max_inflight_msgs
// unacknowledged ones; each acknowledgement frees window slots and sending resumes.
TEST(FlowControl, MaybeSendAppend_ReplicateStateStopsAtInflightLimitAndResumesOnAck) {
  constexpr int kMaxInflight = 3;
  constexpr int kProposals = 10;
  TestNode node(1, 3, {}, [](Config& c) { c.max_inflight_msgs = kMaxInflight; });
  Raft& r = node.raft();
  ElectLeaderAndCommitNoop(r);
  ASSERT_EQ(r.progress(2).state, ProgressState::kReplicate);

  std::vector<Message> to2;
  for (int i = 0; i < kProposals; ++i) {
    r.Step(Proposal(1, "p" + std::to_string(i)));
    for (const Message& m : To(r.TakeMessages(), 2)) to2.push_back(m);
  }
  ASSERT_EQ(to2.size(), static_cast<std::size_t>(kMaxInflight));
  EXPECT_TRUE(r.progress(2).inflights.Full());
  EXPECT_TRUE(r.progress(2).IsPaused());

  // One acknowledgement frees one slot: the rest goes out in one append.
  r.Step(AcceptAppend(to2[0]));
  const std::vector<Message> resumed = OfType(To(r.TakeMessages(), 2), MessageType::kApp);
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_EQ(resumed[0].entries.size(), static_cast<std::size_t>(kProposals - kMaxInflight));
  EXPECT_EQ(resumed[0].entries.back().index, r.log().LastIndex());

  // Acknowledging the last one frees the whole window.
  r.Step(AcceptAppend(resumed[0]));
  EXPECT_EQ(r.progress(2).inflights.Count(), 0);
  EXPECT_FALSE(r.progress(2).IsPaused());
}

// Fast backtracking: a follower that refuses an append hints (reject_hint, log_term) where its
// log could match, and the leader skips every entry of its own above that term. Without hints
// the leader would step back one entry per round trip, i.e. one per divergent entry.
TEST(FlowControl, HandleAppendResponse_RejectHintsSkipLongDivergenceInFewRoundTrips) {
  // Runs of (term, count) make up each log after a first entry of term 1.
  struct Run {
    Term term;
    int count;
  };
  auto log_of = [](std::initializer_list<Run> runs) {
    std::vector<Entry> log = test::EntriesWithTerms(1, {1});
    for (const Run& run : runs) {
      for (int k = 0; k < run.count; ++k) log.push_back({run.term, log.size() + 1, ""});
    }
    return log;
  };
  struct Case {
    const char* name;
    std::vector<Entry> leader_log;
    std::vector<Entry> follower_log;
  };
  const Case cases[] = {
      {"100 divergent entries of one term", log_of({{3, 100}}), log_of({{2, 100}})},
      {"follower 100 entries behind", log_of({{3, 100}}), log_of({})},
      {"divergence over several terms on both sides", log_of({{2, 30}, {4, 30}, {6, 40}}),
       log_of({{2, 30}, {3, 70}})},
  };
  // One refusal for the probe at the leader's last index, whose hint leads straight to the
  // matching prefix; a second is tolerated. One per entry would be 100.
  constexpr int kMaxRejections = 2;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Term leader_term = c.leader_log.back().term;
    TestNode leader(1, 3, StorageWith(c.leader_log, HardState{.term = leader_term}));
    TestNode follower(2, 3, StorageWith(c.follower_log, HardState{.term = leader_term}));
    leader->Step(Local(MessageType::kHup, 1));
    leader->Step(Msg(MessageType::kVoteResp, 3, 1, leader_term + 1));  // 3 is not simulated
    ASSERT_EQ(leader->role(), Role::kLeader);

    int rejections = 0;
    int appends = 0;
    Pump({&leader.raft(), &follower.raft()}, [&](const Message& m) {
      rejections += m.type == MessageType::kAppResp && m.reject;
      appends += m.type == MessageType::kApp && m.to == 2;
      return true;
    });

    EXPECT_EQ(AllEntries(follower->log()), AllEntries(leader->log()));
    EXPECT_LE(rejections, kMaxRejections);
    // The refused probes, the one that matches, and one that announces the commit index.
    EXPECT_LE(appends, kMaxRejections + 2);
  }
}

}  // namespace
}  // namespace raft
