// A joint configuration (Raft thesis §4.3, joint consensus): while a cluster moves from one
// voter set to another, decisions need a majority of the incoming set AND of the outgoing one.
// Outside a transition the outgoing half is empty, and the joint configuration is its incoming
// majority configuration alone.
#ifndef RAFTCHECK_IMPL_QUORUM_JOINT_H_
#define RAFTCHECK_IMPL_QUORUM_JOINT_H_

#include <algorithm>
#include <vector>

#include "impl/quorum/majority.h"

namespace raft::quorum {

struct JointConfig {
  MajorityConfig incoming;
  MajorityConfig outgoing;  // empty unless in a joint configuration

  bool IsJoint() const { return !outgoing.empty(); }
  bool Contains(NodeId id) const { return incoming.Contains(id) || outgoing.Contains(id); }
  // Every voter of either half, sorted, each once.
  std::vector<NodeId> Ids() const;

  // Each question takes a function of (half, k): the voter at position k of incoming.ids()
  // (half 0) or of outgoing.ids() (half 1), as MajorityConfig's do.
  //
  // Committed in both halves: the smaller of the two majorities' indexes.
  template <typename MatchOf>
  Index CommittedIndex(const MatchOf& match_of) const {
    return std::min(incoming.CommittedIndex([&](std::size_t k) { return match_of(0, k); }),
                    outgoing.CommittedIndex([&](std::size_t k) { return match_of(1, k); }));
  }
  // Won when both halves are won, lost when either is lost.
  template <typename VoteOf>
  VoteResult Tally(const VoteOf& vote_of) const {
    const VoteResult in = incoming.Tally([&](std::size_t k) { return vote_of(0, k); });
    const VoteResult out = outgoing.Tally([&](std::size_t k) { return vote_of(1, k); });
    if (in == out) return in;
    if (in == VoteResult::kLost || out == VoteResult::kLost) return VoteResult::kLost;
    return VoteResult::kPending;
  }
  template <typename Member>
  bool IsQuorum(const Member& member) const {
    return incoming.IsQuorum([&](std::size_t k) { return member(0, k); }) &&
           outgoing.IsQuorum([&](std::size_t k) { return member(1, k); });
  }

  bool operator==(const JointConfig&) const = default;
};

}  // namespace raft::quorum

#endif  // RAFTCHECK_IMPL_QUORUM_JOINT_H_
