// ClusterWorld::Encode: the canonical bytes of a world state. Holds everything that shapes the
// future, and nothing else (see cluster_world.h): no config (it is the same in every state),
// and no tick counters unless ticks are actions; never the randomized timeout or the
// generator (abstracted without ticks, enumerated with them).
#include <algorithm>

#include "checker/world/cluster_world.h"
#include "checker/world/node_log.h"
#include "impl/inspect.h"

namespace raftcheck {
namespace {

class Writer {
 public:
  // Above every value ClusterWorld::ValueOf returns (a u32).
  static constexpr std::uint64_t kConfChangeCode = std::uint64_t{1} << 32;
  explicit Writer(std::string& out) : out_(out) {}
  // LEB128: small numbers (all of them, in practice) take one byte.
  void U(std::uint64_t v) {
    char buf[10];
    int n = 0;
    while (v >= 0x80) {
      buf[n++] = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    buf[n++] = static_cast<char>(v);
    out_.append(buf, n);
  }
  void Entry(const raft::Entry& e) {
    U(e.term);
    if (e.type == raft::EntryType::kConfChange) {
      // A configuration change: a code no value has, then the change itself.
      U(kConfChangeCode);
      U(e.data.size());
      out_.append(e.data);
      return;
    }
    U(ClusterWorld::ValueOf(e.data));
  }
  void Message(const raft::Message& m) {
    U(static_cast<std::uint64_t>(m.type));
    U(m.from);
    U(m.to);
    U(m.term);
    U(m.log_term);
    U(m.index);
    U(m.commit);
    U(m.reject);
    U(m.reject_hint);
    U(m.entries.size());
    for (const raft::Entry& e : m.entries) Entry(e);
    U(m.context.size());
    out_.append(m.context);
    // Only snapshot messages carry one; other messages encode exactly as they always did.
    if (m.type == raft::MessageType::kSnap) Snapshot(m.snapshot);
  }
  void SnapshotMetadata(const raft::SnapshotMetadata& meta) {
    U(meta.index);
    U(meta.term);
    const raft::ConfState& cs = meta.conf_state;
    // The low bit says whether more than voters follows.
    U(cs.voters.size() * 2 + (cs.IsVotersOnly() ? 0 : 1));
    for (raft::NodeId id : cs.voters) U(id);
    if (cs.IsVotersOnly()) return;
    for (const std::vector<raft::NodeId>* ids : {&cs.learners, &cs.voters_outgoing, &cs.learners_next}) {
      U(ids->size());
      for (raft::NodeId id : *ids) U(id);
    }
    U(cs.auto_leave);
  }
  void Snapshot(const raft::Snapshot& snapshot) {
    SnapshotMetadata(snapshot.metadata);
    U(snapshot.data.size());
    out_.append(snapshot.data);
  }
  void Hard(const raft::HardState& hs) {
    U(hs.term);
    U(hs.vote);
    U(hs.commit);
  }

 private:
  std::string& out_;
};

// The read path's state: a single 0 while the node never took a read (so every state without
// clients encodes as it always did), else all of it (with lease reads, the reads' ages). The
// incarnation is left out: it only makes new read ids differ from every id of an earlier
// life, which no property reads.
void EncodeReads(Writer& w, const raft::Raft& r, bool ages) {
  const raft::ReadOnly& queue = raft::Inspector::ReadQueue(r);
  const std::uint32_t asked = raft::Inspector::ReadsAsked(r);
  if (asked == 0 && queue.rounds() == 0) {
    w.U(0);
    return;
  }
  w.U(1);
  w.U(asked);
  w.U(queue.rounds());
  w.U(queue.queue().size());
  for (const raft::PendingRead& p : queue.queue()) {
    w.U(p.request.from);
    w.U(p.request.id);
    w.U(p.index);
    w.U(p.round);
    w.U(p.acks.size());
    for (raft::NodeId id : p.acks) w.U(id);
    if (ages) w.U(static_cast<std::uint64_t>(p.age));
  }
  w.U(raft::Inspector::HeldReads(r).size());
  for (const raft::ReadRequest& h : raft::Inspector::HeldReads(r)) {
    w.U(h.from);
    w.U(h.id);
  }
  w.U(raft::Inspector::ForwardedReads(r).size());
  for (raft::ReadId id : raft::Inspector::ForwardedReads(r)) w.U(id);
}

}  // namespace

std::string EncodeMessage(const raft::Message& m) {
  std::string code;
  Writer(code).Message(m);
  return code;
}

std::size_t Network::Find(const std::string& code) const {
  auto at = std::lower_bound(items_.begin(), items_.end(), code,
                             [](const Item& item, const std::string& c) { return item.code < c; });
  return at != items_.end() && at->code == code ? static_cast<std::size_t>(at - items_.begin())
                                                : items_.size();
}

void Network::Insert(raft::Message m, std::string code) {
  auto at = std::upper_bound(items_.begin(), items_.end(), code,
                             [](const std::string& c, const Item& item) { return c < item.code; });
  items_.insert(at, Item{std::make_shared<const raft::Message>(std::move(m)), std::move(code)});
}

void ClusterWorld::EncodeHost(const raft::NodeHost& h, std::string* out) const {
  Writer w(*out);
  // Durable state and the state machine: survive crashes.
  w.Hard(h.storage().hard_state());
  w.U(h.storage().entries().size());
  for (const raft::Entry& e : h.storage().entries()) w.Entry(e);
  w.U(h.applied().size());
  for (const raft::Entry& e : h.applied()) w.Entry(e);
  // The up flag, with two more bits only once snapshots exist (so that every state without
  // one encodes as it always did): bit 1, the storage holds a snapshot, whose metadata and
  // compaction point follow; bit 2, the live log holds an unstable snapshot (after the log's
  // fields). The stored snapshot's data is not written: it is the state machine's encoding up
  // to its index (NodeHost invariant 3), which the applied entries above determine.
  const raft::MemoryStorage& storage = h.storage();
  const bool stored_snapshot = !storage.snapshot().IsEmpty();
  const bool unstable_snapshot = h.up() && h.node().raft().log().HasUnstableSnapshot();
  w.U(static_cast<std::uint64_t>(h.up()) | (stored_snapshot ? 2u : 0u) |
      (unstable_snapshot ? 4u : 0u));
  if (stored_snapshot) {
    w.SnapshotMetadata(storage.snapshot().metadata);
    w.U(storage.FirstIndex() - 1);
  }
  if (!h.up()) return;
  // Volatile state of the live node.
  const raft::RawNode& node = h.node();
  const raft::Raft& r = node.raft();
  w.U(r.term());
  w.U(r.vote());
  w.U(static_cast<std::uint64_t>(r.role()));
  w.U(r.lead());
  w.U(r.lead_transferee());
  const raft::RaftLog& log = r.log();
  w.U(log.unstable_offset());
  w.U(log.UnstableEntries().size());
  for (const raft::Entry& e : log.UnstableEntries()) w.Entry(e);
  w.U(log.committed());
  w.U(log.applied());
  // A leader's snapshot received and not yet persisted (--ready-action): all of it, data
  // included, as in the message that brought it.
  if (unstable_snapshot) w.Snapshot(log.unstable_snapshot());
  if (r.role() == raft::Role::kLeader) {
    for (const raft::Progress& p : raft::Inspector::ProgressByPosition(r)) {
      w.U(p.match);
      w.U(p.next);
      w.U(static_cast<std::uint64_t>(p.state));
      if (p.state == raft::ProgressState::kSnapshot) w.U(p.pending_snapshot);
      w.U(p.msg_app_flow_paused);
      w.U(p.inflights.indexes().size());
      for (raft::Index i : p.inflights.indexes()) w.U(i);
    }
  } else if (r.role() != raft::Role::kFollower) {
    for (signed char v : raft::Inspector::Votes(r)) w.U(static_cast<std::uint64_t>(v + 1));
  }
  EncodeReads(w, r, config_.lease_reads);
  if (config_.ticks) {
    // The clock's state: what the next ticks do (a leader's heartbeats, CheckQuorum and
    // transfer timeout; a follower's timer; leases).
    w.U(static_cast<std::uint64_t>(raft::Inspector::ElectionElapsed(r)));
    w.U(static_cast<std::uint64_t>(raft::Inspector::HeartbeatElapsed(r)));
    if (config_.check_quorum && r.role() == raft::Role::kLeader) {
      std::uint64_t active = 0;
      for (const raft::Progress& p : raft::Inspector::ProgressByPosition(r)) {
        active = active * 2 + p.recent_active;
      }
      w.U(active);
    }
    if (config_.lease_reads) {
      w.U(static_cast<std::uint64_t>(raft::Inspector::LeaseRemaining(r)));
      w.U(raft::Inspector::TimeoutNowSent(r));
      w.U(static_cast<std::uint64_t>(raft::Inspector::BootLease(r)));
    }
  }
  if (config_.ready_action) {
    // What the next Ready will hold, beyond what the fields above determine.
    w.Hard(node.prev_hard_state());
    w.U(node.prev_soft_state().lead);
    w.U(static_cast<std::uint64_t>(node.prev_soft_state().role));
    w.U(raft::Inspector::PendingMessages(r).size());
    for (const raft::Message& m : raft::Inspector::PendingMessages(r)) w.Message(m);
  }
}

void ClusterWorld::Encode(const State& s, std::string& out) const {
  for (const auto& cell : s.cells) out.append(cell->code);
  Writer w(out);
  w.U(s.network.size());
  for (std::size_t i = 0; i < s.network.size(); ++i) out.append(s.network.code(i));
  w.U(s.crashes);
  if (config_.max_compactions > 0) w.U(s.compactions);
  w.U(s.proposed);
  w.U(s.leaders.size());
  for (const props::LeaderRecord& l : s.leaders) {
    w.U(l.term);
    w.U(l.node);
  }
  w.U(s.committed.size());
  for (const props::CommitRecord& c : s.committed) {
    w.U(c.entry.term);
    w.U(c.entry.value);
    w.U(c.term);
  }
  w.U(s.broken.size());
  if (config_.ticks) {
    for (int i = 0; i < s.size(); ++i) w.U(s.clock[i]);
  }
  if (config_.clients == 0) return;  // every state without clients encodes as it always did
  w.U(s.ops.size());
  for (const ClientOp& op : s.ops) {
    w.U(op.client);
    w.U(static_cast<std::uint64_t>(op.kind));
    w.U(op.node);
    w.U(op.value);
    w.U(op.expected);
    w.U(op.read);
    w.U(static_cast<std::uint64_t>(op.outcome));
    w.U(op.invoke);
    w.U(op.complete);
  }
}

}  // namespace raftcheck
