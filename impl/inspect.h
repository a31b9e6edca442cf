// Inspector: read access to the parts of a node that are not application API, for the tools
// that must see all of it: the explorer's canonical encoding (every field that shapes a node's
// future is part of a state) and white-box tests. Applications use RawNode::Status().
#ifndef RAFTCHECK_IMPL_INSPECT_H_
#define RAFTCHECK_IMPL_INSPECT_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "impl/raft.h"

namespace raft {

class Inspector {
 public:
  // Per member (voters and learners), by position in the tracker's ids().
  static const std::vector<Progress>& ProgressByPosition(const Raft& r) {
    return r.trk_.progress();
  }
  // Votes of the current round by member position: -1 no answer yet, 0 rejected, 1 granted.
  static const std::vector<signed char>& Votes(const Raft& r) { return r.trk_.votes(); }
  static Index PendingConfIndex(const Raft& r) { return r.pending_conf_index_; }
  // Messages produced and not yet taken (what the next Ready will send).
  static const std::vector<Message>& PendingMessages(const Raft& r) { return r.msgs_; }
  // The read path's state: the leader's reads waiting for a heartbeat quorum, and those held
  // until it commits in its term; the follower's reads waiting on its leader; how many read
  // ids this life gave out.
  static const ReadOnly& ReadQueue(const Raft& r) { return r.read_only_; }
  static const std::vector<ReadRequest>& HeldReads(const Raft& r) { return r.held_reads_; }
  static const std::vector<ReadId>& ForwardedReads(const Raft& r) { return r.forwarded_reads_; }
  static std::uint32_t ReadsAsked(const Raft& r) { return r.reads_asked_; }
  static const BugSet& Bugs(const Raft& r) { return r.bugs_; }
  static int ElectionElapsed(const Raft& r) { return r.election_elapsed_; }
  static int RandomizedElectionTimeout(const Raft& r) { return r.randomized_election_timeout_; }
  // The rest of the clock's state: what the explorer encodes once ticks are actions.
  static int HeartbeatElapsed(const Raft& r) { return r.heartbeat_elapsed_; }
  static int LeaseRemaining(const Raft& r) { return r.lease_remaining_; }
  static bool TimeoutNowSent(const Raft& r) { return r.timeout_now_sent_; }
  static int BootLease(const Raft& r) { return r.boot_lease_; }
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_INSPECT_H_
