// The cluster world's state and actions. A state is a whole cluster: every node's host (durable
// store, live node, applied entries), the network, fault budgets used, and the ghost history the
// properties need. Actions refer to messages by their position in the (sorted) network, which
// is cheap in the search's inner loop; traces/ names them by content instead.
#ifndef RAFTCHECK_CHECKER_WORLD_WORLD_STATE_H_
#define RAFTCHECK_CHECKER_WORLD_WORLD_STATE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "impl/harness/node_host.h"
#include "properties/observation.h"

namespace raftcheck {

// One node's host with its canonical encoding. States share cells until an action changes the
// node (copy on write: an action changes at most one node, so a successor copies one host, not
// the whole cluster, and re-encodes only that one).
struct HostCell {
  raft::NodeHost host;
  std::string code;  // ClusterWorld's canonical encoding of host
};

struct WorldState {
  // Node id i + 1 at position i. Never mutate a cell another state may share: go through
  // ClusterWorld, which clones it first.
  std::vector<std::shared_ptr<HostCell>> cells;
  const raft::NodeHost& host(int i) const { return cells[i]->host; }
  int size() const { return static_cast<int>(cells.size()); }

  // In-flight messages: a multiset kept sorted by MessageLess (equal messages adjacent), so
  // that equal states have equal networks.
  std::vector<raft::Message> network;
  std::uint8_t crashes = 0;             // crashes so far
  std::uint8_t proposed = 0;            // values proposed so far (v1..v<proposed>)
  // Ghost history (part of the state: it shapes the properties' verdicts).
  std::vector<props::LeaderRecord> leaders;    // sorted, unique
  std::vector<props::CommitRecord> committed;  // committed[i] is about index i + 1
  // A node aborted on a broken internal invariant: which and where. Such a state is checked
  // (and reported) but never expanded.
  std::string broken;
};

enum class ActionKind : std::uint8_t {
  kDeliver,     // step network[msg] on its destination (lost if the destination is down)
  kDrop,        // network[msg] is lost
  kDuplicate,   // network[msg] is delivered twice (one more copy)
  kTimeout,     // node's election timer fires (Campaign)
  kHeartbeat,   // leader's heartbeat timer fires (one Tick at heartbeat_tick 1)
  kPropose,     // a client proposes the next value to the node
  kCrash,       // node loses its volatile state
  kRestart,     // node restarts from its durable store
  kReady,       // node handles one Ready (WorldConfig::ready_action only)
};
const char* ActionKindName(ActionKind kind);

struct WorldAction {
  ActionKind kind = ActionKind::kTimeout;
  std::uint8_t node = 0;   // position; for message actions, the destination
  std::uint16_t msg = 0;   // position in network, for kDeliver, kDrop, kDuplicate
  bool operator==(const WorldAction&) const = default;
};

// The canonical order of messages in the network.
bool MessageLess(const raft::Message& a, const raft::Message& b);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_WORLD_STATE_H_
