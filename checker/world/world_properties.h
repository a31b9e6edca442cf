// WorldProperties: the properties/ catalog applied to cluster-world states, as the engine's
// PropertyChecker, held to every promise (props::Promise::kImplementation). Each step is
// described to the spec conformance properties in their terms (props::Step): a delivered
// message by its content, a timeout, a proposal, a crash or restart. Also reports a node that broke an internal invariant (RAFT_INVARIANT) as a
// violation of "node-invariant": a seeded bug may corrupt a node before any safety property
// can see it. With clients, checks that their history is linearizable (kLinearizable) at each
// step that extends it.
#ifndef RAFTCHECK_CHECKER_WORLD_WORLD_PROPERTIES_H_
#define RAFTCHECK_CHECKER_WORLD_WORLD_PROPERTIES_H_

#include <optional>

#include "checker/engine/properties.h"
#include "checker/world/cluster_world.h"

namespace raftcheck {

inline constexpr const char* kNodeInvariant = "node-invariant";
// The clients' history (clients.h) has no linearization under the kv model: some client saw
// something no sequential order of the operations explains.
inline constexpr const char* kLinearizable = "linearizable";

class WorldProperties {
 public:
  explicit WorldProperties(const ClusterWorld& world) : world_(world) {}

  std::optional<engine::Violation> CheckState(const WorldState& s) const;
  std::optional<engine::Violation> CheckStep(const WorldState& prev, const WorldAction& a,
                                             const WorldState& next) const;

 private:
  const ClusterWorld& world_;
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_WORLD_PROPERTIES_H_
