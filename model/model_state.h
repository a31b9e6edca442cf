// The state of raft.tla (without its history variables) in a compact, fixed-size layout that
// is its own canonical encoding.
//
// Invariants of every State a RaftModel produces (they make Encode a plain copy of bytes):
//  1. Every byte beyond what the configuration uses is zero: servers >= config.servers, log
//     entries beyond log_len, next/match entries beyond config.servers, bag slots beyond
//     bag_size. (Server has no padding: every field is a byte.)
//  2. The bag holds distinct messages sorted by their packed key, each with a count >= 1: a
//     message whose count drops to zero is gone (as the issue fixes the bag semantics).
//  3. Terms, indexes, values and counts fit in a byte (ModelConfig's limits guarantee it).
//
// Servers are numbered 0..N-1; votedFor holds server + 1, or 0 for Nil. Log indexes are 1-based
// as in the spec: log[k - 1] is the entry at index k.
#ifndef RAFTCHECK_MODEL_MODEL_STATE_H_
#define RAFTCHECK_MODEL_MODEL_STATE_H_

#include <cstdint>

#include "model/model_config.h"

namespace model {

enum class Role : std::uint8_t { kFollower, kCandidate, kLeader };

struct Entry {
  std::uint8_t term;
  std::uint8_t value;
};

// One server's variables: serverVars, logVars, candidateVars, leaderVars.
struct Server {
  std::uint8_t term;         // currentTerm
  Role role;                 // state
  std::uint8_t voted_for;    // votedFor: 0 Nil, else server + 1
  std::uint8_t log_len;      // Len(log)
  std::uint8_t commit;       // commitIndex
  std::uint8_t responded;    // votesResponded, a bit per server
  std::uint8_t granted;      // votesGranted, a bit per server
  std::uint8_t next_index[kMaxServers];
  std::uint8_t match_index[kMaxServers];
  Entry log[kLogCapacity];

  std::uint8_t LastTerm() const { return log_len == 0 ? 0 : log[log_len - 1].term; }
};

enum class MessageType : std::uint8_t {
  kRequestVoteRequest,
  kRequestVoteResponse,
  kAppendEntriesRequest,
  kAppendEntriesResponse,
};

// A message record, unpacked. Field use by type (unused fields are 0):
//   RequestVoteRequest     last_log_term, last_log_index
//   RequestVoteResponse    granted
//   AppendEntriesRequest   prev_log_index, prev_log_term, entry (term 0: no entry), commit
//   AppendEntriesResponse  success, match_index
struct Message {
  MessageType type = MessageType::kRequestVoteRequest;
  std::uint8_t source = 0;
  std::uint8_t dest = 0;
  std::uint8_t term = 0;
  std::uint8_t last_log_term = 0;
  std::uint8_t last_log_index = 0;
  bool granted = false;
  std::uint8_t prev_log_index = 0;
  std::uint8_t prev_log_term = 0;
  Entry entry{0, 0};
  std::uint8_t commit = 0;
  bool success = false;
  std::uint8_t match_index = 0;

  bool has_entry() const { return entry.term != 0; }
};

// A bag slot: a message packed into the high 56 bits (so slots sort by message) and its
// multiplicity in the low 8. Layout, high to low byte: type<<6 | source<<3 | dest, term, then
// five payload bytes, then the count.
using Slot = std::uint64_t;
Slot PackMessage(const Message& m);  // count 0
Message UnpackMessage(Slot slot);
inline std::uint64_t SlotKey(Slot s) { return s & ~std::uint64_t{0xFF}; }
inline int SlotCount(Slot s) { return static_cast<int>(s & 0xFF); }

struct State {
  Slot bag[kBagCapacity];  // sorted by key; slots from bag_size on are 0
  Server servers[kMaxServers];
  std::uint8_t bag_size;   // distinct messages

  // Messages in flight, counted with multiplicity.
  int InFlight() const {
    int n = 0;
    for (int k = 0; k < bag_size; ++k) n += SlotCount(bag[k]);
    return n;
  }
};

// The disjuncts of Next. Ordered as in the spec's Next.
enum class ActionKind : std::uint8_t {
  kTimeout,             // Timeout(i)
  kRestart,             // Restart(i)
  kRequestVote,         // RequestVote(i, j)
  kBecomeLeader,        // BecomeLeader(i)
  kClientRequest,       // ClientRequest(i, v)
  kAdvanceCommitIndex,  // AdvanceCommitIndex(i)
  kAppendEntries,       // AppendEntries(i, j)
  kReceive,             // Receive(m)
  kDuplicateMessage,    // DuplicateMessage(m)
  kDropMessage,         // DropMessage(m)
};
// Derived from the last enumerator: keep kDropMessage last.
inline constexpr int kActionKindCount = static_cast<int>(ActionKind::kDropMessage) + 1;
const char* ActionKindName(ActionKind kind);

// i: the server (for message actions, unused); arg: j for RequestVote and AppendEntries, v for
// ClientRequest, the bag slot for message actions.
struct Action {
  ActionKind kind = ActionKind::kTimeout;
  std::uint8_t i = 0;
  std::uint8_t arg = 0;
  bool operator==(const Action&) const = default;
};

// Which handler of Receive(m) applies to m in a state: the spec's disjuncts are mutually
// exclusive, so a message has at most one (kDisabled: none, e.g. an AppendEntries request of
// the current term at a leader).
enum class ReceiveBranch : std::uint8_t {
  kDisabled,
  kUpdateTerm,             // m.mterm > currentTerm: adopt it, leave m in the bag
  kHandleVoteRequest,      // reply, grant or not
  kDropStaleResponse,      // a response of an older term
  kHandleVoteResponse,
  kRejectAppend,           // reply failure
  kReturnToFollower,       // a candidate hears its term's leader; m stays in the bag
  kAppendDone,             // already has the entry (or none): set commit, reply success
  kAppendConflict,         // remove the last entry; m stays in the bag
  kAppendNoConflict,       // append the entry; m stays in the bag
  kHandleAppendResponse,
};
const char* ReceiveBranchName(ReceiveBranch b);

}  // namespace model

#endif  // RAFTCHECK_MODEL_MODEL_STATE_H_
