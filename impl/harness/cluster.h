// Cluster: N NodeHosts and a network in memory, for tests and demos. Messages wait in a list in
// the order they were sent; the caller delivers, drops or duplicates them, cuts links, ticks
// clocks, crashes and restarts nodes. Everything is deterministic.
//
// After every operation that can produce output, the cluster handles every node's Ready (see
// NodeHost::HandleReady), so messages appear in the network as soon as a node emits them.
//
// The cluster is also each leader's transport for snapshots: when a snapshot message is
// delivered it reports success to its sender (RawNode::ReportSnapshot), and when one is
// dropped (Drop, DropIf, or on the way in Deliver) it reports failure, as etcd's transport
// does; without a report the leader would wait for that follower for ever.
#ifndef RAFTCHECK_IMPL_HARNESS_CLUSTER_H_
#define RAFTCHECK_IMPL_HARNESS_CLUSTER_H_

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "impl/harness/node_host.h"

namespace raft {

class Cluster {
 public:
  // Nodes 1..n with the given settings (id, peers, seed are filled in: seed = base seed + id).
  // The starting configuration is `voters` (and base.learners), or every node when `voters` is
  // empty; the other nodes start outside it, to be added by configuration changes.
  // REQUIRES: n >= 1 and `base` validates once id, peers and storage are filled in.
  explicit Cluster(int n, Config base = Config(), std::vector<NodeId> voters = {});

  int size() const { return static_cast<int>(hosts_.size()); }
  NodeHost& host(NodeId id) { return hosts_[id - 1]; }
  const NodeHost& host(NodeId id) const { return hosts_[id - 1]; }
  // REQUIRES: host(id).up().
  const Raft& raft(NodeId id) const { return host(id).node().raft(); }

  // The network: messages sent and not yet delivered or dropped.
  const std::vector<Message>& in_flight() const { return network_; }
  // Delivers (steps) message i and removes it. Returns the step's status.
  Status Deliver(std::size_t i);
  // Delivers messages in order until none is left or `max_messages` were delivered; messages
  // across a cut link or to a crashed node are dropped on the way. Returns how many stepped.
  int DeliverAll(int max_messages = 100000);
  // Removes message i / every message matching pred (snapshots: reported failed).
  void Drop(std::size_t i);
  int DropIf(const std::function<bool(const Message&)>& pred);
  void Duplicate(std::size_t i);

  // Cuts every link between a node in `group` and a node outside it (both directions).
  void Partition(const std::set<NodeId>& group);
  void Isolate(NodeId id) { Partition({id}); }
  void Cut(NodeId a, NodeId b);
  void Heal() { cut_.clear(); }
  bool Connected(NodeId a, NodeId b) const;

  // Node-local operations; each handles the node's Ready afterwards.
  void Tick(NodeId id, int times = 1);
  void TickAll(int times = 1);
  Status Campaign(NodeId id);
  Status Propose(NodeId id, std::string data);
  Status ProposeConfChange(NodeId id, const ConfChangeV2& cc);
  // A linearizable read at node id; its ReadState arrives in ReadStates(id) (raw_node.h).
  Result<ReadId> ReadIndex(NodeId id);
  Status TransferLeader(NodeId id, NodeId transferee);
  Status Step(NodeId id, const Message& m);
  void Crash(NodeId id) { host(id).Crash(); }
  void Restart(NodeId id);
  // The read states node id's Readies carried so far, oldest first (kept across crashes).
  const std::vector<ReadState>& ReadStates(NodeId id) const { return reads_[id - 1]; }
  // Log compaction at node id (NodeHost::Compact).
  Status Compact(NodeId id, Index index) { return host(id).Compact(index); }

  // Ticks every node and delivers everything, round after round, until some node leads and
  // the network is quiet, or `max_rounds` pass. Returns the leader or kNone.
  NodeId Stabilize(int max_rounds = 200);
  // The node that is leader in the highest term, or kNone.
  NodeId Leader() const;

 // Handles node id's Readies, as every operation above does afterwards; for requests made on
  // host(id).node() directly (an application layer such as kv_service.h).
  void Flush(NodeId id);

 private:
  // The transport's report on a snapshot message `m` (no-op for other messages, or when the
  // sender is down).
  void ReportSnapshot(const Message& m, bool failure);

  std::vector<NodeHost> hosts_;
  std::vector<Message> network_;
  std::vector<std::vector<ReadState>> reads_;  // by node id - 1
  std::set<std::pair<NodeId, NodeId>> cut_;  // ordered pairs (from, to)
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_HARNESS_CLUSTER_H_
