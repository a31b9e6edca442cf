// Traces of AbstractRaft (system "abstract"): building one from a path (found by breadth-first
// search or extracted from a Z3 model) and replaying one in the explicit model, with every
// lemma checked at every state. This is how a BMC counterexample is confirmed by the second
// method: it must replay here and break the same lemma.
#ifndef RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_TRACE_H_
#define RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_TRACE_H_

#include <optional>
#include <string>
#include <vector>

#include "model/abstract/abstract_raft.h"
#include "traces/trace.h"

namespace raftcheck {

inline constexpr const char* kAbstractSystem = "abstract";

// The trace of `actions` applied from the initial state.
traces::Trace MakeAbstractTrace(const model::abstract::AbstractRaft& model,
                                const std::vector<model::abstract::Action>& actions,
                                std::optional<traces::Verdict> verdict);

struct AbstractReplay {
  model::abstract::AbstractConfig config;
  std::vector<model::abstract::State> states;    // states[0] initial, states[k] after step k
  std::vector<model::abstract::Action> actions;  // the actions applied
  // The first lemma that failed (step 0: the initial state), if any; the replay stops there.
  std::optional<traces::Verdict> violation;
};

// Replays t (which must have system "abstract"). Returns false with a one-line *error naming
// the step when the trace cannot be replayed: a bad config, a malformed action, or an action
// not enabled at its step (nothing is enabled past the bounds, as in search).
bool ReplayAbstractTrace(const traces::Trace& t, AbstractReplay* out, std::string* error);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_TRACE_H_
