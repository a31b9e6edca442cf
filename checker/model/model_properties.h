// ModelProperties: the properties/ catalog applied to raft.tla model states, as the engine's
// PropertyChecker. The model is held to what the specification promises
// (props::Promise::kSpecification): the state invariants with a state-only form (election
// safety, log matching, state machine safety over committed prefixes, commit bounds), the
// term delta check, and the spec conformance checks, which must never fire on the model: they
// describe what it does.
//
// Relies on the engine's contract (checker/engine/properties.h): the `prev` of every CheckStep
// is a state that passed CheckState. Thread-safe as the engine requires (per-thread caches).
#ifndef RAFTCHECK_CHECKER_MODEL_MODEL_PROPERTIES_H_
#define RAFTCHECK_CHECKER_MODEL_MODEL_PROPERTIES_H_

#include <optional>

#include "checker/engine/properties.h"
#include "model/raft_model.h"

namespace raftcheck {

class ModelProperties {
 public:
  explicit ModelProperties(const model::RaftModel& model) : model_(model) {}

  std::optional<engine::Violation> CheckState(const model::State& s) const;
  std::optional<engine::Violation> CheckStep(const model::State& prev, const model::Action& a,
                                             const model::State& next) const;

 private:
  const model::RaftModel& model_;
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_MODEL_MODEL_PROPERTIES_H_
