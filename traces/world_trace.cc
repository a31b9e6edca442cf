#include "traces/world_trace.h"

#include "checker/world/world_json.h"
#include "checker/world/world_properties.h"

namespace traces {

using raftcheck::ClusterWorld;
using raftcheck::WorldAction;
using raftcheck::WorldState;

Trace MakeWorldTrace(const ClusterWorld& world, const std::vector<WorldAction>& actions,
                     std::optional<Verdict> verdict, std::optional<std::uint64_t> seed) {
  Trace t;
  t.system = "impl";
  t.config = raftcheck::ConfigToJson(world.config());
  t.seed = seed;
  std::vector<WorldState> init;
  world.InitialStates(init);
  WorldState s = init.front();
  for (const WorldAction& a : actions) {
    t.actions.push_back(raftcheck::ActionToJson(s, a));
    world.Apply(s, a);
  }
  t.verdict = std::move(verdict);
  return t;
}

bool ReplayWorldTrace(const Trace& t, Replay* out, std::string* error) {
  if (t.system != "impl") {
    *error = "system \"" + t.system + "\" cannot be replayed by this binary";
    return false;
  }
  std::string why;
  if (!raftcheck::ConfigFromJson(t.config, &out->config, &why)) {
    *error = "config: " + why;
    return false;
  }
  const ClusterWorld world(out->config);
  const raftcheck::WorldProperties props(world);
  std::vector<WorldState> init;
  world.InitialStates(init);
  out->states.assign(1, init.front());
  out->actions.clear();
  out->violation.reset();
  if (auto v = props.CheckState(out->states.back())) {
    out->violation = Verdict{v->property, 0, v->message};
    return true;
  }
  for (std::size_t k = 0; k < t.actions.size(); ++k) {
    const WorldState& prev = out->states.back();
    WorldAction a;
    if (!raftcheck::ActionFromJson(world, prev, t.actions[k], &a, &why)) {
      *error = "step " + std::to_string(k + 1) + ": " + why;
      return false;
    }
    WorldState next = prev;
    world.Apply(next, a);
    out->actions.push_back(a);
    out->states.push_back(std::move(next));
    const WorldState& now = out->states.back();
    auto v = props.CheckState(now);
    if (!v) v = props.CheckStep(out->states[out->states.size() - 2], a, now);
    if (v) {
      out->violation = Verdict{v->property, k + 1, v->message};
      return true;
    }
  }
  return true;
}

}  // namespace traces
