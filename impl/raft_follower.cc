// Raft, follower side: accepting entries (§5.3), heartbeats, installing snapshots (§7), and
// forwarding what only the leader can do (proposals, reads, leadership transfer).
#include <algorithm>
#include <string>

#include "impl/confchange/changer.h"
#include "impl/raft.h"

namespace raft {

Status Raft::StepFollower(const Message& m) {
  switch (m.type) {
    case MessageType::kReadIndex:
      return Status::Ignored("read request for a leader received by a follower");
    case MessageType::kProp:
    case MessageType::kTransferLeader: {
      if (lead_ == kNone) {
        std::string what = std::string(MessageTypeName(m.type)) + " dropped: no leader at term " +
                           std::to_string(term_);
        return m.type == MessageType::kProp ? Status::ProposalDropped(std::move(what))
                                            : Status::Ignored(std::move(what));
      }
      if (m.type == MessageType::kProp && disable_proposal_forwarding_) {
        return Status::ProposalDropped("proposal forwarding is disabled");
      }
      Message forward = m;
      forward.to = lead_;
      forward.term = 0;  // Send stamps our term where the type carries one
      Send(std::move(forward));
      return Status::OK();
    }
    case MessageType::kApp:
      election_elapsed_ = 0;
      lead_ = m.from;
      HandleAppendEntries(m);
      return Status::OK();
    case MessageType::kHeartbeat:
      election_elapsed_ = 0;
      lead_ = m.from;
      HandleHeartbeat(m);
      return Status::OK();
    case MessageType::kSnap:
      election_elapsed_ = 0;
      lead_ = m.from;
      return HandleSnapshot(m);
    case MessageType::kTimeoutNow:
      // The leader is handing over leadership: campaign at once, skipping PreVote.
      return Hup(Campaign::kTransfer);
    case MessageType::kReadIndexResp:
      return HandleReadIndexResponse(m);
    default:
      return Status::Ignored(std::string(MessageTypeName(m.type)) + " ignored by a follower");
  }
}

Status Raft::HandleReadIndexResponse(const Message& m) {
  const ReadId id = *ParseReadIdContext(m.context);
  auto it = std::find(forwarded_reads_.begin(), forwarded_reads_.end(), id);
  // Only our leader's answer to a read we still wait for: an answer to an earlier one (a
  // duplicate, or one that failed when the leader changed) must not answer a later read.
  if (it == forwarded_reads_.end() || m.from != lead_) {
    return Status::Ignored("answer to read " + m.context + " that node " + std::to_string(id_) +
                           " is not waiting on from " + std::to_string(m.from));
  }
  forwarded_reads_.erase(it);
  read_states_.push_back(ReadState{id, m.index});
  return Status::OK();
}

void Raft::HandleAppendEntries(const Message& m) {
  if (m.index < log_.committed()) {
    // Everything up to our commit index matches the leader's log already (Log Matching).
    Send(Message{.type = MessageType::kAppResp, .to = m.from, .index = log_.committed()});
    return;
  }
  if (bugs_.Has(Bug::kTruncateMatching) && !m.entries.empty() &&
      log_.MatchTerm(m.index, m.log_term)) {
    // Seeded bug: truncate-matching. Rewrites the log from index + 1 even where it already
    // matches, so a stale or reordered append cuts off entries acknowledged since.
    log_.Append(m.entries);
    log_.CommitTo(std::min(m.commit, log_.LastIndex()));
    Send(Message{.type = MessageType::kAppResp, .to = m.from, .index = log_.LastIndex()});
    return;
  }
  if (bugs_.Has(Bug::kCommitBeforeCheck)) {
    // Seeded bug: commit-before-check. The leader's commit index says nothing about our log
    // until the consistency check passes; taking it first may commit a stale suffix.
    log_.CommitTo(std::min(m.commit, log_.LastIndex()));
  }
  if (std::optional<Index> last = log_.MaybeAppend(m.index, m.log_term, m.commit, m.entries)) {
    Send(Message{.type = MessageType::kAppResp, .to = m.from, .index = *last});
    return;
  }
  // Consistency check failed (§5.3). Hint where to probe next: the last index at or below the
  // probe whose term is <= the leader's term there, so that a whole divergent term is skipped
  // in one round trip instead of one entry at a time.
  const Index probe = std::min(m.index, log_.LastIndex());
  const auto [hint_index, hint_term] = log_.FindConflictByTerm(probe, m.log_term);
  Send(Message{.type = MessageType::kAppResp,
               .to = m.from,
               .log_term = hint_term,
               .index = m.index,
               .reject = true,
               .reject_hint = hint_index});
}

void Raft::HandleHeartbeat(const Message& m) {
  // The leader sends min(our match, its commit), which our log holds unless it lost persisted
  // entries; CommitTo treats that as the broken invariant it is.
  log_.CommitTo(m.commit);
  Send(Message{.type = MessageType::kHeartbeatResp, .to = m.from, .context = m.context});
}

Status Raft::HandleSnapshot(const Message& m) {
  const SnapshotMetadata& meta = m.snapshot.metadata;
  if (meta.index <= log_.committed()) {
    // We hold everything it covers already, committed (invariant 4); say how far we are so
    // that the leader can go on from there.
    Send(Message{.type = MessageType::kAppResp, .to = m.from, .index = log_.committed()});
    return Status::Ignored("snapshot at " + std::to_string(meta.index) + " is not past commit " +
                           std::to_string(log_.committed()));
  }
  Result<TrackerConfig> config = confchange::Restore(meta.conf_state);
  if (!config.ok()) {
    return Status::InvalidArgument("snapshot at " + std::to_string(meta.index) +
                                   " with an invalid configuration: " + config.status().message());
  }
  const std::vector<NodeId> members = config->Members();
  if (!std::binary_search(members.begin(), members.end(), id_)) {
    // A snapshot of a configuration we are not in (etcd ignores it likewise): installing it
    // would leave us a node without a configuration of its own.
    return Status::Ignored("snapshot at " + std::to_string(meta.index) +
                           " is of a configuration without node " + std::to_string(id_));
  }
  if (log_.MatchTerm(meta.index, meta.term)) {
    // Log Matching (§5.3): our log agrees with the leader's up to the snapshot's last entry,
    // so that entry and everything before it is committed; keep our log and what follows.
    log_.CommitTo(meta.index);
    Send(Message{.type = MessageType::kAppResp, .to = m.from, .index = log_.committed()});
    return Status::OK();
  }
  // §7: our log is behind or conflicts with the snapshot: discard it all and start over from
  // the snapshot, and from its configuration (the changes it covers were applied before it
  // was taken). The application persists and applies it from the next Ready.
  log_.Restore(m.snapshot);
  SwitchToConfig(std::move(config).value());
  if (bugs_.Has(Bug::kSnapshotTermLowers)) {
    // A snapshot's term is that of its last entry, not the current term: taking it as ours
    // goes back in time, and forgets the vote we cast in our real term.
    term_ = meta.term;  // Seeded bug: snapshot-term-lowers.
    vote_ = kNone;
  }
  Send(Message{.type = MessageType::kAppResp, .to = m.from, .index = log_.LastIndex()});
  return Status::OK();
}

}  // namespace raft
