// properties/: each property on hand-built observations: quiet on a healthy cluster, and
// firing, with its own name, on the one defect it is about.
#include <gtest/gtest.h>

#include "properties/invariants.h"
#include "properties/properties.h"

namespace props {
namespace {

// Three nodes agreeing on [t1:noop, t1:v1], all committed and applied; node 1 leads term 1.
Observation Healthy() {
  Observation obs;
  const std::vector<LogEntry> log = {{1, 0}, {1, 1}};
  for (int i = 0; i < 3; ++i) {
    NodeView v;
    v.term = 1;
    v.vote = 1;
    v.log = log;
    v.commit = 2;
    v.applied = log;
    v.has_durable = true;
    v.durable_term = 1;
    v.durable_log = log;
    obs.nodes.push_back(v);
  }
  obs.nodes[0].role = NodeRole::kLeader;
  obs.nodes[0].match = {2, 2, 2};
  obs.nodes[0].next = {3, 3, 3};
  obs.has_history = true;
  obs.leaders = {{1, 0}};
  obs.committed = {{1, {1, 0}, 1}, {2, {1, 1}, 1}};
  return obs;
}

std::string FirstStateViolation(const Observation& obs) {
  auto v = CheckState(obs);
  return v ? v->property : "";
}

TEST(Properties, CheckState_HealthyClusterViolatesNothing) {
  EXPECT_EQ(FirstStateViolation(Healthy()), "");
  EXPECT_FALSE(CheckStep(Healthy(), Healthy()).has_value());
}

TEST(Properties, ElectionSafety_TwoLeadersOfOneTermNowOrInHistory) {
  Observation now = Healthy();
  now.nodes[1].role = NodeRole::kLeader;
  EXPECT_EQ(FirstStateViolation(now), kElectionSafety);
  Observation history = Healthy();
  history.leaders = {{1, 0}, {1, 2}};  // node 3 led term 1 earlier
  EXPECT_EQ(FirstStateViolation(history), kElectionSafety);
  history.leaders = {{1, 0}, {2, 2}};
  EXPECT_EQ(FirstStateViolation(history), "");
}

TEST(Properties, LogMatching_SameIndexAndTermButDifferentPrefix) {
  Observation obs = Healthy();
  obs.nodes[2].log = {{1, 2}, {1, 1}};  // same term at index 2, different entry at index 1
  obs.nodes[2].commit = 0;
  obs.nodes[2].applied.clear();
  EXPECT_EQ(CheckLogMatching(obs)->property, kLogMatching);
}

TEST(Properties, StateMachineSafety_DifferentEntriesAppliedAtOneIndex) {
  Observation obs = Healthy();
  obs.nodes[1].applied[1] = {1, 7};
  EXPECT_EQ(CheckStateMachineSafety(obs)->property, kStateMachineSafety);
}

TEST(Properties, StateMachineSafety_CommittedPrefixDiffersFromHistory) {
  Observation obs = Healthy();
  obs.nodes[1].log[1] = {2, 3};
  obs.nodes[1].applied.resize(1);
  EXPECT_EQ(CheckStateMachineSafety(obs)->property, kStateMachineSafety);
}

TEST(Properties, LeaderCompleteness_LaterLeaderLacksACommittedEntry) {
  Observation obs = Healthy();
  obs.nodes[0].role = NodeRole::kFollower;
  obs.nodes[0].match.clear();
  obs.nodes[0].next.clear();
  NodeView& l = obs.nodes[2];
  l.role = NodeRole::kLeader;
  l.term = 2;
  l.log = {{1, 0}};  // lost t1:v1, committed in term 1
  l.commit = 1;
  l.applied.resize(1);
  obs.leaders.push_back({2, 2});
  EXPECT_EQ(CheckLeaderCompleteness(obs)->property, kLeaderCompleteness);
  l.term = 1;  // a stale leader of the same term is not bound by it
  EXPECT_FALSE(CheckLeaderCompleteness(obs).has_value());
}

TEST(Properties, CommittedDurable_CommittedEntryOnOneDiskOnly) {
  Observation obs = Healthy();
  obs.nodes[1].durable_log.resize(1);
  EXPECT_FALSE(CheckCommittedDurable(obs).has_value()) << "two of three still hold it";
  obs.nodes[2].durable_log.resize(1);
  EXPECT_EQ(CheckCommittedDurable(obs)->property, kCommittedDurable);
}

TEST(Properties, CommitBounds_CommitPastLogOrAppliedPastCommit) {
  Observation obs = Healthy();
  obs.nodes[1].commit = 3;
  EXPECT_EQ(CheckCommitBounds(obs)->property, kCommitBounds);
  obs = Healthy();
  obs.nodes[1].commit = 1;
  EXPECT_EQ(CheckCommitBounds(obs)->property, kCommitBounds);
}

TEST(Properties, NextAboveMatch_LeaderProgressOutOfOrder) {
  Observation obs = Healthy();
  obs.nodes[0].next[1] = 2;
  EXPECT_EQ(CheckNextAboveMatch(obs)->property, kNextAboveMatch);
}

TEST(Properties, StepProperties_TermCommitAndMatchNeverGoBackWhileUp) {
  const Observation prev = Healthy();
  Observation next = Healthy();
  next.nodes[1].term = 0;
  EXPECT_EQ(CheckStep(prev, next)->property, kTermMonotonic);
  next = Healthy();
  next.nodes[1].commit = 1;
  EXPECT_EQ(CheckStep(prev, next)->property, kCommitMonotonic);
  next = Healthy();
  next.nodes[0].match[2] = 1;
  EXPECT_EQ(CheckStep(prev, next)->property, kMatchMonotonic);
  // A crash loses volatile state legitimately: nothing to compare while down.
  next = Healthy();
  next.nodes[1].up = false;
  next.nodes[1].commit = 0;
  EXPECT_FALSE(CheckStep(prev, next).has_value());
  // ... but the durable term never goes back.
  next.nodes[1].durable_term = 0;
  EXPECT_EQ(CheckStep(prev, next)->property, kTermMonotonic);
}

TEST(Properties, Catalog_ListsEveryCheckedPropertyOnce) {
  std::set<std::string_view> names;
  for (const PropertyInfo& p : Catalog()) EXPECT_TRUE(names.insert(p.name).second) << p.name;
  for (std::string_view n : {kElectionSafety, kLogMatching, kStateMachineSafety,
                             kLeaderCompleteness, kCommittedDurable, kCommitBounds,
                             kNextAboveMatch, kTermMonotonic, kCommitMonotonic, kMatchMonotonic}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
}

// The state machine holds the applied prefix of its own log: a node that skipped an entry
// (here: v1 never applied, v2 applied at index 2) breaks it even where the other nodes do not
// see the difference yet (they applied only the no-op).
TEST(Properties, StateMachineMatchesLog_AnAppliedEntryTheLogDoesNotHoldThere) {
  Observation obs = Healthy();
  for (NodeView& v : obs.nodes) v.applied = {{1, 0}};
  obs.nodes[1].applied = {{1, 0}, {1, 2}};
  EXPECT_EQ(FirstStateViolation(obs), kStateMachineMatchesLog);
  const std::optional<Violation> v = CheckStateMachineMatchesLog(obs);
  ASSERT_TRUE(v.has_value());
  EXPECT_NE(v->message.find("node 2 applied t1:v2 at index 2"), std::string::npos) << v->message;
  obs.nodes[1].applied = {{1, 0}, {1, 1}};  // the log's own prefix
  EXPECT_FALSE(CheckStateMachineMatchesLog(obs).has_value());
}

TEST(Properties, SnapshotMonotonic_EvenAcrossACrash) {
  Observation before = Healthy();
  before.nodes[2].snapshot_index = 2;
  Observation after = before;
  after.nodes[2].up = false;  // durable state: a crash must not lose the snapshot
  after.nodes[2].snapshot_index = 1;
  const std::optional<Violation> v = CheckStep(before, after);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->property, kSnapshotMonotonic);
  after.nodes[2].snapshot_index = 2;
  EXPECT_FALSE(CheckStep(before, after).has_value());
}

TEST(Properties, AppliedMonotonic_OnlyWhileUp) {
  Observation before = Healthy();
  Observation after = before;
  after.nodes[1].applied = {{1, 0}};
  const std::optional<Violation> v = CheckStep(before, after);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->property, kAppliedMonotonic);
  after.nodes[1].up = false;  // a restart rebuilds the state machine: not a step of the node up
  EXPECT_FALSE(CheckAppliedMonotonic(before, after).has_value());
}

}  // namespace
}  // namespace props
