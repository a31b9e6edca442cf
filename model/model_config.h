// ModelConfig: the constants and the state constraint of a TLC run of raft.tla, plus the
// model's own seeded deviations.
//
//   servers   the set Server, numbered 0..servers-1 (TLC's s1..sN)
//   values    the set Value, numbered 1..values
//   max_term  constraint: every currentTerm <= max_term
//   max_log   constraint: every Len(log[i]) <= max_log
//   max_msgs  constraint: in-flight messages, counted with multiplicity, <= max_msgs
//
// The limits below come from the compact state layout (model_state.h): a successor may exceed
// a bound by one (TLC checks it but does not expand it), so the layout holds one more.
#ifndef RAFTCHECK_MODEL_MODEL_CONFIG_H_
#define RAFTCHECK_MODEL_MODEL_CONFIG_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/bug_catalog.h"
#include "base/status.h"

namespace model {

inline constexpr int kMaxServers = 5;
inline constexpr int kMaxValues = 9;
inline constexpr int kMaxTermBound = 100;
inline constexpr int kLogCapacity = 6;   // so max_log <= 5
inline constexpr int kBagCapacity = 8;   // distinct messages, so max_msgs <= 7

// Seeded deviations from raft.tla, off unless switched on. Their names start with "tla-" so
// that they never clash with the production library's seeded bugs (impl/bugs.h).
enum class ModelBug : std::uint8_t {
  kCommitPriorTerm,  // AdvanceCommitIndex drops the "entry of the current term" condition
  kVoteTwice,        // HandleRequestVoteRequest ignores votedFor: a server may vote twice
};
using ModelBugInfo = base::BugEntry<ModelBug>;

// Every model bug, in enum order (its size is the number of bugs).
std::span<const ModelBugInfo> ModelBugCatalog();
std::optional<ModelBug> ModelBugFromName(std::string_view name);
std::string_view ModelBugName(ModelBug bug);

struct ModelConfig {
  int servers = 3;
  int values = 1;
  int max_term = 2;
  int max_log = 1;
  int max_msgs = 1;
  base::BugSet<ModelBug> bugs;

  bool Has(ModelBug b) const { return bugs.Has(b); }
  void Add(ModelBug b) { bugs.Add(b); }
  // OK, or InvalidArgument naming the first field out of range (as the config's JSON names it).
  base::Status Validate() const;
};

}  // namespace model

#endif  // RAFTCHECK_MODEL_MODEL_CONFIG_H_
