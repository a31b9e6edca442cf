// A majority configuration: a set of voters of which any more than half form a quorum (Raft
// §5.2). The arithmetic of votes and commit over one such set; joint.h combines two.
//
// Invariant: ids() is sorted and holds no duplicates. An empty set is a quorum of nothing: it
// commits everything and wins every vote, so that a joint configuration with an empty outgoing
// half behaves exactly as its incoming half (etcd's convention).
#ifndef RAFTCHECK_IMPL_QUORUM_MAJORITY_H_
#define RAFTCHECK_IMPL_QUORUM_MAJORITY_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "impl/types.h"

namespace raft::quorum {

enum class VoteResult : std::uint8_t { kPending, kWon, kLost };

// A voter's answer in a round: no answer yet, rejected, granted.
enum class Vote : signed char { kMissing = -1, kRejected = 0, kGranted = 1 };

class MajorityConfig {
 public:
  MajorityConfig() = default;
  explicit MajorityConfig(std::vector<NodeId> ids);  // sorted below if not already; no duplicates
  const std::vector<NodeId>& ids() const { return ids_; }
  bool empty() const { return ids_.empty(); }
  int Size() const { return static_cast<int>(ids_.size()); }
  int Majority() const { return Size() / 2 + 1; }
  bool Contains(NodeId id) const { return std::binary_search(ids_.begin(), ids_.end(), id); }
  void Insert(NodeId id);
  void Erase(NodeId id);

  // Each question takes a function of k, the position of a voter in ids() (callers that hold
  // their data by id read ids()[k]; the tracker maps k to where it keeps that voter's data).
  //
  // The largest index that a majority of voters have acknowledged (match_of(k) each); the
  // maximum Index for an empty set.
  template <typename MatchOf>
  Index CommittedIndex(const MatchOf& match_of) const;
  // The outcome of a round in which vote_of(k) is each voter's answer.
  template <typename VoteOf>
  VoteResult Tally(const VoteOf& vote_of) const;
  // Whether the voters for which member(k) holds are a majority.
  template <typename Member>
  bool IsQuorum(const Member& member) const;

  bool operator==(const MajorityConfig&) const = default;

 private:
  std::vector<NodeId> ids_;
};

template <typename MatchOf>
Index MajorityConfig::CommittedIndex(const MatchOf& match_of) const {
  if (ids_.empty()) return std::numeric_limits<Index>::max();
  // Clusters are small: sort the acknowledged indexes on the stack when they fit.
  constexpr std::size_t kOnStack = 16;
  std::array<Index, kOnStack> small;
  std::vector<Index> large;
  Index* begin = small.data();
  if (ids_.size() > kOnStack) {
    large.resize(ids_.size());
    begin = large.data();
  }
  for (std::size_t k = 0; k < ids_.size(); ++k) begin[k] = match_of(k);
  Index* end = begin + ids_.size();
  // The majority-th largest: held by a majority of voters.
  Index* nth = begin + (Majority() - 1);
  std::nth_element(begin, nth, end, std::greater<Index>());
  return *nth;
}

template <typename VoteOf>
VoteResult MajorityConfig::Tally(const VoteOf& vote_of) const {
  if (ids_.empty()) return VoteResult::kWon;
  int granted = 0;
  int missing = 0;
  for (std::size_t k = 0; k < ids_.size(); ++k) {
    const Vote v = vote_of(k);
    granted += v == Vote::kGranted;
    missing += v == Vote::kMissing;
  }
  if (granted >= Majority()) return VoteResult::kWon;
  if (granted + missing >= Majority()) return VoteResult::kPending;
  return VoteResult::kLost;
}

template <typename Member>
bool MajorityConfig::IsQuorum(const Member& member) const {
  if (ids_.empty()) return true;
  int yes = 0;
  for (std::size_t k = 0; k < ids_.size(); ++k) yes += member(k) ? 1 : 0;
  return yes >= Majority();
}

}  // namespace raft::quorum

#endif  // RAFTCHECK_IMPL_QUORUM_MAJORITY_H_
