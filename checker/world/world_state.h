// The cluster world's state and actions. A state is a whole cluster: every node's host (durable
// store, live node, applied entries), the network, fault budgets used, and the ghost history the
// properties need. Actions refer to messages by their position in the (sorted) network, which
// is cheap in the search's inner loop; traces/ names them by content instead.
#ifndef RAFTCHECK_CHECKER_WORLD_WORLD_STATE_H_
#define RAFTCHECK_CHECKER_WORLD_WORLD_STATE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/world/clients.h"
#include "checker/world/sim_disk.h"
#include "checker/world/world_config.h"
#include "impl/harness/kv_service.h"
#include "impl/harness/node_host.h"
#include "properties/observation.h"

namespace raftcheck {

// One node's host with its canonical encoding. States share cells until an action changes the
// node (copy on write: an action changes at most one node, so a successor copies one host, not
// the whole cluster, and re-encodes only that one).
// The fields of a host that step properties compare, cached without heap allocation.
struct HostScalars {
  bool up = false;
  props::NodeRole role = props::NodeRole::kFollower;
  std::uint8_t peers = 0;  // entries used in match and next (leaders only)
  std::uint64_t term = 0;
  std::uint64_t vote = 0;
  std::uint64_t commit = 0;
  std::uint64_t durable_term = 0;
  std::array<std::uint64_t, kMaxNodes> match{};
  std::array<std::uint64_t, kMaxNodes> next{};
};

struct HostCell {
  // A node in memory.
  explicit HostCell(const raft::Config& config) : host(config), service(config.bugs) {}
  // A node on its own simulated disk, its WAL under kNodeDir (WorldConfig::disk).
  HostCell(const raft::Config& config, bool on_disk)
      : host(on_disk ? raft::NodeHost(config, &disk, kNodeDir) : raft::NodeHost(config)),
        service(config.bugs) {}
  // A fork: on a disk, the host moves onto the copy of the disk.
  HostCell(const HostCell& o)
      : disk(o.disk),
        host(o.host.on_disk() ? raft::NodeHost(o.host, &disk) : raft::NodeHost(o.host)),
        service(o.service),
        code(o.code),
        scalars(o.scalars),
        recovery(o.recovery) {}
  HostCell& operator=(const HostCell&) = delete;

  static constexpr const char* kNodeDir = "/node";
  SimDisk disk;  // empty in memory; declared before host, which points at it
  raft::NodeHost host;
  raft::KvService service;  // the node's KV service (with WorldConfig::clients)
  std::string code;     // ClusterWorld's canonical encoding of host (and disk, and service)
  HostScalars scalars;  // of host
  // On a disk: what was wrong with the node's recovery after its last crash ("" when
  // nothing): reported as recovered-durable (disk_crash.h).
  std::string recovery;
};

// The in-flight messages: a multiset kept sorted by each message's canonical encoding, so that
// equal networks are equal vectors and equal messages sit next to each other. Messages are
// immutable and shared between states.
class Network {
 public:
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  const raft::Message& at(std::size_t i) const { return *items_[i].msg; }
  const std::string& code(std::size_t i) const { return items_[i].code; }
  // Position of the first copy of the message encoded as `code`, or size().
  std::size_t Find(const std::string& code) const;
  // REQUIRES: code is the canonical encoding of m.
  void Insert(raft::Message m, std::string code);
  void Erase(std::size_t i) { items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i)); }
  void Duplicate(std::size_t i) { items_.insert(items_.begin() + static_cast<std::ptrdiff_t>(i), items_[i]); }

 private:
  struct Item {
    std::shared_ptr<const raft::Message> msg;
    std::string code;
  };
  std::vector<Item> items_;
};

struct WorldState {
  // Node id i + 1 at position i. Never mutate a cell another state may share: go through
  // ClusterWorld, which clones it first.
  std::vector<std::shared_ptr<HostCell>> cells;
  const raft::NodeHost& host(int i) const { return cells[i]->host; }
  int size() const { return static_cast<int>(cells.size()); }

  Network network;
  std::uint8_t crashes = 0;             // crashes so far
  std::uint8_t compactions = 0;         // compactions so far (WorldConfig::max_compactions)
  std::uint8_t proposed = 0;            // values proposed so far (v1..v<proposed>)
  // Ghost history (part of the state: it shapes the properties' verdicts).
  std::vector<props::LeaderRecord> leaders;    // sorted, unique
  std::vector<props::CommitRecord> committed;  // committed[i] is about index i + 1
  std::vector<ClientOp> ops;                   // the clients' history (clients.h)
  std::uint16_t events = 0;                    // of the history: its next event's position
  // WorldConfig::ticks: how many ticks each node is ahead of the slowest node that is up (0 for
  // nodes that are down). Relative, so that time's passing alone makes no state new.
  std::array<std::uint8_t, kMaxNodes> clock{};
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
  kCompact,     // node snapshots its state machine at its applied index and compacts its log
                // (WorldConfig::max_compactions)
  kInvoke,      // client invokes its next operation (op) at node (WorldConfig::clients)
  kGiveUp,      // client gives up on its outstanding operation (invoked at node): indeterminate
  // WorldConfig::ticks: node ticks once without its election timer firing (with ticks, a
  // kTimeout is the tick on which it fires: the randomized timeout drawn there).
  kTick,
  kTransfer,    // the leader at node is asked to hand leadership to target (WorldConfig::transfer);
                // keep it last (kActionKindCount)
};
inline constexpr int kActionKindCount = static_cast<int>(ActionKind::kTransfer) + 1;
const char* ActionKindName(ActionKind kind);
std::optional<ActionKind> ActionKindFromName(std::string_view name);

struct WorldAction {
  ActionKind kind = ActionKind::kTimeout;
  std::uint8_t node = 0;   // position; for message actions, the destination
  std::uint16_t msg = 0;   // position in network, for kDeliver, kDrop, kDuplicate
  // kCrash with WorldConfig::disk: 1 + the SimDisk::Crash outcome (what the disk keeps of the
  // bytes not synced). 0 otherwise.
  std::uint8_t outcome = 0;
  // kCrash with WorldConfig::crash_mid_ready: the crash falls inside the node's pending Ready,
  // after this many of its disk operations (1 .. its operations - 1). 0: between Readies.
  std::uint8_t after_ops = 0;
  // kInvoke, kGiveUp: the client (0-based), and for kInvoke its operation (ClientOpKind).
  std::uint8_t client = 0;
  ClientOpKind op = ClientOpKind::kPut;
  std::uint8_t target = 0;  // kTransfer: the transferee's position
  bool operator==(const WorldAction&) const = default;
};

// The canonical encoding of a message (what Network sorts by).
std::string EncodeMessage(const raft::Message& m);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_WORLD_STATE_H_
