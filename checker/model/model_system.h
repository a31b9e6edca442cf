// The raft.tla model (model/) as a registered system: --system model. Its Spec for the seam
// (checker/registry/driver.h): options and config JSON, actions by content, how a step is shown,
// the seeded model bugs with their bounds, goals, and the minimizer's view.
//
//   config  {"nodes": 3, "values": 1, "max_term": 2, "max_log": 1, "max_msgs": 1, "bugs": []}
//   action  {"kind": "Timeout", "node": 1}            Timeout, Restart, BecomeLeader,
//                                                     AdvanceCommitIndex
//           {"kind": "RequestVote", "node": 1, "to": 2}       also AppendEntries
//           {"kind": "ClientRequest", "node": 1, "value": 1}
//           {"kind": "Receive", "msg": {...}}                 also DuplicateMessage, DropMessage
//   msg     {"type": "AppendEntriesRequest", "from": 1, "to": 2, "term": 2, ...} with every
//           field of its type, named as in raft.tla without the leading m (prevLogIndex, ...).
// Servers are numbered from 1 in JSON (s1..sN), as in TLC's output.
#ifndef RAFTCHECK_CHECKER_MODEL_MODEL_SYSTEM_H_
#define RAFTCHECK_CHECKER_MODEL_MODEL_SYSTEM_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/model/model_observe.h"
#include "checker/model/model_properties.h"
#include "checker/registry/driver.h"
#include "model/raft_model.h"

namespace raftcheck {

using ModelBugScenario = registry::BugScenario<model::ModelConfig, model::ModelBug>;

struct ModelSpec {
  static constexpr std::string_view kName = "model";
  static constexpr std::string_view kSummary =
      "raft.tla (Ongaro's dissertation spec), with TLC's semantics and bounds";
  using System = model::RaftModel;
  using Properties = ModelProperties;
  using Config = model::ModelConfig;
  using Bug = model::ModelBug;

  static const registry::ConfigSchema<Config>& Schema();
  static Config Defaults(registry::Command command);
  static base::Status Validate(const Config& c) { return c.Validate(); }
  static std::span<const model::ModelBugInfo> Catalog() { return model::ModelBugCatalog(); }
  static std::span<const ModelBugScenario> Scenarios();

  static nlohmann::json ActionToJson(const System& m, const model::State& s,
                                     const model::Action& a);
  static base::Result<model::Action> ActionFromJson(const System& m, const model::State& s,
                                                    const nlohmann::json& j,
                                                    const registry::Lookup& lookup);
  static registry::StepView ViewStep(const System& m, const model::State& before,
                                     const model::Action& a);
  static void Observe(const System& m, const model::State& s, props::Observation* obs) {
    ObserveModel(m, s, obs);
  }
  static std::string ExceededBound(const System& m, const model::State& s);

  static std::vector<std::string> GoalNames();
  static std::uint32_t EnabledGoals(const Config& c);
  static std::uint32_t Reached(const System& m, const model::State& prev, const model::Action& a,
                               const model::State& next);

  static int Actor(const nlohmann::json& action);
  static std::string Fault(const nlohmann::json& action);
  static nlohmann::json Tighten(nlohmann::json config, std::span<const nlohmann::json> actions);
};

nlohmann::json ModelMessageToJson(const model::Message& m);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_MODEL_MODEL_SYSTEM_H_
