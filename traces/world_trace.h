// Traces of the cluster world: building one from a path the engine found, and replaying one
// deterministically with every property checked at every step.
#ifndef RAFTCHECK_TRACES_WORLD_TRACE_H_
#define RAFTCHECK_TRACES_WORLD_TRACE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/world/cluster_world.h"
#include "traces/trace.h"

namespace traces {

// The trace of `actions` applied from the world's initial state, naming each by content.
Trace MakeWorldTrace(const raftcheck::ClusterWorld& world,
                     const std::vector<raftcheck::WorldAction>& actions,
                     std::optional<Verdict> verdict, std::optional<std::uint64_t> seed);

struct Replay {
  raftcheck::WorldConfig config;
  std::vector<raftcheck::WorldState> states;     // states[0] initial, states[k] after step k
  std::vector<raftcheck::WorldAction> actions;   // the actions, resolved
  std::optional<Verdict> violation;              // the first property that failed, if any
};

// Replays t: builds the world from its config, resolves and applies each action, and checks
// the properties after each step; it stops at the first violation. Returns false with a
// one-line *error (naming the step and field) when the trace cannot be replayed: a bad
// config, an action that is malformed or not enabled at its step.
bool ReplayWorldTrace(const Trace& t, Replay* out, std::string* error);

}  // namespace traces

#endif  // RAFTCHECK_TRACES_WORLD_TRACE_H_
