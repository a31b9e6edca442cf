// Traces of the cluster world: building one from a path the engine found, and replaying one
// deterministically with every property checked at every step.
#ifndef RAFTCHECK_TRACES_WORLD_TRACE_H_
#define RAFTCHECK_TRACES_WORLD_TRACE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/world/cluster_world.h"
#include "traces/timeline.h"
#include "traces/trace.h"

namespace traces {

// The trace of `actions` applied from the world's initial state, naming each by content.
Trace MakeWorldTrace(const raftcheck::ClusterWorld& world,
                     const std::vector<raftcheck::WorldAction>& actions,
                     std::optional<Verdict> verdict, std::optional<std::uint64_t> seed);

// What a replay does with an action that is not enabled at its step.
enum class OnDisabled {
  kFail,  // the trace cannot be replayed: an error naming the step (the default)
  kStop,  // end the replay there, cleanly (a trace replayed against code that changed)
  kSkip,  // leave the action out and go on, and deliver the closest message when the named
          // one is not in flight (the minimizer's candidates; ActionLookup::closest_message)
};

struct Replay {
  raftcheck::WorldConfig config;
  std::vector<raftcheck::WorldState> states;     // states[0] initial, states[k] after step k
  std::vector<raftcheck::WorldAction> actions;   // the actions applied, resolved
  std::vector<nlohmann::json> applied;           // the same actions by their exact content
  // The first property that failed, if any; or traces::kExpectedState when the trace ran clean
  // but its final state does not meet the trace's "expect".
  std::optional<Verdict> violation;
  std::size_t skipped = 0;  // OnDisabled::kSkip: actions left out
  std::string stopped;      // OnDisabled::kStop: why the replay ended early, else ""
};

// Replays t: builds the world from its config, resolves and applies each action, and checks
// the properties after each step; it stops at the first violation. Returns false with a
// one-line *error (naming the step and field) when the trace cannot be replayed: a bad
// config, a malformed action, or (with OnDisabled::kFail) one not enabled at its step. As in
// search, nothing is enabled in a state past the config's bounds.
bool ReplayWorldTrace(const Trace& t, Replay* out, std::string* error,
                      OnDisabled on_disabled = OnDisabled::kFail);

// The replay as the views draw it. REQUIRES: r came from ReplayWorldTrace.
Timeline WorldTimeline(const Trace& t, const Replay& r);

}  // namespace traces

#endif  // RAFTCHECK_TRACES_WORLD_TRACE_H_
