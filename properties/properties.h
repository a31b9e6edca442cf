// The Raft safety properties, each written once over an Observation so that the production
// code (through the cluster world) and the abstract models are held to the same definitions.
//
// Two kinds, as in TLA+ and LogCabin's invariant checker:
//   - state invariants: must hold in every reachable state;
//   - step (action) properties: must hold for every transition prev -> next ("delta" checks:
//     what may never go backwards).
// A violation names the property and says in one sentence what went wrong.
#ifndef RAFTCHECK_PROPERTIES_PROPERTIES_H_
#define RAFTCHECK_PROPERTIES_PROPERTIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "properties/observation.h"

namespace props {

struct Violation {
  std::string property;  // a name from Catalog()
  std::string message;   // one human sentence
};

enum class PropertyKind : unsigned char { kState, kStep };

struct PropertyInfo {
  std::string_view name;
  PropertyKind kind;
  std::string_view description;
};

// Every property, state invariants first, in the order they are checked.
const std::vector<PropertyInfo>& Catalog();

// The first state invariant that `obs` violates, if any.
std::optional<Violation> CheckState(const Observation& obs);
// The first step property that the transition prev -> next violates, if any. Step properties
// read only the scalar fields of a NodeView (up, term, durable_term, role, commit) and match,
// so callers may leave the logs and the history out of these observations.
// REQUIRES: prev and next describe the same nodes.
std::optional<Violation> CheckStep(const Observation& prev, const Observation& next);

}  // namespace props

#endif  // RAFTCHECK_PROPERTIES_PROPERTIES_H_
