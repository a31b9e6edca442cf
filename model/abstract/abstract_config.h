// AbstractConfig: the constants and the state constraint of a TLC run of the message-free
// AbstractRaft specification (will62794/scimitar, benchmarks/AbstractRaft.tla), plus this
// model's own seeded deviations.
//
//   servers   the set Server, numbered 0..servers-1 (s1..sN in JSON and in output)
//   max_term  StateConstraint: every currentTerm <= max_term (InitTerm is 0, as published)
//   max_log   StateConstraint: every Len(log[s]) <= max_log
//
// The limits below come from the compact state layout (abstract_state.h): a successor of an
// in-bound state may exceed a bound by one (TLC checks it but does not expand it), so the
// layout holds one more term and one more log slot than the largest bound.
#ifndef RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_CONFIG_H_
#define RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_CONFIG_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/bug_catalog.h"
#include "base/status.h"

namespace model::abstract {

inline constexpr int kMaxServers = 7;     // quorums are bit masks of a byte
inline constexpr int kLogCapacity = 8;    // log slots, so max_log <= 7
inline constexpr int kMaxTermBound = 14;  // a committed row is 16 bits over terms 0..15

// Seeded deviations from AbstractRaft, off unless switched on. Their names start with
// "abstract-" so that they never clash with the library's (impl/bugs.h) or raft.tla's bugs.
enum class AbstractBug : std::uint8_t {
  kDoubleVote,     // BecomeLeader: a voter already in the new term votes again
  kCommitOldTerm,  // CommitEntry: the leader's last entry need not be of its own term
};
using AbstractBugInfo = base::BugEntry<AbstractBug>;

// Every deviation, in enum order (its size is the number of deviations).
std::span<const AbstractBugInfo> AbstractBugCatalog();
std::optional<AbstractBug> AbstractBugFromName(std::string_view name);
std::string_view AbstractBugName(AbstractBug bug);

struct AbstractConfig {
  int servers = 3;
  int max_term = 3;
  int max_log = 3;
  base::BugSet<AbstractBug> bugs;

  bool Has(AbstractBug b) const { return bugs.Has(b); }
  void Add(AbstractBug b) { bugs.Add(b); }
  // Votes (or replicas) that make a quorum: more than half of the servers.
  int QuorumSize() const { return servers / 2 + 1; }
  // OK, or InvalidArgument naming the first field out of range (as the config's JSON names it).
  base::Status Validate() const;
};

}  // namespace model::abstract

#endif  // RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_CONFIG_H_
