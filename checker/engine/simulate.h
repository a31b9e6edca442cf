// Random simulation: seeded random walks through a System, checking properties at every step.
//
//   SimulationResult<Action> r = Simulate(system, properties, options);           // uniform
//   SimulationResult<Action> r = Simulate(system, properties, options, chooser);
//
// Run i (0-based) draws from its own Rng seeded with RunSeed(options.seed, i): it picks an
// initial state uniformly, then up to max_steps times lists the enabled actions and lets the
// chooser pick one. Every state is checked with CheckState and every step with CheckStep (there
// is no visited set, so nothing is skipped). A run ends early when no action is enabled (a
// deadlock; not a violation here) or, when stop_at_out_of_bounds, at its first out-of-bound
// state after checking it (TLC's bounds: such a state is never expanded).
//
// Determinism: the same System, properties, options (but max_seconds) and chooser give the same
// result field for field, except `seconds`. The clock only stops a simulation early.
//
// A chooser is a callable `std::size_t(const State&, std::span<const Action> enabled, Rng&)`
// returning an index into `enabled` (never called with an empty list). It may also provide
// `void BeginRun(Rng&)`, called before each run: "swarm" testing draws per-run weights there.
#ifndef RAFTCHECK_CHECKER_ENGINE_SIMULATE_H_
#define RAFTCHECK_CHECKER_ENGINE_SIMULATE_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "checker/engine/limits.h"
#include "checker/engine/properties.h"
#include "checker/engine/result.h"
#include "checker/engine/rng.h"
#include "checker/engine/system.h"

namespace raftcheck::engine {

struct SimulationOptions {
  std::uint64_t seed = 0;
  std::uint64_t runs = 1;
  std::uint64_t max_steps = 100;  // actions per run
  bool stop_at_out_of_bounds = true;
  double max_seconds = 0;  // 0: no time limit; else stop with kIncomplete
};

template <class Action>
struct SimulationResult {
  Outcome outcome = Outcome::kOk;
  StopReason stop = StopReason::kNone;  // kTimeLimit when kIncomplete
  std::string reason;                   // a sentence when kIncomplete or kError
  std::uint64_t seed = 0;               // options.seed
  std::uint64_t runs_done = 0;          // runs finished, the violating one included
  std::uint64_t steps = 0;              // actions applied over all runs
  std::uint64_t deadlocks = 0;          // runs that ended with no action enabled
  std::uint64_t out_of_bounds = 0;      // runs ended at an out-of-bound state
  // When kViolation: the walk of run `run` (its seed is RunSeed(seed, run)).
  std::optional<Counterexample<Action>> counterexample;
  std::uint64_t run = 0;
  double seconds = 0;
};

template <class C, class S>
concept ActionChooser = System<S> &&
    requires(C& c, const StateOf<S>& st, std::span<const ActionOf<S>> acts, Rng& rng) {
  { c(st, acts, rng) } -> std::convertible_to<std::size_t>;
};

// Picks uniformly among the enabled actions.
struct UniformChooser {
  template <class State, class Action>
  std::size_t operator()(const State& /*state*/, std::span<const Action> enabled, Rng& rng) const {
    return static_cast<std::size_t>(rng.Below(enabled.size()));
  }
};

template <System S, PropertyChecker<S> P, ActionChooser<S> C = UniformChooser>
SimulationResult<ActionOf<S>> Simulate(const S& sys, const P& props,
                                       const SimulationOptions& options, C chooser = {}) {
  using State = StateOf<S>;
  using Action = ActionOf<S>;
  constexpr std::uint64_t kPollEvery = 256;  // steps between two looks at the clock

  SimulationResult<Action> result;
  result.seed = options.seed;
  Limits limits;
  limits.max_seconds = options.max_seconds;
  LimitWatch watch(limits, nullptr, 1.0, std::numeric_limits<std::uint64_t>::max());
  std::vector<State> inits;
  sys.InitialStates(inits);
  if (inits.empty()) return result;
  std::vector<Action> enabled;
  std::vector<Action> path;
  State cur = inits[0];   // reassigned at the start of each run
  State next = inits[0];  // scratch for the successor; assignment reuses its buffers
  std::uint64_t since_poll = kPollEvery;  // poll before the first run

  for (std::uint64_t run = 0; run < options.runs; ++run) {
    Rng rng(RunSeed(options.seed, run));
    if constexpr (requires { chooser.BeginRun(rng); }) chooser.BeginRun(rng);
    const std::size_t initial_index = static_cast<std::size_t>(rng.Below(inits.size()));
    cur = inits[initial_index];
    path.clear();
    std::optional<Violation> v = props.CheckState(cur);
    bool in_bounds = sys.InBounds(cur);
    for (std::uint64_t step = 0; !v && step < options.max_steps; ++step) {
      if (!in_bounds && options.stop_at_out_of_bounds) break;
      if (++since_poll >= kPollEvery) {
        since_poll = 0;
        const StopReason stop = watch.Poll(Progress{}, 0);
        if (stop != StopReason::kNone) {
          result.outcome = Outcome::kIncomplete;
          result.stop = stop;
          result.reason = watch.reason();
          result.seconds = watch.Seconds();
          return result;
        }
      }
      enabled.clear();
      sys.Actions(cur, enabled);
      if (enabled.empty()) {
        ++result.deadlocks;
        break;
      }
      const std::size_t k = chooser(cur, std::span<const Action>(enabled), rng);
      if (k >= enabled.size()) {
        result.outcome = Outcome::kError;
        result.reason = "the chooser picked action #" + std::to_string(k) + " of " +
                        std::to_string(enabled.size()) + " enabled";
        result.seconds = watch.Seconds();
        return result;
      }
      next = cur;
      sys.Apply(next, enabled[k]);
      path.push_back(enabled[k]);
      ++result.steps;
      v = CheckTransition<S>(props, cur, enabled[k], next, /*check_next_state=*/true);
      std::swap(cur, next);
      in_bounds = sys.InBounds(cur);
    }
    ++result.runs_done;
    if (!in_bounds && options.stop_at_out_of_bounds) ++result.out_of_bounds;
    if (v) {
      result.outcome = Outcome::kViolation;
      result.run = run;
      result.counterexample.emplace();
      result.counterexample->property = std::move(v->property);
      result.counterexample->message = std::move(v->message);
      result.counterexample->initial_index = initial_index;
      result.counterexample->actions = std::move(path);
      break;
    }
  }
  result.seconds = watch.Seconds();
  return result;
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_SIMULATE_H_
