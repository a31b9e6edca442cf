// Config: everything a node needs to start. Validate() before use; RawNode::Create does.
#ifndef RAFTCHECK_IMPL_CONFIG_H_
#define RAFTCHECK_IMPL_CONFIG_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "impl/bugs.h"
#include "impl/status.h"
#include "impl/types.h"

namespace raft {

class Storage;

// How a leader confirms that it still leads before answering a read (raw_node.h, "Linearizable
// reads"): by a heartbeat round (kSafe, the default), or, within its lease, by its clock alone
// (kLeaseBased: etcd's ReadOnlyLeaseBased, thesis §6.4.1), which assumes bounded clock drift.
enum class ReadOnlyOption : unsigned char { kSafe, kLeaseBased };

struct Config {
  NodeId id = kNone;             // this node; not kNone
  // The starting configuration, when neither conf_state nor the storage's snapshot gives one:
  // every voter (this node included unless it starts outside the configuration, as a node
  // about to be added does) and every learner; no duplicates, no id in both.
  std::vector<NodeId> peers;
  std::vector<NodeId> learners;
  // The configuration as of `applied`, for an application that keeps it with its state machine
  // and restarts past its last snapshot (the configuration changes it applied since are not
  // applied again). None: the storage's snapshot's (InitialConfState), else peers and learners.
  std::optional<ConfState> conf_state;
  // A leader that applies its own removal (or demotion to learner) steps down at once. Off: it
  // keeps leading without counting itself, until it is deposed (etcd's default).
  bool step_down_on_removal = true;

  // Timers count Tick() calls. etcd runs a 100 ms tick, so the defaults below are its 1000 ms
  // election timeout and 100 ms heartbeat interval. Each election round draws its timeout
  // uniformly from [election_tick, 2 * election_tick) (Raft §5.2, randomized timeouts).
  // REQUIRES: heartbeat_tick >= 1 and election_tick > heartbeat_tick.
  int election_tick = 10;
  int heartbeat_tick = 1;

  // Seeds the node's private generator of election timeouts; nothing else is random.
  std::uint64_t seed = 0;

  // PreVote (thesis §9.6): a node first asks whether it could win at term+1 and only bumps its
  // term if a quorum says yes, so a rejoining partitioned node cannot disrupt a stable leader.
  bool pre_vote = false;
  // CheckQuorum (thesis §6.2): a leader that has not heard from a quorum during an election
  // timeout steps down; a follower that heard from its leader within the timeout ignores votes.
  bool check_quorum = false;

  // Lease-based reads (ReadOnlyOption::kLeaseBased) need check_quorum, and assume that no
  // node's tick count runs ahead of another's by more than max_clock_drift ticks beyond the
  // one tick of phase two unsynchronized tickers always differ by. The lease then lasts
  // LeaseTicks() = election_tick - 2 * (max_clock_drift + 1) ticks from the start of the
  // heartbeat round a quorum acknowledged; it must be at least 1.
  ReadOnlyOption read_only_option = ReadOnlyOption::kSafe;
  int max_clock_drift = 0;
  int LeaseTicks() const { return election_tick - 2 * (max_clock_drift + 1); }

  // Flow control for AppendEntries: bytes per message as counted by EntrySize (at least one
  // entry is always sent; 1 means one entry per message) and unacknowledged append messages per follower in the replicate state.
  std::uint64_t max_size_per_msg = 1 << 20;
  int max_inflight_msgs = 256;

  // Followers drop proposals instead of forwarding them to the leader.
  bool disable_proposal_forwarding = false;

  // Where the log and hard state live (not owned; must outlive the node).
  Storage* storage = nullptr;
  // The last index the application applied before this (re)start; 0 on a fresh node.
  Index applied = 0;
  // How many times this node started before: a boot counter the application keeps durably
  // (0 on a fresh node). It is the high half of every read id (ReadId), so that the answer to
  // a read asked in an earlier life is never taken for one asked in this life.
  std::uint32_t incarnation = 0;

  // Seeded bugs (bugs.h): for the explorer's self-tests only; empty in production.
  BugSet bugs;

  // OK, or InvalidArgument naming the first problem found.
  Status Validate() const;
  // The configuration the node starts in (see conf_state). REQUIRES: storage is set.
  ConfState StartingConfState() const;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_CONFIG_H_
