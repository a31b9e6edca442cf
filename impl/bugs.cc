#include "impl/bugs.h"

namespace raft {
namespace {

constexpr BugInfo kCatalog[] = {
    {Bug::kCommitPriorTerm, "commit-prior-term",
     "leader commits an earlier-term entry by counting replicas (Raft Figure 8; LogCabin #44)"},
    {Bug::kVoteWithoutLogCheck, "vote-without-log-check",
     "votes are granted without checking the candidate's log is up to date (Raft 5.4.1)"},
    {Bug::kVoteNotPersisted, "vote-not-persisted",
     "the vote is not part of the persisted hard state (hashicorp/raft #661)"},
    {Bug::kReplyBeforePersist, "reply-before-persist",
     "responses are handed out one Ready before the state they report (etcd #14370)"},
    {Bug::kTruncateMatching, "truncate-matching",
     "a follower truncates after prevIndex even when the entries match (hashicorp/raft #113)"},
    {Bug::kPreVoteCountedAsVote, "prevote-counted-as-vote",
     "a pre-candidate that wins the pre-vote becomes leader without a real vote (etcd #8499)"},
    {Bug::kCommitScanBreak, "commit-scan-break",
     "the commit scan stops at the first earlier-term entry, so commit stalls (RaftOS #30)"},
    {Bug::kHeartbeatFullCommit, "heartbeat-full-commit",
     "heartbeats carry the leader's commit instead of min(match, commit)"},
    {Bug::kCommitBeforeCheck, "commit-before-check",
     "a follower raises commit from leaderCommit before the log check, even when rejecting"},
    {Bug::kAckOnReject, "ack-on-reject", "the leader takes a rejected append's index as a match"},
    {Bug::kSnapshotTermLowers, "snapshot-term-lowers",
     "installing a snapshot sets the term to the snapshot's, lowering it: a second vote in a "
     "term (WRaft #118, SandTable)"},
    {Bug::kCompactedTermZero, "compacted-term-zero",
     "a compacted index's term reads as 0, so a probe at 0 == 0 matches (etcd-io/raft PR #31)"},
    {Bug::kEmptyAppendNotSnapshot, "empty-append-not-snapshot",
     "after compaction the leader sends an empty append instead of a snapshot (WRaft, "
     "SandTable)"},
    {Bug::kTornRecordKept, "torn-record-kept",
     "WAL recovery decodes a torn final record instead of cutting it off"},
    {Bug::kHardStateBeforeEntries, "hardstate-before-entries",
     "the hard state is made durable before the entries its commit covers (etcd PR #10063)"},
    {Bug::kAppliedPastSnapshot, "applied-past-snapshot",
     "a restarted node takes its applied index past what its snapshot restored, skipping "
     "entries"},
    {Bug::kReadWithoutHeartbeat, "read-without-heartbeat",
     "the leader answers a ReadIndex without a heartbeat round, so a deposed leader serves "
     "stale reads (thesis 6.4 step 2)"},
    {Bug::kReadBeforeTermCommit, "read-before-term-commit",
     "a new leader answers reads before committing an entry of its term, at a stale commit "
     "index (thesis 6.4 step 1)"},
    {Bug::kFollowerLocalRead, "follower-local-read",
     "a follower answers a read from its own commit index without asking the leader "
     "(SandTable, Xraft-KV stale read)"},
    {Bug::kReadBeforeApplied, "read-before-applied",
     "the KV service answers a read once confirmed, before it applied through the read index"},
    {Bug::kRetryAppliedTwice, "retry-applied-twice",
     "the KV store applies a retried or duplicated request a second time (no client session)"},
    {Bug::kAckBeforeCommit, "ack-before-commit",
     "the KV service acknowledges a put when the leader appends it, before it commits"},
    {Bug::kLeaseWithoutCheckQuorum, "lease-without-check-quorum",
     "lease-based reads run with CheckQuorum silently off (etcd refuses the config): followers "
     "vote while the leader's lease lasts"},
    {Bug::kLeaseLongerThanTimeout, "lease-longer-than-timeout",
     "the read lease lasts two election timeouts, as long as a CheckQuorum leader may go on "
     "believing it leads, while followers stop honouring it after one"},
    {Bug::kLeaseIgnoresTransfer, "lease-ignores-transfer",
     "the leader serves lease reads after sending TimeoutNow, whose campaign voters grant "
     "inside the lease"},
    {Bug::kPreVoteLowTermDropped, "prevote-low-term-dropped",
     "a PreVote from a lower term is dropped silently, so a pre-candidate with the better log "
     "never learns the higher term it must campaign above (etcd #8501, the PreVote migration "
     "deadlock)"},
    {Bug::kPreVoteAnswerVoterTerm, "prevote-answer-voter-term",
     "a PreVote grant carries the voter's term instead of the request's, so a pre-candidate "
     "ahead of the voter drops the grant as stale (etcd #8243)"},
    {Bug::kPreCandidateKeepsLead, "precandidate-keeps-lead",
     "a node that becomes pre-candidate keeps its old leader, so with CheckQuorum it goes on "
     "refusing other pre-candidates as if that leader's lease held (etcd PR #8334, #9586)"},
    {Bug::kLeaderSkipsEmptyEntry, "leader-skips-empty-entry",
     "a new leader appends no empty entry of its term (the paper's Figure 2 without the no-op "
     "of its section 8), so a node cut off from it keeps a log as good as the others': with "
     "PreVote and without CheckQuorum, one link down makes its two ends take turns leading "
     "(the model of Cloudflare's November 2020 outage)"},
};
static_assert(base::CatalogInEnumOrder(kCatalog));

}  // namespace

std::span<const BugInfo> BugCatalog() { return kCatalog; }

std::optional<Bug> BugFromName(std::string_view name) {
  return base::FindBug(BugCatalog(), name);
}

std::string_view BugName(Bug bug) { return kCatalog[static_cast<int>(bug)].name; }

}  // namespace raft
