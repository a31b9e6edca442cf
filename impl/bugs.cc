#include "impl/bugs.h"

namespace raft {

const std::vector<BugInfo>& BugCatalog() {
  static const std::vector<BugInfo> kCatalog = {
      {Bug::kCommitPriorTerm, "commit-prior-term", "spec-commit, leader-completeness", "",
       "leader commits an earlier-term entry by counting replicas (Raft Figure 8; LogCabin #44)"},
      {Bug::kVoteWithoutLogCheck, "vote-without-log-check", "spec-vote, leader-completeness", "",
       "votes are granted without checking the candidate's log is up to date (Raft 5.4.1)"},
      {Bug::kVoteNotPersisted, "vote-not-persisted", "election-safety", "crashes",
       "the vote is not part of the persisted hard state (hashicorp/raft #661)"},
      {Bug::kReplyBeforePersist, "reply-before-persist", "committed-durable-on-quorum", "crashes, ready-action",
       "responses are handed out one Ready before the state they report (etcd #14370)"},
      {Bug::kTruncateMatching, "truncate-matching", "spec-log, committed-durable-on-quorum, node-invariant", "",
       "a follower truncates after prevIndex even when the entries match (hashicorp/raft #113)"},
      {Bug::kPreVoteCountedAsVote, "prevote-counted-as-vote", "spec-role, election-safety", "",
       "a pre-candidate that wins the pre-vote becomes leader without a real vote (etcd #8499)"},
      {Bug::kCommitScanBreak, "commit-scan-break", "progress (liveness)", "simulate",
       "the commit scan stops at the first earlier-term entry, so commit stalls (RaftOS #30)"},
      {Bug::kHeartbeatFullCommit, "heartbeat-full-commit", "node-invariant", "",
       "heartbeats carry the leader's commit instead of min(match, commit)"},
      {Bug::kCommitBeforeCheck, "commit-before-check", "spec-commit, node-invariant, state-machine-safety", "",
       "a follower raises commit from leaderCommit before the log check, even when rejecting"},
      {Bug::kAckOnReject, "ack-on-reject", "committed-durable-on-quorum", "",
       "the leader takes a rejected append's index as a match"},
  };
  return kCatalog;
}

std::optional<Bug> BugFromName(std::string_view name) {
  for (const BugInfo& info : BugCatalog()) {
    if (info.name == name) return info.bug;
  }
  return std::nullopt;
}

std::string_view BugName(Bug bug) { return BugCatalog()[static_cast<int>(bug)].name; }

}  // namespace raft
