// Minimization of counterexample traces: a shorter, simpler trace that breaks the same
// property. Stages, each run to a fixpoint, in order:
//   1. delta debugging (ddmin) over the actions;
//   2. single-action removal until no one action can go, then removal of any two actions;
//   3. simpler faults: fewer crashes, drops and duplicates, fewer client values (the config's
//      bounds shrink to what the trace uses);
//   4. fewer interleaving switches: moves an action next to the previous one of the same node
//      when the trace still breaks the property.
// Every candidate is replayed; an action that a candidate's earlier removals disabled is left
// out of it (the replay's OnDisabled::kSkip), and the candidate ends at its violation. The
// result always replays strictly (OnDisabled::kFail) to the same property.
#ifndef RAFTCHECK_TRACES_MINIMIZE_H_
#define RAFTCHECK_TRACES_MINIMIZE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "checker/registry/system.h"
#include "traces/trace.h"

namespace traces {

struct MinimizeStats {
  std::size_t before = 0;   // actions in the input (up to its violation)
  std::size_t after = 0;    // actions in the result
  std::size_t replays = 0;  // candidates replayed
  struct Stage {
    std::string name;
    std::size_t length = 0;  // after the stage
  };
  std::vector<Stage> stages;
};

// The minimizer's whole view of a system.
struct Minimizable {
  // Replays `candidate` (skipping actions that are not enabled) and returns true when it
  // breaks `property`; then it rewrites candidate->actions to the actions actually applied, up
  // to and including the violating one, and sets candidate->verdict.
  std::function<bool(const std::string& property, Trace* candidate)> breaks;
  // The node an action belongs to (1-based), for counting interleaving switches.
  std::function<int(const nlohmann::json& action)> actor;
  // The fault class of an action ("drop", "duplicate", "crash", ...), "" for a normal step.
  std::function<std::string(const nlohmann::json& action)> fault;
  // The trace's config with its bounds tightened to what its actions use (fewer values,
  // crashes, no fault kinds it does not take). Must not change what the actions do.
  std::function<nlohmann::json(const Trace& t)> tighten;
};

// Minimizes t, whose verdict names the property to keep.
// REQUIRES: system.breaks(t.verdict->property, copy of t) holds.
Trace Minimize(const Trace& t, const Minimizable& system, MinimizeStats* stats);

// A registered system as the minimizer sees it: candidates replayed leniently
// (OnDisabled::kSkip), the system's actors, fault classes and config tightening.
Minimizable SystemMinimizable(const raftcheck::registry::SystemEntry& system);

// The whole job for one trace of `system`. Errors (InvalidArgument, one line): t cannot be
// replayed; replayed, it breaks no property; or its verdict is a liveness one (a liveness
// trace shows a run that never reached its goal: cutting steps from it would only make it
// shorter of the goal, so it is kept as found).
base::Result<Trace> MinimizeTrace(const raftcheck::registry::SystemEntry& system, const Trace& t,
                                  MinimizeStats* stats);

}  // namespace traces

#endif  // RAFTCHECK_TRACES_MINIMIZE_H_
