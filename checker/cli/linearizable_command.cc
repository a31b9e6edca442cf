// raftcheck linearizable HISTORY [--model register|kv] [--format auto|jepsen|edn|json]
//                                [--time-limit S] [--max-steps N] [--memory-limit MiB]
//                                [--no-partition] [--json]
// Checks a client history (a Jepsen log, a Knossos/Jepsen EDN history or raftcheck's JSON
// form: properties/linearizable/FORMAT.md) for linearizability against a model.
//  - Exit 0 linearizable, 1 not (the shrunk non-linearizable sub-history is printed, one
//    operation per line), 2 bad input or usage (one line on stderr naming the line), 3 a limit
//    stopped the check first.
//  - --no-partition checks the whole history as one search instead of key by key (for
//    measuring what P-compositionality buys; the verdict is the same).
//  - With --json the last stdout line is one JSON object: result, model, format, operations,
//    indeterminate, partitions, steps, seconds, and reason (unknown) or violation (not).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "checker/cli/command_line.h"
#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"
#include "properties/linearizable/checker.h"
#include "properties/linearizable/history_readers.h"
#include "properties/linearizable/model.h"

namespace raftcheck::cli {
namespace {

namespace lin = raftcheck::linearizable;

constexpr std::uint64_t kBytesPerMiB = 1024 * 1024;
constexpr std::uint64_t kDefaultMemoryMiB = 4096;

nlohmann::json OperationJson(const lin::Operation& op) {
  auto value = [](lin::Value v) {
    return v.nil ? nlohmann::json(nullptr) : nlohmann::json(v.number);
  };
  nlohmann::json j = {{"process", op.process},
                      {"f", lin::OpKindName(op.kind, op.has_key)},
                      {"type", lin::OutcomeName(op.outcome)},
                      {"invoke", op.invoke}};
  if (op.has_key) j["key"] = op.key;
  if (op.kind == lin::OpKind::kWrite) j["value"] = value(op.input);
  if (op.kind == lin::OpKind::kCas) j["value"] = {value(op.input), value(op.input2)};
  if (op.kind == lin::OpKind::kRead && op.Determinate()) j["value"] = value(op.output);
  j["complete"] =
      op.complete == lin::kNoEvent ? nlohmann::json(nullptr) : nlohmann::json(op.complete);
  if (op.invoke_line > 0) j["invoke_line"] = op.invoke_line;
  if (op.complete_line > 0) j["complete_line"] = op.complete_line;
  return j;
}

}  // namespace

int RunLinearizable(const std::vector<std::string>& args) {
  std::string path;
  std::string model_name;
  std::string format_name = "auto";
  double time_limit = 0;
  std::uint64_t max_steps = 0;
  std::uint64_t memory_mib = kDefaultMemoryMiB;
  bool no_partition = false;
  bool json = false;
  registry::OptionList o;
  registry::OptionSpec model{"model", "the sequential specification", "NAME",
                             "what the history declares, else register", lin::ModelNames()};
  model.apply = [&model_name](const std::string& v) {
    if (base::Result<std::unique_ptr<lin::Model>> m = lin::MakeModel(v); !m.ok()) {
      return base::Status::InvalidArgument("--model takes " + std::string(lin::ModelNames()) +
                                           ", not \"" + v + "\"");
    }
    model_name = v;
    return base::Status::OK();
  };
  o.Add(std::move(model));
  registry::OptionSpec fmt{"format", "the history's format", "FORMAT", format_name,
                           "auto|jepsen|edn|json"};
  fmt.apply = [&format_name](const std::string& v) {
    if (!lin::ParseHistoryFormat(v).ok()) {
      return base::Status::InvalidArgument("--format takes auto|jepsen|edn|json, not \"" + v +
                                           "\"");
    }
    format_name = v;
    return base::Status::OK();
  };
  o.Add(std::move(fmt));
  o.Seconds("time-limit", &time_limit, "give up after this many seconds (exit 3)");
  o.Uint("max-steps", &max_steps, 0, UINT64_MAX,
         "give up after this many search steps "
         "(exit 3); 0: none");
  o.Uint("memory-limit", &memory_mib, 1, UINT64_MAX,
         "give up when one search's memo passes this many MiB (exit 3)");
  o.Switch("no-partition", &no_partition, true,
           "check the whole history as one search, not key by key (for benchmarks)");
  o.Switch("json", &json, true, "end with one JSON line: the result and its figures");
  CommandLine line("linearizable",
                   "Checks a client history (Jepsen log, Knossos/Jepsen EDN, raftcheck JSON) "
                   "for linearizability.");
  line.Add(o);
  line.Positional("HISTORY", &path, "the history file (properties/linearizable/FORMAT.md)");
  if (std::optional<int> code = line.Parse(args)) return *code;

  lin::ReadOptions read;
  read.format = *lin::ParseHistoryFormat(format_name);
  read.model = model_name;
  base::Result<lin::ReadHistoryResult> parsed = lin::ReadHistoryFile(path, read);
  if (!parsed.ok()) return UsageError("linearizable", parsed.status().message());
  const lin::History& history = parsed->history;
  base::Result<std::unique_ptr<lin::Model>> chosen = lin::MakeModel(history.model);
  if (!chosen.ok()) return UsageError("linearizable", chosen.status().message());
  lin::CheckOptions options;
  options.partition = !no_partition;
  options.budget.max_seconds = time_limit;
  options.budget.max_steps = max_steps;
  options.budget.max_memo_bytes = memory_mib * kBytesPerMiB;
  base::Result<lin::CheckResult> checked = lin::Check(history, **chosen, options);
  if (!checked.ok()) {
    return UsageError("linearizable", path + ": " + checked.status().message());
  }
  const lin::CheckResult& r = *checked;

  std::printf(
      "raftcheck linearizable: %s (%s, model %s): %zu operations (%zu indeterminate), "
      "%zu partition%s%s\n",
      path.c_str(), lin::HistoryFormatName(parsed->format), history.model.c_str(), r.operations,
      r.indeterminate, r.partitions, r.partitions == 1 ? "" : "s",
      no_partition ? " (not partitioned)" : "");
  nlohmann::json violation;
  switch (r.verdict) {
    case lin::Verdict::kLinearizable:
      std::printf("linearizable: %zu operations, %zu partitions, %llu steps, %.2f s\n",
                  r.operations, r.partitions, static_cast<unsigned long long>(r.steps), r.seconds);
      break;
    case lin::Verdict::kUnknown:
      std::printf("unknown: %s after %llu steps, %.2f s\n", r.reason.c_str(),
                  static_cast<unsigned long long>(r.steps), r.seconds);
      break;
    case lin::Verdict::kNotLinearizable: {
      const lin::Operation& first = history.operations[r.violation.front()];
      const std::string where = first.has_key ? "key " + first.key + ": " : "";
      std::printf("not linearizable: %s%zu of its %zu operations cannot be ordered%s:\n",
                  where.c_str(), r.violation.size(), r.violation_partition_size,
                  r.minimal ? " (a minimal sub-history)" : " (shrinking cut short)");
      violation = {{"operations", nlohmann::json::array()},
                   {"minimal", r.minimal},
                   {"partition_operations", r.violation_partition_size}};
      if (first.has_key) violation["key"] = first.key;
      for (std::size_t i : r.violation) {
        std::printf("  %s\n", lin::DescribeOperation(history.operations[i]).c_str());
        violation["operations"].push_back(OperationJson(history.operations[i]));
      }
      std::printf("%llu steps, %.2f s (shrinking: %llu steps)\n",
                  static_cast<unsigned long long>(r.steps), r.seconds,
                  static_cast<unsigned long long>(r.shrink_steps));
      break;
    }
  }
  if (json) {
    nlohmann::json j = {{"result", lin::VerdictName(r.verdict)},
                        {"model", history.model},
                        {"format", lin::HistoryFormatName(parsed->format)},
                        {"operations", r.operations},
                        {"indeterminate", r.indeterminate},
                        {"partitions", r.partitions},
                        {"partitioned", !no_partition},
                        {"steps", r.steps},
                        {"memo_entries", r.memo_entries},
                        {"seconds", r.seconds}};
    if (r.verdict == lin::Verdict::kUnknown) j["reason"] = r.reason;
    if (r.verdict == lin::Verdict::kNotLinearizable) j["violation"] = violation;
    std::printf("%s\n", j.dump().c_str());
  }
  switch (r.verdict) {
    case lin::Verdict::kLinearizable:
      return kExitOk;
    case lin::Verdict::kNotLinearizable:
      return kExitViolation;
    case lin::Verdict::kUnknown:
      break;
  }
  return kExitIncomplete;
}

}  // namespace raftcheck::cli
