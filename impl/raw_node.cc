#include "impl/raw_node.h"

#include "impl/inspect.h"
#include "impl/invariant.h"

namespace raft {

Result<RawNode> RawNode::Create(const Config& config) {
  if (raft::Status s = config.Validate(); !s.ok()) return s;
  return RawNode(config);
}

RawNode::RawNode(const Config& config)
    : raft_(config), prev_soft_state_(raft_.soft_state()), prev_hard_state_(raft_.hard_state()) {}

raft::Status RawNode::Campaign() { return raft_.Step(Message{.type = MessageType::kHup}); }

raft::Status RawNode::Propose(std::string data) {
  Message m{.type = MessageType::kProp, .from = raft_.id()};
  m.entries.push_back(Entry{.data = std::move(data)});
  return raft_.Step(m);
}

raft::Status RawNode::ProposeConfChange(const ConfChangeV2& cc) {
  Message m{.type = MessageType::kProp, .from = raft_.id()};
  m.entries.push_back(Entry{.data = EncodeConfChange(cc), .type = EntryType::kConfChange});
  return raft_.Step(m);
}

raft::Status RawNode::Step(const Message& m) {
  if (IsLocalMessage(m.type)) {
    return raft::Status::InvalidArgument(std::string("local message type ") +
                                         MessageTypeName(m.type) + " cannot come from the network");
  }
  return raft_.Step(m);
}

Result<ReadId> RawNode::ReadIndex() { return raft_.RequestRead(); }

raft::Status RawNode::TransferLeader(NodeId transferee) {
  return raft_.Step(Message{.type = MessageType::kTransferLeader, .from = transferee});
}

bool RawNode::HasReady() const {
  if (raft_.soft_state() != prev_soft_state_) return true;
  const HardState hs = raft_.hard_state();
  if (!hs.IsEmpty() && hs != prev_hard_state_) return true;
  return raft_.log().HasUnstableSnapshot() || raft_.log().HasUnstableEntries() ||
         raft_.log().HasNextCommittedEntries() || raft_.HasMessages() || raft_.HasReadStates();
}

Ready RawNode::GetReady() {
  RAFT_INVARIANT(!ready_outstanding_, "the previous Ready was advanced before the next one");
  Ready rd;
  const RaftLog& log = raft_.log();
  if (log.HasUnstableSnapshot()) rd.snapshot = log.unstable_snapshot();
  rd.entries.assign(log.UnstableEntries().begin(), log.UnstableEntries().end());
  rd.committed_entries = log.NextCommittedEntries();
  rd.messages = raft_.TakeMessages();
  rd.read_states = raft_.TakeReadStates();
  const SoftState ss = raft_.soft_state();
  if (ss != prev_soft_state_) {
    rd.soft_state = ss;
    prev_soft_state_ = ss;
  }
  const HardState hs = raft_.hard_state();
  if (hs != prev_hard_state_) rd.hard_state = hs;
  const BugSet& bugs = Inspector::Bugs(raft_);
  if (bugs.Has(Bug::kReplyBeforePersist) && !rd.messages.empty() &&
      (!rd.entries.empty() || !rd.hard_state.IsEmpty())) {
    // Seeded bug: reply-before-persist. The messages leave now; what they report is handed
    // out for persisting only in the next Ready.
    rd.snapshot = Snapshot{};
    rd.entries.clear();
    rd.hard_state = HardState{};
    rd.committed_entries.clear();
  }
  rd.must_sync = !rd.snapshot.IsEmpty() || !rd.entries.empty() ||
                 hs.term != prev_hard_state_.term || hs.vote != prev_hard_state_.vote;

  ready_outstanding_ = true;
  ready_hard_state_ = rd.hard_state;
  if (bugs.Has(Bug::kVoteNotPersisted) && !rd.hard_state.IsEmpty()) {
    rd.hard_state.vote = kNone;  // Seeded bug: vote-not-persisted.
  }
  ready_last_entry_index_ = rd.entries.empty() ? 0 : rd.entries.back().index;
  ready_last_entry_term_ = rd.entries.empty() ? 0 : rd.entries.back().term;
  ready_last_committed_ = rd.committed_entries.empty() ? 0 : rd.committed_entries.back().index;
  ready_snapshot_index_ = rd.snapshot.metadata.index;
  return rd;
}

void RawNode::Advance() {
  RAFT_INVARIANT(ready_outstanding_, "Advance follows GetReady");
  ready_outstanding_ = false;
  if (!ready_hard_state_.IsEmpty()) prev_hard_state_ = ready_hard_state_;
  RaftLog& log = raft_.mutable_log();
  if (ready_snapshot_index_ != 0) {
    // Persisted, then applied: storage holds it now, and the state machine is at its index.
    log.StableSnapTo(ready_snapshot_index_);
    log.AppliedTo(ready_snapshot_index_);
  }
  if (ready_last_entry_index_ != 0) log.StableTo(ready_last_entry_index_, ready_last_entry_term_);
  // Last: a leader may propose here (leaving a joint configuration it applied).
  raft_.AppliedTo(ready_last_committed_ != 0 ? ready_last_committed_ : log.applied());
}

NodeStatus RawNode::Status() const {
  NodeStatus s;
  s.id = raft_.id();
  s.hard_state = raft_.hard_state();
  s.soft_state = raft_.soft_state();
  s.applied = raft_.log().applied();
  s.lead_transferee = raft_.lead_transferee();
  s.config = raft_.tracker().config().ToConfState();
  if (raft_.role() == Role::kLeader) {
    const ProgressTracker& trk = raft_.tracker();
    for (std::size_t pos = 0; pos < trk.ids().size(); ++pos) {
      s.progress.emplace_back(trk.ids()[pos], trk.progress()[pos]);
    }
  }
  return s;
}

}  // namespace raft
