#include "checker/abstract/abstract_trace.h"

#include <algorithm>

#include "checker/abstract/abstract_json.h"
#include "checker/abstract/abstract_properties.h"

namespace raftcheck {

namespace ab = model::abstract;

traces::Trace MakeAbstractTrace(const ab::AbstractRaft& model,
                                const std::vector<ab::Action>& actions,
                                std::optional<traces::Verdict> verdict) {
  traces::Trace t;
  t.system = kAbstractSystem;
  t.config = AbstractConfigToJson(model.config());
  for (const ab::Action& a : actions) {
    t.actions.push_back(AbstractActionToJson(a, model.config().servers));
  }
  t.verdict = std::move(verdict);
  return t;
}

bool ReplayAbstractTrace(const traces::Trace& t, AbstractReplay* out, std::string* error) {
  if (t.system != kAbstractSystem) {
    *error = "trace is of system \"" + t.system + "\", not \"abstract\"";
    return false;
  }
  *out = AbstractReplay{};
  if (!AbstractConfigFromJson(t.config, &out->config, error)) {
    *error = "config: " + *error;
    return false;
  }
  const ab::AbstractRaft model(out->config);
  const AbstractProperties props(model);
  model.InitialStates(out->states);
  auto check = [&](std::size_t step) {
    if (std::optional<engine::Violation> v = props.CheckState(out->states.back())) {
      out->violation = traces::Verdict{v->property, step, v->message};
    }
  };
  check(0);
  std::vector<ab::Action> enabled;
  for (std::size_t k = 0; k < t.actions.size() && !out->violation; ++k) {
    const std::string step = "step " + std::to_string(k + 1) + ": ";
    ab::Action a;
    if (!AbstractActionFromJson(t.actions[k], out->config.servers, &a, error)) {
      *error = step + *error;
      return false;
    }
    const ab::State& s = out->states.back();
    enabled.clear();
    if (model.InBounds(s)) model.Actions(s, enabled);
    if (std::find(enabled.begin(), enabled.end(), a) == enabled.end()) {
      *error = step + model.Describe(a) + " is not enabled";
      return false;
    }
    out->states.push_back(s);
    model.Apply(out->states.back(), a);
    out->actions.push_back(a);
    check(k + 1);
  }
  return true;
}

}  // namespace raftcheck
