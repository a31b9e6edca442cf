#include "impl/confchange/conf_change.h"

namespace raft {

bool ConfChangeV2::EntersJoint(bool* auto_leave) const {
  // At most one change with kAuto is simple (none at all: the leave); everything else is joint.
  if (changes.size() <= 1 && transition == ConfChangeTransition::kAuto) return false;
  *auto_leave = transition != ConfChangeTransition::kJointExplicit;
  return true;
}

std::string EncodeConfChange(const ConfChangeV2& cc) {
  std::string out;
  out.push_back(static_cast<char>(cc.transition));
  out.push_back(static_cast<char>(cc.changes.size()));
  for (const ConfChangeSingle& c : cc.changes) {
    out.push_back(static_cast<char>(c.type));
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((c.node >> (8 * b)) & 0xFF));
  }
  return out;
}

Result<ConfChangeV2> DecodeConfChange(std::string_view data) {
  auto bad = [](const std::string& why) {
    return Status::InvalidArgument("configuration change: " + why);
  };
  if (data.size() < 2) return bad("shorter than its 2-byte header");
  ConfChangeV2 cc;
  const auto transition = static_cast<std::uint8_t>(data[0]);
  if (transition > static_cast<std::uint8_t>(ConfChangeTransition::kJointExplicit)) {
    return bad("unknown transition " + std::to_string(transition));
  }
  cc.transition = static_cast<ConfChangeTransition>(transition);
  const std::size_t count = static_cast<std::uint8_t>(data[1]);
  if (data.size() != 2 + 9 * count) return bad("length does not fit its change count");
  for (std::size_t k = 0; k < count; ++k) {
    const std::string_view c = data.substr(2 + 9 * k, 9);
    const auto type = static_cast<std::uint8_t>(c[0]);
    if (type > static_cast<std::uint8_t>(ConfChangeType::kAddLearnerNode)) {
      return bad("unknown change type " + std::to_string(type));
    }
    NodeId node = 0;
    for (int b = 0; b < 8; ++b) node |= NodeId{static_cast<std::uint8_t>(c[1 + b])} << (8 * b);
    cc.changes.push_back({static_cast<ConfChangeType>(type), node});
  }
  return cc;
}

std::string DescribeConfChange(const ConfChangeV2& cc) {
  if (cc.LeavesJoint()) return "leave-joint";
  std::string out;
  bool auto_leave = false;
  if (cc.EntersJoint(&auto_leave)) {
    out = cc.transition == ConfChangeTransition::kJointExplicit ? "joint(explicit)" : "joint(auto)";
  }
  for (const ConfChangeSingle& c : cc.changes) {
    if (!out.empty()) out += ' ';
    switch (c.type) {
      case ConfChangeType::kAddNode: out += "add "; break;
      case ConfChangeType::kRemoveNode: out += "remove "; break;
      case ConfChangeType::kAddLearnerNode: out += "learner "; break;
    }
    out += std::to_string(c.node);
  }
  return out;
}

}  // namespace raft
