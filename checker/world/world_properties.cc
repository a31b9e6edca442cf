#include "checker/world/world_properties.h"

#include "properties/properties.h"

namespace raftcheck {
namespace {

std::optional<engine::Violation> Convert(std::optional<props::Violation> v) {
  if (!v) return std::nullopt;
  return engine::Violation{std::move(v->property), std::move(v->message)};
}

}  // namespace

std::optional<engine::Violation> WorldProperties::CheckState(const WorldState& s) const {
  if (!s.broken.empty()) return engine::Violation{kNodeInvariant, s.broken};
  // One observation buffer per thread: the engine calls this concurrently (and reusing the
  // buffers keeps their heap allocations across states).
  thread_local props::Observation obs;
  world_.Observe(s, &obs);
  return Convert(props::CheckState(obs));
}

std::optional<engine::Violation> WorldProperties::CheckStep(const WorldState& prev,
                                                            const WorldAction&,
                                                            const WorldState& next) const {
  if (!next.broken.empty()) return std::nullopt;  // reported by CheckState
  // Step properties compare nodes; a step that left every node's cell alone changed none.
  bool changed = false;
  for (int i = 0; i < prev.size(); ++i) changed |= prev.cells[i] != next.cells[i];
  if (!changed) return std::nullopt;
  thread_local props::Observation before;
  thread_local props::Observation after;
  world_.Observe(prev, &before, /*scalars_only=*/true);
  world_.Observe(next, &after, /*scalars_only=*/true);
  return Convert(props::CheckStep(before, after));
}

}  // namespace raftcheck
