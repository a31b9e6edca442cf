// AbstractRaft: the message-free abstract Raft of will62794/scimitar
// (benchmarks/AbstractRaft.tla) as a System the engine explores (checker/engine/system.h).
//
// Servers hold a currentTerm, a role (Primary or Secondary) and a log of terms; a global set
// immediatelyCommitted holds the (index, term) pairs committed so far. There are no messages:
// each action reads the state of the servers it involves directly.
//
//   ClientRequest(i)       primary i appends an entry of its term
//   GetEntries(i, j)       secondary i copies j's next entry, if its last entry matches j's
//   RollbackEntries(i, j)  secondary i drops its last entry when j's log proves it stale
//   BecomeLeader(i, Q)     i wins the votes of quorum Q (i in Q) for term currentTerm[i] + 1:
//                          every voter is in an earlier term and i's log is at least as
//                          up-to-date as the voter's; voters adopt the term, i becomes
//                          primary and the other voters secondaries
//   CommitEntry(i)         primary i commits its last entry, of its own term, held by a quorum
//                          of servers in its term; once per (index, term)
//   UpdateTerms(i, j)      j adopts i's larger term and steps down
//
// Differences from the TLA+ text, none of which changes the reachable states:
//  - CommitEntry is one action per primary: the commit quorum Q of CommitEntry(i, Q) does not
//    appear in the successor, so the TLA+ successors for different Q are one state. (Transition
//    counts are therefore lower than TLC's; state counts are equal.)
//  - Actions with i = j are never enabled in the specification and are not listed.
//
// Bounds follow TLC: InBounds is the StateConstraint (terms <= max_term, logs <= max_log).
// Action order (the engine's ordinals, system.h rule 1): by kind in ActionKind order; within a
// kind by node, then peer; BecomeLeader quorums in increasing bit-mask order.
#ifndef RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_RAFT_H_
#define RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_RAFT_H_

#include <string>
#include <vector>

#include "model/abstract/abstract_config.h"
#include "model/abstract/abstract_state.h"

namespace model::abstract {

class AbstractRaft {
 public:
  using State = abstract::State;
  using Action = abstract::Action;

  // REQUIRES: config.Validate() is empty.
  explicit AbstractRaft(const AbstractConfig& config) : config_(config) {}

  const AbstractConfig& config() const { return config_; }

  // Init: every server Secondary in term 0 with an empty log; nothing committed.
  void InitialStates(std::vector<State>& out) const;
  void Actions(const State& s, std::vector<Action>& out) const;
  // REQUIRES: a was listed by Actions(s).
  void Apply(State& s, const Action& a) const;
  void Encode(const State& s, std::string& out) const;
  bool InBounds(const State& s) const;
  // The action in the specification's notation, e.g. "BecomeLeader(s1, {s1,s2})".
  std::string Describe(const Action& a) const;
  // The state in one line, e.g. "s1 P t2 [1,2] | s2 S t2 [1] | committed {<<1,1>>}".
  std::string DescribeState(const State& s) const;

 private:
  // CanVoteForOplog(voter, candidate, term).
  bool CanVote(const State& s, int voter, int candidate, int term) const;
  bool CanGetEntries(const State& s, int i, int j) const;
  bool CanRollback(const State& s, int i, int j) const;
  bool CanCommit(const State& s, int i) const;

  AbstractConfig config_;
};

}  // namespace model::abstract

#endif  // RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_RAFT_H_
