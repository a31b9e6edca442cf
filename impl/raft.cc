// Raft: construction, role transitions, the clock, and message dispatch (Step).
// Elections live in raft_election.cc, replication and reads in raft_replication.cc.
#include "impl/raft.h"

#include <algorithm>
#include <string>

#include "impl/confchange/changer.h"
#include "impl/invariant.h"

namespace raft {
namespace {

// Message types that always carry the sender's term.
bool CarriesTerm(MessageType t) {
  return t != MessageType::kProp && t != MessageType::kReadIndex &&
         t != MessageType::kTransferLeader && !IsLocalMessage(t);
}

}  // namespace

Raft::Raft(const Config& config)
    : id_(config.id),
      election_timeout_(config.election_tick),
      heartbeat_timeout_(config.heartbeat_tick),
      pre_vote_(config.pre_vote),
      // Seeded bug: lease-without-check-quorum. Lease reads on, CheckQuorum silently off.
      check_quorum_(config.check_quorum && !(config.bugs.Has(Bug::kLeaseWithoutCheckQuorum) &&
                                            config.read_only_option == ReadOnlyOption::kLeaseBased)),
      read_only_option_(config.read_only_option),
      // Seeded bug: lease-longer-than-timeout. etcd's window, two election timeouts.
      lease_ticks_(config.bugs.Has(Bug::kLeaseLongerThanTimeout) ? 2 * config.election_tick
                                                                 : config.LeaseTicks()),
      disable_proposal_forwarding_(config.disable_proposal_forwarding),
      max_msg_size_(config.max_size_per_msg),
      max_inflight_(config.max_inflight_msgs),
      step_down_on_removal_(config.step_down_on_removal),
      bugs_(config.bugs),
      log_(config.storage, config.applied, config.bugs),
      incarnation_(config.incarnation),
      // Mix the id in so that nodes sharing a seed still draw different timeouts.
      rng_(config.seed ^ (config.id * 0x9e3779b97f4a7c15ULL)) {
  const HardState hs = config.storage->InitialState();
  term_ = hs.term;
  vote_ = hs.vote;
  Result<TrackerConfig> start = confchange::Restore(config.StartingConfState());
  RAFT_INVARIANT(start.ok(), "the starting configuration restores (Config::Validate)");
  trk_.SetConfig(std::move(start).value(), Progress{});
  BecomeFollower(term_, kNone);
  // A node that never had a term never acknowledged a leader: no lease of anyone's to honour.
  if (read_only_option_ == ReadOnlyOption::kLeaseBased && term_ > 0) boot_lease_ = election_timeout_;
}

// ---------------------------------------------------------------------------------------------
// Role transitions.

void Raft::Reset(Term term) {
  if (term_ != term) {
    term_ = term;
    vote_ = kNone;
  }
  lead_ = kNone;
  election_elapsed_ = 0;
  heartbeat_elapsed_ = 0;
  ResetRandomizedElectionTimeout();
  AbortLeaderTransfer();
  lease_remaining_ = 0;
  timeout_now_sent_ = false;
  trk_.ResetVotes();
  const Index last = log_.LastIndex();
  for (std::size_t pos = 0; pos < trk_.ids().size(); ++pos) {
    Progress& pr = trk_.mutable_progress()[pos];
    pr = Progress{};
    pr.next = last + 1;
    pr.inflights = Inflights(max_inflight_);
    if (trk_.ids()[pos] == id_) pr.match = last;
  }
  FailReads();
}

void Raft::ResetRandomizedElectionTimeout() {
  randomized_election_timeout_ =
      election_timeout_ + static_cast<int>(rng_.Below(static_cast<std::uint64_t>(election_timeout_)));
}

void Raft::SetRandomizedElectionTimeout(int ticks) {
  RAFT_INVARIANT(ticks >= election_timeout_ && ticks < 2 * election_timeout_,
                 "a randomized election timeout lies in [election_tick, 2 * election_tick)");
  randomized_election_timeout_ = ticks;
}

void Raft::BecomeFollower(Term term, NodeId lead) {
  Reset(term);
  lead_ = lead;
  role_ = Role::kFollower;
}

void Raft::BecomePreCandidate() {
  RAFT_INVARIANT(role_ != Role::kLeader, "a leader never becomes a pre-candidate directly");
  // PreVote does not touch term or vote: losing the pre-election must leave no trace.
  trk_.ResetVotes();
  // No leader any more, so no lease of one to honour. Seeded bug: precandidate-keeps-lead.
  if (!bugs_.Has(Bug::kPreCandidateKeepsLead)) lead_ = kNone;
  FailReads();  // no leader to answer them any more
  role_ = Role::kPreCandidate;
}

void Raft::BecomeCandidate() {
  RAFT_INVARIANT(role_ != Role::kLeader, "a leader never becomes a candidate directly");
  Reset(term_ + 1);
  vote_ = id_;
  role_ = Role::kCandidate;
}

void Raft::BecomeLeader() {
  RAFT_INVARIANT(role_ == Role::kCandidate, "only a candidate becomes leader");
  Reset(term_);
  lead_ = id_;
  role_ = Role::kLeader;
  // Whatever configuration change the log we inherit holds may be unapplied still: take no
  // new one before the application applied all of it (etcd's pendingConfIndex).
  pending_conf_index_ = log_.LastIndex();
  Progress& self = MutableProgress(id_);
  self.BecomeReplicate();
  self.recent_active = true;
  // Raft §8: an empty entry of the new term lets the leader learn what is committed, and lets
  // it commit entries of earlier terms indirectly (§5.4.2). It also puts every node the
  // leader cannot reach behind the ones it can: their PreVotes lose on the log.
  if (!bugs_.Has(Bug::kLeaderSkipsEmptyEntry)) {  // Seeded bug: leader-skips-empty-entry.
    AppendEntries({Entry{}});
  }
}

// ---------------------------------------------------------------------------------------------
// The clock.

void Raft::Tick() {
  if (boot_lease_ > 0) --boot_lease_;
  if (role_ == Role::kLeader) {
    TickHeartbeat();
  } else {
    TickElection();
  }
}

void Raft::TickElection() {
  ++election_elapsed_;
  if (Promotable() && PastElectionTimeout()) {
    election_elapsed_ = 0;
    Step(Message{.type = MessageType::kHup, .from = id_});
  }
}

void Raft::TickHeartbeat() {
  if (read_only_option_ == ReadOnlyOption::kLeaseBased) {
    if (lease_remaining_ > 0) --lease_remaining_;
    read_only_.Tick(lease_ticks_);
  }
  ++heartbeat_elapsed_;
  ++election_elapsed_;
  if (election_elapsed_ >= election_timeout_) {
    election_elapsed_ = 0;
    if (check_quorum_) Step(Message{.type = MessageType::kCheckQuorum, .from = id_});
    // A transfer that did not finish within an election timeout is abandoned (thesis §3.10).
    if (role_ == Role::kLeader) AbortLeaderTransfer();
  }
  if (role_ != Role::kLeader) return;
  if (heartbeat_elapsed_ >= heartbeat_timeout_) {
    heartbeat_elapsed_ = 0;
    Step(Message{.type = MessageType::kBeat, .from = id_});
  }
}

// ---------------------------------------------------------------------------------------------
// Dispatch.

Status Raft::Validate(const Message& m) const {
  if (IsLocalMessage(m.type)) return Status::OK();
  if (m.to != kNone && m.to != id_) {
    return Status::InvalidArgument("message for node " + std::to_string(m.to) + " delivered to " +
                                   std::to_string(id_));
  }
  // A sender outside our configuration is fine: it may be in one we have not applied yet (a
  // new leader, or a learner being promoted asking for votes). Responses from non-members are
  // ignored where they would be counted.
  if (m.from == kNone && (IsResponseMessage(m.type) || CarriesTerm(m.type))) {
    return Status::InvalidArgument(std::string(MessageTypeName(m.type)) + " without a sender");
  }
  if (CarriesTerm(m.type) && m.term == 0) {
    return Status::InvalidArgument(std::string(MessageTypeName(m.type)) + " without a term");
  }
  switch (m.type) {
    case MessageType::kTransferLeader:
      // `from` names the transferee, which must be a member (a learner is then ignored).
      if (m.from == kNone) return Status::InvalidArgument("leadership transfer to no node");
      if (trk_.PositionOf(m.from) < 0) {
        return Status::InvalidArgument("leadership transfer to unknown peer " +
                                       std::to_string(m.from));
      }
      break;
    case MessageType::kProp:
      if (m.entries.empty()) return Status::InvalidArgument("proposal without entries");
      for (const Entry& e : m.entries) {
        if (e.type != EntryType::kConfChange) continue;
        if (Result<ConfChangeV2> cc = DecodeConfChange(e.data); !cc.ok()) return cc.status();
      }
      break;
    case MessageType::kReadIndex:
    case MessageType::kReadIndexResp:
      if (m.from == kNone || !ParseReadIdContext(m.context)) {
        return Status::InvalidArgument(std::string(MessageTypeName(m.type)) +
                                       " without a sender and a read id");
      }
      break;
    case MessageType::kSnap: {
      const SnapshotMetadata& meta = m.snapshot.metadata;
      if (m.snapshot.IsEmpty()) {
        return Status::InvalidArgument("snapshot message without a snapshot");
      }
      if (meta.term == 0 || meta.term > m.term) {
        return Status::InvalidArgument("snapshot of term " + std::to_string(meta.term) +
                                       " sent at term " + std::to_string(m.term));
      }
      break;
    }
    case MessageType::kApp: {
      Term prev_term = m.log_term;
      for (std::size_t k = 0; k < m.entries.size(); ++k) {
        const Entry& e = m.entries[k];
        if (e.index != m.index + 1 + k || e.term < prev_term || e.term > m.term) {
          return Status::InvalidArgument("append entries are not contiguous or out of term order");
        }
        prev_term = e.term;
      }
      break;
    }
    default:
      break;
  }
  return Status::OK();
}

Status Raft::StepTermCheck(const Message& m, bool* stop) {
  *stop = false;
  if (m.term == 0) return Status::OK();  // local, or a forwarded proposal/read/transfer
  if (m.term > term_) {
    const bool vote_request = m.type == MessageType::kVote || m.type == MessageType::kPreVote;
    if (vote_request) {
      // CheckQuorum leases (thesis §4.2.3): while we hear from a leader, we disregard
      // candidates, unless the leader itself asked for the election (transfer).
      const bool force = m.context == kCampaignTransfer;
      if (!force && InLease()) {
        *stop = true;
        return Status::Ignored("vote request at term " + std::to_string(m.term) +
                               " ignored: leader " + std::to_string(lead_) + " is in lease");
      }
    }
    if (m.type == MessageType::kPreVote) {
      // A PreVote never changes our term: the asker has not really started a new term.
    } else if (m.type == MessageType::kPreVoteResp && !m.reject) {
      // Granted pre-votes carry the term the pre-candidate will campaign at.
    } else if (m.type == MessageType::kApp || m.type == MessageType::kHeartbeat ||
               m.type == MessageType::kSnap) {
      // Only a leader of that term sends these: follow it.
      BecomeFollower(m.term, m.from);
    } else {
      BecomeFollower(m.term, kNone);
    }
    return Status::OK();
  }
  if (m.term < term_) {
    *stop = true;
    if ((check_quorum_ || pre_vote_) &&
        (m.type == MessageType::kApp || m.type == MessageType::kHeartbeat)) {
      // A stale leader may be cut off from the rest; with CheckQuorum or PreVote nobody else
      // would raise its term, so tell it ours (an empty AppResp at our term) to depose it.
      Send(Message{.type = MessageType::kAppResp, .to = m.from});
    } else if (m.type == MessageType::kPreVote &&
               // Seeded bug: prevote-low-term-dropped.
               !bugs_.Has(Bug::kPreVoteLowTermDropped)) {
      // Reject explicitly so the pre-candidate learns our term: one with a better log would
      // otherwise campaign below us forever, its pre-votes dropped as stale.
      Send(Message{.type = MessageType::kPreVoteResp, .to = m.from, .term = term_, .reject = true});
    }
    return Status::Ignored(std::string(MessageTypeName(m.type)) + " from " +
                           std::to_string(m.from) + " has stale term " + std::to_string(m.term) +
                           " < " + std::to_string(term_));
  }
  return Status::OK();
}

bool Raft::InLease() const {
  if (!check_quorum_) return false;
  return (lead_ != kNone && election_elapsed_ < election_timeout_) || boot_lease_ > 0;
}

Status Raft::ForgetLeader() {
  if (role_ != Role::kFollower) return Status::Ignored("forget leader: not a follower");
  if (read_only_option_ == ReadOnlyOption::kLeaseBased) {
    return Status::Ignored("forget leader: lease-based reads rely on the leader's lease");
  }
  lead_ = kNone;
  FailReads();
  return Status::OK();
}

Status Raft::Step(const Message& m) {
  if (Status s = Validate(m); !s.ok()) return s;
  bool stop = false;
  Status s = StepTermCheck(m, &stop);
  if (stop) return s;

  switch (m.type) {
    case MessageType::kHup:
      if (role_ == Role::kLeader) return Status::Ignored("already leader");
      return Hup(pre_vote_ ? Campaign::kPreElection : Campaign::kElection);
    case MessageType::kVote:
    case MessageType::kPreVote:
      HandleVoteRequest(m);
      return Status::OK();
    default:
      break;
  }
  switch (role_) {
    case Role::kLeader: return StepLeader(m);
    case Role::kCandidate:
    case Role::kPreCandidate: return StepCandidate(m);
    case Role::kFollower: return StepFollower(m);
  }
  return Status::OK();
}

void Raft::Send(Message m) {
  if (m.from == kNone) m.from = id_;
  const bool vote_type = m.type == MessageType::kVote || m.type == MessageType::kVoteResp ||
                         m.type == MessageType::kPreVote || m.type == MessageType::kPreVoteResp;
  if (vote_type) {
    // Vote messages carry the term they are about, which for PreVote is not ours.
    RAFT_INVARIANT(m.term != 0, "vote messages carry an explicit term");
  } else if (m.type != MessageType::kProp && m.type != MessageType::kReadIndex) {
    m.term = term_;
  }
  msgs_.push_back(std::move(m));
}

std::vector<Message> Raft::TakeMessages() {
  std::vector<Message> out;
  out.swap(msgs_);
  return out;
}

std::vector<ReadState> Raft::TakeReadStates() {
  std::vector<ReadState> out;
  out.swap(read_states_);
  return out;
}

}  // namespace raft
