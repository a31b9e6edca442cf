// NodeHost: one Raft node as an application would run it in memory: a durable store that
// survives crashes, a live RawNode that does not, and the applied state machine (the list of
// applied entries). Tests, the simulator and the explorer all drive nodes through this class,
// so the Ready contract is implemented exactly once.
//
// Invariants:
//   1. node() reads storage(): the RawNode's Storage pointer always points at this host's own
//      storage, also in copies (the explorer forks whole clusters by copying).
//   2. A crashed host has no node and has lost everything not yet persisted.
//   3. The state machine is applied() and nothing else: a snapshot's data is its encoding up
//      to the snapshot index (applied_codec.h), and installing a snapshot replaces it by what
//      the data holds. So applied().size() is always the applied index.
//   4. On a disk (the second constructor), every Ready is persisted through the write-ahead
//      log (impl/wal/wal.h) before its messages leave, and storage() is a cache of what the
//      WAL holds: after a crash it is rebuilt from the disk, and a restart is WAL recovery.
//      The state machine is durable only through snapshots: a crash leaves it as the latest
//      durable snapshot holds it, and the restarted node re-applies the committed entries
//      after it. In memory (the first constructor), storage and state machine survive crashes
//      whole.
//   5. The configuration is part of the state machine: applying an entry of type kConfChange
//      hands its change to the node (RawNode::ApplyConfChange), and the configuration as of
//      any applied index is the starting one (Config::peers and learners) with the changes
//      applied up to there (ConfStateAt). Snapshots record it, and a restart starts from it.
#ifndef RAFTCHECK_IMPL_HARNESS_NODE_HOST_H_
#define RAFTCHECK_IMPL_HARNESS_NODE_HOST_H_

#include <optional>
#include <string>
#include <vector>

#include "impl/fs/file_system.h"
#include "impl/raw_node.h"
#include "impl/storage.h"
#include "impl/wal/wal.h"

namespace raft {

class NodeHost {
 public:
  // Starts a fresh node. config.storage and config.applied are ignored (the host owns both).
  // REQUIRES: config (with the host's storage) validates.
  explicit NodeHost(const Config& config);
  // Starts a fresh node on a disk: a new WAL under `dir` on `fs` (not owned; must outlive the
  // host). Config::bugs reach the WAL too (its seeded bugs).
  NodeHost(const Config& config, FileSystem* fs, std::string dir);
  // REQUIRES: !other.on_disk() (a host on a disk is copied onto a copy of its disk, below).
  NodeHost(const NodeHost& other);
  // The host `other` on `fs`, which holds a copy of other's disk (the explorer forks nodes
  // with their disks). REQUIRES: other.on_disk().
  NodeHost(const NodeHost& other, FileSystem* fs);
  NodeHost& operator=(const NodeHost& other);  // no move: a copy must rebind (invariant 1)

  bool on_disk() const { return fs_ != nullptr; }
  // The seeded bugs the node (and its WAL) runs with (bugs.h); empty in production.
  const BugSet& bugs() const { return config_.bugs; }
  const std::string& dir() const { return dir_; }

  NodeId id() const { return config_.id; }
  bool up() const { return node_.has_value(); }
  // REQUIRES: up().
  RawNode& node() { return *node_; }
  const RawNode& node() const { return *node_; }
  const MemoryStorage& storage() const { return storage_; }
  // The state machine: every entry applied, index 1 first, those a snapshot brought included
  // (kept across restarts: a restart re-applies from its persisted applied index, which the
  // host remembers).
  const std::vector<Entry>& applied() const { return applied_; }
  // The configuration as of applied index `index` (invariant 5). REQUIRES: index <= applied().size().
  ConfState ConfStateAt(Index index) const;

  // Handles one Ready if there is one, in the contract's order: persist (snapshot, hard state,
  // entries), then append the messages to *outbox, then apply (the snapshot's state machine,
  // then committed entries), then Advance; the Ready's read states go to *reads (if given;
  // the application answers them, kv_service.h). Returns whether there was a Ready.
  bool HandleReady(std::vector<Message>* outbox, std::vector<ReadState>* reads = nullptr);
  // Log compaction: takes a snapshot at `index` (data: the state machine up to index, encoded
  // by EncodeAppliedEntries; configuration: ConfStateAt(index)) and discards the stored log up
  // to it.
  // In memory it works on a crashed host too (storage and state machine survive crashes); on
  // a disk the snapshot is saved through the WAL, so the host must be up.
  // REQUIRES (else InvalidArgument): index <= applied().size(), and index above the current
  // snapshot (else the storage's InvalidArgument).
  Status Compact(Index index);
  // Loses the live node and everything it had not persisted. On a disk the caller decides
  // what the disk keeps (the explorer crashes its simulated disk), then calls ReloadDurable.
  void Crash();
  // On a disk, after a crash: storage() and the state machine become what a restart will find
  // (a read of the WAL, as recovery would do it, without repairing). Errors: the WAL's (it
  // does not recover: Corruption, IOError). REQUIRES: on_disk() and !up().
  Status ReloadDurable();
  // Rebuilds the node from durable storage (on a disk: WAL recovery, which repairs a torn
  // tail), one incarnation later (Config::incarnation: the host keeps the boot count). REQUIRES: !up(); on a disk, a WAL that recovers (ReloadDurable said so).
  void Restart();

 private:
  void Rebind();
  // Storage and state machine from recovered WAL contents (invariant 4).
  void Rebuild(const WalContents& contents);

  Config config_;
  MemoryStorage storage_;
  std::optional<RawNode> node_;
  std::vector<Entry> applied_;
  // On a disk (invariant 4): the file system, the WAL's directory, and the WAL while up.
  FileSystem* fs_ = nullptr;
  std::string dir_;
  std::optional<Wal> wal_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_HARNESS_NODE_HOST_H_
