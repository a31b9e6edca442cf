// Properties as the engine sees them: a "checker" object passed next to the System.
//
// A PropertyChecker<P, S> has two const methods:
//   std::optional<Violation> CheckState(const State& s) const;              // state invariants
//   std::optional<Violation> CheckStep(const State& prev, const Action& a,  // action properties
//                                      const State& next) const;
// Both return the first violated property, or nullopt. Like a System they must be
// deterministic and safe to call from several threads at once (multi-threaded BFS).
//
// When each is called (the same in BFS, DFS and simulation):
//  - CheckState on every initial state, and on every successor that is not already stored:
//    new in-bound states, and every occurrence of an out-of-bound state (those are never
//    stored). Calling it again on a stored state would give the same answer, so it is skipped.
//  - CheckStep on every transition the engine generates, including those that lead to a state
//    already seen or out of bounds: a transition is new even when its target is not.
//  - When both would fire on one transition, the state invariant is reported (CheckTransition).
//
// Optional: reachability goals (Stateright's "sometimes" properties), a third const method
//   std::uint32_t Reached(const State& prev, const Action& a, const State& next) const;
// returning a bit per goal the transition reaches (up to 32 goals). The engine calls it on
// every transition into an in-bound state, and ORs the bits in the order a one-thread search
// generates transitions, so the goals a result reports never depend on the thread count.
#ifndef RAFTCHECK_CHECKER_ENGINE_PROPERTIES_H_
#define RAFTCHECK_CHECKER_ENGINE_PROPERTIES_H_

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>

#include "checker/engine/system.h"

namespace raftcheck::engine {

struct Violation {
  std::string property;  // the property's name, e.g. "ElectionSafety"
  std::string message;   // one human sentence: what was seen
  bool operator==(const Violation&) const = default;
};

template <class P, class S>
concept PropertyChecker = System<S> &&
    requires(const P& p, const StateOf<S>& st, const ActionOf<S>& a) {
  { p.CheckState(st) } -> std::same_as<std::optional<Violation>>;
  { p.CheckStep(st, a, st) } -> std::same_as<std::optional<Violation>>;
};

template <class P, class S>
concept HasGoals = requires(const P& p, const StateOf<S>& st, const ActionOf<S>& a) {
  { p.Reached(st, a, st) } -> std::convertible_to<std::uint32_t>;
};

// The goals the transition prev -a-> next reaches (0 when P declares none).
template <System S, class P>
std::uint32_t GoalsOf(const P& props, const StateOf<S>& prev, const ActionOf<S>& a,
                      const StateOf<S>& next) {
  if constexpr (HasGoals<P, S>) {
    return static_cast<std::uint32_t>(props.Reached(prev, a, next));
  } else {
    return 0;
  }
}

// No properties at all: explores and counts only.
template <System S>
struct NoProperties {
  std::optional<Violation> CheckState(const StateOf<S>&) const { return std::nullopt; }
  std::optional<Violation> CheckStep(const StateOf<S>&, const ActionOf<S>&,
                                     const StateOf<S>&) const {
    return std::nullopt;
  }
};

// The one place that fixes the order of a transition's checks: the state invariants of `next`
// (when `check_next_state`), then the action properties of (prev, a, next).
template <System S, PropertyChecker<S> P>
std::optional<Violation> CheckTransition(const P& props, const StateOf<S>& prev,
                                         const ActionOf<S>& a, const StateOf<S>& next,
                                         bool check_next_state) {
  if (check_next_state) {
    if (auto v = props.CheckState(next)) return v;
  }
  return props.CheckStep(prev, a, next);
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_PROPERTIES_H_
