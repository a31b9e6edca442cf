// ReadOnly: the leader's queue of linearizable reads waiting for a heartbeat round to confirm
// that it is still the leader (Raft thesis §6.4, "read-only queries").
//
// Each read joins the queue in a round of its own, numbered 1, 2, 3, ... over the node's life;
// the leader sends heartbeats carrying the newest round, and every later heartbeat carries it
// again until the reads are confirmed (a lost heartbeat or answer is retried that way).
//
// Invariants:
//  1. The queue is in arrival order, and so in increasing round order.
//  2. A follower's answer to a heartbeat of round r was sent after every read of round <= r
//     arrived at the leader, so it acknowledges all of them: acks of an earlier read include
//     those of a later one, and reads are released from the front only.
//  3. A read is identified by who asked and its id (ReadRequest); a request already queued is
//     not queued again.
#ifndef RAFTCHECK_IMPL_READ_ONLY_H_
#define RAFTCHECK_IMPL_READ_ONLY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "impl/quorum/joint.h"
#include "impl/types.h"

namespace raft {

// Who asked for a read (this node, or the follower that forwarded it) and its id there.
struct ReadRequest {
  NodeId from = kNone;
  ReadId id = 0;
  bool operator==(const ReadRequest&) const = default;
};

struct PendingRead {
  ReadRequest request;
  Index index = 0;            // the leader's commit index when the read arrived
  std::uint64_t round = 0;    // the heartbeat round that confirms it
  std::vector<NodeId> acks;   // who acknowledged a round >= this one (the leader included)
  // Leader ticks since this read's round began, counted up to the lease length at most: a
  // quorum acknowledging it proves leadership from the round's start (lease-based reads).
  int age = 0;
  bool operator==(const PendingRead&) const = default;
};

class ReadOnly {
 public:
  // Queues `request` in a new round, acknowledged by `self`; returns the round.
  // REQUIRES: !Contains(request).
  std::uint64_t Add(const ReadRequest& request, Index commit, NodeId self);
  bool Contains(const ReadRequest& request) const;
  // `from` answered a heartbeat of `round`. Removes and returns, in arrival order, the reads
  // whose acknowledgements now form a quorum of `voters` (invariant 2).
  std::vector<PendingRead> Ack(NodeId from, std::uint64_t round, const quorum::JointConfig& voters);
  // One leader tick: every queued read ages by one, up to `cap`.
  void Tick(int cap);
  // Removes and returns every queued read.
  std::vector<PendingRead> TakeAll();
  // The round of the newest queued read (what heartbeats carry), or 0 when none is queued.
  std::uint64_t PendingRound() const { return queue_.empty() ? 0 : queue_.back().round; }
  std::uint64_t rounds() const { return rounds_; }
  const std::vector<PendingRead>& queue() const { return queue_; }
  bool Empty() const { return queue_.empty(); }
  bool operator==(const ReadOnly&) const = default;

 private:
  std::vector<PendingRead> queue_;  // invariant 1
  std::uint64_t rounds_ = 0;        // rounds started so far
};

// The context a heartbeat of `round` carries ("" for none), and back; nullopt when the
// context is not a round (a malformed message).
std::string RoundContext(std::uint64_t round);
std::optional<std::uint64_t> ParseRoundContext(const std::string& context);
// The context of a ReadIndex or ReadIndexResp message for read `id`, and back.
std::string ReadIdContext(ReadId id);
std::optional<ReadId> ParseReadIdContext(const std::string& context);

}  // namespace raft

#endif  // RAFTCHECK_IMPL_READ_ONLY_H_
