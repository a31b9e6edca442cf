// What explore, simulate and prove print at the end, the same for every system: a human
// summary (counts, goals, the counterexample's steps and files) and, with --json, the one-line
// JSON result of the CLI contract. Also the one place that writes a counterexample's trace
// files (as found, and minimized).
#ifndef RAFTCHECK_CHECKER_CLI_REPORT_H_
#define RAFTCHECK_CHECKER_CLI_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "checker/engine/result.h"
#include "checker/registry/system.h"

namespace raftcheck::cli {

struct Report {
  std::string system;
  std::string result;  // "ok", "violation", "incomplete"
  std::uint64_t states = 0;
  std::uint64_t transitions = 0;
  std::uint64_t depth = 0;
  double seconds = 0;
  double states_per_second = 0;
  std::string reason;  // why incomplete
  std::optional<registry::Goals> goals;
  // Violation.
  std::string property;
  std::string message;
  bool liveness = false;
  std::string trace_path;            // as found
  std::size_t length = 0;
  std::string minimized_trace_path;  // the same violation, minimized
  std::optional<std::size_t> minimized_length;
  nlohmann::json extra = nlohmann::json::object();  // command-specific figures
};

// Prints the counterexample step by step (replaying it, which confirms it), writes it under
// out_dir (created if needed) as PROPERTY.trace.json, and, unless it is a liveness verdict,
// minimized as PROPERTY.min.trace.json; fills the report's violation fields. Errors: a file
// that cannot be written, or a counterexample that does not replay (an internal error).
base::Status ReportCounterexample(const registry::SystemEntry& system,
                                  const nlohmann::json& config,
                                  const registry::Counterexample& cx,
                                  std::optional<std::uint64_t> seed, const std::string& out_dir,
                                  Report* report);

// The report's result from an engine outcome ("ok", "violation", "incomplete", "error").
std::string ResultName(engine::Outcome outcome);

void PrintReport(const Report& r, bool json);

// The exit code of a report's result.
int ExitCode(const Report& r);

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_REPORT_H_
