// Inspector: read access to the parts of a node that are not application API, for the tools
// that must see all of it: the explorer's canonical encoding (every field that shapes a node's
// future is part of a state) and white-box tests. Applications use RawNode::Status().
#ifndef RAFTCHECK_IMPL_INSPECT_H_
#define RAFTCHECK_IMPL_INSPECT_H_

#include <cstddef>
#include <vector>

#include "impl/raft.h"

namespace raft {

class Inspector {
 public:
  // Per voter, by position in the configuration.
  static const std::vector<Progress>& ProgressByPosition(const Raft& r) { return r.progress_; }
  // Votes of the current round by voter position: -1 no answer yet, 0 rejected, 1 granted.
  static const std::vector<signed char>& Votes(const Raft& r) { return r.votes_; }
  // Messages produced and not yet taken (what the next Ready will send).
  static const std::vector<Message>& PendingMessages(const Raft& r) { return r.msgs_; }
  // Reads waiting for a heartbeat quorum, plus reads waiting for a commit in this term.
  static std::size_t PendingReads(const Raft& r) {
    return r.read_only_.Size() + r.pending_read_index_.size();
  }
  static const BugSet& Bugs(const Raft& r) { return r.bugs_; }
  static int ElectionElapsed(const Raft& r) { return r.election_elapsed_; }
  static int RandomizedElectionTimeout(const Raft& r) { return r.randomized_election_timeout_; }
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_INSPECT_H_
