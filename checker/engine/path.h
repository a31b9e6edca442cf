// Paths: rebuilding a counterexample by re-executing action ordinals.
//
// The searches store no actions. A path is (index into InitialStates(), ordinals), where each
// ordinal is a position in the Actions() list of the state reached so far. Replaying it needs
// Actions() and Apply() to be deterministic (system.h, rule 1), so the rebuilt counterexample
// is re-checked: its last transition must produce exactly the violation the search saw.
// If it does not, the System broke its contract and the search reports Outcome::kError
// rather than a counterexample that does not reproduce.
#ifndef RAFTCHECK_CHECKER_ENGINE_PATH_H_
#define RAFTCHECK_CHECKER_ENGINE_PATH_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "checker/engine/properties.h"
#include "checker/engine/result.h"
#include "checker/engine/system.h"

namespace raftcheck::engine {

template <System S>
struct ReplayedPath {
  std::vector<ActionOf<S>> actions;
  std::optional<StateOf<S>> before_last;  // the state before the last action, if any action
  std::optional<StateOf<S>> last;         // the state reached
  std::string error;                      // why the path did not replay; empty if it did
};

// Re-executes `ordinals` from initial state `initial_index`.
template <System S>
ReplayedPath<S> ReplayOrdinals(const S& sys, std::size_t initial_index,
                               std::span<const std::uint16_t> ordinals) {
  ReplayedPath<S> out;
  std::vector<StateOf<S>> inits;
  sys.InitialStates(inits);
  if (initial_index >= inits.size()) {
    out.error = "initial state " + std::to_string(initial_index) + " does not exist (there are " +
                std::to_string(inits.size()) + ")";
    return out;
  }
  out.last.emplace(std::move(inits[initial_index]));
  std::vector<ActionOf<S>> enabled;
  for (std::size_t step = 0; step < ordinals.size(); ++step) {
    enabled.clear();
    sys.Actions(*out.last, enabled);
    if (ordinals[step] >= enabled.size()) {
      out.error = "step " + std::to_string(step + 1) + " takes action #" +
                  std::to_string(ordinals[step]) + " but only " + std::to_string(enabled.size()) +
                  " are enabled";
      return out;
    }
    out.actions.push_back(enabled[ordinals[step]]);
    out.before_last = *out.last;
    sys.Apply(*out.last, out.actions.back());
  }
  return out;
}

// Rebuilds the counterexample the search found (a violation `seen` at the end of the path) into
// `result`: outcome kViolation with the path, or kError if the path does not reproduce `seen`.
template <System S, PropertyChecker<S> P>
void RebuildCounterexample(const S& sys, const P& props, std::size_t initial_index,
                           std::span<const std::uint16_t> ordinals, const Violation& seen,
                           SearchResult<ActionOf<S>>* result) {
  ReplayedPath<S> path = ReplayOrdinals(sys, initial_index, ordinals);
  std::optional<Violation> again;
  if (path.error.empty()) {
    again = path.actions.empty()
                ? props.CheckState(*path.last)
                : CheckTransition<S>(props, *path.before_last, path.actions.back(), *path.last,
                                     /*check_next_state=*/true);
  }
  if (!path.error.empty() || again != seen) {
    result->outcome = Outcome::kError;
    result->reason =
        "the counterexample for " + seen.property + " does not replay (" +
        (path.error.empty() ? std::string("the violation is gone at its end") : path.error) +
        "); are Actions() and Apply() deterministic?";
    return;
  }
  result->outcome = Outcome::kViolation;
  result->counterexample.emplace();
  result->counterexample->property = seen.property;
  result->counterexample->message = seen.message;
  result->counterexample->initial_index = initial_index;
  result->counterexample->actions = std::move(path.actions);
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_PATH_H_
