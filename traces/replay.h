// Replaying a trace file, for every registered system: the system's config is built from the
// trace, its actions replayed (registry::Instance::Replay: each resolved in the state it is
// taken in, every property checked at every step), and the final state held to the trace's
// "expect". The result carries the timeline the views draw.
//
// A liveness trace (verdict kind "liveness") replays its steps with every safety property
// checked, and its verdict holds when the system's fair schedule still has not reached its
// goal at the end: it is shown and confirmed, never reported as a safety violation.
#ifndef RAFTCHECK_TRACES_REPLAY_H_
#define RAFTCHECK_TRACES_REPLAY_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "checker/registry/registry.h"
#include "checker/registry/system.h"
#include "traces/timeline.h"
#include "traces/trace.h"

namespace traces {

using raftcheck::registry::OnDisabled;

struct Replay {
  std::vector<nlohmann::json> applied;  // the actions applied, by their exact content
  // The first property that failed, if any; or kExpectedState when the trace ran clean but
  // its final state does not meet the trace's "expect".
  std::optional<Verdict> violation;
  std::size_t skipped = 0;  // OnDisabled::kSkip: actions left out
  std::string stopped;      // OnDisabled::kStop: why the replay ended early, else ""
  Timeline timeline;        // empty unless asked for
};

struct ReplayOptions {
  OnDisabled on_disabled = OnDisabled::kFail;
  bool timeline = true;  // build Replay::timeline (the views need it; the minimizer does not)
};

// Replays t with `system`. Errors (InvalidArgument, one line naming the step and field): a bad
// config, an "expect" about a node that does not exist, a malformed action, or (kFail) one not
// enabled at its step.
base::Result<Replay> ReplayTrace(const raftcheck::registry::SystemEntry& system, const Trace& t,
                                 const ReplayOptions& options = {});

// The same, finding the trace's system in `registry` (an unknown system is an error).
base::Result<Replay> ReplayTrace(const raftcheck::registry::Registry& registry, const Trace& t,
                                 const ReplayOptions& options = {});

}  // namespace traces

#endif  // RAFTCHECK_TRACES_REPLAY_H_
