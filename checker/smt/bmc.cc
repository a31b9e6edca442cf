#include "checker/smt/bmc.h"

#include <chrono>

#include "checker/smt/bv_solver.h"
#include "checker/smt/symbolic_lemmas.h"
#include "checker/smt/symbolic_transition.h"

namespace raftcheck::smt {

namespace ab = model::abstract;

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

namespace {

BmcResult RunBmcOrThrow(const ab::AbstractConfig& config, const BmcOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  z3::context ctx;
  const Encoding enc(ctx, config);
  const Transitions trans(enc);
  std::vector<SymbolicState> states{enc.Fresh("s0")};
  std::vector<StepChoice> choices;
  z3::expr_vector path(ctx);  // Init and the steps so far
  path.push_back(enc.Init(states[0]));
  BmcResult result;
  for (int k = 0;; ++k) {
    unsigned timeout_ms = 0;
    if (options.time_limit > 0) {
      timeout_ms = static_cast<unsigned>(std::max(1.0, (options.time_limit - Since(start)) * 1000));
    }
    z3::solver solver = MakeBvSolver(ctx, timeout_ms);
    solver.add(path);
    solver.add(!AllLemmas(enc, states.back()));  // some lemma fails at the end
    const z3::check_result r = solver.check();
    if (r == z3::sat) {
      const z3::model m = solver.get_model();
      result.outcome = BmcResult::Outcome::kViolation;
      result.depth = k;
      for (int i = 0; i <= k; ++i) {
        result.states.push_back(enc.Extract(m, states[static_cast<std::size_t>(i)]));
        if (i < k) {
          result.actions.push_back(trans.ExtractAction(m, choices[static_cast<std::size_t>(i)]));
        }
      }
      for (int l = 0; l < ab::kLemmaCount; ++l) {
        const auto lemma = static_cast<ab::Lemma>(l);
        if (m.eval(LemmaFormula(enc, lemma, states.back()), true).is_false()) {
          result.lemma = lemma;
          break;
        }
      }
      break;
    }
    if (r == z3::unknown) {
      result.outcome = BmcResult::Outcome::kUnknown;
      result.depth = k;
      result.reason = solver.reason_unknown();
      break;
    }
    if (options.progress) options.progress(k, Since(start));
    if (k == options.max_depth) {
      result.depth = k;
      break;
    }
    // One more step: from an in-bound state only (TLC's constraint), to any state. No lemma
    // fails within k steps (just shown), so the lemmas hold at the state left behind: saying
    // so prunes the search at the next depths without changing its answer.
    path.push_back(enc.InBounds(states.back()));
    path.push_back(AllLemmas(enc, states.back()));
    choices.push_back(trans.FreshChoice("step" + std::to_string(k + 1)));
    states.push_back(enc.Fresh("s" + std::to_string(k + 1)));
    path.push_back(trans.Step(states[states.size() - 2], choices.back(), states.back()));
  }
  result.seconds = Since(start);
  return result;
}

}  // namespace

base::Result<BmcResult> RunBmc(const ab::AbstractConfig& config, const BmcOptions& options) {
  try {
    return RunBmcOrThrow(config, options);
  } catch (const z3::exception& e) {
    return base::Status::InvalidArgument(std::string("Z3 error: ") + e.msg());
  }
}

}  // namespace raftcheck::smt
