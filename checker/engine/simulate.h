// Random simulation: seeded random walks through a System, checking properties at every step,
// optionally followed by a fair schedule that must reach a goal (the liveness check).
//
//   SimulationResult<Action> r = Simulate(system, properties, options);           // uniform
//   SimulationResult<Action> r = Simulate(system, properties, options, chooser);
//   SimulationResult<Action> r = Simulate(system, properties, options, chooser, fair);
//
// Run i (0-based) draws from its own Rng seeded with RunSeed(options.seed, i): it picks an
// initial state uniformly, then up to max_steps times lists the enabled actions and lets the
// chooser pick one. Every state is checked with CheckState and every step with CheckStep (there
// is no visited set, so nothing is skipped). The random phase ends early when no action is
// enabled (a deadlock; not a violation here) or, when stop_at_out_of_bounds, at its first
// out-of-bound state after checking it (TLC's bounds: such a state is never expanded).
//
// With a fair scheduler (the liveness check): after the random phase the run continues with
// the actions `fair` picks, a schedule fair to every node with no faults, for up to fair_steps
// steps, checked like the others. The run passes when the schedule reaches its goal
// (fair.Next returns nullopt); otherwise it is a violation of kProgress with the liveness flag
// set. Bounds do not end a liveness run: a fair schedule must be free to run to its goal.
//
// Determinism: the same System, properties, options (but max_seconds), chooser and scheduler
// give the same result field for field, except `seconds`. The clock only stops a simulation
// early.
//
// A chooser is a callable `std::size_t(const State&, std::span<const Action> enabled, Rng&)`
// returning an index into `enabled` (never called with an empty list). It may also provide
// `void BeginRun(Rng&)`, called before each run: "swarm" testing draws per-run weights there.
// A fair scheduler F provides
//   std::optional<Action> Next(const State& s) const;  // nullopt: the goal is reached
//   std::string Why(const State& s) const;             // why a run ended short of it
// and may provide `bool GaveUp(const State&) const`: true ends the fair phase early, short of
// its goal (a budget of its own, e.g. virtual time).
#ifndef RAFTCHECK_CHECKER_ENGINE_SIMULATE_H_
#define RAFTCHECK_CHECKER_ENGINE_SIMULATE_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
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
  std::uint64_t max_steps = 100;  // actions per run (with a fair scheduler: the random phase)
  bool stop_at_out_of_bounds = true;  // ignored with a fair scheduler
  std::uint64_t fair_steps = 300;     // with a fair scheduler: its budget to reach the goal
  double max_seconds = 0;  // 0: no time limit; else stop with kIncomplete
};

// The property a liveness verdict names, and its message: `why` is the fair scheduler's
// sentence on the state where the schedule stopped short of its goal.
inline constexpr const char* kProgress = "progress";
inline std::string NoProgressMessage(const std::string& why) {
  return "a fair schedule did not reach its goal: " + why;
}

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
  std::uint32_t goals_reached = 0;      // by the in-bound steps taken (properties.h)
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

template <class F, class S>
concept FairScheduler = System<S> && requires(const F& f, const StateOf<S>& st) {
  { f.Next(st) } -> std::same_as<std::optional<ActionOf<S>>>;
  { f.Why(st) } -> std::convertible_to<std::string>;
};

// No fair phase: plain simulation.
struct NoFairSchedule {};

template <System S, PropertyChecker<S> P, ActionChooser<S> C = UniformChooser,
          class F = NoFairSchedule>
SimulationResult<ActionOf<S>> Simulate(const S& sys, const P& props,
                                       const SimulationOptions& options, C chooser = {},
                                       const F& fair = {}) {
  using State = StateOf<S>;
  using Action = ActionOf<S>;
  constexpr bool kLiveness = !std::is_same_v<F, NoFairSchedule>;
  static_assert(!kLiveness || FairScheduler<F, S>);
  constexpr std::uint64_t kPollEvery = 256;  // steps between two looks at the clock

  SimulationResult<Action> result;
  result.seed = options.seed;
  Limits limits;
  limits.max_seconds = options.max_seconds;
  LimitWatch watch(limits, nullptr, 1.0, std::numeric_limits<std::uint64_t>::max());
  std::vector<State> inits;
  sys.InitialStates(inits);
  if (inits.empty()) return result;
  const bool stop_at_out_of_bounds = options.stop_at_out_of_bounds && !kLiveness;
  std::vector<Action> enabled;
  std::vector<Action> path;
  State cur = inits[0];   // reassigned at the start of each run
  State next = inits[0];  // scratch for the successor; assignment reuses its buffers
  std::uint64_t since_poll = kPollEvery;  // poll before the first run
  std::optional<Violation> v;
  bool in_bounds = true;

  // True when the clock stops the simulation (then the result says so).
  auto out_of_time = [&] {
    if (++since_poll < kPollEvery) return false;
    since_poll = 0;
    const StopReason stop = watch.Poll(Progress{}, 0);
    if (stop == StopReason::kNone) return false;
    result.outcome = Outcome::kIncomplete;
    result.stop = stop;
    result.reason = watch.reason();
    result.seconds = watch.Seconds();
    return true;
  };
  // Applies a to cur, checking the step.
  auto step = [&](const Action& a) {
    next = cur;
    sys.Apply(next, a);
    path.push_back(a);
    ++result.steps;
    v = CheckTransition<S>(props, cur, a, next, /*check_next_state=*/true);
    in_bounds = sys.InBounds(next);
    if (in_bounds) result.goals_reached |= GoalsOf<S>(props, cur, a, next);
    std::swap(cur, next);
  };

  for (std::uint64_t run = 0; run < options.runs; ++run) {
    Rng rng(RunSeed(options.seed, run));
    if constexpr (requires { chooser.BeginRun(rng); }) chooser.BeginRun(rng);
    const std::size_t initial_index = static_cast<std::size_t>(rng.Below(inits.size()));
    cur = inits[initial_index];
    path.clear();
    v = props.CheckState(cur);
    in_bounds = sys.InBounds(cur);
    for (std::uint64_t k = 0; !v && k < options.max_steps; ++k) {
      if (!in_bounds && stop_at_out_of_bounds) break;
      if (out_of_time()) return result;
      enabled.clear();
      sys.Actions(cur, enabled);
      if (enabled.empty()) {
        ++result.deadlocks;
        break;
      }
      const std::size_t pick = chooser(cur, std::span<const Action>(enabled), rng);
      if (pick >= enabled.size()) {
        result.outcome = Outcome::kError;
        result.reason = "the chooser picked action #" + std::to_string(pick) + " of " +
                        std::to_string(enabled.size()) + " enabled";
        result.seconds = watch.Seconds();
        return result;
      }
      step(enabled[pick]);
    }
    bool stalled = false;
    if constexpr (kLiveness) {
      bool reached = false;
      for (std::uint64_t k = 0; !v && k < options.fair_steps; ++k) {
        if (out_of_time()) return result;
        if constexpr (requires { fair.GaveUp(cur); }) {
          if (fair.GaveUp(cur)) break;  // its own budget (virtual time) is spent
        }
        const std::optional<Action> a = fair.Next(cur);
        if (!a) {
          reached = true;
          break;
        }
        step(*a);
      }
      stalled = !v && !reached && fair.Next(cur).has_value();
    }
    ++result.runs_done;
    if (!in_bounds && stop_at_out_of_bounds) ++result.out_of_bounds;
    if (v || stalled) {
      result.outcome = Outcome::kViolation;
      result.run = run;
      result.counterexample.emplace();
      if (v) {
        result.counterexample->property = std::move(v->property);
        result.counterexample->message = std::move(v->message);
      } else if constexpr (kLiveness) {
        result.counterexample->property = kProgress;
        result.counterexample->message = NoProgressMessage(fair.Why(cur));
        result.counterexample->liveness = true;
      }
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
