#include "checker/world/liveness.h"

#include <tuple>

#include "checker/engine/simulate.h"
#include "checker/world/swarm.h"
#include "checker/world/world_properties.h"
#include "checker/world/world_system.h"

namespace raftcheck {

int LiveLeader(const WorldState& s) {
  int leader = -1;
  for (int i = 0; i < s.size(); ++i) {
    if (!s.host(i).up()) continue;
    const raft::Raft& r = s.host(i).node().raft();
    if (r.role() == raft::Role::kLeader &&
        (leader < 0 || r.term() > s.host(leader).node().raft().term())) {
      leader = i;
    }
  }
  return leader;
}

namespace {

// With ticks: an enabled tick of `node` (its timer firing when `fire` and the window allows),
// or, when the drift bound holds it back, a tick of a node that is behind it.
WorldAction TickOf(const ClusterWorld& world, const WorldState& s, int node, bool fire) {
  std::vector<WorldAction> enabled;
  world.Actions(s, enabled);
  const ActionKind first = fire ? ActionKind::kTimeout : ActionKind::kTick;
  const ActionKind second = fire ? ActionKind::kTick : ActionKind::kTimeout;
  for (ActionKind kind : {first, second}) {
    for (const WorldAction& a : enabled) {
      if (a.kind == kind && a.node == node) return a;
    }
  }
  for (const WorldAction& a : enabled) {
    if (a.kind == ActionKind::kTick || a.kind == ActionKind::kTimeout) return a;
  }
  return WorldAction{ActionKind::kTick, static_cast<std::uint8_t>(node)};  // not reached
}

}  // namespace

std::optional<WorldAction> FairStep(const ClusterWorld& world, const WorldState& s) {
  for (int i = 0; i < s.size(); ++i) {
    if (!s.host(i).up()) return WorldAction{ActionKind::kRestart, static_cast<std::uint8_t>(i)};
  }
  if (world.config().ready_action) {
    for (int i = 0; i < s.size(); ++i) {
      if (s.host(i).node().HasReady()) {
        return WorldAction{ActionKind::kReady, static_cast<std::uint8_t>(i)};
      }
    }
  }
  if (!s.network.empty()) {
    return WorldAction{ActionKind::kDeliver, static_cast<std::uint8_t>(s.network.at(0).to - 1), 0};
  }
  const int leader = LiveLeader(s);
  if (leader < 0) {
    // The most up-to-date log wins every vote (Raft §5.4.1); ties go to the lowest id.
    int best = 0;
    for (int i = 1; i < s.size(); ++i) {
      const raft::RaftLog& a = s.host(i).node().raft().log();
      const raft::RaftLog& b = s.host(best).node().raft().log();
      if (std::make_tuple(a.LastTerm(), a.LastIndex()) >
          std::make_tuple(b.LastTerm(), b.LastIndex())) {
        best = i;
      }
    }
    if (world.config().ticks) return TickOf(world, s, best, /*fire=*/true);
    return WorldAction{ActionKind::kTimeout, static_cast<std::uint8_t>(best)};
  }
  const raft::Index last = s.host(leader).node().raft().log().LastIndex();
  for (int i = 0; i < s.size(); ++i) {
    if (s.host(i).node().raft().log().committed() < last) {
      if (world.config().ticks) return TickOf(world, s, leader, /*fire=*/false);
      return WorldAction{ActionKind::kHeartbeat, static_cast<std::uint8_t>(leader)};
    }
  }
  return std::nullopt;
}

std::string NoProgressReason(const WorldState& s) {
  const int leader = LiveLeader(s);
  if (leader < 0) return "no leader was elected";
  const raft::Raft& r = s.host(leader).node().raft();
  const raft::Index last = r.log().LastIndex();
  std::string reason = "leader node " + std::to_string(leader + 1) + " (term " +
                       std::to_string(r.term()) + ") has last index " + std::to_string(last);
  for (int i = 0; i < s.size(); ++i) {  // the first node that has not committed all of it
    const raft::Index commit = s.host(i).node().raft().log().committed();
    if (commit < last) {
      return reason + " but node " + std::to_string(i + 1) + " has commit " +
             std::to_string(commit);
    }
  }
  return reason;
}

LivenessResult CheckProgress(const ClusterWorld& world, const LivenessOptions& options) {
  engine::SimulationOptions so;
  so.seed = options.seed;
  so.runs = options.runs;
  so.max_steps = options.prefix_steps;
  so.fair_steps = options.fair_steps;
  const WorldProperties props(world);
  const auto r =
      engine::Simulate(world, props, so, SwarmChooser(options.swarm),
                               WorldSpec::Fair(world));
  LivenessResult out;
  out.runs_done = r.runs_done;
  out.steps = r.steps;
  if (r.counterexample) {
    out.violated = true;
    out.run = r.run;
    out.actions = r.counterexample->actions;
    out.message = r.counterexample->message;
  }
  return out;
}

}  // namespace raftcheck
