// WorldConfig: the shape of the cluster world the explorer builds around impl/ nodes: how many
// nodes, which faults, which bounds, which seeded bugs. Bounds have TLC's meaning (a state past
// them is checked but neither counted nor expanded). Each field's flag, JSON key and range are
// declared once, in WorldSchema() (world_system.cc).
#ifndef RAFTCHECK_CHECKER_WORLD_WORLD_CONFIG_H_
#define RAFTCHECK_CHECKER_WORLD_WORLD_CONFIG_H_

#include <cstdint>
#include <limits>

#include "base/status.h"
#include "impl/bugs.h"

namespace raftcheck {

// The most nodes a world holds (per-node scalars are cached in fixed arrays of this size).
inline constexpr int kMaxNodes = 5;
// Client values are counted in a byte of the state (WorldState::proposed).
inline constexpr int kMaxValues = std::numeric_limits<std::uint8_t>::max();
// WorldConfig::drift that bounds nothing: clocks run free (simulate --time's pauses and skews).
inline constexpr int kAnyDrift = std::numeric_limits<std::uint8_t>::max();
// Crashes and compactions are counted in a byte of the state each.
inline constexpr int kMaxCrashes = std::numeric_limits<std::uint8_t>::max();
inline constexpr int kMaxCompactions = std::numeric_limits<std::uint8_t>::max();

struct WorldConfig {
  int nodes = 3;             // 1..kMaxNodes
  int values = 1;            // client values v1..vV, each proposed at most once
  std::uint64_t max_term = 2;
  std::uint64_t max_log = 2;  // entries per node log, the leaders' no-op entries included
  int max_msgs = 2;           // in-flight messages, counted with multiplicity
  int max_crashes = 0;        // crashes over the whole run
  bool drop = true;           // messages may be lost
  bool duplicate = true;      // messages may be duplicated
  bool restart = true;        // a crashed node may restart
  // Handling a node's Ready is an action of its own, so that a crash can fall between a step
  // and the persisting of what it produced. Off: every step is followed by its Ready at once.
  bool ready_action = false;
  bool pre_vote = true;
  // Appends carry one entry each (Config::max_size_per_msg = 1), as a size limit does with
  // real payloads: more interleavings, and the ones that expose commit-rule bugs.
  bool single_entry_appends = true;
  // Every node persists through the real write-ahead log (impl/wal/) on its own simulated disk
  // (sim_disk.h), and a restart is WAL recovery; a crash loses what the disk had not synced,
  // all of it, a torn part of the last write, or none of it. Off: durable state is a
  // MemoryStorage that a crash never damages.
  bool disk = false;
  // With disk: a crash may also flip a bit of the unsynced bytes it keeps.
  bool bit_flips = false;
  // With disk and ready_action: a crash may also fall inside a node's pending Ready, after
  // any number of its disk operations (SimDisk::CutPowerAfter); by default crashes fall
  // between Readies.
  bool crash_mid_ready = false;
  // Compactions allowed over a run: a node snapshots its state machine at its applied index and
  // compacts its log (leaders then send snapshots to followers that need compacted entries).
  int max_compactions = 0;
  // Clients (clients.h; off with 0): each has at most one operation outstanding, invoked at
  // any node that is up and answered by its KV service; `ops` operations over a run. They
  // put and get, and with `cas` also cas. Needs both clients and ops.
  int clients = 0;
  int ops = 0;
  bool cas = false;
  // Time (off: timers are abstracted, as cluster_world.h explains). With ticks, time advances
  // by tick actions and each node's own Tick() fires its heartbeats, its CheckQuorum and its
  // election timer; the randomized timeout is enumerated: a tick in the window
  // [election_tick, 2 * election_tick) may or may not fire the timer, both explored.
  bool ticks = false;
  int election_tick = 3;
  int heartbeat_tick = 1;
  // Clock drift: a node ticks only while it is at most `drift` ticks ahead of the slowest node
  // that is up (0: all tick at one rate, in any order within a round; kAnyDrift: no bound).
  int drift = 0;
  bool check_quorum = false;   // Config::check_quorum (needs ticks)
  bool lease_reads = false;    // ReadOnlyOption::kLeaseBased (needs ticks, check_quorum)
  int lease_drift = 0;         // Config::max_clock_drift: the drift the lease assumes
  // A leader may be asked to hand leadership to another node (TransferLeader, TimeoutNow).
  bool transfer = false;
  // A partial partition for the whole run: the link between two nodes is down both ways
  // (every message between them is lost as it is sent); written as their two ids, 13 for the
  // link between nodes 1 and 3. 0: none.
  int cut_link = 0;
  // When the faults stop (a fair schedule, liveness.h), nodes that are down stay down as long
  // as they are a minority: progress must not need them. Off: they restart.
  bool stay_down = false;
  // With ticks, when the faults stop: the goal is not only a quiet cluster but a leader that
  // then keeps leading at its term for this many rounds of ticks (0: the quiet point is the
  // goal). A cluster that re-elects every few timeouts is quiet now and then, never stable.
  int hold_ticks = 0;
  raft::BugSet bugs;

  // OK, or InvalidArgument naming the first field out of range.
  base::Status Validate() const;
  // Whether the link between nodes a and b (0-based) is cut_link.
  bool Cut(int a, int b) const {
    return cut_link != 0 && ((cut_link / 10 == a + 1 && cut_link % 10 == b + 1) ||
                             (cut_link / 10 == b + 1 && cut_link % 10 == a + 1));
  }
};

// The defaults of random simulation: walks go much deeper than exhaustive search, so the
// bounds are loose enough that runs rarely end on one (a run stops at its first out-of-bound
// state).
WorldConfig SimulationDefaults();

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_WORLD_CONFIG_H_
