#include "checker/world/liveness.h"

#include <tuple>

#include "checker/engine/rng.h"
#include "checker/world/swarm.h"

namespace raftcheck {
namespace {

// The live leader of the highest term, or -1.
int LeaderOf(const WorldState& s) {
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
  const int leader = LeaderOf(s);
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
    return WorldAction{ActionKind::kTimeout, static_cast<std::uint8_t>(best)};
  }
  const raft::Index last = s.host(leader).node().raft().log().LastIndex();
  for (int i = 0; i < s.size(); ++i) {
    if (s.host(i).node().raft().log().committed() < last) {
      return WorldAction{ActionKind::kHeartbeat, static_cast<std::uint8_t>(leader)};
    }
  }
  return std::nullopt;
}

LivenessResult CheckProgress(const ClusterWorld& world, const LivenessOptions& options) {
  LivenessResult result;
  SwarmChooser chooser(options.swarm);
  std::vector<WorldState> init;
  world.InitialStates(init);
  std::vector<WorldAction> enabled;
  for (std::uint64_t run = 0; run < options.runs; ++run) {
    engine::Rng rng(engine::RunSeed(options.seed, run));
    chooser.BeginRun(rng);
    WorldState s = init.front();
    std::vector<WorldAction> path;
    for (std::uint64_t k = 0; k < options.prefix_steps; ++k) {
      enabled.clear();
      world.Actions(s, enabled);
      if (enabled.empty()) break;
      const WorldAction a = enabled[chooser(s, enabled, rng)];
      world.Apply(s, a);
      path.push_back(a);
      ++result.steps;
      if (!s.broken.empty()) break;  // a safety matter, not this check's
    }
    result.runs_done = run + 1;
    if (!s.broken.empty()) continue;
    bool quiet = false;
    for (std::uint64_t k = 0; k < options.fair_steps && !quiet; ++k) {
      std::optional<WorldAction> a = FairStep(world, s);
      if (!a) {
        quiet = true;
        break;
      }
      world.Apply(s, *a);
      path.push_back(*a);
      ++result.steps;
      if (!s.broken.empty()) break;
    }
    if (!quiet && s.broken.empty() && !FairStep(world, s)) quiet = true;
    if (quiet || !s.broken.empty()) continue;
    const int leader = LeaderOf(s);
    std::string why = leader < 0 ? "no leader was elected"
                                 : "leader node " + std::to_string(leader + 1) + " (term " +
                                       std::to_string(s.host(leader).node().raft().term()) +
                                       ") has last index " +
                                       std::to_string(s.host(leader).node().raft().log().LastIndex()) +
                                       " but commit " +
                                       std::to_string(s.host(leader).node().raft().log().committed());
    result.violated = true;
    result.run = run;
    result.actions = std::move(path);
    result.message = "no progress after " + std::to_string(options.fair_steps) +
                     " steps of a fair schedule: " + why;
    return result;
  }
  return result;
}

}  // namespace raftcheck
