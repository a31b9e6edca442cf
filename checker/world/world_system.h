// The cluster world (impl/ nodes in a simulated cluster) as a registered system: --system impl,
// the default. Everything the seam needs (checker/registry/driver.h) in one Spec: options and
// config JSON (WorldSchema), actions by content, how a step is shown, goals, the minimizer's
// view, swarm simulation and the fair schedule of the liveness check.
#ifndef RAFTCHECK_CHECKER_WORLD_WORLD_SYSTEM_H_
#define RAFTCHECK_CHECKER_WORLD_WORLD_SYSTEM_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "checker/registry/driver.h"
#include "checker/registry/options.h"
#include "checker/registry/replay.h"
#include "checker/world/bug_scenarios.h"
#include "checker/world/cluster_world.h"
#include "checker/world/liveness.h"
#include "checker/world/sim_disk.h"
#include "checker/world/swarm.h"
#include "checker/world/time_chooser.h"
#include "checker/world/world_properties.h"

namespace raftcheck {

struct WorldSpec {
  static constexpr std::string_view kName = "impl";
  static constexpr std::string_view kSummary =
      "the production library (impl/): real nodes in a simulated cluster";
  using System = ClusterWorld;
  using Properties = WorldProperties;
  using Config = WorldConfig;
  using Bug = raft::Bug;

  static const registry::ConfigSchema<WorldConfig>& Schema();
  static WorldConfig Defaults(registry::Command command);
  static base::Status Validate(const WorldConfig& c) { return c.Validate(); }
  static std::span<const raft::BugInfo> Catalog() { return raft::BugCatalog(); }
  static std::span<const BugScenario> Scenarios() { return BugScenarios(); }

  // {"kind": "timeout", "node": 1}, {"kind": "deliver", "msg": {every field}} (FORMAT.md).
  static nlohmann::json ActionToJson(const ClusterWorld& world, const WorldState& s,
                                     const WorldAction& a);
  // A message in `j` is a pattern: the fields it lists must equal the in-flight message's, and
  // it must name exactly one distinct message (copies of one message are one). A "node" given
  // with a message must be its destination. Unavailable when well formed but not enabled.
  static base::Result<WorldAction> ActionFromJson(const ClusterWorld& world, const WorldState& s,
                                                  const nlohmann::json& j,
                                                  const registry::Lookup& lookup);
  static registry::StepView ViewStep(const ClusterWorld& world, const WorldState& before,
                                     const WorldAction& a);
  static void Observe(const ClusterWorld& world, const WorldState& s, props::Observation* obs) {
    world.Observe(s, obs);
  }
  static std::string ExceededBound(const ClusterWorld& world, const WorldState& s);

  // Goals: a leader elected, an entry committed, each fault kind taken, and with compaction on,
  // a compaction and a snapshot delivered.
  static std::vector<std::string> GoalNames();
  static std::uint32_t EnabledGoals(const WorldConfig& c);
  static std::uint32_t Reached(const ClusterWorld& world, const WorldState& prev,
                               const WorldAction& a, const WorldState& next);

  static int Actor(const nlohmann::json& action);
  static std::string Fault(const nlohmann::json& action);
  static nlohmann::json Tighten(nlohmann::json config, std::span<const nlohmann::json> actions);

  using Swarm = SwarmChooser;
  // The fair schedule of FairStep, with the hold of WorldConfig::hold_ticks (liveness.h).
  struct Fair {
    explicit Fair(const ClusterWorld& w) : world(w) {}
    std::optional<WorldAction> Next(const WorldState& s) const {
      return FairStepHolding(world, s);
    }
    std::string Why(const WorldState& s) const { return NoProgressReason(world, s); }
    const ClusterWorld& world;
  };
  // explore --liveness (liveness.h): from each state, the faults stop and the fair schedule
  // must make the cluster quiet within `ticks` rounds (0: 20 election timeouts).
  struct Progress {
    Progress(const ClusterWorld& w, int ticks)
        : world(w),
          ticks(ticks > 0 ? static_cast<std::uint64_t>(ticks)
                          : 20 * static_cast<std::uint64_t>(w.config().election_tick)) {}
    static base::Status Usable(const WorldConfig&) { return base::Status::OK(); }
    std::optional<registry::Stall<WorldAction>> Check(const WorldState& s) const {
      HealedOutcome run = HealedRun(world, s, ticks, cache.get());
      if (run.quiet) return std::nullopt;
      return registry::Stall<WorldAction>{std::move(run.actions), std::move(run.why)};
    }
    const ClusterWorld& world;
    std::uint64_t ticks;
    std::unique_ptr<QuietCache> cache = std::make_unique<QuietCache>();
  };
  // Virtual time (time_chooser.h).
  struct Timed {
    Timed(const ClusterWorld& world, const registry::TimeRequest& request)
        : schedule(std::make_shared<TimeSchedule>(world, request)) {}
    static base::Status Usable(const WorldConfig& c) {
      if (!c.ticks) return base::Status::InvalidArgument("--time needs --ticks");
      if (c.hold_ticks > 0) {
        return base::Status::InvalidArgument(
            "--hold-ticks is judged by the fair schedule (explore --liveness, simulate "
            "--liveness without --time), not in virtual time");
      }
      return base::Status::OK();
    }
    TimeChooser Chooser() const { return TimeChooser(schedule); }
    TimeFair Fair() const { return TimeFair(schedule); }
    std::vector<std::pair<std::string, std::string>> Figures() const {
      return schedule->Finish().Summary();
    }
    std::shared_ptr<TimeSchedule> schedule;
  };
};

// Convenience for tests and tools: the world's config as JSON and back, strictly.
inline nlohmann::json ConfigToJson(const WorldConfig& c) {
  return registry::ConfigToJson<WorldSpec>(c);
}
inline base::Result<WorldConfig> ConfigFromJson(const nlohmann::json& j) {
  return registry::ConfigFromJson<WorldSpec>(j);
}
nlohmann::json MessageToJson(const raft::Message& m);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_WORLD_SYSTEM_H_
