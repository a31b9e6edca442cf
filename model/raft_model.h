// RaftModel: Diego Ongaro's raft.tla (the dissertation's specification, ongardie/raft.tla),
// transliterated to C++ without its proof-only history variables (elections, allLogs,
// voterLog, and the mlog field of messages), as a System the search engine explores.
//
// Faithful on purpose, because state counts must match TLC's on the same configuration:
//  - Initial state: every server a Follower of term 1, no vote, empty log, commit 0,
//    nextIndex 1 and matchIndex 0 towards every server (itself included: nextIndex[i][i] and
//    matchIndex[i][i] are state too), an empty bag of messages.
//  - The actions of Next, with their enabling conditions: Timeout, Restart, RequestVote(i, j)
//    (j may be i: a candidate asks itself for its vote), BecomeLeader, ClientRequest(i, v),
//    AdvanceCommitIndex (enabled at every leader, even when it changes nothing),
//    AppendEntries(i, j) with at most one entry, Receive(m), DuplicateMessage(m),
//    DropMessage(m).
//  - Receive's quirks: UpdateTerm, "return to follower", "conflict" (which removes the LAST
//    entry of the log, whatever the conflicting index) and "no conflict: append" leave m in the
//    bag to be received again; a follower's commitIndex may go down on a stale request.
//  - Messages form a bag: receiving or dropping removes one copy, duplicating adds one, and a
//    message whose count reaches zero is gone.
//  - Bounds are TLC constraints (InBounds); see ModelConfig.
//
// Determinism: no randomness, no clocks, no hidden mutable state (safe from many threads).
// Actions() lists, in order: Timeout(i), Restart(i), RequestVote(i, j), BecomeLeader(i),
// ClientRequest(i, v), AdvanceCommitIndex(i), AppendEntries(i, j) for ascending i (then j or
// v), then Receive, DuplicateMessage, DropMessage for each message in bag order.
#ifndef RAFTCHECK_MODEL_RAFT_MODEL_H_
#define RAFTCHECK_MODEL_RAFT_MODEL_H_

#include <cstddef>
#include <string>
#include <vector>

#include "model/model_config.h"
#include "model/model_state.h"

namespace model {

class RaftModel {
 public:
  using State = model::State;
  using Action = model::Action;

  // REQUIRES: config.Validate() is empty.
  explicit RaftModel(const ModelConfig& config) : config_(config) {}

  // The engine's System contract (checker/engine/system.h).
  void InitialStates(std::vector<State>& out) const;
  void Actions(const State& s, std::vector<Action>& out) const;
  void Apply(State& s, const Action& a) const;
  void Encode(const State& s, std::string& out) const;
  bool InBounds(const State& s) const;
  std::string Describe(const Action& a) const;
  std::size_t ApproxBytes(const State&) const { return sizeof(State); }

  // Which handler Receive(m) runs for the message in bag slot `slot` of s.
  ReceiveBranch BranchOf(const State& s, int slot) const;
  // A human line for action a taken in s, naming the message by content.
  std::string DescribeIn(const State& s, const Action& a) const;
  static std::string DescribeMessage(const Message& m);

  const ModelConfig& config() const { return config_; }

 private:
  void Receive(State& s, int slot) const;
  void AdvanceCommitIndex(State& s, int i) const;
  void AppendEntries(State& s, int i, int j) const;

  ModelConfig config_;
};

}  // namespace model

#endif  // RAFTCHECK_MODEL_RAFT_MODEL_H_
