// Reading a live node's log without copying it: the stable prefix comes from the host's
// MemoryStorage, the unstable tail from the RaftLog. Internal to checker/world.
#ifndef RAFTCHECK_CHECKER_WORLD_NODE_LOG_H_
#define RAFTCHECK_CHECKER_WORLD_NODE_LOG_H_

#include <algorithm>

#include "impl/harness/node_host.h"

namespace raftcheck {

// Calls f(const raft::Entry&) for every entry of the up node's log, index 1 first.
// REQUIRES: host.up().
template <class F>
void ForEachLogEntry(const raft::NodeHost& host, F&& f) {
  const raft::RaftLog& log = host.node().raft().log();
  const auto& stored = host.storage().entries();
  const std::size_t stable = std::min<std::size_t>(stored.size(), log.unstable_offset() - 1);
  for (std::size_t i = 0; i < stable; ++i) f(stored[i]);
  for (const raft::Entry& e : log.UnstableEntries()) f(e);
}

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_NODE_LOG_H_
