// Raft, leader side: log replication with flow control (§5.3), commitment (§5.4.2),
// heartbeats and CheckQuorum (thesis §6.2), linearizable reads (thesis §6.4) and leadership
// transfer (thesis §3.10).
#include <algorithm>
#include <string>

#include "impl/invariant.h"
#include "impl/raft.h"

namespace raft {

Status Raft::StepLeader(const Message& m) {
  switch (m.type) {
    case MessageType::kBeat:
      // Reads still unconfirmed ride on every heartbeat until a quorum answers.
      BroadcastHeartbeat(RoundContext(read_only_.PendingRound()));
      return Status::OK();
    case MessageType::kCheckQuorum:
      if (!QuorumActive()) BecomeFollower(term_, kNone);
      // Everyone must prove itself again during the next round.
      ForEachPeer([](NodeId, Progress& pr) { pr.recent_active = false; });
      return Status::OK();
    case MessageType::kProp:
      if (trk_.Find(id_) == nullptr) {
        return Status::ProposalDropped("node " + std::to_string(id_) +
                                       " leads a configuration it was removed from");
      }
      if (lead_transferee_ != kNone) {
        return Status::ProposalDropped("leadership transfer to " +
                                       std::to_string(lead_transferee_) + " in progress");
      }
      if (Status s = CheckConfChangeProposal(m.entries); !s.ok()) return s;
      AppendEntries(m.entries);
      BroadcastAppend();
      return Status::OK();
    case MessageType::kReadIndex:
      HandleReadRequest(ReadRequest{m.from, *ParseReadIdContext(m.context)});
      return Status::OK();
    default:
      break;
  }
  Progress* member = trk_.Find(m.from);
  if (member == nullptr) {
    return Status::Ignored(std::string(MessageTypeName(m.type)) + " from node " +
                           std::to_string(m.from) + ", which is not in the configuration");
  }
  Progress& pr = *member;
  switch (m.type) {
    case MessageType::kAppResp:
      HandleAppendResponse(m, pr);
      return Status::OK();
    case MessageType::kHeartbeatResp:
      HandleHeartbeatResponse(m, pr);
      return Status::OK();
    case MessageType::kTransferLeader:
      HandleTransferLeader(m, pr);
      return Status::OK();
    default:
      return Status::Ignored(std::string(MessageTypeName(m.type)) + " ignored by the leader");
  }
}

// ---------------------------------------------------------------------------------------------
// Replication.

void Raft::AppendEntries(std::vector<Entry> entries) {
  Index index = log_.LastIndex();
  for (Entry& e : entries) {
    e.term = term_;
    e.index = ++index;
  }
  const Index last = log_.Append(entries);
  if (Progress* self = trk_.Find(id_)) self->MaybeUpdate(last);
  MaybeCommit();  // a single-node cluster commits at once
}

bool Raft::MaybeSendAppend(NodeId to, bool send_if_empty) {
  Progress& pr = MutableProgress(to);
  if (pr.IsPaused()) return false;
  const Index prev = pr.next - 1;
  RAFT_INVARIANT(prev <= log_.LastIndex(), "a follower's next index is within the leader's log");
  // The follower needs what we still hold exactly when next - 1's term is known: the entries
  // from next are then in the log too (FirstIndex() - 1 is the last index of known term).
  const Result<Term> prev_term = log_.TermAt(prev);
  if (!prev_term.ok()) {
    RAFT_INVARIANT(prev_term.status().code() == Status::Code::kCompacted,
                   "the leader reads its own log (storage failure?)");
    if (bugs_.Has(Bug::kEmptyAppendNotSnapshot)) {
      // The follower can only take a snapshot now; this probe never matches its log, and every
      // rejection brings back the same probe.
      if (!send_if_empty) return false;
      Send(Message{.type = MessageType::kApp,  // Seeded bug: empty-append-not-snapshot.
                   .to = to,
                   .log_term = 0,
                   .index = prev,
                   .commit = log_.committed()});
      pr.SentEntries(0, prev);
      return true;
    }
    return MaybeSendSnapshot(to, pr);
  }
  Result<std::vector<Entry>> entries = log_.EntriesFrom(pr.next, max_msg_size_);
  // One thread reads both, so no compaction can fall in between: a known prev term with its
  // successors compacted is a log that lied about the term (RaftLog invariant 5).
  RAFT_INVARIANT(entries.ok(), "the entries after a known term are in the log");
  if (entries->empty() && !send_if_empty) return false;
  const int count = static_cast<int>(entries->size());
  const Index last = entries->empty() ? prev : entries->back().index;
  Send(Message{.type = MessageType::kApp,
               .to = to,
               .log_term = *prev_term,
               .index = prev,
               .commit = log_.committed(),
               .entries = std::move(entries).value()});
  pr.SentEntries(count, last);
  return true;
}

bool Raft::MaybeSendSnapshot(NodeId to, Progress& pr) {
  // §7: the entries the follower needs next are compacted; only a snapshot can catch it up.
  Result<Snapshot> snapshot = log_.GetSnapshot();
  if (!snapshot.ok()) {
    // The application is still building one: try again on the next heartbeat response or
    // append (the Progress stays as it is, unpaused).
    RAFT_INVARIANT(snapshot.status().code() == Status::Code::kUnavailable,
                   "the leader reads its snapshot (storage failure?)");
    return false;
  }
  RAFT_INVARIANT(!snapshot->IsEmpty(), "a compacted log has a snapshot");
  pr.BecomeSnapshot(snapshot->metadata.index);
  Send(Message{.type = MessageType::kSnap, .to = to, .snapshot = std::move(snapshot).value()});
  return true;
}

void Raft::BroadcastAppend() {
  ForEachPeer([&](NodeId peer, Progress&) { SendAppend(peer); });
}

bool Raft::MaybeCommit() {
  const Index quorum_index = trk_.Committed();
  if (bugs_.Has(Bug::kCommitPriorTerm)) {
    // Seeded bug: commit-prior-term. Counting replicas is not enough for an entry of an
    // earlier term (Figure 8): a later leader may still overwrite it.
    if (quorum_index <= log_.committed()) return false;
    log_.CommitTo(quorum_index);
    return true;
  }
  if (bugs_.Has(Bug::kCommitScanBreak)) {
    // Seeded bug: commit-scan-break. Scans upward and gives up at the first entry of an
    // earlier term, so a new leader never commits past the entries it inherited.
    Index commit = log_.committed();
    while (commit < quorum_index && log_.MatchTerm(commit + 1, term_)) ++commit;
    if (commit == log_.committed()) return false;
    log_.CommitTo(commit);
    return true;
  }
  return log_.MaybeCommit(quorum_index, term_);
}

void Raft::HandleAppendResponse(const Message& m, Progress& pr) {
  pr.recent_active = true;
  // Seeded bug: ack-on-reject takes the rejected index as a match.
  if (m.reject && !bugs_.Has(Bug::kAckOnReject)) {
    Index next_probe = m.reject_hint;
    if (m.log_term > 0) {
      // Skip every entry of ours whose term is above what the follower has there.
      next_probe = log_.FindConflictByTerm(m.reject_hint, m.log_term).first;
    }
    if (pr.MaybeDecrTo(m.index, next_probe)) {
      if (pr.state == ProgressState::kReplicate) pr.BecomeProbe();
      SendAppend(m.from);
    }
    return;
  }
  if (m.index > log_.LastIndex()) return;  // cannot acknowledge what we never had
  const bool was_paused = pr.IsPaused();
  if (!pr.MaybeUpdate(m.index)) return;  // a stale or duplicate acknowledgement
  switch (pr.state) {
    case ProgressState::kProbe:
      pr.BecomeReplicate();
      break;
    case ProgressState::kReplicate:
      pr.inflights.FreeLE(m.index);
      break;
    case ProgressState::kSnapshot:
      // The follower installed the snapshot (or caught up otherwise): back to replicating,
      // through probe so that next starts after the snapshot (etcd).
      if (pr.match >= pr.pending_snapshot) {
        pr.BecomeProbe();
        pr.BecomeReplicate();
      }
      break;
  }
  if (MaybeCommit()) {
    ReleaseHeldReads();
    BroadcastAppend();  // tell everyone the new commit index
  } else if (was_paused) {
    SendAppend(m.from);
  }
  while (MaybeSendAppend(m.from, false)) {
  }
  if (m.from == lead_transferee_ && pr.match == log_.LastIndex()) SendTimeoutNow(m.from);
}

void Raft::BroadcastHeartbeat(const std::string& context) {
  ForEachPeer([&](NodeId peer, Progress& pr) {
    // Never tell a follower to commit past what it is known to hold.
    Index commit = std::min(pr.match, log_.committed());
    if (bugs_.Has(Bug::kHeartbeatFullCommit)) commit = log_.committed();  // Seeded bug.
    Send(Message{.type = MessageType::kHeartbeat, .to = peer, .commit = commit, .context = context});
  });
}

void Raft::HandleHeartbeatResponse(const Message& m, Progress& pr) {
  pr.recent_active = true;
  pr.msg_app_flow_paused = false;
  // A full window may hold appends that were lost; free one slot so replication moves again.
  if (pr.state == ProgressState::kReplicate && pr.inflights.Full()) pr.inflights.FreeFirst();
  if (pr.match < log_.LastIndex()) SendAppend(m.from);
  const std::optional<std::uint64_t> round = ParseRoundContext(m.context);
  if (!round) return;  // no read rode on it
  for (const PendingRead& read : read_only_.Ack(m.from, *round, trk_.config().voters)) {
    // A quorum heard from us after the round began: none of them votes for another candidate
    // for an election timeout from then (CheckQuorum), nor after a crash (boot_lease_).
    if (read_only_option_ == ReadOnlyOption::kLeaseBased) {
      lease_remaining_ = std::max(lease_remaining_, lease_ticks_ - read.age);
    }
    RespondToRead(read.request, read.index);
  }
}

bool Raft::LeaseValid() const {
  if (read_only_option_ != ReadOnlyOption::kLeaseBased || lease_remaining_ == 0) return false;
  return !timeout_now_sent_ ||
         bugs_.Has(Bug::kLeaseIgnoresTransfer);  // Seeded bug: lease-ignores-transfer.
}

Status Raft::ReportSnapshot(NodeId id, bool failure) {
  if (!IsOtherMember(id)) {
    return Status::InvalidArgument("snapshot status for unknown peer " + std::to_string(id));
  }
  if (role_ != Role::kLeader) return Status::Ignored("snapshot status: not the leader");
  Progress& pr = MutableProgress(id);
  if (pr.state != ProgressState::kSnapshot) {
    return Status::Ignored("snapshot status: " + std::to_string(id) + " is not waiting for one");
  }
  // A failed snapshot was never installed: probe from match again, which sends it anew.
  if (failure) pr.pending_snapshot = 0;
  pr.BecomeProbe();
  // Wait for the follower's answer (success) or a heartbeat interval (failure) before the
  // next append, as etcd does.
  pr.msg_app_flow_paused = true;
  return Status::OK();
}

bool Raft::QuorumActive() const {
  return trk_.IsQuorum(id_, [](const Progress& pr) { return pr.recent_active; });
}

// ---------------------------------------------------------------------------------------------
// Leadership transfer.

void Raft::HandleTransferLeader(const Message& m, Progress& pr) {
  const NodeId transferee = m.from;
  if (lead_transferee_ != kNone) {
    if (lead_transferee_ == transferee) {
      // Same transfer still under way; nothing new to do.
      return;
    }
    AbortLeaderTransfer();
  }
  if (transferee == id_) return;  // already the leader
  if (!trk_.IsVoter(transferee)) return;  // a learner cannot lead (etcd ignores it too)
  // The transfer must finish within an election timeout (TickHeartbeat aborts it).
  election_elapsed_ = 0;
  lead_transferee_ = transferee;
  if (pr.match == log_.LastIndex()) {
    SendTimeoutNow(transferee);
  } else {
    SendAppend(transferee);  // catch it up first; its acknowledgement triggers TimeoutNow
  }
}

void Raft::SendTimeoutNow(NodeId to) {
  // The transferee's voters grant it even inside our lease: the lease is over for this term.
  timeout_now_sent_ = true;
  Send(Message{.type = MessageType::kTimeoutNow, .to = to});
}

Status Raft::ReportUnreachable(NodeId id) {
  if (!IsOtherMember(id)) {
    return Status::InvalidArgument("unreachable: unknown peer " + std::to_string(id));
  }
  if (role_ != Role::kLeader) return Status::Ignored("unreachable: not the leader");
  Progress& pr = MutableProgress(id);
  // Appends streamed optimistically may be lost with the connection: probe again.
  if (pr.state == ProgressState::kReplicate) pr.BecomeProbe();
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// Linearizable reads.

bool Raft::CommittedEntryInCurrentTerm() const {
  return log_.MatchTerm(log_.committed(), term_);
}

Result<ReadId> Raft::RequestRead() {
  if (role_ != Role::kLeader && lead_ == kNone) {
    return Status::Unavailable("read dropped: no leader at term " + std::to_string(term_));
  }
  const ReadId id = (ReadId{incarnation_} << 32) | ++reads_asked_;
  if (role_ == Role::kLeader) {
    HandleReadRequest(ReadRequest{id_, id});
  } else if (bugs_.Has(Bug::kFollowerLocalRead)) {
    // Seeded bug: follower-local-read. Answers from its own commit index, which may be
    // behind what a newer leader has already committed and acknowledged.
    read_states_.push_back(ReadState{id, log_.committed()});
  } else {
    forwarded_reads_.push_back(id);
    Send(Message{.type = MessageType::kReadIndex, .to = lead_, .context = ReadIdContext(id)});
  }
  return id;
}

void Raft::HandleReadRequest(const ReadRequest& request) {
  const quorum::JointConfig& voters = trk_.config().voters;
  if (!voters.IsJoint() && voters.incoming.Size() == 1 && voters.incoming.Contains(id_)) {
    // The only voter: there is no one to confirm leadership with.
    RespondToRead(request, log_.committed());
    return;
  }
  // A new leader does not know the latest commit index until it commits an entry of its own
  // term (thesis §6.4 step 1): hold the read until then.
  if (!CommittedEntryInCurrentTerm() && !bugs_.Has(Bug::kReadBeforeTermCommit)) {
    // (Seeded bug: read-before-term-commit skips this wait.)
    if (std::find(held_reads_.begin(), held_reads_.end(), request) == held_reads_.end()) {
      held_reads_.push_back(request);
    }
    return;
  }
  if (LeaseValid()) {
    // Thesis §6.4.1: no other leader can exist before our lease runs out.
    RespondToRead(request, log_.committed());
    return;
  }
  if (bugs_.Has(Bug::kReadWithoutHeartbeat)) {
    // Seeded bug: read-without-heartbeat. Answers at once, as if still the leader: a leader
    // deposed without knowing it serves a stale commit index.
    RespondToRead(request, log_.committed());
    return;
  }
  if (read_only_.Contains(request)) return;  // a duplicate: its round is under way
  // Confirm leadership with a quorum (step 2): the heartbeats of a new round.
  BroadcastHeartbeat(RoundContext(read_only_.Add(request, log_.committed(), id_)));
}

void Raft::ReleaseHeldReads() {
  if (held_reads_.empty() || !CommittedEntryInCurrentTerm()) return;
  std::vector<ReadRequest> held;
  held.swap(held_reads_);
  for (const ReadRequest& request : held) HandleReadRequest(request);
}

void Raft::RespondToRead(const ReadRequest& request, Index index) {
  if (request.from == id_) {
    read_states_.push_back(ReadState{request.id, index});
    return;
  }
  Send(Message{.type = MessageType::kReadIndexResp,
               .to = request.from,
               .index = index,
               .context = ReadIdContext(request.id)});
}

void Raft::FailReads() {
  for (const PendingRead& read : read_only_.TakeAll()) {
    if (read.request.from == id_) read_states_.push_back(ReadState{read.request.id, 0, false});
  }
  for (const ReadRequest& request : held_reads_) {
    if (request.from == id_) read_states_.push_back(ReadState{request.id, 0, false});
  }
  held_reads_.clear();
  for (ReadId id : forwarded_reads_) read_states_.push_back(ReadState{id, 0, false});
  forwarded_reads_.clear();
}

}  // namespace raft
