// NodeHost: one Raft node as an application would run it in memory: a durable store that
// survives crashes, a live RawNode that does not, and the applied state machine (the list of
// applied entries). Tests, the simulator and the explorer all drive nodes through this class,
// so the Ready contract is implemented exactly once.
//
// Invariants:
//   1. node() reads storage(): the RawNode's Storage pointer always points at this host's own
//      storage, also in copies (the explorer forks whole clusters by copying).
//   2. A crashed host has no node and has lost everything not yet persisted.
#ifndef RAFTCHECK_IMPL_HARNESS_NODE_HOST_H_
#define RAFTCHECK_IMPL_HARNESS_NODE_HOST_H_

#include <optional>
#include <vector>

#include "impl/raw_node.h"
#include "impl/storage.h"

namespace raft {

class NodeHost {
 public:
  // Starts a fresh node. config.storage and config.applied are ignored (the host owns both).
  // REQUIRES: config (with the host's storage) validates.
  explicit NodeHost(const Config& config);
  NodeHost(const NodeHost& other);
  NodeHost& operator=(const NodeHost& other);  // no move: a copy must rebind (invariant 1)

  NodeId id() const { return config_.id; }
  bool up() const { return node_.has_value(); }
  // REQUIRES: up().
  RawNode& node() { return *node_; }
  const RawNode& node() const { return *node_; }
  const MemoryStorage& storage() const { return storage_; }
  // Entries applied to the state machine since the node was created (kept across restarts:
  // a restart re-applies from its persisted applied index, which the host remembers).
  const std::vector<Entry>& applied() const { return applied_; }

  // Handles one Ready if there is one, in the contract's order: persist, then append the
  // messages to *outbox, then apply, then Advance. Returns whether there was a Ready.
  bool HandleReady(std::vector<Message>* outbox);
  // Loses the live node and everything it had not persisted.
  void Crash();
  // Rebuilds the node from durable storage. REQUIRES: !up().
  void Restart();

 private:
  void Rebind();

  Config config_;
  MemoryStorage storage_;
  std::optional<RawNode> node_;
  std::vector<Entry> applied_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_HARNESS_NODE_HOST_H_
