#include "model/model_state.h"

namespace model {
namespace {

// The five payload bytes of each message type, in slot order (high to low).
struct Payload {
  std::uint8_t b[5];
};

Payload PayloadOf(const Message& m) {
  switch (m.type) {
    case MessageType::kRequestVoteRequest:
      return {{m.last_log_term, m.last_log_index, 0, 0, 0}};
    case MessageType::kRequestVoteResponse:
      return {{static_cast<std::uint8_t>(m.granted), 0, 0, 0, 0}};
    case MessageType::kAppendEntriesRequest:
      return {{m.prev_log_index, m.prev_log_term, m.entry.term, m.entry.value, m.commit}};
    case MessageType::kAppendEntriesResponse:
      return {{static_cast<std::uint8_t>(m.success), m.match_index, 0, 0, 0}};
  }
  return {};
}

}  // namespace

Slot PackMessage(const Message& m) {
  const Payload p = PayloadOf(m);
  Slot s = static_cast<Slot>(static_cast<unsigned>(m.type) << 6 | m.source << 3 | m.dest) << 56;
  s |= static_cast<Slot>(m.term) << 48;
  for (int k = 0; k < 5; ++k) s |= static_cast<Slot>(p.b[k]) << (40 - 8 * k);
  return s;
}

Message UnpackMessage(Slot s) {
  auto byte = [s](int k) { return static_cast<std::uint8_t>(s >> (8 * k)); };
  Message m;
  const std::uint8_t head = byte(7);
  m.type = static_cast<MessageType>(head >> 6);
  m.source = (head >> 3) & 7;
  m.dest = head & 7;
  m.term = byte(6);
  const std::uint8_t p[5] = {byte(5), byte(4), byte(3), byte(2), byte(1)};
  switch (m.type) {
    case MessageType::kRequestVoteRequest:
      m.last_log_term = p[0];
      m.last_log_index = p[1];
      break;
    case MessageType::kRequestVoteResponse:
      m.granted = p[0] != 0;
      break;
    case MessageType::kAppendEntriesRequest:
      m.prev_log_index = p[0];
      m.prev_log_term = p[1];
      m.entry = {p[2], p[3]};
      m.commit = p[4];
      break;
    case MessageType::kAppendEntriesResponse:
      m.success = p[0] != 0;
      m.match_index = p[1];
      break;
  }
  return m;
}

const char* ActionKindName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kTimeout: return "Timeout";
    case ActionKind::kRestart: return "Restart";
    case ActionKind::kRequestVote: return "RequestVote";
    case ActionKind::kBecomeLeader: return "BecomeLeader";
    case ActionKind::kClientRequest: return "ClientRequest";
    case ActionKind::kAdvanceCommitIndex: return "AdvanceCommitIndex";
    case ActionKind::kAppendEntries: return "AppendEntries";
    case ActionKind::kReceive: return "Receive";
    case ActionKind::kDuplicateMessage: return "DuplicateMessage";
    case ActionKind::kDropMessage: return "DropMessage";
  }
  return "?";
}

const char* ReceiveBranchName(ReceiveBranch b) {
  switch (b) {
    case ReceiveBranch::kDisabled: return "disabled";
    case ReceiveBranch::kUpdateTerm: return "UpdateTerm";
    case ReceiveBranch::kHandleVoteRequest: return "HandleRequestVoteRequest";
    case ReceiveBranch::kDropStaleResponse: return "DropStaleResponse";
    case ReceiveBranch::kHandleVoteResponse: return "HandleRequestVoteResponse";
    case ReceiveBranch::kRejectAppend: return "HandleAppendEntriesRequest (reject)";
    case ReceiveBranch::kReturnToFollower: return "HandleAppendEntriesRequest (return to follower)";
    case ReceiveBranch::kAppendDone: return "HandleAppendEntriesRequest (already done)";
    case ReceiveBranch::kAppendConflict: return "HandleAppendEntriesRequest (conflict)";
    case ReceiveBranch::kAppendNoConflict: return "HandleAppendEntriesRequest (append)";
    case ReceiveBranch::kHandleAppendResponse: return "HandleAppendEntriesResponse";
  }
  return "?";
}

}  // namespace model
