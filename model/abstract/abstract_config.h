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
#include <string>
#include <string_view>
#include <vector>

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
inline constexpr int kAbstractBugCount = 2;

struct AbstractBugInfo {
  AbstractBug bug;
  std::string_view name;     // the --bug name
  std::string_view breaks;   // the lemma breadth-first search reports (3 servers)
  std::string_view summary;  // one line
};

// Every deviation, in enum order.
const std::vector<AbstractBugInfo>& AbstractBugCatalog();
std::optional<AbstractBug> AbstractBugFromName(std::string_view name);
std::string_view AbstractBugName(AbstractBug bug);

struct AbstractConfig {
  int servers = 3;
  int max_term = 3;
  int max_log = 3;
  std::uint32_t bugs = 0;  // bit b set: AbstractBug(b) is on

  bool Has(AbstractBug b) const { return (bugs >> static_cast<int>(b)) & 1U; }
  void Add(AbstractBug b) { bugs |= 1U << static_cast<int>(b); }
  // Votes (or replicas) that make a quorum: more than half of the servers.
  int QuorumSize() const { return servers / 2 + 1; }
  // Empty when valid, else a one-line reason naming the flag.
  std::string Validate() const;
};

}  // namespace model::abstract

#endif  // RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_CONFIG_H_
