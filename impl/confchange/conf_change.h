// Configuration changes, as the application proposes them and the log carries them (etcd's
// ConfChangeV2). One change adds a voter, adds a learner (or demotes a voter to one) or removes
// a node. A proposal holds one change or several:
//   - one change with kAuto: a simple change, applied directly (one voter at a time keeps any
//     two consecutive majorities overlapping);
//   - several changes, or kJointImplicit / kJointExplicit: the cluster enters a joint
//     configuration (thesis §4.3); kAuto and kJointImplicit leave it by themselves once it is
//     applied (the leader proposes the leave), kJointExplicit waits for the application to
//     propose LeaveJoint();
//   - no change at all (LeaveJoint()): leave the joint configuration.
// The wire form in Entry::data (type kConfChange): u8 transition, u8 count, then per change
// u8 type and u64 node id, little-endian.
#ifndef RAFTCHECK_IMPL_CONFCHANGE_CONF_CHANGE_H_
#define RAFTCHECK_IMPL_CONFCHANGE_CONF_CHANGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "impl/status.h"
#include "impl/types.h"

namespace raft {

enum class ConfChangeType : std::uint8_t { kAddNode, kRemoveNode, kAddLearnerNode };

struct ConfChangeSingle {
  ConfChangeType type = ConfChangeType::kAddNode;
  NodeId node = kNone;
  bool operator==(const ConfChangeSingle&) const = default;
};

enum class ConfChangeTransition : std::uint8_t { kAuto, kJointImplicit, kJointExplicit };

struct ConfChangeV2 {
  ConfChangeTransition transition = ConfChangeTransition::kAuto;
  std::vector<ConfChangeSingle> changes;
  bool operator==(const ConfChangeV2&) const = default;

  // Whether applying this enters a joint configuration, and if so whether it leaves it by itself.
  bool EntersJoint(bool* auto_leave) const;
  // Whether this is the request to leave a joint configuration.
  bool LeavesJoint() const { return changes.empty() && transition == ConfChangeTransition::kAuto; }
};

// A simple change of one node (etcd's ConfChange, one voter or learner at a time).
inline ConfChangeV2 SimpleChange(ConfChangeType type, NodeId node) {
  return ConfChangeV2{.changes = {{type, node}}};
}
inline ConfChangeV2 LeaveJoint() { return ConfChangeV2{}; }

std::string EncodeConfChange(const ConfChangeV2& cc);
// InvalidArgument on bytes that are not an encoded ConfChangeV2.
Result<ConfChangeV2> DecodeConfChange(std::string_view data);
// e.g. "add 4", "joint(auto) add 4 remove 1", "leave-joint".
std::string DescribeConfChange(const ConfChangeV2& cc);

}  // namespace raft

#endif  // RAFTCHECK_IMPL_CONFCHANGE_CONF_CHANGE_H_
