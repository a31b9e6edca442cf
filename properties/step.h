// Step: what happened between two observations, in the abstract terms of raft.tla, so that the
// spec conformance properties can tell a justified change of a node's state from one that no
// Raft step allows. Systems translate their own actions into it (the cluster world its
// WorldAction, the model its raft.tla action); properties/ never sees either.
//
// Only the node a step acts on may change; every other node must stay as it was.
#ifndef RAFTCHECK_PROPERTIES_STEP_H_
#define RAFTCHECK_PROPERTIES_STEP_H_

#include <cstdint>
#include <vector>

#include "properties/observation.h"

namespace props {

enum class StepKind : std::uint8_t {
  kNetwork,        // the network alone changes (send, drop, duplicate): no node may change
  kTimeout,        // the node's election timer fires
  kTimeoutNow,     // a TimeoutNow (leadership transfer) makes it fire: `message` holds its term
  kDeliver,        // the node receives `message`
  kClientRequest,  // a client hands the node a value
  kRestart,        // the node restarts from what it persisted (volatile state may be lost)
  kCrash,          // the node goes down
  // A tick that fires no election timer (kTimeout is the one that does): it may send
  // heartbeats and, with CheckQuorum, make a leader step down to follower in its term
  // (thesis §6.2, a refinement outside raft.tla).
  kTick,
  kInternal,       // any other local step: becoming leader, advancing commit, a heartbeat tick,
                   // handling a Ready
};

enum class MessageKind : std::uint8_t {
  kVoteRequest,  // a binding vote request (not a pre-vote)
  kAppend,       // an append request: prev_index, prev_term, entries, commit
  kHeartbeat,    // an append without a log check: commit only (etcd's MsgHeartbeat)
  kOther,        // responses, pre-votes, proposals, ...: only the term matters
};

struct MessageView {
  MessageKind kind = MessageKind::kOther;
  std::uint32_t from = 0;  // sender's position
  std::uint64_t term = 0;
  // kVoteRequest: the candidate's last log entry.
  std::uint64_t last_log_index = 0;
  std::uint64_t last_log_term = 0;
  // kAppend: the entry before `entries` (index 0: none) and the entries; kAppend and
  // kHeartbeat: the commit index the leader sends.
  std::uint64_t prev_index = 0;
  std::uint64_t prev_term = 0;
  std::vector<LogEntry> entries;
  std::uint64_t commit = 0;
};

struct Step {
  StepKind kind = StepKind::kNetwork;
  std::uint32_t node = 0;  // position of the node acted on (unused for kNetwork)
  MessageView message;     // kDeliver only
};

}  // namespace props

#endif  // RAFTCHECK_PROPERTIES_STEP_H_
