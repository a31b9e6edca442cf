// Reading a node's log without copying it: the entries a snapshot covers come from the
// snapshot's data (the host's state machine up to its index, impl/harness/applied_codec.h),
// the stable part from the host's MemoryStorage, the unstable tail from the RaftLog. Internal
// to checker/world.
#ifndef RAFTCHECK_CHECKER_WORLD_NODE_LOG_H_
#define RAFTCHECK_CHECKER_WORLD_NODE_LOG_H_

#include <algorithm>
#include <vector>

#include "impl/harness/applied_codec.h"
#include "impl/harness/node_host.h"

namespace raftcheck {

// Calls f(const raft::Entry&) for the first `count` entries that `snapshot` covers, index 1
// first (fewer if its data holds fewer: a snapshot that does not decode shows nothing).
template <class F>
void ForEachSnapshotEntry(const raft::Snapshot& snapshot, raft::Index count, F&& f) {
  if (count == 0) return;
  const raft::Result<std::vector<raft::Entry>> covered =
      raft::DecodeAppliedEntries(snapshot.data);
  if (!covered.ok()) return;
  const std::size_t n = std::min<std::size_t>(covered->size(), count);
  for (std::size_t i = 0; i < n; ++i) f((*covered)[i]);
}

// Calls f(const raft::Entry&) for every entry of the host's durable log, index 1 first: the
// entries compacted into its storage's snapshot, then the stored ones.
template <class F>
void ForEachDurableLogEntry(const raft::NodeHost& host, F&& f) {
  const raft::MemoryStorage& storage = host.storage();
  ForEachSnapshotEntry(storage.snapshot(), storage.FirstIndex() - 1, f);
  for (const raft::Entry& e : storage.entries()) f(e);
}

// Calls f(const raft::Entry&) for every entry of the up node's log, index 1 first: those a
// snapshot covers as its data holds them (the unstable snapshot's, while there is one, which
// replaces the whole stored log), then the stable ones, then the unstable tail.
// REQUIRES: host.up().
template <class F>
void ForEachLogEntry(const raft::NodeHost& host, F&& f) {
  const raft::RaftLog& log = host.node().raft().log();
  if (log.HasUnstableSnapshot()) {
    const raft::Snapshot& snapshot = log.unstable_snapshot();
    ForEachSnapshotEntry(snapshot, snapshot.metadata.index, f);
  } else {
    const raft::MemoryStorage& storage = host.storage();
    ForEachSnapshotEntry(storage.snapshot(), storage.FirstIndex() - 1, f);
    const auto& stored = storage.entries();
    const raft::Index first = storage.FirstIndex();
    const std::size_t stable =
        log.unstable_offset() > first
            ? std::min<std::size_t>(stored.size(), log.unstable_offset() - first)
            : 0;
    for (std::size_t i = 0; i < stable; ++i) f(stored[i]);
  }
  for (const raft::Entry& e : log.UnstableEntries()) f(e);
}

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_NODE_LOG_H_
