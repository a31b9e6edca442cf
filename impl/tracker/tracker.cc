#include "impl/tracker/tracker.h"

#include <iterator>

namespace raft {

std::vector<NodeId> TrackerConfig::Members() const {
  std::vector<NodeId> voter_ids = voters.Ids();
  std::vector<NodeId> learner_ids;
  std::set_union(learners.begin(), learners.end(), learners_next.begin(), learners_next.end(),
                 std::back_inserter(learner_ids));
  std::vector<NodeId> all;
  std::set_union(voter_ids.begin(), voter_ids.end(), learner_ids.begin(), learner_ids.end(),
                 std::back_inserter(all));
  return all;
}

ConfState TrackerConfig::ToConfState() const {
  return ConfState{.voters = voters.incoming.ids(),
                   .learners = learners,
                   .voters_outgoing = voters.outgoing.ids(),
                   .learners_next = learners_next,
                   .auto_leave = auto_leave};
}

ProgressTracker::ProgressTracker() : shape_(std::make_shared<const Shape>()) {}

void ProgressTracker::SetConfig(TrackerConfig config, const Progress& fresh) {
  std::vector<NodeId> ids = config.Members();
  std::vector<Progress> progress;
  std::vector<signed char> votes;
  progress.reserve(ids.size());
  votes.reserve(ids.size());
  for (NodeId id : ids) {
    const int pos = PositionOf(id);
    progress.push_back(pos >= 0 ? progress_[pos] : fresh);
    votes.push_back(pos >= 0 ? votes_[pos] : -1);
  }
  auto positions = [&](const quorum::MajorityConfig& half) {
    std::vector<int> pos;
    for (NodeId id : half.ids()) {
      pos.push_back(static_cast<int>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin()));
    }
    return pos;
  };
  auto shape = std::make_shared<Shape>();
  shape->voter_pos[0] = positions(config.voters.incoming);
  shape->voter_pos[1] = positions(config.voters.outgoing);
  shape->voter_ids = config.voters.Ids();
  shape->ids = std::move(ids);
  shape->config = std::move(config);
  shape_ = std::move(shape);
  progress_ = std::move(progress);
  votes_ = std::move(votes);
}

int ProgressTracker::PositionOf(NodeId id) const {
  const std::vector<NodeId>& ids = shape_->ids;
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  return (it != ids.end() && *it == id) ? static_cast<int>(it - ids.begin()) : -1;
}

Progress* ProgressTracker::Find(NodeId id) {
  const int pos = PositionOf(id);
  return pos < 0 ? nullptr : &progress_[pos];
}

const Progress* ProgressTracker::Find(NodeId id) const {
  const int pos = PositionOf(id);
  return pos < 0 ? nullptr : &progress_[pos];
}

Index ProgressTracker::Committed() const {
  return config().voters.CommittedIndex(
      [&](int half, std::size_t k) { return progress_[shape_->voter_pos[half][k]].match; });
}

quorum::VoteResult ProgressTracker::RecordVote(NodeId id, bool granted) {
  const int pos = PositionOf(id);
  if (pos >= 0 && votes_[pos] < 0) votes_[pos] = granted ? 1 : 0;
  return TallyVotes();
}

quorum::VoteResult ProgressTracker::TallyVotes() const {
  return config().voters.Tally([&](int half, std::size_t k) {
    return static_cast<quorum::Vote>(votes_[shape_->voter_pos[half][k]]);
  });
}

}  // namespace raft
