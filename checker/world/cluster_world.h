// ClusterWorld: the production Raft code (impl/) as a System the engine can explore.
//
// Every node is a real raft::RawNode inside a raft::NodeHost; every action calls the real
// library. By default timers are abstracted: an election timeout is an action (Campaign) and
// so is a leader's heartbeat (one Tick), so the explored state holds no tick counters, no
// election timer and no random generator: Encode() leaves them out because, with timers
// abstracted, they do not shape the future. CheckQuorum, leases and transfer timeouts need
// real time: with WorldConfig::ticks, time passes by tick actions, each node's Tick() fires
// its own timers, and the tick counters (relative clocks, elapsed counters, leases) are part
// of the state. The randomized election timeout is then enumerated rather than drawn: a tick
// inside the window may fire the timer or not (kTimeout, kTick), which covers every value the
// node's generator could draw without putting the generator in the state (its position would
// make every round a new state, and the space infinite).
//
// Invariants of a WorldState produced by this class:
//   1. Every cell's code and view describe its host (refreshed by Touched()).
//   2. Outside ready_action mode, no node has a pending Ready between actions.
//   3. leaders and committed extend monotonically (ghost history).
#ifndef RAFTCHECK_CHECKER_WORLD_CLUSTER_WORLD_H_
#define RAFTCHECK_CHECKER_WORLD_CLUSTER_WORLD_H_

#include <cstddef>
#include <string>
#include <vector>

#include "checker/world/world_config.h"
#include "checker/world/world_state.h"
#include "properties/observation.h"

namespace raftcheck {

class ClusterWorld {
 public:
  using State = WorldState;
  using Action = WorldAction;

  // REQUIRES: config.Validate().ok().
  explicit ClusterWorld(const WorldConfig& config);

  // The engine's System contract (checker/engine/system.h).
  void InitialStates(std::vector<State>& out) const;
  void Actions(const State& s, std::vector<Action>& out) const;
  void Apply(State& s, const Action& a) const;
  void Encode(const State& s, std::string& out) const;
  bool InBounds(const State& s) const;
  std::string Describe(const Action& a) const;
  std::size_t ApproxBytes(const State& s) const;

  // A human line for an action taken in state s, naming the message by content.
  std::string DescribeIn(const State& s, const Action& a) const;
  // What the properties see of s. With scalars_only, the logs, applied entries and history are
  // left empty: enough for props::CheckStep, and much cheaper.
  void Observe(const State& s, props::Observation* obs, bool scalars_only = false) const;
  // What the properties see of node `node` of s (as Observe does for every node).
  void ObserveNode(const State& s, int node, props::NodeView* view) const {
    ViewHost(s.host(node), view);
  }

  const WorldConfig& config() const { return config_; }
  // A leader started more read rounds than there are client operations: a duplicated read
  // request starts a round of its own each time it is delivered, without end, so the search
  // bounds them by --ops (as it bounds terms and logs).
  bool ReadRoundsPastBound(const raft::Raft& r) const;

  // Client values: "v1", "v2", ... in entry data; 0 is the no-op (empty data). A KV request
  // of the world's clients (clients.h) is props::kClientRequestValue + 256 * client + seq:
  // within a state, which request that is follows from the history (WorldState::ops).
  static std::string ValueData(int value);
  // Inline: on the explorer's hot path (every entry encoded or observed).
  static std::uint32_t ValueOf(const std::string& data) {
    if (data.size() < 2) return 0;
    if (data[0] == 'K') {
      // kv_command.h: 'K' op u64 client u64 seq ..., little-endian, both below 128 here.
      if (data.size() < 18) return 0;
      return props::kClientRequestValue + 256u * static_cast<unsigned char>(data[2]) +
             static_cast<unsigned char>(data[10]);
    }
    if (data[0] != 'v') return 0;
    std::uint32_t v = 0;
    for (std::size_t i = 1; i < data.size(); ++i) {
      const unsigned digit = static_cast<unsigned char>(data[i]) - '0';
      if (digit > 9) return 0;
      v = v * 10 + digit;
    }
    return v;
  }

 private:
  // The node's cell (host, disk), cloned first if another state shares it. Call Touched()
  // when done.
  HostCell& MutableCell(State& s, int node) const;
  raft::NodeHost& MutableHost(State& s, int node) const;
  // The crash actions of a node: one, or on a disk one per distinct crash outcome.
  void AddCrashes(const HostCell& cell, std::uint8_t node, std::vector<Action>& out) const;
  // Some node's recovery failed its check (disk_crash.h): reported, never expanded.
  static bool Unrecovered(const State& s);
  // The cell's canonical encoding: its host, and on a disk the disk and the recovery flag.
  void EncodeCell(const HostCell& cell, std::string* out) const;
  // After an action changed the node: re-encode its cell and extend the history.
  void Touched(State& s, int node) const;
  void EncodeHost(const raft::NodeHost& h, std::string* out) const;
  static void ViewHost(const raft::NodeHost& h, props::NodeView* view);
  static HostScalars ScalarsOf(const raft::NodeHost& h);
  // Handles node's Readies (unless they are actions of their own), sends their messages and
  // lets its KV service answer clients.
  void Flush(State& s, int node) const;
  // Node's KV service after its Readies carried `reads`: the answers due go into the history.
  void ServeClients(State& s, int node, const std::vector<raft::ReadState>& reads) const;
  void AddClientActions(const State& s, std::vector<Action>& out) const;
  // WorldConfig::ticks: node i's tick actions (kTick, and kTimeout when its timer may fire).
  void AddTicks(const State& s, int i, std::vector<Action>& out) const;
  // One tick of node (its timer firing on it or not), then the clock kept relative.
  void TickNode(State& s, int node, bool fire) const;
  static void NormalizeClock(State& s);
  int LargestDraw() const { return 2 * config_.election_tick - 1; }
  // The end of a MsgSnap's send from `from` to `to` (delivered, dropped, or lost to a crashed
  // node), reported to the sender if it is up.
  // How many disk operations handling the cell's pending Ready takes (run on a fork).
  static int DiskOpsOfPendingReady(const HostCell& cell);
  void ReportSnapshotSent(State& s, raft::NodeId from, raft::NodeId to, bool failure) const;
  void RecordHistory(State& s, int node) const;

  WorldConfig config_;
  raft::Config node_config_;
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_CLUSTER_WORLD_H_
