// The state and actions of AbstractRaft (abstract_raft.h), in a compact fixed layout, and the
// few queries over a state that both the actions and the lemmas read (so each is written once).
//
// Layout invariants (every state the model builds keeps them; Encode and == rely on them):
//  1. Only servers[0..servers) are used; the rest stay value-initialized.
//  2. log[k] for k >= len is 0, so equal logs compare and encode equal.
//  3. committed[k] bit t is set when <<k+1, t>> is in immediatelyCommitted: log indices are
//     1-based as in the specification, array positions 0-based.
#ifndef RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_STATE_H_
#define RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_STATE_H_

#include <array>
#include <cstdint>

#include "model/abstract/abstract_config.h"

namespace model::abstract {

struct Server {
  std::uint8_t term = 0;                         // currentTerm
  bool primary = false;                          // state = Primary (else Secondary)
  std::uint8_t len = 0;                          // Len(log)
  std::array<std::uint8_t, kLogCapacity> log{};  // log[k] is the term of entry k+1
  bool operator==(const Server&) const = default;
};

struct State {
  std::array<Server, kMaxServers> servers{};
  std::array<std::uint16_t, kLogCapacity> committed{};  // see invariant 3
  bool operator==(const State&) const = default;

  bool Committed(int index, int term) const {
    return (committed[static_cast<std::size_t>(index - 1)] >> term) & 1U;
  }
  void Commit(int index, int term) {
    committed[static_cast<std::size_t>(index - 1)] |= static_cast<std::uint16_t>(1U << term);
  }
};

enum class ActionKind : std::uint8_t {
  kClientRequest,    // ClientRequest(node)
  kGetEntries,       // GetEntries(node, peer): node copies peer's next entry
  kRollbackEntries,  // RollbackEntries(node, peer): node drops its last entry against peer
  kBecomeLeader,     // BecomeLeader(node, quorum)
  kCommitEntry,      // CommitEntry(node, Q) for some commit quorum Q (see abstract_raft.h)
  kUpdateTerms,      // UpdateTerms(node, peer): peer adopts node's larger term
};
// Derived from the last enumerator: keep kUpdateTerms last.
inline constexpr int kActionKindCount = static_cast<int>(ActionKind::kUpdateTerms) + 1;

struct Action {
  ActionKind kind = ActionKind::kClientRequest;
  std::uint8_t node = 0;
  std::uint8_t peer = 0;    // GetEntries, RollbackEntries, UpdateTerms; else 0
  std::uint8_t quorum = 0;  // BecomeLeader: bit s set when server s votes; else 0
  bool operator==(const Action&) const = default;
};

// "ClientRequest", ... as in the specification.
const char* ActionKindName(ActionKind kind);

// LastTerm(log[s]): the term of s's last entry, or 0 for an empty log.
inline int LastTerm(const Server& s) { return s.len == 0 ? 0 : s.log[s.len - 1u]; }

// LogTerm(s, index): 0 for index 0. REQUIRES: index <= s.len.
inline int LogTerm(const Server& s, int index) {
  return index == 0 ? 0 : s.log[static_cast<std::size_t>(index - 1)];
}

// InLog(<<index, term>>, s): s's log holds an entry at `index` (1-based) of `term`.
inline bool InLog(const Server& s, int index, int term) {
  return index >= 1 && index <= s.len && s.log[static_cast<std::size_t>(index - 1)] == term;
}

// The specification's Quorums(Server) only ever appears as "some quorum Q has property P at
// every member", which holds exactly when more than half of the servers have P.
inline bool IsQuorum(int members, int servers) { return 2 * members > servers; }

}  // namespace model::abstract

#endif  // RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_STATE_H_
