// Seeded bugs: named, deliberate deviations from Raft, each modelled on a bug that shipped in a
// real implementation or on a classic mistake from the paper. All are off unless a Config turns
// them on; the explorer switches them on (`raftcheck explore --bug NAME`) to prove that it finds
// each one. Production users never set Config::bugs.
//
// The catalog (names, the property each should break, descriptions) is in bugs.cc; keep the
// deviations themselves small and marked `// Seeded bug: NAME.` at the line that deviates.
#ifndef RAFTCHECK_IMPL_BUGS_H_
#define RAFTCHECK_IMPL_BUGS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

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
};
inline constexpr int kBugCount = 10;

struct BugInfo {
  Bug bug;
  std::string_view name;      // the --bug name
  std::string_view breaks;    // the property (or properties) it should break
  std::string_view needs;     // explorer knobs it needs to show, or empty
  std::string_view summary;   // one line
};

// Every seeded bug, in enum order.
const std::vector<BugInfo>& BugCatalog();
std::optional<Bug> BugFromName(std::string_view name);
std::string_view BugName(Bug bug);

// A set of seeded bugs; empty by default.
class BugSet {
 public:
  constexpr BugSet() = default;
  constexpr bool Has(Bug b) const { return (bits_ >> static_cast<int>(b)) & 1U; }
  constexpr void Add(Bug b) { bits_ |= 1U << static_cast<int>(b); }
  constexpr bool Empty() const { return bits_ == 0; }
  constexpr std::uint32_t bits() const { return bits_; }
  bool operator==(const BugSet&) const = default;

 private:
  std::uint32_t bits_ = 0;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_BUGS_H_
