// The leader's view of the cluster (etcd's tracker/): the configuration in force (voters, maybe
// joint, and learners) and, for every member, its Progress and its vote in the current round.
// Quorum questions (what is committed, who won, is a quorum active) are asked here, over the
// configuration's joint quorum; learners are replicated to and never counted.
//
// Invariants:
//   1. ids() is every member exactly once, sorted: the voters of both halves, the learners,
//      and learners_next (which are outgoing voters). progress() and votes() are parallel to it.
//   2. No learner is a voter of the incoming half; learners_next are outgoing voters that are
//      not incoming voters, and never learners too (confchange/changer.h keeps these).
// The configuration and the member ids are immutable and shared between copies (the explorer
// copies nodes all the time; configurations change rarely): a copy copies Progress and votes.
#ifndef RAFTCHECK_IMPL_TRACKER_TRACKER_H_
#define RAFTCHECK_IMPL_TRACKER_TRACKER_H_

#include <algorithm>
#include <memory>
#include <vector>

#include "impl/progress.h"
#include "impl/quorum/joint.h"
#include "impl/types.h"

namespace raft {

struct TrackerConfig {
  quorum::JointConfig voters;
  std::vector<NodeId> learners;       // sorted
  std::vector<NodeId> learners_next;  // sorted: outgoing voters that become learners on leave
  bool auto_leave = false;            // joint only: the leader leaves it once it is applied

  bool IsJoint() const { return voters.IsJoint(); }
  bool IsLearner(NodeId id) const {
    return std::binary_search(learners.begin(), learners.end(), id) ||
           std::binary_search(learners_next.begin(), learners_next.end(), id);
  }
  // Every member, sorted, each once (invariant 1).
  std::vector<NodeId> Members() const;
  ConfState ToConfState() const;
  bool operator==(const TrackerConfig&) const = default;
};

class ProgressTracker {
 public:
  ProgressTracker();

  const TrackerConfig& config() const { return shape_->config; }
  // Installs `config`. Members that stay keep their Progress; new members start from `fresh`;
  // members that leave are forgotten. Votes of the round are kept for members that stay.
  void SetConfig(TrackerConfig config, const Progress& fresh);

  const std::vector<NodeId>& ids() const { return shape_->ids; }
  const std::vector<Progress>& progress() const { return progress_; }
  std::vector<Progress>& mutable_progress() { return progress_; }
  // Position of id in ids(), or -1.
  int PositionOf(NodeId id) const;
  Progress* Find(NodeId id);
  const Progress* Find(NodeId id) const;
  bool IsVoter(NodeId id) const { return config().voters.Contains(id); }
  // Voters of either half, sorted: who campaigns are addressed to.
  const std::vector<NodeId>& VoterIds() const { return shape_->voter_ids; }

  // The largest index acknowledged by a quorum of the joint configuration.
  Index Committed() const;
  // Whether the members for which active(progress) holds (the leader `self` always counts)
  // form a quorum.
  template <typename Active>
  bool IsQuorum(NodeId self, const Active& active) const {
    return config().voters.IsQuorum([&](int half, std::size_t k) {
      const int pos = shape_->voter_pos[half][k];
      return shape_->ids[pos] == self || active(progress_[pos]);
    });
  }

  // Votes of the current round, by position: -1 no answer, 0 rejected, 1 granted.
  const std::vector<signed char>& votes() const { return votes_; }
  void ResetVotes() { std::fill(votes_.begin(), votes_.end(), -1); }
  // Records a member's first answer in the round (later ones do not count) and tallies.
  quorum::VoteResult RecordVote(NodeId id, bool granted);
  quorum::VoteResult TallyVotes() const;

  // The same configuration, Progress and votes.
  bool operator==(const ProgressTracker& o) const {
    return config() == o.config() && progress_ == o.progress_ && votes_ == o.votes_;
  }

 private:
  struct Shape {
    TrackerConfig config;
    std::vector<NodeId> ids;        // config.Members()
    std::vector<NodeId> voter_ids;  // config.voters.Ids()
    // Where each voter of the incoming (0) and outgoing (1) half sits in ids, by its position
    // in that half: the quorum questions read Progress and votes without a search.
    std::vector<int> voter_pos[2];
  };
  std::shared_ptr<const Shape> shape_;
  std::vector<Progress> progress_;
  std::vector<signed char> votes_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_TRACKER_TRACKER_H_
