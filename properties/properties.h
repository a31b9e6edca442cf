// The Raft safety properties, each written once over an Observation so that the production
// code (through the cluster world) and the abstract models are held to the same definitions.
//
// Two kinds, as in TLA+ and LogCabin's invariant checker:
//   - state invariants: must hold in every reachable state;
//   - step (action) properties: must hold for every transition prev -> next: "delta" checks
//     (what may never go backwards), and spec conformance checks (conformance.cc) that hold
//     each change of a node's term, vote, role, log and commit to what raft.tla allows for the
//     step taken (step.h describes it).
// A violation names the property and says in one sentence what went wrong.
//
// Which properties a system is held to (Promise): raft.tla itself breaks a few that
// etcd-style implementations keep (a stale AppendEntries request may lower a follower's
// commitIndex, a stale response a leader's matchIndex and nextIndex), so the model is held to
// the specification's properties only, and the production code to all of them.
#ifndef RAFTCHECK_PROPERTIES_PROPERTIES_H_
#define RAFTCHECK_PROPERTIES_PROPERTIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "properties/observation.h"
#include "properties/step.h"

namespace props {

struct Violation {
  std::string property;  // a name from Catalog()
  std::string message;   // one human sentence
};

enum class PropertyKind : unsigned char { kState, kStep };

enum class Promise : unsigned char {
  kSpecification,   // what raft.tla guarantees
  kImplementation,  // that, and the hygiene of a production implementation
};

struct PropertyInfo {
  std::string_view name;
  PropertyKind kind;
  std::string_view description;
  bool implementation_only = false;  // not promised by raft.tla itself
};

// Every property, state invariants first, in the order they are checked.
const std::vector<PropertyInfo>& Catalog();

// The first state invariant that `obs` violates, if any.
std::optional<Violation> CheckState(const Observation& obs,
                                    Promise promise = Promise::kImplementation);
// The first step property that the transition prev -(step)-> next violates, if any. Step
// properties read no history nor durable log, and of the applied entries only their number,
// so callers may leave those out.
// REQUIRES: prev and next describe the same nodes.
std::optional<Violation> CheckStep(const Observation& prev, const Step& step,
                                   const Observation& next,
                                   Promise promise = Promise::kImplementation);
// Only the delta checks, which need no step description and read only the scalar fields of a
// NodeView (up, term, durable_term, role, commit) and match.
std::optional<Violation> CheckStep(const Observation& prev, const Observation& next);

}  // namespace props

#endif  // RAFTCHECK_PROPERTIES_PROPERTIES_H_
