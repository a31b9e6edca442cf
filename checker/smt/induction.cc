#include "checker/smt/induction.h"

#include <algorithm>
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

// Sort key: lemma, then initiation before the actions, then action kind.
int Order(const InductionFailure& f) {
  return static_cast<int>(f.lemma) * (ab::kActionKindCount + 1) +
         (f.action ? static_cast<int>(*f.action) + 1 : 0);
}

}  // namespace

namespace {

InductionResult CheckInductionOrThrow(const ab::AbstractConfig& config, const InductionOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  z3::context ctx;
  const Encoding enc(ctx, config);
  const Transitions trans(enc);
  InductionResult result;
  // Asks whether `base` /\ `goal` is satisfiable, in a fresh solver (bv_solver.h); false (and
  // the result marked unknown) when Z3 cannot tell or time is up. On sat, *model is set.
  auto check = [&](const z3::expr_vector& base, const z3::expr& goal, z3::check_result* r,
                   std::optional<z3::model>* model) {
    unsigned timeout_ms = 0;
    if (options.time_limit > 0) {
      const double left = options.time_limit - Since(start);
      if (left <= 0) {
        result.outcome = InductionResult::Outcome::kUnknown;
        result.reason = "time limit";
        return false;
      }
      timeout_ms = static_cast<unsigned>(std::max(1.0, left * 1000));
    }
    z3::solver solver = MakeBvSolver(ctx, timeout_ms);
    solver.add(base);
    solver.add(goal);
    ++result.queries;
    *r = solver.check();
    if (*r == z3::unknown) {
      result.outcome = InductionResult::Outcome::kUnknown;
      result.reason = solver.reason_unknown();
      return false;
    }
    if (*r == z3::sat) model->emplace(solver.get_model());
    return true;
  };

  // Initiation.
  {
    const SymbolicState s = enc.Fresh("init");
    z3::expr_vector base(ctx);
    base.push_back(enc.Init(s));
    for (int l = 0; l < ab::kLemmaCount; ++l) {
      const auto lemma = static_cast<ab::Lemma>(l);
      z3::check_result r;
      std::optional<z3::model> m;
      if (!check(base, !LemmaFormula(enc, lemma, s), &r, &m))
        return result.seconds = Since(start), result;
      if (m) {
        InductionFailure f;
        f.lemma = lemma;
        f.after = enc.Extract(*m, s);
        result.failures.push_back(f);
      }
    }
  }
  // Consecution: one query per action kind and lemma.
  const SymbolicState s = enc.Fresh("before");
  const SymbolicState t = enc.Fresh("after");
  const StepChoice c = trans.FreshChoice("step");
  const z3::expr before = AllLemmas(enc, s) && enc.TypeOk(s) && enc.InBounds(s);
  for (int k = 0; k < ab::kActionKindCount; ++k) {
    const auto kind = static_cast<ab::ActionKind>(k);
    z3::expr_vector base(ctx);  // (a copy of an expr_vector would share its elements)
    base.push_back(before);
    base.push_back(trans.Step(s, c, t, kind));
    for (int l = 0; l < ab::kLemmaCount; ++l) {
      const auto lemma = static_cast<ab::Lemma>(l);
      z3::check_result r;
      std::optional<z3::model> m;
      if (!check(base, !LemmaFormula(enc, lemma, t), &r, &m))
        return result.seconds = Since(start), result;
      if (m) {
        result.failures.push_back(
            {lemma, kind, enc.Extract(*m, s), trans.ExtractAction(*m, c), enc.Extract(*m, t)});
      }
    }
  }
  std::stable_sort(
      result.failures.begin(), result.failures.end(),
      [](const InductionFailure& a, const InductionFailure& b) { return Order(a) < Order(b); });
  if (!result.failures.empty()) result.outcome = InductionResult::Outcome::kFailed;
  result.seconds = Since(start);
  return result;
}

}  // namespace

base::Result<InductionResult> CheckInduction(const ab::AbstractConfig& config, const InductionOptions& options) {
  try {
    return CheckInductionOrThrow(config, options);
  } catch (const z3::exception& e) {
    return base::Status::InvalidArgument(std::string("Z3 error: ") + e.msg());
  }
}

}  // namespace raftcheck::smt
