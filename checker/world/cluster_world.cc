// ClusterWorld: actions and their effects on real impl/ nodes.
#include "checker/world/cluster_world.h"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "checker/world/disk_crash.h"
#include "impl/inspect.h"
#include "impl/invariant.h"

namespace raftcheck {
namespace {

// A node hit RAFT_INVARIANT: unwind out of impl/ so the world can report it as a violation.
struct BrokenInvariant : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void ThrowBrokenInvariant(const char* name, const char*, const char*, int) {
  throw BrokenInvariant(name);
}

// The outbox into the network; a message over the cut link is lost on the way.
void Send(const WorldConfig& config, Network& network, std::vector<raft::Message>& outbox) {
  for (raft::Message& m : outbox) {
    if (config.Cut(static_cast<int>(m.from) - 1, static_cast<int>(m.to) - 1)) continue;
    std::string code = EncodeMessage(m);
    network.Insert(std::move(m), std::move(code));
  }
}

}  // namespace

namespace {

// Names in enum order: the one table the action kinds' names (and their number) come from.
constexpr const char* kActionKindNames[] = {
    "deliver", "drop",    "duplicate", "timeout", "heartbeat", "propose",
    "crash",   "restart", "ready",     "compact", "invoke",    "give-up",
    "tick",    "transfer"};
static_assert(std::size(kActionKindNames) == kActionKindCount);

}  // namespace

const char* ActionKindName(ActionKind kind) {
  const auto k = static_cast<std::size_t>(kind);
  return k < std::size(kActionKindNames) ? kActionKindNames[k] : "?";
}

std::optional<ActionKind> ActionKindFromName(std::string_view name) {
  for (std::size_t k = 0; k < std::size(kActionKindNames); ++k) {
    if (name == kActionKindNames[k]) return static_cast<ActionKind>(k);
  }
  return std::nullopt;
}

ClusterWorld::ClusterWorld(const WorldConfig& config) : config_(config) {
  if (config.ticks) {
    node_config_.election_tick = config.election_tick;
    node_config_.heartbeat_tick = config.heartbeat_tick;
    node_config_.check_quorum = config.check_quorum;
    if (config.lease_reads) {
      node_config_.read_only_option = raft::ReadOnlyOption::kLeaseBased;
      node_config_.max_clock_drift = config.lease_drift;
    }
  } else {
    node_config_.election_tick = 10;
    node_config_.heartbeat_tick = 1;    // one Tick of a leader is one heartbeat
    node_config_.check_quorum = false;  // needs real ticks; see the class comment
  }
  node_config_.pre_vote = config.pre_vote;
  if (config.single_entry_appends) node_config_.max_size_per_msg = 1;
  node_config_.bugs = config.bugs;
  for (int i = 1; i <= config.nodes; ++i) node_config_.peers.push_back(i);
  // Process-wide, installed once: every world unwinds a broken node invariant the same way.
  static std::once_flag installed;
  std::call_once(installed, [] { raft::SetInvariantHandler(&ThrowBrokenInvariant); });
}

std::string ClusterWorld::ValueData(int value) { return "v" + std::to_string(value); }

void ClusterWorld::InitialStates(std::vector<State>& out) const {
  State s;
  for (int i = 1; i <= config_.nodes; ++i) {
    raft::Config c = node_config_;
    c.id = i;
    c.seed = i;
    s.cells.push_back(std::make_shared<HostCell>(c, config_.disk));
    EncodeCell(*s.cells.back(), &s.cells.back()->code);
    s.cells.back()->scalars = ScalarsOf(s.cells.back()->host);
  }
  out.push_back(std::move(s));
}

void ClusterWorld::Actions(const State& s, std::vector<Action>& out) const {
  if (!s.broken.empty() || Unrecovered(s)) return;
  for (std::size_t pos = 0; pos < s.network.size(); ++pos) {
    if (pos > 0 && s.network.code(pos) == s.network.code(pos - 1)) continue;  // one per copy set
    const auto msg = static_cast<std::uint16_t>(pos);
    const auto to = static_cast<std::uint8_t>(s.network.at(pos).to - 1);
    out.push_back({ActionKind::kDeliver, to, msg});
    if (config_.drop) out.push_back({ActionKind::kDrop, to, msg});
    if (config_.duplicate) out.push_back({ActionKind::kDuplicate, to, msg});
  }
  for (int i = 0; i < s.size(); ++i) {
    const raft::NodeHost& h = s.host(i);
    const auto node = static_cast<std::uint8_t>(i);
    if (!h.up()) {
      if (config_.restart) out.push_back({ActionKind::kRestart, node});
      continue;
    }
    const bool leader = h.node().raft().role() == raft::Role::kLeader;
    if (config_.ticks) {
      AddTicks(s, i, out);
    } else {
      out.push_back({leader ? ActionKind::kHeartbeat : ActionKind::kTimeout, node});
    }
    if (leader && s.proposed < config_.values) out.push_back({ActionKind::kPropose, node});
    if (leader && config_.transfer) {
      for (int j = 0; j < s.size(); ++j) {
        if (j != i) {
          out.push_back({.kind = ActionKind::kTransfer, .node = node,
                         .target = static_cast<std::uint8_t>(j)});
        }
      }
    }
    if (config_.ready_action && h.node().HasReady()) out.push_back({ActionKind::kReady, node});
    if (s.crashes < config_.max_crashes) AddCrashes(*s.cells[i], node, out);
    // Up to what the state machine holds (the application takes the snapshot of it).
    if (s.compactions < config_.max_compactions &&
        h.applied().size() > h.storage().snapshot().metadata.index) {
      out.push_back({ActionKind::kCompact, node});
    }
  }
  if (config_.clients > 0) AddClientActions(s, out);
}

void ClusterWorld::AddTicks(const State& s, int i, std::vector<Action>& out) const {
  // Ahead of the slowest node by the drift already (kAnyDrift: no bound).
  if (config_.drift < kAnyDrift && s.clock[i] > config_.drift) return;
  const auto node = static_cast<std::uint8_t>(i);
  const raft::Raft& r = s.host(i).node().raft();
  if (r.role() == raft::Role::kLeader) {
    out.push_back({ActionKind::kTick, node});
    return;
  }
  // The randomized timeout, enumerated: the next tick fires the timer if the draw was that
  // tick, and must fire it at the largest draw.
  const int next = raft::Inspector::ElectionElapsed(r) + 1;
  if (next < LargestDraw()) out.push_back({ActionKind::kTick, node});
  if (next >= config_.election_tick) out.push_back({ActionKind::kTimeout, node});
}

void ClusterWorld::TickNode(State& s, int node, bool fire) const {
  raft::RawNode& n = MutableHost(s, node).node();
  if (n.raft().role() != raft::Role::kLeader) {
    n.SetRandomizedElectionTimeout(fire ? raft::Inspector::ElectionElapsed(n.raft()) + 1
                                        : LargestDraw());
  }
  n.Tick();
  if (s.clock[node] < kAnyDrift) ++s.clock[node];  // saturates: only a bound reads it
  Flush(s, node);
  NormalizeClock(s);
}

void ClusterWorld::NormalizeClock(State& s) {
  int slowest = 255;
  for (int i = 0; i < s.size(); ++i) {
    if (s.host(i).up()) slowest = std::min<int>(slowest, s.clock[i]);
  }
  for (int i = 0; i < s.size(); ++i) {
    s.clock[i] = s.host(i).up() ? static_cast<std::uint8_t>(s.clock[i] - slowest) : 0;
  }
}

void ClusterWorld::AddClientActions(const State& s, std::vector<Action>& out) const {
  const int kinds = config_.cas ? kClientOpKindCount : 2;  // put, get (, cas)
  for (int c = 0; c < config_.clients; ++c) {
    const auto client = static_cast<std::uint8_t>(c);
    if (const ClientOp* op = Outstanding(s.ops, c)) {
      out.push_back({.kind = ActionKind::kGiveUp, .node = op->node, .client = client});
      continue;
    }
    if (static_cast<int>(s.ops.size()) >= config_.ops) continue;
    for (int i = 0; i < s.size(); ++i) {
      if (!s.host(i).up()) continue;  // a client cannot reach a node that is down
      for (int k = 0; k < kinds; ++k) {
        out.push_back({.kind = ActionKind::kInvoke,
                       .node = static_cast<std::uint8_t>(i),
                       .client = client,
                       .op = static_cast<ClientOpKind>(k)});
      }
    }
  }
}

void ClusterWorld::AddCrashes(const HostCell& cell, std::uint8_t node,
                              std::vector<Action>& out) const {
  if (!config_.disk) {
    out.push_back({ActionKind::kCrash, node});
    return;
  }
  // What the disk keeps of the bytes not synced; when everything is synced, all outcomes are
  // one (the first).
  auto add = [&](SimDisk::Crash crash, int after_ops) {
    out.push_back({ActionKind::kCrash, node, 0,
                   static_cast<std::uint8_t>(static_cast<int>(crash) + 1),
                   static_cast<std::uint8_t>(after_ops)});
  };
  add(SimDisk::Crash::kLoseUnsynced, 0);
  if (cell.disk.HasUnsynced()) {
    add(SimDisk::Crash::kKeepUnsynced, 0);
    if (cell.disk.LongestLastWrite() >= 2) add(SimDisk::Crash::kTornWrite, 0);
    if (config_.bit_flips && cell.disk.LongestLastWrite() >= 1) add(SimDisk::Crash::kFlipBit, 0);
  }
  if (!config_.crash_mid_ready || !cell.host.node().HasReady()) return;
  // Inside the pending Ready: after each of its disk operations but the last (a crash before
  // the first or after the last is a crash between Readies), with every outcome, since what
  // is unsynced at that point is known only by running the Ready (duplicate successors merge).
  const int ops = std::min(DiskOpsOfPendingReady(cell), 255);
  for (int k = 1; k < ops; ++k) {
    add(SimDisk::Crash::kLoseUnsynced, k);
    add(SimDisk::Crash::kKeepUnsynced, k);
    add(SimDisk::Crash::kTornWrite, k);
    if (config_.bit_flips) add(SimDisk::Crash::kFlipBit, k);
  }
}

int ClusterWorld::DiskOpsOfPendingReady(const HostCell& cell) {
  HostCell scratch(cell);  // a fork: the host on a copy of the disk
  const int before = scratch.disk.OpsDone();
  std::vector<raft::Message> outbox;
  scratch.host.HandleReady(&outbox);
  return scratch.disk.OpsDone() - before;
}

bool ClusterWorld::Unrecovered(const State& s) {
  for (const auto& cell : s.cells) {
    if (!cell->recovery.empty()) return true;
  }
  return false;
}

HostCell& ClusterWorld::MutableCell(State& s, int node) const {
  std::shared_ptr<HostCell>& cell = s.cells[node];
  // Sole owner: nobody else can be reading it, in this thread or another.
  if (cell.use_count() != 1) cell = std::make_shared<HostCell>(*cell);
  return *cell;
}

raft::NodeHost& ClusterWorld::MutableHost(State& s, int node) const {
  return MutableCell(s, node).host;
}

void ClusterWorld::EncodeCell(const HostCell& cell, std::string* out) const {
  EncodeHost(cell.host, out);
  if (config_.clients > 0) {
    // The service's requests not yet answered; its store follows from the applied entries.
    out->push_back(static_cast<char>(cell.service.pending().size()));
    for (const raft::KvService::Pending& p : cell.service.pending()) {
      out->push_back(static_cast<char>(p.request.client));
      out->push_back(static_cast<char>(p.request.seq));
      out->push_back(static_cast<char>(p.confirmed));
      out->append(std::to_string(p.read) + "/" + std::to_string(p.read_index) + ";");
    }
  }
  if (!config_.disk) return;
  cell.disk.Encode(out);
  out->push_back(cell.recovery.empty() ? '\0' : '\1');
}

void ClusterWorld::Touched(State& s, int node) const {
  HostCell& cell = *s.cells[node];
  cell.code.clear();
  EncodeCell(cell, &cell.code);
  cell.scalars = ScalarsOf(cell.host);
  RecordHistory(s, node);
}

void ClusterWorld::Flush(State& s, int node) const {
  std::vector<raft::ReadState> reads;
  if (!config_.ready_action) {  // else handling a Ready is an action of its own
    std::vector<raft::Message> outbox;
    raft::NodeHost& host = s.cells[node]->host;
    while (host.HandleReady(&outbox, &reads)) {
    }
    Send(config_, s.network, outbox);
  }
  ServeClients(s, node, reads);
}

void ClusterWorld::ServeClients(State& s, int node,
                                const std::vector<raft::ReadState>& reads) const {
  if (config_.clients == 0 || !s.host(node).up()) return;
  HostCell& cell = *s.cells[node];  // the action's own node: already cloned
  for (const raft::KvReply& reply : cell.service.Poll(cell.host, reads)) {
    if (RecordReply(s.ops, reply, s.events)) ++s.events;
  }
}

void ClusterWorld::ReportSnapshotSent(State& s, raft::NodeId from, raft::NodeId to,
                                      bool failure) const {
  const int sender = static_cast<int>(from) - 1;
  if (!s.host(sender).up()) return;
  // The transport tells the sender how a snapshot's send ended (etcd's ReportSnapshot): a
  // failure makes the leader probe again, a success lets it probe past the snapshot; until
  // then the follower's progress waits in StateSnapshot. A step of the sender.
  MutableHost(s, sender).node().ReportSnapshot(to, failure);
  Flush(s, sender);
  Touched(s, sender);
}

void ClusterWorld::Apply(State& s, const Action& a) const {
  try {
    switch (a.kind) {
      case ActionKind::kDeliver: {
        const raft::Message& m = s.network.at(a.msg);
        const bool snapshot = m.type == raft::MessageType::kSnap;
        const raft::NodeId from = m.from, to = m.to;
        const bool arrives = s.host(a.node).up();  // else lost on the way to a crashed node
        if (arrives) {
          MutableHost(s, a.node).node().Step(m);
          s.network.Erase(a.msg);  // a rejected or ignored message changes nothing: fine here
          Flush(s, a.node);
          Touched(s, a.node);
        } else {
          s.network.Erase(a.msg);
        }
        if (snapshot) ReportSnapshotSent(s, from, to, /*failure=*/!arrives);
        return;
      }
      case ActionKind::kDrop: {
        const raft::Message& m = s.network.at(a.msg);
        const bool snapshot = m.type == raft::MessageType::kSnap;
        const raft::NodeId from = m.from, to = m.to;
        s.network.Erase(a.msg);
        if (snapshot) ReportSnapshotSent(s, from, to, /*failure=*/true);
        return;
      }
      case ActionKind::kDuplicate:
        s.network.Duplicate(a.msg);
        return;
      case ActionKind::kTimeout: {
        if (config_.ticks) {
          TickNode(s, a.node, /*fire=*/true);
        } else {
          MutableHost(s, a.node).node().Campaign();
          Flush(s, a.node);
        }
        break;
      }
      case ActionKind::kTick:
        TickNode(s, a.node, /*fire=*/false);
        break;
      case ActionKind::kTransfer: {
        // The leader's answer (TimeoutNow, or appends to catch the transferee up) goes out;
        // a status other than OK changes nothing.
        MutableHost(s, a.node).node().TransferLeader(a.target + 1);
        Flush(s, a.node);
        break;
      }
      case ActionKind::kHeartbeat: {
        MutableHost(s, a.node).node().Tick();
        Flush(s, a.node);
        break;
      }
      case ActionKind::kPropose: {
        MutableHost(s, a.node).node().Propose(ValueData(++s.proposed));
        Flush(s, a.node);
        break;
      }
      case ActionKind::kCrash: {
        HostCell& cell = MutableCell(s, a.node);
        if (a.after_ops > 0) {
          // The power goes after a.after_ops of the Ready's disk operations; what the node
          // sends, applies or keeps in memory after that dies with it.
          cell.disk.CutPowerAfter(a.after_ops);
          std::vector<raft::Message> lost;
          cell.host.HandleReady(&lost);
        }
        cell.service.Crash();
        if (cell.host.on_disk()) {
          CrashOnDisk(&cell, static_cast<SimDisk::Crash>(a.outcome - 1), a.node + 1);
        } else {
          cell.host.Crash();
        }
        ++s.crashes;
        if (config_.ticks) NormalizeClock(s);
        break;
      }
      case ActionKind::kRestart: {
        MutableHost(s, a.node).Restart();
        s.clock[a.node] = 0;  // it rejoins with the slowest
        Flush(s, a.node);
        break;
      }
      case ActionKind::kReady: {
        std::vector<raft::Message> outbox;
        std::vector<raft::ReadState> reads;
        MutableHost(s, a.node).HandleReady(&outbox, &reads);
        Send(config_, s.network, outbox);
        ServeClients(s, a.node, reads);
        break;
      }
      case ActionKind::kCompact: {
        raft::NodeHost& host = MutableHost(s, a.node);
        const raft::Status compacted = host.Compact(host.applied().size());
        RAFT_INVARIANT(compacted.ok(), "a node compacts up to its state machine");
        ++s.compactions;
        break;
      }
      case ActionKind::kInvoke: {
        HostCell& cell = MutableCell(s, a.node);
        const ClientOp op = NextOp(s.ops, a.client, a.node, a.op, s.events++);
        s.ops.push_back(op);
        if (const std::optional<raft::KvReply> reply =
                cell.service.Submit(cell.host, RequestOf(op))) {
          if (RecordReply(s.ops, *reply, s.events)) ++s.events;
        }
        Flush(s, a.node);
        break;
      }
      case ActionKind::kGiveUp: {
        // Only the history changes: the node may still answer, and nobody listens.
        for (ClientOp& op : s.ops) {
          if (op.client == a.client && op.outcome == ClientOutcome::kPending) {
            op.outcome = ClientOutcome::kInfo;
            op.complete = s.events++;
          }
        }
        return;
      }
    }
  } catch (const BrokenInvariant& e) {
    s.broken = "node " + std::to_string(a.node + 1) + " broke its invariant \"" + e.what() + "\"";
    return;
  }
  Touched(s, a.node);
}

bool ClusterWorld::InBounds(const State& s) const {
  if (!s.broken.empty() || Unrecovered(s)) return false;
  if (static_cast<int>(s.network.size()) > config_.max_msgs) return false;
  for (int i = 0; i < s.size(); ++i) {
    const raft::NodeHost& h = s.host(i);
    if (h.storage().hard_state().term > config_.max_term) return false;
    if (!h.up()) continue;
    const raft::Raft& r = h.node().raft();
    if (r.term() > config_.max_term || r.log().LastIndex() > config_.max_log) return false;
    if (ReadRoundsPastBound(r)) return false;
  }
  return true;
}

bool ClusterWorld::ReadRoundsPastBound(const raft::Raft& r) const {
  return raft::Inspector::ReadQueue(r).rounds() > static_cast<std::uint64_t>(config_.ops);
}

std::string ClusterWorld::Describe(const Action& a) const {
  std::string s = ActionKindName(a.kind);
  s += " node " + std::to_string(a.node + 1);
  if (a.kind == ActionKind::kDeliver || a.kind == ActionKind::kDrop ||
      a.kind == ActionKind::kDuplicate) {
    s += " message #" + std::to_string(a.msg);
  }
  if (a.kind == ActionKind::kInvoke || a.kind == ActionKind::kGiveUp) {
    s += " client " + std::to_string(a.client + 1);
  }
  if (a.kind == ActionKind::kInvoke) s += std::string(" ") + ClientOpKindName(a.op);
  if (a.kind == ActionKind::kTransfer) s += " to node " + std::to_string(a.target + 1);
  return s;
}

std::string ClusterWorld::DescribeIn(const State& s, const Action& a) const {
  switch (a.kind) {
    case ActionKind::kDeliver:
    case ActionKind::kDrop:
    case ActionKind::kDuplicate:
      return std::string(ActionKindName(a.kind)) + " " +
             raft::Describe(s.network.at(a.msg), &DescribeEntryData);
    case ActionKind::kInvoke:
      return DescribeInvoke(NextOp(s.ops, a.client, a.node, a.op, s.events));
    case ActionKind::kGiveUp: {
      const ClientOp* op = Outstanding(s.ops, a.client);
      return "client " + std::to_string(a.client + 1) + " gives up on its " +
             (op ? ClientOpKindName(op->kind) : "operation") + " at node " +
             std::to_string(a.node + 1) + " (indeterminate)";
    }
    case ActionKind::kPropose:
      return "propose " + ValueData(s.proposed + 1) + " to node " + std::to_string(a.node + 1);
    case ActionKind::kTransfer:
      return "ask leader node " + std::to_string(a.node + 1) + " to transfer leadership to node " +
             std::to_string(a.target + 1);
    case ActionKind::kTick:
      return "tick node " + std::to_string(a.node + 1);
    case ActionKind::kTimeout:
      if (!config_.ticks) break;
      return "tick node " + std::to_string(a.node + 1) + ": its election timer fires (drawn " +
             std::to_string(raft::Inspector::ElectionElapsed(s.host(a.node).node().raft()) + 1) +
             " ticks)";
    case ActionKind::kCrash: {
      std::string out = "crash node " + std::to_string(a.node + 1);
      if (a.after_ops > 0) {
        out += " after " + std::to_string(a.after_ops) + " disk operation" +
               (a.after_ops == 1 ? "" : "s") + " of its Ready";
      }
      if (a.outcome == 0) return out;
      return out + " (" + SimDisk::CrashName(static_cast<SimDisk::Crash>(a.outcome - 1)) + ")";
    }
    default:
      break;
  }
  return std::string(ActionKindName(a.kind)) + " node " + std::to_string(a.node + 1);
}

std::size_t ClusterWorld::ApproxBytes(const State& s) const {
  // Rough: the heap behind each host (storage, log, progress, applied) and each message.
  // Cells shared with other states are counted in full: an overestimate, on the safe side, and
  // stable over the state's life (the engine subtracts at dequeue what it added at enqueue).
  std::size_t bytes = sizeof(State) + s.broken.capacity();
  for (int i = 0; i < s.size(); ++i) {
    const raft::NodeHost& h = s.host(i);
    bytes += sizeof(HostCell) + s.cells[i]->code.size() + s.cells[i]->disk.Bytes() + 512 +
             (h.storage().entries().size() * 2 + h.applied().size()) * sizeof(raft::Entry);
  }
  for (std::size_t i = 0; i < s.network.size(); ++i) {
    bytes += 2 * sizeof(std::string) + sizeof(raft::Message) + s.network.code(i).size() +
             s.network.at(i).entries.size() * sizeof(raft::Entry);
  }
  return bytes + (s.leaders.size() + s.committed.size()) * sizeof(props::CommitRecord) +
         s.ops.size() * sizeof(ClientOp);
}

}  // namespace raftcheck
