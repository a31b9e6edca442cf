// Raft elections (§5.2, §5.4.1) with PreVote (thesis §9.6) and leadership transfer (§3.10).
#include <string>

#include "impl/invariant.h"
#include "impl/raft.h"

namespace raft {

Status Raft::Hup(Campaign campaign) {
  if (role_ == Role::kLeader) return Status::Ignored("already leader");
  if (!Promotable()) {
    return Status::Ignored("node " + std::to_string(id_) + " is not a voter: it cannot campaign");
  }
  if (HasUnappliedConfChanges()) {
    return Status::Ignored("cannot campaign at term " + std::to_string(term_) +
                           ": a committed configuration change is not applied yet");
  }
  StartCampaign(campaign);
  return Status::OK();
}

void Raft::StartCampaign(Campaign campaign) {
  Term term;
  MessageType type;
  if (campaign == Campaign::kPreElection) {
    BecomePreCandidate();
    type = MessageType::kPreVote;
    term = term_ + 1;  // ask about the term we would campaign at, without moving to it
  } else {
    BecomeCandidate();
    type = MessageType::kVote;
    term = term_;
  }
  // Our own vote counts at once; the hard state that records it is persisted before the vote
  // requests leave (Ready contract).
  if (Poll(id_, true) == VoteResult::kWon) {  // a single-node cluster
    if (campaign == Campaign::kPreElection) {
      StartCampaign(Campaign::kElection);
    } else {
      BecomeLeader();
    }
    return;
  }
  const Index last_index = log_.LastIndex();
  const Term last_term = log_.LastTerm();
  for (NodeId peer : trk_.VoterIds()) {
    if (peer == id_) continue;
    Send(Message{.type = type,
                 .to = peer,
                 .term = term,
                 .log_term = last_term,
                 .index = last_index,
                 .context = campaign == Campaign::kTransfer ? kCampaignTransfer : ""});
  }
}

VoteResult Raft::Poll(NodeId from, bool granted) {
  // A voter's first answer in a round counts; a non-member's does not.
  return trk_.RecordVote(from, granted);
}

void Raft::HandleVoteRequest(const Message& m) {
  const bool pre = m.type == MessageType::kPreVote;
  const MessageType resp = pre ? MessageType::kPreVoteResp : MessageType::kVoteResp;
  // §5.2: at most one vote per term, first come first served (repeating a vote is fine).
  // A node that knows a leader of this term does not vote. A PreVote for a later term is
  // answered as if we had moved to that term (where we would not have voted yet).
  const bool can_vote = vote_ == m.from || (vote_ == kNone && lead_ == kNone) ||
                        (pre && m.term > term_);
  // §5.4.1: only for a candidate whose log is at least as up-to-date as ours.
  const bool up_to_date =
      bugs_.Has(Bug::kVoteWithoutLogCheck) ||  // Seeded bug: vote-without-log-check.
      log_.IsUpToDate(m.index, m.log_term);
  if (can_vote && up_to_date) {
    // The grant carries the term asked about: a pre-candidate ahead of us must not drop it as
    // stale. Seeded bug: prevote-answer-voter-term (a voter yet to see a term has none to put).
    const bool voter_term = pre && term_ > 0 && bugs_.Has(Bug::kPreVoteAnswerVoterTerm);
    Send(Message{.type = resp, .to = m.from, .term = voter_term ? term_ : m.term});
    if (!pre) {
      election_elapsed_ = 0;
      vote_ = m.from;
    }
  } else {
    Send(Message{.type = resp, .to = m.from, .term = term_, .reject = true});
  }
}

Status Raft::StepCandidate(const Message& m) {
  const MessageType my_response =
      role_ == Role::kPreCandidate ? MessageType::kPreVoteResp : MessageType::kVoteResp;
  switch (m.type) {
    case MessageType::kProp:
      return Status::ProposalDropped("no leader at term " + std::to_string(term_));
    case MessageType::kApp:
      // §5.2: a leader of our term (or later) exists; go back to following.
      BecomeFollower(m.term, m.from);
      HandleAppendEntries(m);
      return Status::OK();
    case MessageType::kHeartbeat:
      BecomeFollower(m.term, m.from);
      HandleHeartbeat(m);
      return Status::OK();
    case MessageType::kSnap:
      BecomeFollower(m.term, m.from);
      return HandleSnapshot(m);
    case MessageType::kVoteResp:
    case MessageType::kPreVoteResp: {
      if (m.type != my_response) return Status::Ignored("vote response from another round");
      // (With the seeded bug a voter at our term grants at our term, as etcd did then.)
      const bool voter_term = bugs_.Has(Bug::kPreVoteAnswerVoterTerm) && m.term == term_;
      if (role_ == Role::kPreCandidate && !m.reject && m.term != term_ + 1 && !voter_term) {
        // A grant carries the term it was asked for; one at our own term answers an earlier
        // pre-election (before we campaigned at this term) and must not count for this one.
        return Status::Ignored("pre-vote grant from an earlier round");
      }
      switch (Poll(m.from, !m.reject)) {
        case VoteResult::kWon:
          if (role_ == Role::kPreCandidate && bugs_.Has(Bug::kPreVoteCountedAsVote)) {
            // Seeded bug: prevote-counted-as-vote. Pre-vote grants are not binding (a voter
            // grants them to anyone up to date), yet here they elect a leader.
            BecomeCandidate();
            BecomeLeader();
            BroadcastAppend();
          } else if (role_ == Role::kPreCandidate) {
            StartCampaign(Campaign::kElection);
          } else {
            BecomeLeader();
            BroadcastAppend();
          }
          break;
        case VoteResult::kLost:
          // A lost round: our term stays (a rejecting higher term was handled already).
          BecomeFollower(term_, kNone);
          break;
        case VoteResult::kPending:
          break;
      }
      return Status::OK();
    }
    default:
      return Status::Ignored(std::string(MessageTypeName(m.type)) + " ignored by a " +
                             RoleName(role_));
  }
}

}  // namespace raft
