// The raft.tla model as the properties see it: an Observation of a model state, and a
// props::Step for a model action. The model keeps no ghost history, no applied entries and no
// separate durable state (has_history and has_durable are false), so the properties that need
// them have nothing to check there; match and next are left empty (the properties that read
// them are implementation-only, see properties.h).
#ifndef RAFTCHECK_CHECKER_MODEL_MODEL_OBSERVE_H_
#define RAFTCHECK_CHECKER_MODEL_MODEL_OBSERVE_H_

#include "model/raft_model.h"
#include "properties/observation.h"
#include "properties/step.h"

namespace raftcheck {

// Fills *obs (reusing its buffers) with what the properties see of s.
void ObserveModel(const model::RaftModel& m, const model::State& s, props::Observation* obs);

// Fills *step with what action a, taken in state s, is in the properties' terms.
void DescribeModelStep(const model::State& s, const model::Action& a, props::Step* step);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_MODEL_MODEL_OBSERVE_H_
