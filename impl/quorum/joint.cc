#include "impl/quorum/joint.h"

namespace raft::quorum {

std::vector<NodeId> JointConfig::Ids() const {
  std::vector<NodeId> ids;
  ids.reserve(incoming.ids().size() + outgoing.ids().size());
  std::set_union(incoming.ids().begin(), incoming.ids().end(), outgoing.ids().begin(),
                 outgoing.ids().end(), std::back_inserter(ids));
  return ids;
}

}  // namespace raft::quorum
