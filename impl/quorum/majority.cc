#include "impl/quorum/majority.h"

#include "impl/invariant.h"

namespace raft::quorum {

MajorityConfig::MajorityConfig(std::vector<NodeId> ids) : ids_(std::move(ids)) {
  std::sort(ids_.begin(), ids_.end());
  RAFT_INVARIANT(std::adjacent_find(ids_.begin(), ids_.end()) == ids_.end(),
                 "a majority configuration holds each voter once");
}

void MajorityConfig::Insert(NodeId id) {
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) ids_.insert(it, id);
}

void MajorityConfig::Erase(NodeId id) {
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it != ids_.end() && *it == id) ids_.erase(it);
}

}  // namespace raft::quorum
