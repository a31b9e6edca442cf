// RawNode: the application's handle on one Raft node, and the Ready contract.
//
// The application drives a node with Tick() (a logical clock), Step() (messages from peers)
// and the requests below, then, whenever HasReady(), takes a Ready and handles it IN THIS ORDER:
//   1. Persist, durably: first ready.snapshot (unless empty; MemoryStorage::ApplySnapshot),
//      then ready.hard_state (unless empty) and ready.entries, which continue after it.
//   2. Send: ready.messages to their peers. Votes and append acknowledgements in there report
//      state from step 1; sending them before it is durable breaks Raft after a crash.
//   3. Apply: first ready.snapshot (unless empty: the state machine is replaced by what
//      snapshot.data holds), then ready.committed_entries, in order.
//   4. Advance(): tell the node all of the above is done. The snapshot then counts as stable
//      and applied (applied = its index).
// A leader's application also reports, for each snapshot message it sent, whether it was
// delivered (ReportSnapshot), as etcd's transport does; until then the follower gets nothing.
//
// Linearizable reads (thesis §6.4). ReadIndex() takes a read and returns its id, which the
// node picks: unique over the node's life, restarts included (Config::incarnation), so that an
// answer meant for another read is never taken for this one. Exactly one ReadState with that
// id comes out in a later Ready, unless the node crashes first:
//   - ok: once the application has applied through ReadState::index, reading its state
//     machine answers the read linearizably (the value is at least as new as every write
//     acknowledged before ReadIndex() was called). Not before: the application must wait.
//   - not ok: the node stopped knowing whether it could answer (it moved to a new term, lost
//     its leader, or stepped down as leader). Nothing is known; ask again.
// How the index is found: the leader waits until it has committed an entry of its term (its
// commit index is then the cluster's), records its commit index, and confirms that it still
// leads with a heartbeat round a quorum answers; later heartbeats carry the round again until
// a quorum has answered. A follower forwards the read to its leader and takes the answer only
// from that leader while it still follows it. No clock is involved: this holds under any
// message delays.
//
// Lease-based reads (Config::read_only_option = kLeaseBased, thesis §6.4.1). Once a quorum
// answered a round, the leader answers further reads at once, without a round, for
// Config::LeaseTicks() ticks counted from that round's start. Why that is safe: every node of
// the quorum heard from the leader after the round began, and with CheckQuorum refuses other
// candidates for an election timeout from then (and for one after a restart), so no other
// leader is elected before the last of them stops refusing.
//   THE CLOCK ASSUMPTION: Tick() runs at the same rate on every node, up to
//   Config::max_clock_drift ticks of drift between any two (plus the one tick of phase that
//   unsynchronized tickers always differ by). A node whose clock runs faster than that, or a
//   paused process that misses ticks and resumes mid-lease, can make a stale read.
// Message delays do not matter. A leader that sent TimeoutNow (leadership transfer) gives up
// its lease for the rest of its term, since the transferee's voters grant it inside leases;
// ForgetLeader is refused for the same reason.
//
// Storage failures (storage.h). Handled: Compacted, when a follower needs entries the leader
// no longer holds (the leader sends its snapshot instead), and an Unavailable snapshot (the
// leader sends nothing and tries again on the next heartbeat response or append). Everything
// else aborts through RAFT_INVARIANT, as etcd panics: a stable entry the storage cannot return
// (Unavailable within the stored range), an IOError or any other failure reading the log's
// entries, its last term, a term the leader sends or backtracks over, or its snapshot; and a
// snapshot the application cannot persist. A term the consistency check cannot read is no
// match (a rejection), never term 0.
//
// Nothing is random but the election timeouts, drawn from Config::seed; nothing reads a clock.
#ifndef RAFTCHECK_IMPL_RAW_NODE_H_
#define RAFTCHECK_IMPL_RAW_NODE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "impl/config.h"
#include "impl/raft.h"
#include "impl/status.h"
#include "impl/types.h"

namespace raft {

struct Ready {
  std::optional<SoftState> soft_state;  // set when leader or role changed since the last Ready
  HardState hard_state;                 // IsEmpty() when unchanged since the last Ready
  Snapshot snapshot;                    // IsEmpty() or: to persist before entries, and apply
  std::vector<Entry> entries;           // to persist, overwriting any stored suffix they replace
  std::vector<Entry> committed_entries; // to apply, after persisting
  std::vector<Message> messages;        // to send, after persisting
  std::vector<ReadState> read_states;   // reads that are ready once applied reaches their index
  bool must_sync = false;  // term, vote, entries or snapshot changed: fsync before sending
};

struct NodeStatus {
  NodeId id = kNone;
  HardState hard_state;
  SoftState soft_state;
  Index applied = 0;
  NodeId lead_transferee = kNone;
  std::vector<std::pair<NodeId, Progress>> progress;  // leaders only: every member, by id
  ConfState config;                                   // the configuration in force
};

class RawNode {
 public:
  // Validates the config and starts (or restarts) a node from config.storage.
  static Result<RawNode> Create(const Config& config);

  void Tick() { raft_.Tick(); }
  // Starts an election now (as if the election timeout fired).
  raft::Status Campaign();
  // Proposes a configuration change (confchange/conf_change.h) as an entry of type kConfChange.
  // The leader refuses it (ProposalDropped) while another change is not applied yet, and a
  // change that does not fit the joint state. It takes effect only when applied: the
  // application, applying the entry, calls ApplyConfChange.
  raft::Status ProposeConfChange(const ConfChangeV2& cc);
  // Puts the configuration change of a committed entry in force (see Raft::ApplyConfChange) and
  // returns the configuration, which the application keeps for its snapshots.
  Result<ConfState> ApplyConfChange(const ConfChangeV2& cc) { return raft_.ApplyConfChange(cc); }
  // Proposes data for the log: appended if this node leads, forwarded to a known leader if it
  // follows (unless forwarding is disabled), ProposalDropped otherwise.
  raft::Status Propose(std::string data);
  // Steps a message from the network. Local message types are InvalidArgument here.
  raft::Status Step(const Message& m);
  // Takes a linearizable read and names it (see "Linearizable reads" above); its ReadState
  // comes out in a later Ready. Unavailable when the node knows no leader.
  Result<ReadId> ReadIndex();
  // Asks the leader (directly, or through this follower) to hand leadership to transferee.
  raft::Status TransferLeader(NodeId transferee);
  // Leader: whether the snapshot sent to `id` was delivered (failure: it was not, or the
  // follower could not take it). See Raft::ReportSnapshot.
  raft::Status ReportSnapshot(NodeId id, bool failure) { return raft_.ReportSnapshot(id, failure); }
  // Leader: the transport lost its connection to `id`. See Raft::ReportUnreachable.
  raft::Status ReportUnreachable(NodeId id) { return raft_.ReportUnreachable(id); }
  // Follower: forget the current leader (not with lease-based reads). See Raft::ForgetLeader.
  raft::Status ForgetLeader() { return raft_.ForgetLeader(); }
  // The explorer's hook on the randomized election timeout. See Raft::SetRandomizedElectionTimeout.
  void SetRandomizedElectionTimeout(int ticks) { raft_.SetRandomizedElectionTimeout(ticks); }

  bool HasReady() const;
  // REQUIRES: the previous Ready, if any, was Advance()d.
  Ready GetReady();
  // REQUIRES: a Ready was taken with GetReady() and fully handled.
  void Advance();

  NodeStatus Status() const;

  // The wrapped state machine, for inspection.
  const Raft& raft() const { return raft_; }
  // What the next Ready is computed against (part of the node's state for the explorer).
  const HardState& prev_hard_state() const { return prev_hard_state_; }
  const SoftState& prev_soft_state() const { return prev_soft_state_; }

  // Copying a RawNode copies the whole node (the explorer forks clusters); the copy keeps
  // reading the original's Storage until pointed at its own copy with RebindStorage().
  void RebindStorage(const Storage* storage) { raft_.mutable_log().RebindStorage(storage); }

 private:
  explicit RawNode(const Config& config);

  Raft raft_;
  SoftState prev_soft_state_;
  HardState prev_hard_state_;
  // What the outstanding Ready handed out, for Advance().
  bool ready_outstanding_ = false;
  Index ready_last_entry_index_ = 0;
  Term ready_last_entry_term_ = 0;
  Index ready_last_committed_ = 0;
  Index ready_snapshot_index_ = 0;
  HardState ready_hard_state_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_RAW_NODE_H_
