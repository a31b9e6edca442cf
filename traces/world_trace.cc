#include "traces/world_trace.h"

#include "checker/world/world_json.h"
#include "checker/world/world_properties.h"
#include "impl/types.h"
#include "traces/expect.h"

namespace traces {

using raftcheck::ActionKind;
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

bool ReplayWorldTrace(const Trace& t, Replay* out, std::string* error, OnDisabled on_disabled) {
  if (t.system != "impl") {
    *error = "system \"" + t.system + "\" cannot be replayed by this binary";
    return false;
  }
  std::string why;
  if (!raftcheck::ConfigFromJson(t.config, &out->config, &why)) {
    *error = "config: " + why;
    return false;
  }
  if (t.expect) {
    for (const nlohmann::json& e : *t.expect) {
      if (e["node"].get<std::uint64_t>() > static_cast<std::uint64_t>(out->config.nodes)) {
        *error = "expect: node " + e["node"].dump() + " does not exist in a cluster of " +
                 std::to_string(out->config.nodes);
        return false;
      }
    }
  }
  const ClusterWorld world(out->config);
  const raftcheck::WorldProperties props(world);
  std::vector<WorldState> init;
  world.InitialStates(init);
  out->states.assign(1, init.front());
  out->actions.clear();
  out->applied.clear();
  out->violation.reset();
  out->skipped = 0;
  out->stopped.clear();
  if (auto v = props.CheckState(out->states.back())) {
    out->violation = Verdict{v->property, 0, v->message};
    return true;
  }
  for (std::size_t k = 0; k < t.actions.size(); ++k) {
    const WorldState& prev = out->states.back();
    WorldAction a;
    raftcheck::ActionLookup lookup;
    lookup.closest_message = on_disabled == OnDisabled::kSkip;
    // As in search, a state past the bounds is checked but never expanded: nothing is
    // enabled in it.
    const bool in_bounds = world.InBounds(prev);
    if (!in_bounds) {
      why = "the state before this step is outside the config's bounds, so no action is "
            "enabled in it";
    }
    if (!in_bounds || !raftcheck::ActionFromJson(world, prev, t.actions[k], &a, &why, &lookup)) {
      const bool not_enabled = !in_bounds || lookup.not_enabled;
      if (not_enabled && on_disabled == OnDisabled::kSkip) {
        ++out->skipped;
        continue;
      }
      if (not_enabled && on_disabled == OnDisabled::kStop) {
        out->stopped = "step " + std::to_string(k + 1) + ": " + why;
        return true;
      }
      *error = "step " + std::to_string(k + 1) + ": " + why;
      return false;
    }
    out->applied.push_back(raftcheck::ActionToJson(prev, a));
    WorldState next = prev;
    world.Apply(next, a);
    out->actions.push_back(a);
    out->states.push_back(std::move(next));
    const WorldState& now = out->states.back();
    auto v = props.CheckState(now);
    if (!v) v = props.CheckStep(out->states[out->states.size() - 2], a, now);
    if (v) {
      out->violation = Verdict{v->property, out->actions.size(), v->message};
      return true;
    }
  }
  if (t.expect) {
    props::Observation obs;
    world.Observe(out->states.back(), &obs);
    if (std::string unmet = CheckExpect(*t.expect, obs); !unmet.empty()) {
      out->violation = Verdict{kExpectedState, out->actions.size(), unmet};
    }
  }
  return true;
}

Timeline WorldTimeline(const Trace& t, const Replay& r) {
  const ClusterWorld world(r.config);
  Timeline tl;
  tl.system = t.system;
  tl.config = t.config;
  tl.nodes = r.config.nodes;
  world.Observe(r.states.front(), &tl.initial);
  for (std::size_t k = 0; k < r.actions.size(); ++k) {
    const WorldAction& a = r.actions[k];
    const WorldState& before = r.states[k];
    TimelineStep step;
    step.kind = raftcheck::ActionKindName(a.kind);
    step.node = a.node + 1;
    step.text = world.DescribeIn(before, a);
    const bool message_action = a.kind == ActionKind::kDeliver || a.kind == ActionKind::kDrop ||
                                a.kind == ActionKind::kDuplicate;
    if (message_action) {
      const raft::Message& m = before.network.at(a.msg);
      step.from = static_cast<int>(m.from);
      step.label = raft::Describe(m);
    } else if (a.kind == ActionKind::kPropose) {
      step.label = "propose " + ClusterWorld::ValueData(before.proposed + 1);
    } else {
      step.label = step.kind;
    }
    world.Observe(r.states[k + 1], &step.after);
    tl.steps.push_back(std::move(step));
  }
  tl.violation = r.violation;
  tl.stopped = r.stopped;
  return tl;
}

}  // namespace traces
