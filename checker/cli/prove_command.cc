// raftcheck prove: a system's symbolic side (for the systems that have one; AbstractRaft with
// Z3 today).
//
//   raftcheck prove [--system abstract] --bmc K [bounds] [--bug NAME]... [--time-limit S]
//                   [--out DIR] [--json]
//   raftcheck prove [--system abstract] --induction [same flags]
//
// --bmc K: bounded model checking of every lemma to depth K. A counterexample is confirmed in
// the explicit model before it is reported, and written like any other (OUT/LEMMA.trace.json,
// minimized beside it). --induction: the lemma set is checked for initiation and consecution.
//
// Exit codes: 0 no violation up to K / the lemma set is inductive; 1 violation / not
// inductive; 2 usage, input or solver error (one line on stderr); 3 the solver gave up or time
// ran out.
#include <cstdio>

#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"
#include "checker/cli/report.h"
#include "checker/cli/system_command.h"

namespace raftcheck::cli {

int RunProve(const std::vector<std::string>& args) {
  SystemCommand cmd(
      "prove", "Checks a system's lemmas symbolically: bounded model checking or induction.",
      registry::Command::kProve, args,
      [](const registry::SystemEntry& s) { return s.capabilities().prove; });
  registry::ProveRequest request;
  registry::OptionList& o = cmd.options();
  o.Int("bmc", &request.bmc_depth, 0, 64, "bounded model checking to depth K (actions)");
  o.Switch("induction", &request.induction, true, "check that the lemma set is inductive");
  o.Seconds("time-limit", &request.time_limit, "give up after this many seconds (exit 3)");
  if (std::optional<int> code = cmd.Parse(args)) return *code;
  if ((request.bmc_depth >= 0) == request.induction) {
    return UsageError("prove", "give exactly one of --bmc K and --induction");
  }
  const registry::Instance& instance = cmd.instance();
  const nlohmann::json config = instance.ConfigJson();
  const std::string name(cmd.system().name());
  std::printf("raftcheck prove: %s %s\n", name.c_str(), config.dump().c_str());
  std::fflush(stdout);
  base::Result<registry::ProveResult> r = instance.Prove(request);
  if (!r.ok()) return UsageError("prove", r.status().message());
  nlohmann::json j = r->json;
  j["system"] = name;
  int code = kExitOk;
  switch (r->outcome) {
    case registry::ProveResult::Outcome::kHolds: j["result"] = "ok"; break;
    case registry::ProveResult::Outcome::kViolation:
      j["result"] = "violation";
      code = kExitViolation;
      break;
    case registry::ProveResult::Outcome::kUnknown:
      j["result"] = "incomplete";
      code = kExitIncomplete;
      break;
  }
  if (r->counterexample) {
    Report report;
    if (base::Status s = ReportCounterexample(cmd.system(), config, *r->counterexample,
                                              std::nullopt, cmd.out_dir(), &report);
        !s.ok()) {
      return UsageError("prove", s.message());
    }
    j["violation"] = {{"property", report.property},
                      {"message", report.message},
                      {"trace", report.trace_path},
                      {"length", report.length},
                      {"minimized_trace", report.minimized_trace_path},
                      {"minimized_length", report.minimized_length.value_or(report.length)}};
    for (const std::string& line : r->lines) std::printf("%s\n", line.c_str());
    std::printf("trace (%zu steps): %s\n", report.length, report.trace_path.c_str());
  } else {
    for (const std::string& line : r->lines) std::printf("%s\n", line.c_str());
  }
  if (cmd.json()) std::printf("%s\n", j.dump().c_str());
  return code;
}

}  // namespace raftcheck::cli
