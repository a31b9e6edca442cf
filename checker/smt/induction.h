// Inductiveness of AbstractRaft's lemma set, for one configuration, with Z3.
//
// Inv is the conjunction of the lemmas (symbolic_lemmas.h). The check has two parts:
//  - initiation: for each lemma L, Init => L;
//  - consecution: for each action kind A and lemma L,
//        Inv(s) /\ TypeOK(s) /\ InBounds(s) /\ A(s, t)  =>  L(t).
//    s ranges over EVERY state of the configuration's box (terms <= max_term, logs <=
//    max_log, any logs and committed sets), reachable or not; t is any successor, in bounds or
//    not. So a proof here says: no state within the bounds, satisfying the lemmas, steps to a
//    state that breaks one, whether or not any search ever reaches it.
// A failure names the lemma and the action and carries the counterexample to induction: the
// state before (it satisfies every lemma), the action, and the state after.
#ifndef RAFTCHECK_CHECKER_SMT_INDUCTION_H_
#define RAFTCHECK_CHECKER_SMT_INDUCTION_H_

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/abstract/abstract_config.h"
#include "model/abstract/abstract_lemmas.h"
#include "model/abstract/abstract_state.h"

namespace raftcheck::smt {

struct InductionOptions {
  double time_limit = 0;  // seconds for the whole check; 0: none
};

struct InductionFailure {
  model::abstract::Lemma lemma{};
  // nullopt: initiation (the initial state breaks the lemma; `after` is that state).
  std::optional<model::abstract::ActionKind> action;
  model::abstract::State before;
  model::abstract::Action step;
  model::abstract::State after;
};

struct InductionResult {
  enum class Outcome { kProved, kFailed, kUnknown };
  Outcome outcome = Outcome::kProved;
  // Every failing (lemma, action) pair, ordered by lemma, then initiation, then action kind.
  std::vector<InductionFailure> failures;
  int queries = 0;     // solver checks made
  std::string reason;  // kUnknown: why Z3 gave up
  double seconds = 0;
};

// REQUIRES: config.Validate().ok(). A Z3 error comes back as InvalidArgument (z3 exceptions
// never leave checker/smt/).
base::Result<InductionResult> CheckInduction(const model::abstract::AbstractConfig& config,
                               const InductionOptions& options);

}  // namespace raftcheck::smt

#endif  // RAFTCHECK_CHECKER_SMT_INDUCTION_H_
