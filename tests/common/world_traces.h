// Traces of the cluster world for tests: building one from the world's own actions, its typed
// replay, its registry entry, and its timeline as `raftcheck replay` draws it.
#ifndef RAFTCHECK_TESTS_COMMON_WORLD_TRACES_H_
#define RAFTCHECK_TESTS_COMMON_WORLD_TRACES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "checker/world/world_system.h"
#include "tests/common/typed_traces.h"
#include "traces/minimize.h"
#include "traces/replay.h"

namespace raftcheck::test_traces {

using WorldReplay = registry::TypedReplay<WorldSpec>;

inline traces::Trace MakeWorldTrace(const ClusterWorld& world,
                                    const std::vector<WorldAction>& actions,
                                    std::optional<traces::Verdict> verdict = std::nullopt,
                                    std::optional<std::uint64_t> seed = std::nullopt) {
  return MakeTrace<WorldSpec>(world, actions, std::move(verdict), seed);
}

inline base::Result<WorldReplay> ReplayWorldTrace(
    const traces::Trace& t, registry::OnDisabled on_disabled = registry::OnDisabled::kFail) {
  return ReplayTyped<WorldSpec>(t, on_disabled);
}

inline const registry::SystemEntry& World() { return Entry<WorldSpec>(); }

}  // namespace raftcheck::test_traces

#endif  // RAFTCHECK_TESTS_COMMON_WORLD_TRACES_H_
