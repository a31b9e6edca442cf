// raftcheck prove: AbstractRaft with Z3 (checker/smt/).
//
//   raftcheck prove --system abstract --bmc K [--nodes N --max-term T --max-log L]
//                   [--bug NAME]... [--time-limit S] [--out DIR] [--json]
//   raftcheck prove --system abstract --induction [same flags]
//
// --bmc K: bounded model checking of every lemma to depth K (paths of at most K actions). A
// counterexample is replayed in the explicit model (checker/abstract/abstract_trace.h) before
// it is reported: it must break the same lemma at the same step, else the two models disagree
// and that is reported as an internal error (exit 2). The trace is written as
// OUT/LEMMA.trace.json (system "abstract").
// --induction: the lemma set is checked for initiation and consecution (checker/smt/induction.h);
// every failing (lemma, action) pair is listed and the first one's counterexample to induction
// is printed as two states.
//
// Exit codes: 0 no violation up to K / the lemma set is inductive; 1 violation / not
// inductive; 2 usage, input or Z3 error (one line on stderr); 3 Z3 gave up or time ran out.
#include <z3++.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "checker/abstract/abstract_json.h"
#include "checker/abstract/abstract_trace.h"
#include "checker/cli/abstract_command.h"
#include "checker/cli/commands.h"
#include "checker/cli/world_options.h"
#include "checker/smt/bmc.h"
#include "checker/smt/induction.h"

namespace raftcheck::cli {
namespace {

namespace ab = model::abstract;
using nlohmann::json;

void PrintJson(bool enabled, const json& j) {
  if (enabled) std::printf("%s\n", j.dump().c_str());
}

int RunBmcCommand(const AbstractOptions& o, int depth, double time_limit) {
  smt::BmcOptions options;
  options.max_depth = depth;
  options.time_limit = time_limit;
  options.progress = [](int k, double seconds) {
    std::fprintf(stderr, "prove: depth %d clean (%.2f s)\n", k, seconds);
  };
  const smt::BmcResult r = smt::RunBmc(o.config, options);
  json j{{"mode", "bmc"}, {"system", "abstract"}, {"depth", r.depth}, {"seconds", r.seconds}};
  if (r.outcome == smt::BmcResult::Outcome::kUnknown) {
    std::printf("incomplete: Z3 could not settle depth %d (%s) after %.2f s\n", r.depth,
                r.reason.c_str(), r.seconds);
    j["result"] = "incomplete";
    j["reason"] = r.reason;
    PrintJson(o.json, j);
    return kExitIncomplete;
  }
  if (r.outcome == smt::BmcResult::Outcome::kNoViolation) {
    std::printf("ok: no lemma fails on any path of up to %d actions (%.2f s)\n", r.depth,
                r.seconds);
    j["result"] = "ok";
    PrintJson(o.json, j);
    return kExitOk;
  }
  // The second method: the path must break the same lemma, at its end, in the explicit model.
  const ab::AbstractRaft model(o.config);
  const std::string lemma(ab::LemmaName(r.lemma));
  const traces::Trace trace = MakeAbstractTrace(model, r.actions, std::nullopt);
  AbstractReplay replay;
  std::string error;
  if (!ReplayAbstractTrace(trace, &replay, &error)) {
    std::fprintf(stderr, "raftcheck prove: internal error: the BMC path does not replay: %s\n",
                 error.c_str());
    return kExitUsage;
  }
  if (!replay.violation || replay.violation->property != lemma ||
      replay.violation->step != r.actions.size() || replay.states != r.states) {
    std::fprintf(stderr,
                 "raftcheck prove: internal error: Z3 breaks %s after %zu steps but the explicit "
                 "model says %s\n",
                 lemma.c_str(), r.actions.size(),
                 replay.violation ? (replay.violation->property + " after " +
                                     std::to_string(replay.violation->step) + " steps")
                                        .c_str()
                                  : "no lemma fails");
    return kExitUsage;
  }
  Report report;
  ReportAbstractCounterexample(model, "prove", o.out_dir, r.actions, *replay.violation, &report);
  std::printf("violation of %s at depth %d: %s (%.2f s)\n", lemma.c_str(), r.depth,
              replay.violation->message.c_str(), r.seconds);
  if (!report.trace_path.empty())
    std::printf("trace (%d steps): %s\n", r.depth, report.trace_path.c_str());
  j["result"] = "violation";
  j["violation"] = {{"property", lemma},
                    {"message", replay.violation->message},
                    {"trace", report.trace_path},
                    {"length", r.actions.size()}};
  PrintJson(o.json, j);
  return kExitViolation;
}

int RunInductionCommand(const AbstractOptions& o, double time_limit) {
  smt::InductionOptions options;
  options.time_limit = time_limit;
  const smt::InductionResult r = smt::CheckInduction(o.config, options);
  json j{{"mode", "induction"},
         {"system", "abstract"},
         {"queries", r.queries},
         {"seconds", r.seconds},
         {"lemmas", ab::kLemmaCount}};
  if (r.outcome == smt::InductionResult::Outcome::kUnknown) {
    std::printf("incomplete: Z3 gave up after %d queries (%s), %.2f s\n", r.queries,
                r.reason.c_str(), r.seconds);
    j["result"] = "incomplete";
    j["reason"] = r.reason;
    PrintJson(o.json, j);
    return kExitIncomplete;
  }
  if (r.outcome == smt::InductionResult::Outcome::kProved) {
    std::printf(
        "ok: the %d lemmas hold initially and every action preserves them (%d queries, "
        "%.2f s)\n",
        ab::kLemmaCount, r.queries, r.seconds);
    j["result"] = "ok";
    PrintJson(o.json, j);
    return kExitOk;
  }
  const ab::AbstractRaft model(o.config);
  auto where = [](const smt::InductionFailure& f) {
    return f.action ? std::string("by ") + ab::ActionKindName(*f.action) : std::string("initially");
  };
  std::printf("not inductive: %zu (lemma, action) pairs fail\n", r.failures.size());
  json failures = json::array();
  for (const smt::InductionFailure& f : r.failures) {
    std::printf("  %s broken %s\n", std::string(ab::LemmaName(f.lemma)).c_str(), where(f).c_str());
    failures.push_back({{"lemma", ab::LemmaName(f.lemma)},
                        {"action", f.action ? ab::ActionKindName(*f.action) : "Init"}});
  }
  const smt::InductionFailure& first = r.failures.front();
  std::printf("counterexample to induction for %s %s:\n",
              std::string(ab::LemmaName(first.lemma)).c_str(), where(first).c_str());
  if (first.action) {
    std::printf("  before (every lemma holds): %s\n", model.DescribeState(first.before).c_str());
    std::printf("  action:                     %s\n", model.Describe(first.step).c_str());
  }
  std::printf("  after:                      %s\n", model.DescribeState(first.after).c_str());
  if (std::optional<std::string> why = ab::CheckLemma(first.lemma, o.config.servers, first.after)) {
    std::printf("  %s\n", why->c_str());
  }
  j["result"] = "violation";
  j["failures"] = failures;
  j["counterexample"] = {
      {"lemma", ab::LemmaName(first.lemma)},
      {"action", first.action ? json(AbstractActionToJson(first.step, o.config.servers)) : json()},
      {"before", AbstractStateToJson(first.before, o.config.servers)},
      {"after", AbstractStateToJson(first.after, o.config.servers)}};
  PrintJson(o.json, j);
  return kExitViolation;
}

}  // namespace

int RunProve(const std::vector<std::string>& args) {
  AbstractOptions o;
  int bmc_depth = -1;
  bool induction = false;
  double time_limit = 0;
  Flags flags("prove");
  AddAbstractFlags(flags, &o);
  flags.Int("bmc", &bmc_depth, 0, 64, "bounded model checking to depth K (actions)");
  flags.Switch("induction", &induction, true, "check that the lemma set is inductive");
  flags.Seconds("time-limit", &time_limit, "give up after this many seconds (exit 3)");
  if (std::optional<int> code = ParseAbstractCommand(flags, "prove", args, o)) return *code;
  if ((bmc_depth >= 0) == induction) {
    std::fprintf(stderr, "raftcheck prove: give exactly one of --bmc K and --induction\n");
    return kExitUsage;
  }
  std::printf("raftcheck prove: abstract %s\n", AbstractConfigToJson(o.config).dump().c_str());
  std::fflush(stdout);
  try {
    return induction ? RunInductionCommand(o, time_limit) : RunBmcCommand(o, bmc_depth, time_limit);
  } catch (const z3::exception& e) {
    std::fprintf(stderr, "raftcheck prove: Z3 error: %s\n", e.msg());
    return kExitUsage;
  }
}

}  // namespace raftcheck::cli
