#include "properties/linearizable/checker.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>

#include "properties/linearizable/search.h"
#include "properties/linearizable/shrink.h"

namespace raftcheck::linearizable {
namespace {

using Clock = std::chrono::steady_clock;

// A shrinking candidate may search this many times the steps that found the violation, and
// at least kShrinkMinSteps: a sub-history can take longer to refute than the whole.
constexpr std::uint64_t kShrinkStepsFactor = 4;
constexpr std::uint64_t kShrinkMinSteps = std::uint64_t{1} << 20;
constexpr double kBytesPerMiB = 1024.0 * 1024.0;

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

std::string LimitReason(Limit limit, const Budget& budget) {
  switch (limit) {
    case Limit::kSteps:
      return "step limit of " + std::to_string(budget.max_steps) + " reached";
    case Limit::kTime:
      return "time limit of " + Seconds(budget.max_seconds) + " s reached";
    case Limit::kMemory:
      return "memo limit of " + Seconds(budget.max_memo_bytes / kBytesPerMiB) + " MiB reached";
    case Limit::kNone:
      break;
  }
  return "";
}

std::string NameOperation(const History& h, std::size_t i) {
  const Operation& op = h.operations[i];
  std::string s = "operation " + std::to_string(i);
  if (op.invoke_line > 0) s += " (line " + std::to_string(op.invoke_line) + ")";
  return s;
}

}  // namespace

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kLinearizable:
      return "linearizable";
    case Verdict::kNotLinearizable:
      return "not-linearizable";
    case Verdict::kUnknown:
      return "unknown";
  }
  return "?";
}

base::Result<CheckResult> Check(const History& history, const Model& model,
                                const CheckOptions& options) {
  const Clock::time_point start = Clock::now();
  std::optional<Clock::time_point> deadline;
  if (options.budget.max_seconds > 0) {
    deadline = start + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(options.budget.max_seconds));
  }
  CheckResult result;
  // Partitions in ascending order (invariant 4); operations stay in invocation order.
  std::map<std::int64_t, std::vector<const Operation*>> partitions;
  for (std::size_t i = 0; i < history.operations.size(); ++i) {
    const Operation& op = history.operations[i];
    if (!op.Counts()) continue;
    if (base::Status s = model.Accepts(op); !s.ok()) {
      return s.Prefixed(NameOperation(history, i));
    }
    ++result.operations;
    if (!op.Determinate()) ++result.indeterminate;
    partitions[options.partition ? model.Partition(op) : 0].push_back(&op);
  }
  result.partitions = partitions.size();
  std::optional<std::string> unknown;
  for (const auto& [key, ops] : partitions) {
    if (deadline && Clock::now() >= *deadline) {
      unknown = LimitReason(Limit::kTime, options.budget);
      break;
    }
    SearchLimits limits;
    limits.deadline = deadline;
    limits.max_memo_bytes = options.budget.max_memo_bytes;
    if (options.budget.max_steps > 0) {
      if (result.steps >= options.budget.max_steps) {
        unknown = LimitReason(Limit::kSteps, options.budget);
        break;
      }
      limits.max_steps = options.budget.max_steps - result.steps;
    }
    const SearchOutcome r = Search(model, ops, limits);
    result.steps += r.steps;
    result.memo_entries = std::max(result.memo_entries, r.memo_entries);
    if (!r.linearizable) {
      unknown = LimitReason(r.limit, options.budget);
      if (r.limit == Limit::kMemory) continue;  // another partition may still fail
      break;
    }
    if (*r.linearizable) continue;
    result.verdict = Verdict::kNotLinearizable;
    result.violation_partition_size = ops.size();
    std::vector<const Operation*> violation = ops;
    if (options.shrink) {
      SearchLimits per_check = limits;
      per_check.max_steps = std::max(kShrinkMinSteps, kShrinkStepsFactor * r.steps);
      ShrinkOutcome shrunk = Shrink(model, ops, per_check);
      result.shrink_steps = shrunk.steps;
      result.minimal = shrunk.minimal;
      violation = std::move(shrunk.ops);
    }
    for (const Operation* op : violation) {
      result.violation.push_back(static_cast<std::size_t>(op - history.operations.data()));
    }
    break;
  }
  if (result.verdict != Verdict::kNotLinearizable && unknown) {
    result.verdict = Verdict::kUnknown;
    result.reason = *unknown;
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace raftcheck::linearizable
