// Bounded model checking of AbstractRaft's lemmas with Z3.
//
// For k = 0, 1, ..., max_depth: is there a path s0 -> ... -> sk from Init, with s0..s(k-1)
// within the bounds, where some lemma fails in sk? The first k with such a path is the length
// of a shortest counterexample, the same depth breadth-first search reports: BFS also expands
// only in-bound states and checks every state it generates, in bounds or not. Each depth is one
// query to a fresh solver (bv_solver.h) over the unrolling, asking for a failing lemma at its
// last state; the lemmas are asserted at the earlier states, which the previous depths proved.
//
// The counterexample is read off the model: the actions (from the step choices) and the
// states, and the lemma named is the first (in catalog order) that the model falsifies.
#ifndef RAFTCHECK_CHECKER_SMT_BMC_H_
#define RAFTCHECK_CHECKER_SMT_BMC_H_

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/abstract/abstract_config.h"
#include "model/abstract/abstract_lemmas.h"
#include "model/abstract/abstract_state.h"

namespace raftcheck::smt {

struct BmcOptions {
  int max_depth = 10;     // K: paths of at most this many actions
  double time_limit = 0;  // seconds for the whole run; 0: none
  // Called after each depth is settled with (depth, seconds so far). Optional.
  std::function<void(int, double)> progress;
};

struct BmcResult {
  enum class Outcome { kNoViolation, kViolation, kUnknown };
  Outcome outcome = Outcome::kNoViolation;
  int depth = 0;  // kViolation: actions on the path; kNoViolation: max_depth; kUnknown: depth
                  // that Z3 could not settle (its reason in `reason`)
  std::string reason;
  std::vector<model::abstract::Action> actions;  // kViolation
  std::vector<model::abstract::State> states;    // kViolation: states[0] initial, ... states[depth]
  model::abstract::Lemma lemma{};                // kViolation: the first lemma failing at the end
  double seconds = 0;
};

// REQUIRES: config.Validate().ok(). A Z3 error comes back as InvalidArgument (z3 exceptions
// never leave checker/smt/).
base::Result<BmcResult> RunBmc(const model::abstract::AbstractConfig& config, const BmcOptions& options);

}  // namespace raftcheck::smt

#endif  // RAFTCHECK_CHECKER_SMT_BMC_H_
