// What explore and simulate print at the end: a human summary, the counterexample trace file,
// and (with --json) the one-line JSON result of the CLI contract.
#ifndef RAFTCHECK_CHECKER_CLI_REPORT_H_
#define RAFTCHECK_CHECKER_CLI_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/world/cluster_world.h"
#include "traces/trace.h"

namespace raftcheck::cli {

struct Report {
  std::string result;  // "ok", "violation", "incomplete"
  std::uint64_t states = 0;
  std::uint64_t transitions = 0;
  std::uint64_t depth = 0;
  double seconds = 0;
  double states_per_second = 0;
  std::string reason;  // why incomplete
  // Violation.
  std::string property;
  std::string message;
  std::string trace_path;            // as found
  std::size_t length = 0;
  std::string minimized_trace_path;  // the same violation, minimized
  std::optional<std::size_t> minimized_length;
  nlohmann::json extra = nlohmann::json::object();  // command-specific figures
};

// Writes the counterexample `actions` under out_dir (created if needed) twice, as found
// (PROPERTY.trace.json) and minimized (PROPERTY.min.trace.json), and fills the report's trace
// fields. Violations that replay cannot check (liveness) are written as found only. False with
// *error set when a file cannot be written.
bool WriteCounterexample(const ClusterWorld& world, const std::string& out_dir,
                         const std::vector<WorldAction>& actions, const traces::Verdict& verdict,
                         std::optional<std::uint64_t> seed, Report* report, std::string* error);

// Prints the counterexample step by step on stdout, as a narration.
void PrintSteps(const ClusterWorld& world, const std::vector<WorldAction>& actions);

void PrintReport(const Report& r, bool json);

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_REPORT_H_
