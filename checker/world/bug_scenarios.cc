#include "checker/world/bug_scenarios.h"

#include <vector>

namespace raftcheck {
namespace {

WorldConfig Bounds(int values, std::uint64_t max_term, std::uint64_t max_log, int max_msgs,
                   int max_crashes) {
  WorldConfig w;
  w.values = values;
  w.max_term = max_term;
  w.max_log = max_log;
  w.max_msgs = max_msgs;
  w.max_crashes = max_crashes;
  return w;
}

WorldConfig Compacting(WorldConfig w, int compactions) {
  w.max_compactions = compactions;
  return w;
}

WorldConfig OnDisk(WorldConfig w) {
  w.disk = true;
  return w;
}

// A client (clients.h) instead of bare values, on `nodes` nodes, without PreVote and
// duplication unless asked: the reads' bugs need long traces, and these keep them in reach.
WorldConfig WithClients(WorldConfig w, int nodes, int clients, int ops, bool duplicate = false) {
  w.nodes = nodes;
  w.values = 0;
  w.clients = clients;
  w.ops = ops;
  w.pre_vote = false;
  w.duplicate = duplicate;
  return w;
}

// Lease-based reads in virtual time (simulate --time): etcd's timers (a 10-tick election
// timeout, a heartbeat a tick), two clients on three nodes, CheckQuorum on, leadership transfer
// if asked; loose bounds, as for simulation.
WorldConfig WithLeases(bool transfer = false) {
  WorldConfig w = Bounds(0, 30, 40, 40, 0);
  w = WithClients(w, 3, 2, 60);
  w.ticks = true;
  w.election_tick = 10;
  w.check_quorum = true;
  w.lease_reads = true;
  w.transfer = transfer;
  return w;
}

// PreVote's liveness family, explored with the bounded progress property (explore
// --liveness): a minority stays down once the faults stop, so progress needs the nodes that
// are up to agree.
WorldConfig StayDown(WorldConfig w) {
  w.stay_down = true;
  w.duplicate = false;
  return w;
}

// The pre-candidates of etcd #9586 need the clock: CheckQuorum makes followers of a live leader
// refuse PreVotes, so a pre-candidate that kept its dead leader refuses its peers' too. Ticks
// with the shortest election timeout; no restart, so the crashed leader stays down.
WorldConfig StayDownWithCheckQuorum() {
  WorldConfig w = StayDown(Bounds(0, 1, 1, 2, 1));
  w.ticks = true;
  w.election_tick = 2;
  w.check_quorum = true;
  w.restart = false;
  return w;
}

// Cloudflare's one-link partition (November 2020): nodes 1 and 3 cannot talk, node 2 talks to
// both; PreVote on, CheckQuorum off, no writes. Progress asks for a leader that holds four
// election timeouts once the cluster is quiet, not for a quiet moment between elections.
WorldConfig OneLinkPartition() {
  WorldConfig w = Bounds(0, 2, 1, 2, 0);
  w.drop = false;
  w.duplicate = false;
  w.ticks = true;
  w.election_tick = 2;
  w.cut_link = 13;
  w.hold_ticks = 4 * w.election_tick;
  return w;
}

}  // namespace

std::span<const BugScenario> BugScenarios() {
  static const std::vector<BugScenario> kScenarios = [] {
    using raft::Bug;
    WorldConfig figure8 = Bounds(0, 4, 2, 2, 0);  // three leaders, then a fourth (Figure 8)
    figure8.duplicate = false;
    WorldConfig ready = Bounds(1, 2, 2, 2, 1);
    ready.ready_action = true;  // the crash must fall between a reply and its persisting
    return std::vector<BugScenario>{
        {Bug::kCommitPriorTerm, figure8, "spec-commit", "spec-commit, leader-completeness"},
        {Bug::kVoteWithoutLogCheck, Bounds(1, 2, 2, 2, 0), "spec-vote",
         "spec-vote, leader-completeness"},
        {Bug::kVoteNotPersisted, Bounds(1, 2, 2, 2, 1), "election-safety", "election-safety"},
        {Bug::kReplyBeforePersist, ready, "committed-durable-on-quorum",
         "committed-durable-on-quorum"},
        {Bug::kTruncateMatching, Bounds(1, 2, 2, 2, 0), "spec-log",
         "spec-log, committed-durable-on-quorum, node-invariant"},
        {Bug::kPreVoteCountedAsVote, Bounds(1, 2, 2, 2, 0), "spec-role",
         "spec-role, election-safety"},
        {Bug::kCommitScanBreak, SimulationDefaults(), "progress", "progress (liveness)",
         /*liveness=*/true},
        {Bug::kHeartbeatFullCommit, Bounds(1, 2, 2, 2, 0), "node-invariant", "node-invariant"},
        {Bug::kCommitBeforeCheck, Bounds(2, 2, 3, 2, 0), "spec-commit",
         "spec-commit, node-invariant, state-machine-safety"},
        {Bug::kAckOnReject, Bounds(1, 2, 2, 2, 0), "committed-durable-on-quorum",
         "committed-durable-on-quorum"},
        // Snapshots, compaction and the disk (the bounds are tuned in tests/world: BFS must
        // find each one there).
        {Bug::kSnapshotTermLowers, Compacting(Bounds(1, 3, 3, 3, 0), 1), "spec-vote",
         "spec-vote, election-safety, leader-completeness"},
        {Bug::kCompactedTermZero, Compacting(Bounds(1, 2, 3, 3, 0), 2), "node-invariant",
         "node-invariant, spec-log, state-machine-safety"},
        {Bug::kEmptyAppendNotSnapshot, Compacting(SimulationDefaults(), 2), "progress",
         "progress (liveness)", /*liveness=*/true},
        {Bug::kTornRecordKept, OnDisk(Bounds(1, 2, 2, 2, 1)), "recovered-durable",
         "recovered-durable, log-matching"},
        {Bug::kHardStateBeforeEntries, OnDisk(Bounds(1, 2, 2, 2, 1)), "committed-durable-on-quorum",
         "committed-durable-on-quorum, node-invariant"},
        {Bug::kAppliedPastSnapshot, OnDisk(Compacting(Bounds(1, 2, 3, 2, 1), 1)),
         "state-machine-safety", "state-machine-safety, state-machine-matches-log"},
        // Reads and clients. Two of them need millions of states at their bounds (a deposed
        // leader that does not know it; a proposal delivered twice around another write):
        // CI finds them by swarm simulation, the nightly by BFS too (`deep`).
        {Bug::kReadWithoutHeartbeat, WithClients(Bounds(0, 2, 3, 2, 0), 3, 1, 2), "linearizable",
         "linearizable", false, /*deep=*/true},
        {Bug::kReadBeforeTermCommit, WithClients(Bounds(0, 2, 3, 2, 0), 2, 1, 2), "linearizable",
         "linearizable"},
        {Bug::kFollowerLocalRead, WithClients(Bounds(0, 1, 2, 2, 0), 3, 1, 2), "linearizable",
         "linearizable"},
        {Bug::kReadBeforeApplied, WithClients(Bounds(0, 1, 2, 2, 0), 3, 1, 2), "linearizable",
         "linearizable"},
        {Bug::kRetryAppliedTwice, WithClients(Bounds(0, 1, 4, 2, 0), 2, 1, 3, /*duplicate=*/true),
         "linearizable", "linearizable", false, /*deep=*/true},
        {Bug::kAckBeforeCommit, WithClients(Bounds(0, 1, 2, 2, 0), 3, 1, 2), "linearizable",
         "linearizable"},
        // Time: lease-based reads. Their traces span tens of ticks (a partition outlasting an
        // election timeout): virtual-time simulation finds them (TimedRunsFor).
        {Bug::kLeaseWithoutCheckQuorum, WithLeases(), "linearizable",
         "linearizable", false, false, /*timed=*/true},
        {Bug::kLeaseLongerThanTimeout, WithLeases(), "linearizable", "linearizable", false,
         false, /*timed=*/true},
        {Bug::kLeaseIgnoresTransfer, WithLeases(/*transfer=*/true), "linearizable",
         "linearizable", false, false, /*timed=*/true},
        // PreVote's liveness family (etcd 2017): exhaustive search, progress from every state.
        {Bug::kPreVoteLowTermDropped, StayDown(Bounds(0, 2, 1, 2, 1)), "progress",
         "progress (liveness)", /*liveness=*/true, false, false, /*explored=*/true},
        {Bug::kPreVoteAnswerVoterTerm, StayDown(Bounds(0, 2, 1, 2, 1)), "progress",
         "progress (liveness)", /*liveness=*/true, false, false, /*explored=*/true},
        {Bug::kPreCandidateKeepsLead, StayDownWithCheckQuorum(), "progress",
         "progress (liveness)", /*liveness=*/true, false, false, /*explored=*/true},
        {Bug::kLeaderSkipsEmptyEntry, OneLinkPartition(), "progress", "progress (liveness)",
         /*liveness=*/true, false, false, /*explored=*/true},
    };
  }();
  return kScenarios;
}

int SwarmRunsFor(const BugScenario& scenario) { return scenario.deep ? 40000 : 10000; }

int TimedRunsFor(const BugScenario&) { return 3000; }

WorldConfig SwarmWorldFor(const BugScenario& scenario) {
  WorldConfig w = SimulationDefaults();
  w.ready_action = scenario.bounds.ready_action;
  w.disk = scenario.bounds.disk;
  w.bit_flips = scenario.bounds.bit_flips;
  w.max_compactions = scenario.bounds.max_compactions;
  if (scenario.bounds.clients > 0) {  // the scenario's clients, cluster and elections
    w.values = 0;
    w.nodes = scenario.bounds.nodes;
    w.pre_vote = scenario.bounds.pre_vote;
    w.clients = scenario.bounds.clients;
    w.ops = 16;
    w.cas = scenario.bounds.cas;
  }
  if (scenario.bounds.ticks) {  // the scenario's clock
    w.ticks = true;
    w.election_tick = scenario.bounds.election_tick;
    w.heartbeat_tick = scenario.bounds.heartbeat_tick;
    w.drift = scenario.bounds.drift;
    w.check_quorum = scenario.bounds.check_quorum;
    w.lease_reads = scenario.bounds.lease_reads;
    w.lease_drift = scenario.bounds.lease_drift;
    w.transfer = scenario.bounds.transfer;
  }
  w.bugs.Add(scenario.bug);
  return w;
}

}  // namespace raftcheck
