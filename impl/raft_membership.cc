// Raft, membership changes (thesis §4, in etcd-raft's design): a configuration takes effect
// when the application applies its entry (ApplyConfChange), a leader has at most one change it
// has not applied, a node does not campaign while a committed change is unapplied, and joint
// configurations that leave by themselves are left by the leader once applied.
#include <algorithm>
#include <limits>
#include <string>

#include "impl/confchange/changer.h"
#include "impl/invariant.h"
#include "impl/raft.h"

namespace raft {

Result<ConfState> Raft::ApplyConfChange(const ConfChangeV2& cc) {
  Result<TrackerConfig> next = confchange::Apply(trk_.config(), cc);
  if (!next.ok()) return next.status();
  return SwitchToConfig(std::move(next).value());
}

ConfState Raft::SwitchToConfig(TrackerConfig config) {
  // A new member is probed from our last entry (etcd's initProgress), so that the first append
  // carries something and its answer says where its log ends.
  Progress fresh;
  fresh.next = std::max<Index>(log_.LastIndex(), 1);
  fresh.inflights = Inflights(max_inflight_);
  fresh.recent_active = true;  // a new member gets an election timeout to answer (CheckQuorum)
  trk_.SetConfig(std::move(config), fresh);
  const ConfState cs = trk_.config().ToConfState();
  if (role_ != Role::kLeader) return cs;
  if (!trk_.IsVoter(id_)) {
    // Removed, or demoted to learner: a leader nobody counts. Stepping down lets the others
    // elect a leader of the new configuration at once instead of after it is deposed.
    if (step_down_on_removal_) BecomeFollower(term_, kNone);
    return cs;
  }
  // The quorum changed: the commit index may rise now, and new members need the log.
  if (MaybeCommit()) {
    ReleaseHeldReads();
    BroadcastAppend();
  } else {
    ForEachPeer([&](NodeId id, Progress&) { MaybeSendAppend(id, false); });
  }
  if (lead_transferee_ != kNone && !trk_.IsVoter(lead_transferee_)) AbortLeaderTransfer();
  return cs;
}

bool Raft::HasUnappliedConfChanges() const {
  if (log_.applied() >= log_.committed()) return false;
  // While a snapshot waits to be applied, the entries after it are what remains to scan.
  const Index lo = std::max(log_.applied() + 1, log_.FirstIndex());
  if (lo > log_.committed()) return false;
  Result<std::vector<Entry>> entries =
      log_.Slice(lo, log_.committed() + 1, std::numeric_limits<std::uint64_t>::max());
  RAFT_INVARIANT(entries.ok(), "the committed entries not yet applied are in the log");
  for (const Entry& e : *entries) {
    if (e.type == EntryType::kConfChange) return true;
  }
  return false;
}

Status Raft::CheckConfChangeProposal(const std::vector<Entry>& entries) {
  Index pending = pending_conf_index_;
  bool joint = trk_.config().IsJoint();
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (entries[k].type != EntryType::kConfChange) continue;
    const ConfChangeV2 cc = *DecodeConfChange(entries[k].data);  // Validate decoded it
    std::string refused;
    bool auto_leave = false;
    if (pending > log_.applied()) {
      refused = "a configuration change at index " + std::to_string(pending) +
                " is not applied yet (applied " + std::to_string(log_.applied()) + ")";
    } else if (joint && !cc.LeavesJoint()) {
      refused = "in a joint configuration, only leaving it can be proposed";
    } else if (!joint && cc.LeavesJoint()) {
      refused = "not in a joint configuration: nothing to leave";
    }
    if (!refused.empty()) return Status::ProposalDropped("configuration change refused: " + refused);
    pending = log_.LastIndex() + 1 + k;
    joint = cc.EntersJoint(&auto_leave) || (joint && !cc.LeavesJoint());
  }
  pending_conf_index_ = pending;
  return Status::OK();
}

void Raft::AppliedTo(Index index) {
  log_.AppliedTo(index);
  if (role_ != Role::kLeader || !trk_.config().auto_leave || log_.applied() < pending_conf_index_) {
    return;
  }
  // The joint configuration is applied here and leaves by itself: propose the leave, as
  // etcd's leader does. Refused only during a leadership transfer; the next Advance retries.
  Message leave{.type = MessageType::kProp, .from = id_};
  leave.entries.push_back(
      Entry{.data = EncodeConfChange(LeaveJoint()), .type = EntryType::kConfChange});
  Step(leave);
}

}  // namespace raft
