#include "impl/confchange/changer.h"

#include <algorithm>
#include <string>

namespace raft::confchange {
namespace {

bool Has(const std::vector<NodeId>& ids, NodeId id) {
  return std::binary_search(ids.begin(), ids.end(), id);
}
void Insert(std::vector<NodeId>& ids, NodeId id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id) ids.insert(it, id);
}
void Erase(std::vector<NodeId>& ids, NodeId id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it != ids.end() && *it == id) ids.erase(it);
}

Status CheckInvariants(const TrackerConfig& c) {
  for (NodeId id : c.learners) {
    if (c.voters.Contains(id)) {
      return Status::InvalidArgument("node " + std::to_string(id) + " is a voter and a learner");
    }
  }
  for (NodeId id : c.learners_next) {
    if (!c.voters.outgoing.Contains(id) || c.voters.incoming.Contains(id)) {
      return Status::InvalidArgument("node " + std::to_string(id) +
                                     " is to become a learner but is no outgoing-only voter");
    }
    if (Has(c.learners, id)) {
      return Status::InvalidArgument("node " + std::to_string(id) +
                                     " is a learner and to become one");
    }
  }
  if (!c.IsJoint() && (!c.learners_next.empty() || c.auto_leave)) {
    return Status::InvalidArgument("learners_next or auto_leave outside a joint configuration");
  }
  return Status::OK();
}

void MakeVoter(TrackerConfig& c, NodeId id) {
  Erase(c.learners, id);
  Erase(c.learners_next, id);
  c.voters.incoming.Insert(id);
}

void MakeLearner(TrackerConfig& c, NodeId id) {
  if (Has(c.learners, id) || Has(c.learners_next, id)) return;
  c.voters.incoming.Erase(id);
  // An outgoing voter keeps voting there until the joint configuration is left, so it becomes
  // a learner only then.
  if (c.voters.outgoing.Contains(id)) {
    Insert(c.learners_next, id);
  } else {
    Insert(c.learners, id);
  }
}

void Remove(TrackerConfig& c, NodeId id) {
  c.voters.incoming.Erase(id);
  Erase(c.learners, id);
  Erase(c.learners_next, id);
}

Status ApplyChanges(TrackerConfig& c, const std::vector<ConfChangeSingle>& changes) {
  for (const ConfChangeSingle& change : changes) {
    if (change.node == kNone) continue;  // etcd ignores changes of node 0
    switch (change.type) {
      case ConfChangeType::kAddNode: MakeVoter(c, change.node); break;
      case ConfChangeType::kAddLearnerNode: MakeLearner(c, change.node); break;
      case ConfChangeType::kRemoveNode: Remove(c, change.node); break;
    }
  }
  if (c.voters.incoming.empty()) return Status::InvalidArgument("the change removes every voter");
  return Status::OK();
}

}  // namespace

Result<TrackerConfig> Simple(const TrackerConfig& config,
                             const std::vector<ConfChangeSingle>& changes) {
  if (config.IsJoint()) {
    return Status::InvalidArgument("a simple change cannot be made in a joint configuration");
  }
  TrackerConfig next = config;
  if (Status s = ApplyChanges(next, changes); !s.ok()) return s;
  // Symmetric difference of the voter sets: one voter in or out keeps majorities overlapping.
  std::vector<NodeId> diff;
  std::set_symmetric_difference(config.voters.incoming.ids().begin(),
                                config.voters.incoming.ids().end(),
                                next.voters.incoming.ids().begin(), next.voters.incoming.ids().end(),
                                std::back_inserter(diff));
  if (diff.size() > 1) {
    return Status::InvalidArgument("more than one voter changed without a joint configuration");
  }
  if (Status s = CheckInvariants(next); !s.ok()) return s;
  return next;
}

Result<TrackerConfig> EnterJoint(const TrackerConfig& config, bool auto_leave,
                                 const std::vector<ConfChangeSingle>& changes) {
  if (config.IsJoint()) {
    return Status::InvalidArgument("already in a joint configuration: leave it first");
  }
  if (config.voters.incoming.empty()) {
    return Status::InvalidArgument("a configuration without voters cannot become joint");
  }
  TrackerConfig next = config;
  next.voters.outgoing = config.voters.incoming;
  if (Status s = ApplyChanges(next, changes); !s.ok()) return s;
  next.auto_leave = auto_leave;
  if (Status s = CheckInvariants(next); !s.ok()) return s;
  return next;
}

Result<TrackerConfig> LeaveJoint(const TrackerConfig& config) {
  if (!config.IsJoint()) {
    return Status::InvalidArgument("not in a joint configuration: nothing to leave");
  }
  TrackerConfig next = config;
  for (NodeId id : next.learners_next) Insert(next.learners, id);
  next.learners_next.clear();
  next.voters.outgoing = quorum::MajorityConfig();
  next.auto_leave = false;
  if (Status s = CheckInvariants(next); !s.ok()) return s;
  return next;
}

Result<TrackerConfig> Apply(const TrackerConfig& config, const ConfChangeV2& cc) {
  if (cc.LeavesJoint()) return LeaveJoint(config);
  bool auto_leave = false;
  if (cc.EntersJoint(&auto_leave)) return EnterJoint(config, auto_leave, cc.changes);
  return Simple(config, cc.changes);
}

Result<TrackerConfig> Restore(const ConfState& cs) {
  auto sorted_unique = [](const std::vector<NodeId>& ids) {
    return std::is_sorted(ids.begin(), ids.end()) &&
           std::adjacent_find(ids.begin(), ids.end()) == ids.end() &&
           !Has(ids, kNone);
  };
  if (!sorted_unique(cs.voters) || !sorted_unique(cs.learners) ||
      !sorted_unique(cs.voters_outgoing) || !sorted_unique(cs.learners_next)) {
    return Status::InvalidArgument("configuration lists must be sorted, unique and without 0");
  }
  if (cs.voters.empty()) return Status::InvalidArgument("a configuration needs a voter");
  TrackerConfig c;
  c.voters.incoming = quorum::MajorityConfig(cs.voters);
  c.voters.outgoing = quorum::MajorityConfig(cs.voters_outgoing);
  c.learners = cs.learners;
  c.learners_next = cs.learners_next;
  c.auto_leave = cs.auto_leave;
  if (Status s = CheckInvariants(c); !s.ok()) return s;
  return c;
}

}  // namespace raft::confchange
