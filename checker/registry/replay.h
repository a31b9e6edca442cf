// Replaying a list of actions named by content, once for every system: ReplayActions<Spec>
// resolves each action in the state it is taken in (Spec::ActionFromJson), applies it, and
// checks every property on the step and the new state; it stops at the first violation. The
// type-erased Instance::Replay (system.h), which traces/ and the CLI use, is this function;
// tests call it directly when they want the system's own states.
//
// As in search, nothing is enabled in a state past the bounds (TLC's constraint semantics);
// except in a liveness trace (check_liveness), which simulation found without bounds: a fair
// schedule must be free to run to its goal, and so is its replay.
#ifndef RAFTCHECK_CHECKER_REGISTRY_REPLAY_H_
#define RAFTCHECK_CHECKER_REGISTRY_REPLAY_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "checker/engine/simulate.h"
#include "checker/engine/properties.h"
#include "checker/registry/system.h"

namespace raftcheck::registry {

// How a Spec resolves an action named by content (Spec::ActionFromJson).
struct Lookup {
  // When the named message is not in flight, take the closest one of the same type, sender and
  // receiver (the minimizer's lenient replay; DEMi's fuzzy matching).
  bool closest_message = false;
};

template <class Spec>
struct TypedReplay {
  using State = engine::StateOf<typename Spec::System>;
  using Action = engine::ActionOf<typename Spec::System>;
  // states[0] initial, states[k] after step k (only with keep_states; else the last state).
  std::vector<State> states;
  std::vector<Action> actions;          // the actions applied, resolved
  std::vector<nlohmann::json> applied;  // the same actions by their exact content
  std::vector<StepView> views;
  std::optional<Verdict> violation;
  std::size_t skipped = 0;
  std::string stopped;
};

namespace replay_internal {

template <class Spec>
concept HasFair = requires { typename Spec::Fair; };

}  // namespace replay_internal

// REQUIRES: props checks sys (a PropertyChecker over Spec::System).
template <class Spec, class Props>
base::Result<TypedReplay<Spec>> ReplayActions(const typename Spec::System& sys,
                                              const Props& props,
                                              std::span<const nlohmann::json> actions,
                                              OnDisabled on_disabled, bool check_liveness,
                                              bool keep_states = true) {
  using State = typename TypedReplay<Spec>::State;
  TypedReplay<Spec> out;
  std::vector<State> inits;
  sys.InitialStates(inits);
  out.states.push_back(std::move(inits.front()));
  if (std::optional<engine::Violation> v = props.CheckState(out.states.back())) {
    out.violation = Verdict{v->property, 0, v->message};
    return out;
  }
  Lookup lookup;
  lookup.closest_message = on_disabled == OnDisabled::kSkip;
  for (std::size_t k = 0; k < actions.size(); ++k) {
    const State& prev = out.states.back();
    base::Result<typename TypedReplay<Spec>::Action> a =
        check_liveness || sys.InBounds(prev)
            ? Spec::ActionFromJson(sys, prev, actions[k], lookup)
            : base::Status::Unavailable(
                  "the state before this step is outside the config's bounds, so no action is "
                  "enabled in it");
    if (!a.ok()) {
      const bool not_enabled = a.status().code() == base::Status::Code::kUnavailable;
      if (not_enabled && on_disabled == OnDisabled::kSkip) {
        ++out.skipped;
        continue;
      }
      const std::string where = "step " + std::to_string(k + 1);
      if (not_enabled && on_disabled == OnDisabled::kStop) {
        out.stopped = where + ": " + a.status().message();
        return out;
      }
      return a.status().Prefixed(where);
    }
    out.applied.push_back(Spec::ActionToJson(sys, prev, *a));
    out.views.push_back(Spec::ViewStep(sys, prev, *a));
    State next = prev;
    sys.Apply(next, *a);
    const std::optional<engine::Violation> v =
        engine::CheckTransition<typename Spec::System>(props, prev, *a, next,
                                                       /*check_next_state=*/true);
    out.actions.push_back(std::move(*a));
    if (keep_states) {
      out.states.push_back(std::move(next));
    } else {
      out.states.back() = std::move(next);
    }
    if (v) {
      out.violation = Verdict{v->property, out.actions.size(), v->message};
      return out;
    }
  }
  if constexpr (replay_internal::HasFair<Spec>) {
    if (check_liveness) {
      const typename Spec::Fair fair(sys);
      if (fair.Next(out.states.back())) {
        out.violation = Verdict{engine::kProgress, out.actions.size(),
                                engine::NoProgressMessage(fair.Why(out.states.back())), true};
      }
    }
  }
  return out;
}

}  // namespace raftcheck::registry

#endif  // RAFTCHECK_CHECKER_REGISTRY_REPLAY_H_
