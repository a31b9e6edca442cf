// RaftModel: the actions of raft.tla. Each function cites the operator it transliterates.
#include "model/raft_model.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace model {
namespace {

std::uint8_t Bit(int server) { return static_cast<std::uint8_t>(1U << server); }

// Send(m): one more copy of m in the bag (WithMessage).
void Send(State& s, const Message& m) {
  const Slot key = PackMessage(m);
  int k = 0;
  while (k < s.bag_size && SlotKey(s.bag[k]) < key) ++k;
  if (k < s.bag_size && SlotKey(s.bag[k]) == key) {
    ++s.bag[k];
    return;
  }
  // A successor holds at most max_msgs + 1 <= kBagCapacity distinct messages (only states
  // within bounds are expanded, and an action sends at most one).
  std::memmove(&s.bag[k + 1], &s.bag[k], (s.bag_size - k) * sizeof(Slot));
  s.bag[k] = key | 1;
  ++s.bag_size;
}

// Discard(m) for the message in slot k: one copy fewer; at zero it is gone.
void DiscardAt(State& s, int k) {
  if (SlotCount(--s.bag[k]) > 0) return;
  std::memmove(&s.bag[k], &s.bag[k + 1], (s.bag_size - k - 1) * sizeof(Slot));
  s.bag[--s.bag_size] = 0;
}

// Reply(response, request).
void Reply(State& s, int request_slot, const Message& response) {
  DiscardAt(s, request_slot);
  Send(s, response);
}

Message Response(MessageType type, const Message& request, std::uint8_t term) {
  Message r;
  r.type = type;
  r.source = request.dest;
  r.dest = request.source;
  r.term = term;
  return r;
}

}  // namespace

void RaftModel::InitialStates(std::vector<State>& out) const {
  State s;
  std::memset(&s, 0, sizeof(s));
  for (int i = 0; i < config_.servers; ++i) {
    Server& v = s.servers[i];
    v.term = 1;
    v.role = Role::kFollower;
    for (int j = 0; j < config_.servers; ++j) v.next_index[j] = 1;
  }
  out.push_back(s);
}

void RaftModel::Actions(const State& s, std::vector<Action>& out) const {
  const int n = config_.servers;
  auto add = [&out](ActionKind kind, int i, int arg) {
    out.push_back({kind, static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(arg)});
  };
  for (int i = 0; i < n; ++i) {
    if (s.servers[i].role != Role::kLeader) add(ActionKind::kTimeout, i, 0);
  }
  for (int i = 0; i < n; ++i) add(ActionKind::kRestart, i, 0);
  for (int i = 0; i < n; ++i) {
    const Server& v = s.servers[i];
    if (v.role != Role::kCandidate) continue;
    for (int j = 0; j < n; ++j) {
      if (!(v.responded & Bit(j))) add(ActionKind::kRequestVote, i, j);
    }
  }
  for (int i = 0; i < n; ++i) {
    const Server& v = s.servers[i];
    if (v.role == Role::kCandidate && std::popcount(v.granted) * 2 > n) {
      add(ActionKind::kBecomeLeader, i, 0);
    }
  }
  for (int i = 0; i < n; ++i) {
    if (s.servers[i].role != Role::kLeader) continue;
    for (int v = 1; v <= config_.values; ++v) add(ActionKind::kClientRequest, i, v);
  }
  for (int i = 0; i < n; ++i) {
    if (s.servers[i].role == Role::kLeader) add(ActionKind::kAdvanceCommitIndex, i, 0);
  }
  for (int i = 0; i < n; ++i) {
    if (s.servers[i].role != Role::kLeader) continue;
    for (int j = 0; j < n; ++j) {
      if (j != i) add(ActionKind::kAppendEntries, i, j);
    }
  }
  for (int k = 0; k < s.bag_size; ++k) {
    if (BranchOf(s, k) != ReceiveBranch::kDisabled) add(ActionKind::kReceive, 0, k);
  }
  for (int k = 0; k < s.bag_size; ++k) add(ActionKind::kDuplicateMessage, 0, k);
  for (int k = 0; k < s.bag_size; ++k) add(ActionKind::kDropMessage, 0, k);
}

void RaftModel::Apply(State& s, const Action& a) const {
  Server& v = s.servers[a.i];
  switch (a.kind) {
    case ActionKind::kTimeout:  // Timeout(i)
      v.role = Role::kCandidate;
      ++v.term;
      v.voted_for = 0;
      v.responded = 0;
      v.granted = 0;
      return;
    case ActionKind::kRestart:  // Restart(i): keeps currentTerm, votedFor and log
      v.role = Role::kFollower;
      v.responded = 0;
      v.granted = 0;
      for (int j = 0; j < config_.servers; ++j) {
        v.next_index[j] = 1;
        v.match_index[j] = 0;
      }
      v.commit = 0;
      return;
    case ActionKind::kRequestVote: {  // RequestVote(i, j)
      Message m;
      m.type = MessageType::kRequestVoteRequest;
      m.source = a.i;
      m.dest = a.arg;
      m.term = v.term;
      m.last_log_term = v.LastTerm();
      m.last_log_index = v.log_len;
      Send(s, m);
      return;
    }
    case ActionKind::kBecomeLeader:  // BecomeLeader(i)
      v.role = Role::kLeader;
      for (int j = 0; j < config_.servers; ++j) {
        v.next_index[j] = static_cast<std::uint8_t>(v.log_len + 1);
        v.match_index[j] = 0;
      }
      return;
    case ActionKind::kClientRequest:  // ClientRequest(i, v)
      v.log[v.log_len++] = Entry{v.term, a.arg};
      return;
    case ActionKind::kAdvanceCommitIndex:
      AdvanceCommitIndex(s, a.i);
      return;
    case ActionKind::kAppendEntries:
      AppendEntries(s, a.i, a.arg);
      return;
    case ActionKind::kReceive:
      Receive(s, a.arg);
      return;
    case ActionKind::kDuplicateMessage:  // DuplicateMessage(m)
      ++s.bag[a.arg];
      return;
    case ActionKind::kDropMessage:  // DropMessage(m)
      DiscardAt(s, a.arg);
      return;
  }
}

// AdvanceCommitIndex(i): the highest index that a quorum agrees on ({i} and every k with
// matchIndex[i][k] >= index) becomes the commit index if its entry is of the current term.
void RaftModel::AdvanceCommitIndex(State& s, int i) const {
  Server& v = s.servers[i];
  const int n = config_.servers;
  for (int index = v.log_len; index >= 1; --index) {
    int agree = 1;
    for (int k = 0; k < n; ++k) agree += k != i && v.match_index[k] >= index;
    if (agree * 2 <= n) continue;
    // Max(agreeIndexes) found. Seeded bug tla-commit-prior-term: any term will do.
    if (v.log[index - 1].term == v.term || config_.Has(ModelBug::kCommitPriorTerm)) {
      v.commit = static_cast<std::uint8_t>(index);
    }
    return;
  }
}

// AppendEntries(i, j): at most one entry, the one at nextIndex[i][j].
void RaftModel::AppendEntries(State& s, int i, int j) const {
  const Server& v = s.servers[i];
  const int next = v.next_index[j];
  Message m;
  m.type = MessageType::kAppendEntriesRequest;
  m.source = static_cast<std::uint8_t>(i);
  m.dest = static_cast<std::uint8_t>(j);
  m.term = v.term;
  m.prev_log_index = static_cast<std::uint8_t>(next - 1);
  m.prev_log_term = next - 1 > 0 ? v.log[next - 2].term : 0;
  const int last_entry = std::min<int>(v.log_len, next);
  if (last_entry >= next) m.entry = v.log[next - 1];  // SubSeq(log[i], next, lastEntry)
  m.commit = static_cast<std::uint8_t>(std::min<int>(v.commit, last_entry));
  Send(s, m);
}

ReceiveBranch RaftModel::BranchOf(const State& s, int slot) const {
  const Message m = UnpackMessage(s.bag[slot]);
  const Server& v = s.servers[m.dest];
  if (m.term > v.term) return ReceiveBranch::kUpdateTerm;
  switch (m.type) {
    case MessageType::kRequestVoteRequest:
      return ReceiveBranch::kHandleVoteRequest;
    case MessageType::kRequestVoteResponse:
      return m.term < v.term ? ReceiveBranch::kDropStaleResponse
                             : ReceiveBranch::kHandleVoteResponse;
    case MessageType::kAppendEntriesResponse:
      return m.term < v.term ? ReceiveBranch::kDropStaleResponse
                             : ReceiveBranch::kHandleAppendResponse;
    case MessageType::kAppendEntriesRequest:
      break;
  }
  // HandleAppendEntriesRequest(i, j, m).
  if (m.term < v.term) return ReceiveBranch::kRejectAppend;
  if (v.role == Role::kCandidate) return ReceiveBranch::kReturnToFollower;
  if (v.role == Role::kLeader) return ReceiveBranch::kDisabled;
  const bool log_ok = m.prev_log_index == 0 ||
                      (m.prev_log_index <= v.log_len &&
                       m.prev_log_term == v.log[m.prev_log_index - 1].term);
  if (!log_ok) return ReceiveBranch::kRejectAppend;
  const int index = m.prev_log_index + 1;
  if (!m.has_entry() || (v.log_len >= index && v.log[index - 1].term == m.entry.term)) {
    return ReceiveBranch::kAppendDone;
  }
  if (v.log_len >= index) return ReceiveBranch::kAppendConflict;
  return ReceiveBranch::kAppendNoConflict;  // log_ok and log_len < index: log_len = prev index
}

// Receive(m), with m in bag slot `slot`: i = m.mdest, j = m.msource.
void RaftModel::Receive(State& s, int slot) const {
  const Message m = UnpackMessage(s.bag[slot]);
  Server& v = s.servers[m.dest];
  const int j = m.source;
  switch (BranchOf(s, slot)) {
    case ReceiveBranch::kDisabled:
      return;
    case ReceiveBranch::kUpdateTerm:  // m stays, to be processed further
      v.term = m.term;
      v.role = Role::kFollower;
      v.voted_for = 0;
      return;
    case ReceiveBranch::kHandleVoteRequest: {
      const bool log_ok = m.last_log_term > v.LastTerm() ||
                          (m.last_log_term == v.LastTerm() && m.last_log_index >= v.log_len);
      // Seeded bug tla-vote-twice: votedFor is not consulted.
      const bool free_to_vote = v.voted_for == 0 || v.voted_for == j + 1 ||
                                config_.Has(ModelBug::kVoteTwice);
      const bool grant = m.term == v.term && log_ok && free_to_vote;
      if (grant) v.voted_for = static_cast<std::uint8_t>(j + 1);
      Message r = Response(MessageType::kRequestVoteResponse, m, v.term);
      r.granted = grant;
      Reply(s, slot, r);
      return;
    }
    case ReceiveBranch::kDropStaleResponse:
      DiscardAt(s, slot);
      return;
    case ReceiveBranch::kHandleVoteResponse:
      v.responded |= Bit(j);
      if (m.granted) v.granted |= Bit(j);
      DiscardAt(s, slot);
      return;
    case ReceiveBranch::kRejectAppend: {
      Reply(s, slot, Response(MessageType::kAppendEntriesResponse, m, v.term));
      return;
    }
    case ReceiveBranch::kReturnToFollower:  // m stays
      v.role = Role::kFollower;
      return;
    case ReceiveBranch::kAppendDone: {
      v.commit = m.commit;  // may go down on a stale request: the spec says so
      Message r = Response(MessageType::kAppendEntriesResponse, m, v.term);
      r.success = true;
      r.match_index = static_cast<std::uint8_t>(m.prev_log_index + (m.has_entry() ? 1 : 0));
      Reply(s, slot, r);
      return;
    }
    case ReceiveBranch::kAppendConflict:  // remove the last entry; m stays
      v.log[--v.log_len] = Entry{0, 0};
      return;
    case ReceiveBranch::kAppendNoConflict:  // m stays
      v.log[v.log_len++] = m.entry;
      return;
    case ReceiveBranch::kHandleAppendResponse:
      if (m.success) {
        v.next_index[j] = static_cast<std::uint8_t>(m.match_index + 1);
        v.match_index[j] = m.match_index;
      } else {
        v.next_index[j] = static_cast<std::uint8_t>(std::max(v.next_index[j] - 1, 1));
      }
      DiscardAt(s, slot);
      return;
  }
}

void RaftModel::Encode(const State& s, std::string& out) const {
  // Invariant 1 of model_state.h makes the used bytes canonical as they are. Copied in
  // fixed-size pieces: a variable-length memcpy of this size compiles to `rep movs`, which
  // perf showed taking a fifth of the whole search.
  const std::size_t server_bytes = static_cast<std::size_t>(config_.servers) * sizeof(Server);
  const std::size_t at = out.size();
  out.resize(at + server_bytes + s.bag_size * sizeof(Slot));
  char* p = out.data() + at;
  for (int i = 0; i < config_.servers; ++i, p += sizeof(Server)) {
    std::memcpy(p, &s.servers[i], sizeof(Server));
  }
  for (int k = 0; k < s.bag_size; ++k, p += sizeof(Slot)) std::memcpy(p, &s.bag[k], sizeof(Slot));
}

bool RaftModel::InBounds(const State& s) const {
  for (int i = 0; i < config_.servers; ++i) {
    const Server& v = s.servers[i];
    if (v.term > config_.max_term || v.log_len > config_.max_log) return false;
  }
  return s.InFlight() <= config_.max_msgs;
}

std::string RaftModel::Describe(const Action& a) const {
  const std::string i = "s" + std::to_string(a.i + 1);
  const std::string j = "s" + std::to_string(a.arg + 1);
  switch (a.kind) {
    case ActionKind::kRequestVote:
    case ActionKind::kAppendEntries:
      return std::string(ActionKindName(a.kind)) + "(" + i + ", " + j + ")";
    case ActionKind::kClientRequest:
      return "ClientRequest(" + i + ", v" + std::to_string(a.arg) + ")";
    case ActionKind::kReceive:
    case ActionKind::kDuplicateMessage:
    case ActionKind::kDropMessage:
      return std::string(ActionKindName(a.kind)) + "(message #" + std::to_string(a.arg) + ")";
    default:
      return std::string(ActionKindName(a.kind)) + "(" + i + ")";
  }
}

std::string RaftModel::DescribeMessage(const Message& m) {
  auto num = [](int x) { return std::to_string(x); };
  const std::string route = " s" + num(m.source + 1) + "->s" + num(m.dest + 1) + " t" + num(m.term);
  switch (m.type) {
    case MessageType::kRequestVoteRequest:
      return "RequestVoteRequest" + route + " lastLogTerm " + num(m.last_log_term) +
             " lastLogIndex " + num(m.last_log_index);
    case MessageType::kRequestVoteResponse:
      return "RequestVoteResponse" + route + (m.granted ? " granted" : " denied");
    case MessageType::kAppendEntriesRequest:
      return "AppendEntriesRequest" + route + " prev " + num(m.prev_log_index) + "/t" +
             num(m.prev_log_term) +
             (m.has_entry() ? " [t" + num(m.entry.term) + ":v" + num(m.entry.value) + "]" : " []") +
             " commit " + num(m.commit);
    case MessageType::kAppendEntriesResponse:
      return "AppendEntriesResponse" + route + (m.success ? " success" : " failure") +
             " match " + num(m.match_index);
  }
  return "?";
}

std::string RaftModel::DescribeIn(const State& s, const Action& a) const {
  switch (a.kind) {
    case ActionKind::kReceive:
      return std::string("Receive ") + DescribeMessage(UnpackMessage(s.bag[a.arg])) + ": " +
             ReceiveBranchName(BranchOf(s, a.arg));
    case ActionKind::kDuplicateMessage:
    case ActionKind::kDropMessage:
      return std::string(ActionKindName(a.kind)) + " " +
             DescribeMessage(UnpackMessage(s.bag[a.arg]));
    default:
      return Describe(a);
  }
}

}  // namespace model
