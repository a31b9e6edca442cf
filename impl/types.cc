#include "impl/types.h"

#include <iterator>
#include <string>

namespace raft {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kFollower: return "follower";
    case Role::kPreCandidate: return "pre-candidate";
    case Role::kCandidate: return "candidate";
    case Role::kLeader: return "leader";
  }
  return "?";
}

namespace {

// Names in enum order: the one table the enum's names (and its size) come from.
constexpr const char* kMessageTypeNames[] = {
    "Hup",         "Beat",          "CheckQuorum", "Prop",           "App",       "AppResp",
    "Vote",        "VoteResp",      "PreVote",     "PreVoteResp",    "Heartbeat", "HeartbeatResp",
    "TimeoutNow",  "TransferLeader", "ReadIndex",  "ReadIndexResp", "Snap",
};
static_assert(std::size(kMessageTypeNames) == static_cast<std::size_t>(MessageType::kSnap) + 1);

}  // namespace

const char* MessageTypeName(MessageType type) {
  const auto k = static_cast<std::size_t>(type);
  return k < std::size(kMessageTypeNames) ? kMessageTypeNames[k] : "?";
}

std::optional<MessageType> MessageTypeFromName(std::string_view name) {
  for (std::size_t k = 0; k < std::size(kMessageTypeNames); ++k) {
    if (name == kMessageTypeNames[k]) return static_cast<MessageType>(k);
  }
  return std::nullopt;
}

bool IsLocalMessage(MessageType type) {
  return type == MessageType::kHup || type == MessageType::kBeat ||
         type == MessageType::kCheckQuorum;
}

bool IsResponseMessage(MessageType type) {
  switch (type) {
    case MessageType::kAppResp:
    case MessageType::kVoteResp:
    case MessageType::kPreVoteResp:
    case MessageType::kHeartbeatResp:
      return true;
    default:
      return false;
  }
}

std::string Describe(const Message& m, DataText data_text) {
  std::string s = MessageTypeName(m.type);
  s += " " + std::to_string(m.from) + "->" + std::to_string(m.to) + " t" + std::to_string(m.term);
  switch (m.type) {
    case MessageType::kApp:
      s += " idx" + std::to_string(m.index) + " lt" + std::to_string(m.log_term) + " c" +
           std::to_string(m.commit);
      break;
    case MessageType::kVote:
    case MessageType::kPreVote:
      s += " last" + std::to_string(m.index) + " lt" + std::to_string(m.log_term);
      break;
    case MessageType::kAppResp:
      s += " idx" + std::to_string(m.index);
      if (m.reject) {
        s += " reject hint" + std::to_string(m.reject_hint) + " lt" + std::to_string(m.log_term);
      }
      break;
    case MessageType::kVoteResp:
    case MessageType::kPreVoteResp:
      s += m.reject ? " reject" : " grant";
      break;
    case MessageType::kHeartbeat:
      s += " c" + std::to_string(m.commit);
      break;
    case MessageType::kReadIndexResp:
      s += " idx" + std::to_string(m.index);
      break;
    case MessageType::kSnap:
      s += " snap i" + std::to_string(m.snapshot.metadata.index) + " t" +
           std::to_string(m.snapshot.metadata.term);
      break;
    default:
      break;
  }
  if (!m.entries.empty()) {
    s += " [";
    for (std::size_t i = 0; i < m.entries.size(); ++i) {
      if (i) s += ",";
      s += "t" + std::to_string(m.entries[i].term) + ":" +
           (data_text ? data_text(m.entries[i].data) : m.entries[i].data);
    }
    s += "]";
  }
  if (!m.context.empty()) s += " ctx=" + m.context;
  return s;
}

}  // namespace raft
