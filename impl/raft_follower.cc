// Raft, follower side: accepting entries (§5.3), heartbeats, and forwarding what only the
// leader can do (proposals, reads, leadership transfer).
#include <algorithm>
#include <string>

#include "impl/raft.h"

namespace raft {

Status Raft::StepFollower(const Message& m) {
  switch (m.type) {
    case MessageType::kProp:
    case MessageType::kReadIndex:
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
    case MessageType::kTimeoutNow:
      // The leader is handing over leadership: campaign at once, skipping PreVote.
      Hup(Campaign::kTransfer);
      return Status::OK();
    case MessageType::kReadIndexResp:
      read_states_.push_back(ReadState{m.index, ReadContext(m)});
      return Status::OK();
    default:
      return Status::Ignored(std::string(MessageTypeName(m.type)) + " ignored by a follower");
  }
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

}  // namespace raft
