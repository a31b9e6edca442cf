#include "traces/replay.h"

#include "traces/expect.h"

namespace traces {

using raftcheck::registry::Instance;
using raftcheck::registry::ReplayOutcome;
using raftcheck::registry::ReplayRequest;

namespace {

Timeline MakeTimeline(const Trace& t, int nodes, ReplayOutcome& r) {
  Timeline tl;
  tl.system = t.system;
  tl.config = t.config;
  tl.nodes = nodes;
  tl.initial = std::move(r.observations.front());
  for (std::size_t k = 0; k < r.views.size(); ++k) {
    TimelineStep step;
    step.kind = std::move(r.views[k].kind);
    step.node = r.views[k].node;
    step.from = r.views[k].from;
    step.label = std::move(r.views[k].label);
    step.text = std::move(r.views[k].text);
    step.after = std::move(r.observations[k + 1]);
    tl.steps.push_back(std::move(step));
  }
  tl.stopped = r.stopped;
  return tl;
}

}  // namespace

base::Result<Replay> ReplayTrace(const raftcheck::registry::SystemEntry& system, const Trace& t,
                                 const ReplayOptions& options) {
  base::Result<std::unique_ptr<Instance>> instance = system.FromJson(t.config);
  if (!instance.ok()) return instance.status().Prefixed("config");
  const int nodes = (*instance)->nodes();
  if (t.expect) {
    for (const nlohmann::json& e : *t.expect) {
      if (e["node"].get<std::uint64_t>() > static_cast<std::uint64_t>(nodes)) {
        return base::Status::InvalidArgument("expect: node " + e["node"].dump() +
                                             " does not exist in a cluster of " +
                                             std::to_string(nodes));
      }
    }
  }
  ReplayRequest request;
  request.actions = t.actions;
  request.on_disabled = options.on_disabled;
  request.check_liveness = t.verdict && t.verdict->liveness;
  request.observe = options.timeline || t.expect.has_value();
  base::Result<ReplayOutcome> r = (*instance)->Replay(request);
  if (!r.ok()) return r.status();
  Replay out;
  out.violation = r->violation;
  out.skipped = r->skipped;
  out.stopped = r->stopped;
  if (t.expect && !out.violation) {
    if (std::optional<std::string> unmet = CheckExpect(*t.expect, r->observations.back())) {
      out.violation = Verdict{kExpectedState, r->applied.size(), *unmet};
    }
  }
  if (options.timeline) {
    out.timeline = MakeTimeline(t, nodes, *r);
    out.timeline.violation = out.violation;
  }
  out.applied = std::move(r->applied);
  return out;
}

base::Result<Replay> ReplayTrace(const raftcheck::registry::Registry& registry, const Trace& t,
                                 const ReplayOptions& options) {
  base::Result<const raftcheck::registry::SystemEntry*> system = registry.Find(t.system);
  if (!system.ok()) return base::Status::InvalidArgument(system.status().message());
  return ReplayTrace(**system, t, options);
}

}  // namespace traces
