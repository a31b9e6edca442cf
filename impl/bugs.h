// Seeded bugs: named, deliberate deviations from Raft, each modelled on a bug that shipped in a
// real implementation or on a classic mistake from the paper. All are off unless a Config turns
// them on; the explorer switches them on (`raftcheck explore --bug NAME`) to prove that it finds
// each one. Production users never set Config::bugs.
//
// Each deviation is small and marked `// Seeded bug: NAME.` at the line that deviates. What a
// bug breaks, and the bounds in which the explorer shows it, are the checker's business
// (checker/world/bug_scenarios.h), not the library's.
#ifndef RAFTCHECK_IMPL_BUGS_H_
#define RAFTCHECK_IMPL_BUGS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/bug_catalog.h"

namespace raft {

enum class Bug : std::uint8_t {
  kCommitPriorTerm,        // commit by counting replicas of an entry from an earlier term
  kVoteWithoutLogCheck,    // grant a vote without the §5.4.1 up-to-date check
  kVoteNotPersisted,       // the vote is left out of the persisted hard state
  kReplyBeforePersist,     // responses leave in a Ready before the state they report is durable
  kTruncateMatching,       // a follower truncates after prevIndex even when entries match
  kPreVoteCountedAsVote,   // a won pre-vote is taken as a won election
  kCommitScanBreak,        // the commit scan stops at the first entry of an earlier term
  kHeartbeatFullCommit,    // heartbeats carry the leader's commit, not min(match, commit)
  kCommitBeforeCheck,      // a follower takes leaderCommit before the consistency check
  kAckOnReject,            // the leader counts a rejected append as an acknowledgement
  kSnapshotTermLowers,     // installing a snapshot sets the node's term to the snapshot's
  kCompactedTermZero,      // the term of a compacted index reads as 0 (a probe at 0 matches)
  kEmptyAppendNotSnapshot, // the leader sends an empty append where a snapshot is needed
  kTornRecordKept,         // WAL recovery keeps a torn final record instead of cutting it
  kHardStateBeforeEntries, // the WAL syncs the hard state before the entries its commit covers
  kAppliedPastSnapshot,    // a restart takes the applied index past what the snapshot restored
  kReadWithoutHeartbeat,   // the leader answers a read without confirming it still leads
  kReadBeforeTermCommit,   // a new leader answers reads before it commits in its term
  kFollowerLocalRead,      // a follower answers a read from its own commit index
  kReadBeforeApplied,      // the KV service answers a read before applying through its index
  kRetryAppliedTwice,      // the KV store applies a retried request again (no session check)
  kAckBeforeCommit,        // the KV service acknowledges a write when proposed, not applied
  kLeaseWithoutCheckQuorum,  // lease-based reads run with CheckQuorum silently off
  kLeaseLongerThanTimeout,   // the read lease lasts two election timeouts (etcd's window)
  kLeaseIgnoresTransfer,     // the leader keeps serving lease reads after sending TimeoutNow
  kPreVoteLowTermDropped,    // a PreVote from a lower term is dropped without an answer
  kPreVoteAnswerVoterTerm,   // a PreVote grant carries the voter's term, not the request's
  kPreCandidateKeepsLead,    // becoming pre-candidate keeps the old leader (and its lease)
  kLeaderSkipsEmptyEntry,    // a new leader appends no empty entry of its term
};

using BugSet = base::BugSet<Bug>;
using BugInfo = base::BugEntry<Bug>;

// Every seeded bug, in enum order (its size is the number of bugs).
std::span<const BugInfo> BugCatalog();
std::optional<Bug> BugFromName(std::string_view name);
std::string_view BugName(Bug bug);

}  // namespace raft

#endif  // RAFTCHECK_IMPL_BUGS_H_
