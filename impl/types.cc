#include "impl/types.h"

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

const char* MessageTypeName(MessageType type) {
  switch (type) {
    case MessageType::kHup: return "Hup";
    case MessageType::kBeat: return "Beat";
    case MessageType::kCheckQuorum: return "CheckQuorum";
    case MessageType::kProp: return "Prop";
    case MessageType::kApp: return "App";
    case MessageType::kAppResp: return "AppResp";
    case MessageType::kVote: return "Vote";
    case MessageType::kVoteResp: return "VoteResp";
    case MessageType::kPreVote: return "PreVote";
    case MessageType::kPreVoteResp: return "PreVoteResp";
    case MessageType::kHeartbeat: return "Heartbeat";
    case MessageType::kHeartbeatResp: return "HeartbeatResp";
    case MessageType::kTimeoutNow: return "TimeoutNow";
    case MessageType::kTransferLeader: return "TransferLeader";
    case MessageType::kReadIndex: return "ReadIndex";
    case MessageType::kReadIndexResp: return "ReadIndexResp";
  }
  return "?";
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

std::string Describe(const Message& m) {
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
    default:
      break;
  }
  if (!m.entries.empty()) {
    s += " [";
    for (std::size_t i = 0; i < m.entries.size(); ++i) {
      if (i) s += ",";
      s += "t" + std::to_string(m.entries[i].term) + ":" + m.entries[i].data;
    }
    s += "]";
  }
  if (!m.context.empty()) s += " ctx=" + m.context;
  return s;
}

}  // namespace raft
