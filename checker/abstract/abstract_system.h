// AbstractRaft (model/abstract/) as a registered system: --system abstract. Its Spec for the seam
// (checker/registry/driver.h): options and config JSON, actions by content (abstract_json.h),
// how a step is shown, its seeded deviations with their bounds, goals, and its symbolic side:
// `raftcheck prove` runs BMC or the induction check with Z3 (checker/smt/) and confirms every
// BMC counterexample in the explicit model before it is reported.
#ifndef RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_SYSTEM_H_
#define RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_SYSTEM_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/abstract/abstract_properties.h"
#include "checker/registry/driver.h"
#include "model/abstract/abstract_raft.h"

namespace raftcheck {

using AbstractBugScenario =
    registry::BugScenario<model::abstract::AbstractConfig, model::abstract::AbstractBug>;

struct AbstractSpec {
  static constexpr std::string_view kName = "abstract";
  static constexpr std::string_view kSummary =
      "AbstractRaft (message-free, scimitar), explicit and with Z3 (prove)";
  using System = model::abstract::AbstractRaft;
  using Properties = AbstractProperties;
  using Config = model::abstract::AbstractConfig;
  using Bug = model::abstract::AbstractBug;
  using State = model::abstract::State;
  using Action = model::abstract::Action;

  static const registry::ConfigSchema<Config>& Schema();
  static Config Defaults(registry::Command) { return Config{}; }
  static base::Status Validate(const Config& c) { return c.Validate(); }
  static std::span<const model::abstract::AbstractBugInfo> Catalog() {
    return model::abstract::AbstractBugCatalog();
  }
  static std::span<const AbstractBugScenario> Scenarios();

  static nlohmann::json ActionToJson(const System& m, const State& s, const Action& a);
  static base::Result<Action> ActionFromJson(const System& m, const State& s,
                                             const nlohmann::json& j,
                                             const registry::Lookup& lookup);
  static registry::StepView ViewStep(const System& m, const State& before, const Action& a);
  // Per server: its term, role (a primary shows as leader), log of terms, and as commit the
  // longest prefix of its log that is in the committed set.
  static void Observe(const System& m, const State& s, props::Observation* obs);
  static std::string ExceededBound(const System& m, const State& s);

  static std::vector<std::string> GoalNames() { return {"leader elected", "entry committed"}; }
  static std::uint32_t EnabledGoals(const Config&) { return 0b11; }
  static std::uint32_t Reached(const System& m, const State& prev, const Action& a,
                               const State& next);

  static int Actor(const nlohmann::json& action) { return action.value("node", 0); }
  static std::string Fault(const nlohmann::json&) { return ""; }
  static nlohmann::json Tighten(nlohmann::json config, std::span<const nlohmann::json>) {
    return config;
  }

  static base::Result<registry::ProveResult> Prove(const Config& c,
                                                   const registry::ProveRequest& request);
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_SYSTEM_H_
