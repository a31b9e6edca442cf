// The configuration rules of impl/confchange/changer.h, one function at a time (etcd's
// confchange datadriven tests, in spirit): what each change makes of a configuration, and
// which changes are refused.
#include <gtest/gtest.h>

#include <vector>

#include "impl/confchange/changer.h"

namespace raft {
namespace {

using Ids = std::vector<NodeId>;

TrackerConfig Voters(Ids ids) { return *confchange::Restore(ConfState{.voters = std::move(ids)}); }
ConfChangeSingle AddVoter(NodeId id) { return {ConfChangeType::kAddNode, id}; }
ConfChangeSingle AddLearner(NodeId id) { return {ConfChangeType::kAddLearnerNode, id}; }
ConfChangeSingle RemoveNode(NodeId id) { return {ConfChangeType::kRemoveNode, id}; }

TEST(Changer, Simple_OneVoterAtATimeAndAnyLearners) {
  Result<TrackerConfig> c = confchange::Simple(Voters({1, 2, 3}), {AddVoter(4)});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->voters.incoming.ids(), (Ids{1, 2, 3, 4}));
  c = confchange::Simple(*c, {AddLearner(5), AddLearner(6), RemoveNode(4)});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->voters.incoming.ids(), (Ids{1, 2, 3}));
  EXPECT_EQ(c->learners, (Ids{5, 6}));
  // Adding an existing voter, or removing a stranger, changes nothing.
  EXPECT_EQ(*confchange::Simple(*c, {AddVoter(1), RemoveNode(9)}), *c);
  // Two voters at once could leave two disjoint majorities.
  EXPECT_FALSE(confchange::Simple(*c, {AddVoter(7), AddVoter(8)}).ok());
  EXPECT_FALSE(confchange::Simple(*c, {RemoveNode(1), AddVoter(5)}).ok());  // 1 out, 5 in
}

TEST(Changer, Simple_LearnerPromotedAndVoterDemoted) {
  TrackerConfig c = *confchange::Simple(Voters({1, 2, 3}), {AddLearner(4)});
  c = *confchange::Simple(c, {AddVoter(4)});
  EXPECT_EQ(c.voters.incoming.ids(), (Ids{1, 2, 3, 4}));
  EXPECT_TRUE(c.learners.empty());
  c = *confchange::Simple(c, {AddLearner(1)});
  EXPECT_EQ(c.voters.incoming.ids(), (Ids{2, 3, 4}));
  EXPECT_EQ(c.learners, (Ids{1}));
}

TEST(Changer, Simple_NeverRemovesTheLastVoter) {
  EXPECT_FALSE(confchange::Simple(Voters({1}), {RemoveNode(1)}).ok());
  EXPECT_FALSE(confchange::Simple(Voters({1}), {AddLearner(1)}).ok());
}

TEST(Changer, EnterAndLeaveJoint) {
  Result<TrackerConfig> joint = confchange::EnterJoint(
      Voters({1, 2, 3}), /*auto_leave=*/false, {AddVoter(4), RemoveNode(3), AddLearner(2)});
  ASSERT_TRUE(joint.ok());
  EXPECT_EQ(joint->voters.incoming.ids(), (Ids{1, 4}));
  EXPECT_EQ(joint->voters.outgoing.ids(), (Ids{1, 2, 3}));
  EXPECT_EQ(joint->learners_next, (Ids{2}));  // still an outgoing voter until the leave
  EXPECT_TRUE(joint->learners.empty());
  // Members: every voter of both halves, learners to be included.
  EXPECT_EQ(joint->Members(), (Ids{1, 2, 3, 4}));
  EXPECT_FALSE(confchange::EnterJoint(*joint, false, {AddVoter(5)}).ok());  // already joint
  EXPECT_FALSE(confchange::Simple(*joint, {AddVoter(5)}).ok());
  Result<TrackerConfig> left = confchange::LeaveJoint(*joint);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->voters.incoming.ids(), (Ids{1, 4}));
  EXPECT_FALSE(left->IsJoint());
  EXPECT_EQ(left->learners, (Ids{2}));
  EXPECT_TRUE(left->learners_next.empty());
  EXPECT_EQ(left->Members(), (Ids{1, 2, 4}));  // 3 is gone
  EXPECT_FALSE(confchange::LeaveJoint(*left).ok());
}

TEST(Changer, Apply_DispatchesOnTheChange) {
  const TrackerConfig start = Voters({1, 2, 3});
  bool auto_leave = false;
  const ConfChangeV2 implicit{.transition = ConfChangeTransition::kJointImplicit,
                              .changes = {AddVoter(4)}};
  ASSERT_TRUE(implicit.EntersJoint(&auto_leave));
  EXPECT_TRUE(auto_leave);
  Result<TrackerConfig> c = confchange::Apply(start, implicit);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->IsJoint());
  EXPECT_TRUE(c->auto_leave);
  c = confchange::Apply(*c, LeaveJoint());
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->IsJoint());
  EXPECT_FALSE(c->auto_leave);
  c = confchange::Apply(*c, SimpleChange(ConfChangeType::kRemoveNode, 4));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, start);
}

TEST(Changer, Restore_RoundTripsAndRefusesBrokenConfigurations) {
  const ConfState joint{.voters = {1, 4},
                        .learners = {5},
                        .voters_outgoing = {1, 2, 3},
                        .learners_next = {2},
                        .auto_leave = true};
  Result<TrackerConfig> c = confchange::Restore(joint);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->ToConfState(), joint);
  const ConfState broken[] = {
      {},                                                 // no voter
      {.voters = {2, 1}},                                 // unsorted
      {.voters = {1, 1}},                                 // duplicate
      {.voters = {0, 1}},                                 // node 0
      {.voters = {1, 2}, .learners = {2}},                // a voting learner
      {.voters = {1}, .learners_next = {2}},              // learners_next outside a joint one
      {.voters = {1}, .voters_outgoing = {1, 2}, .learners_next = {1}},  // incoming voter
      {.voters = {1}, .auto_leave = true},                // auto_leave outside a joint one
  };
  for (const ConfState& cs : broken) {
    EXPECT_EQ(confchange::Restore(cs).status().code(), Status::Code::kInvalidArgument);
  }
}

}  // namespace
}  // namespace raft
