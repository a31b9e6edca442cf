// Raft §5.2, randomized election timeouts: "election timeouts are chosen randomly from a fixed
// interval" so that "in most cases only a single server will time out". Measured by ticking
// real nodes, over many seeds.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <vector>

#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::kElectionTick;
using test::Local;
using test::TestNode;

// Rounds per measurement: 50 draws per possible timeout value, as in etcd's own test. With 10
// values, the chance that a uniform draw misses a given value in 500 rounds is 0.9^500 < 1e-22.
constexpr int kRounds = 50 * kElectionTick;

// Ticks `r` until `fired` says it started an election; returns how many ticks that took, or -1
// after 2 * kElectionTick ticks (the largest timeout allowed is 2 * kElectionTick - 1).
template <class Fired>
int TicksUntil(Raft& r, Fired fired) {
  for (int ticks = 1; ticks <= 2 * kElectionTick; ++ticks) {
    r.Tick();
    if (fired()) return ticks;
  }
  return -1;
}

void ExpectEveryTimeoutInRangeSeen(const std::multiset<int>& observed) {
  for (int t : observed) {
    EXPECT_GE(t, kElectionTick);
    EXPECT_LT(t, 2 * kElectionTick);
  }
  for (int t = kElectionTick; t < 2 * kElectionTick; ++t) {
    EXPECT_GT(observed.count(t), 0u) << "no election after exactly " << t << " ticks";
  }
}

TEST(ElectionTimeout, TickElection_FollowerTimeoutsCoverElectionTickToTwiceElectionTick) {
  std::multiset<int> observed;
  for (int seed = 0; seed < kRounds; ++seed) {
    TestNode node(1, 3, {}, [seed](Config& c) { c.seed = static_cast<std::uint64_t>(seed); });
    Raft& r = node.raft();
    observed.insert(TicksUntil(r, [&r] { return r.role() != Role::kFollower; }));
  }
  ExpectEveryTimeoutInRangeSeen(observed);
}

// A candidate draws a new timeout for every election it starts.
TEST(ElectionTimeout, TickElection_CandidateRedrawsTimeoutEachElection) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  r.Step(Local(MessageType::kHup, 1));
  std::multiset<int> observed;
  for (int round = 0; round < kRounds; ++round) {
    const Term before = r.term();
    observed.insert(TicksUntil(r, [&r, before] { return r.term() != before; }));
    ASSERT_EQ(r.role(), Role::kCandidate);
  }
  ExpectEveryTimeoutInRangeSeen(observed);
}

// Nodes in a cluster must not time out together most of the time. Five nodes each draw one of
// kElectionTick equally likely timeouts; the earliest is shared by two or more nodes with
// probability 1 - 5 * sum_{k=0..9} (k/10)^4 / 10 = 1 - 0.76665 = 0.233. The bound 0.3 is etcd's
// (raft_paper_test.go); over 1000 rounds it sits five standard deviations (0.013 each) above the
// expected rate, while nodes drawing in lockstep would conflict in every round.
constexpr int kClusterSize = 5;
constexpr int kConflictRounds = 1000;
constexpr double kMaxConflictRate = 0.3;

// One round: `prepare` puts each fresh node into its starting role; then all tick together until
// at least one starts an election. Returns how many did so on that same tick.
template <class Prepare>
int SimultaneousTimeouts(int round, Prepare prepare) {
  std::vector<std::unique_ptr<TestNode>> nodes;
  std::vector<Term> start_terms;
  for (NodeId id = 1; id <= kClusterSize; ++id) {
    // Seeds as Cluster assigns them (base + id), with a different base every round.
    const auto seed = static_cast<std::uint64_t>(round) * kClusterSize + id;
    nodes.push_back(std::make_unique<TestNode>(id, kClusterSize, MemoryStorage{},
                                               [seed](Config& c) { c.seed = seed; }));
    prepare(nodes.back()->raft());
    start_terms.push_back(nodes.back()->raft().term());
  }
  for (int tick = 0; tick < 2 * kElectionTick; ++tick) {
    int fired = 0;
    for (std::size_t k = 0; k < nodes.size(); ++k) {
      Raft& r = nodes[k]->raft();
      r.Tick();
      fired += r.term() != start_terms[k];
    }
    if (fired > 0) return fired;
  }
  ADD_FAILURE() << "no node timed out in round " << round;
  return 0;
}

template <class Prepare>
double ConflictRate(Prepare prepare) {
  int conflicts = 0;
  for (int round = 0; round < kConflictRounds; ++round) {
    conflicts += SimultaneousTimeouts(round, prepare) > 1;
  }
  return static_cast<double>(conflicts) / kConflictRounds;
}

TEST(ElectionTimeout, TickElection_FollowersRarelyTimeOutOnTheSameTick) {
  const double rate = ConflictRate([](Raft&) {});
  EXPECT_LE(rate, kMaxConflictRate);
  RecordProperty("follower_conflict_rate", std::to_string(rate));
}

TEST(ElectionTimeout, TickElection_CandidatesRarelyTimeOutOnTheSameTick) {
  const double rate = ConflictRate([](Raft& r) { r.Step(Local(MessageType::kHup, r.id())); });
  EXPECT_LE(rate, kMaxConflictRate);
  RecordProperty("candidate_conflict_rate", std::to_string(rate));
}

}  // namespace
}  // namespace raft
