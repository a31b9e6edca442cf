#include "checker/cli/report.h"

#include <cstdio>
#include <filesystem>

#include "checker/cli/exit_codes.h"
#include "traces/minimize.h"
#include "traces/replay.h"
#include "traces/trace.h"

namespace raftcheck::cli {

base::Status ReportCounterexample(const registry::SystemEntry& system,
                                  const nlohmann::json& config,
                                  const registry::Counterexample& cx,
                                  std::optional<std::uint64_t> seed, const std::string& out_dir,
                                  Report* report) {
  report->property = cx.property;
  report->message = cx.message;
  report->liveness = cx.liveness;
  report->length = cx.actions.size();
  const traces::Trace found =
      traces::FromCounterexample(std::string(system.name()), config, cx, seed);
  base::Result<traces::Replay> replay = traces::ReplayTrace(system, found);
  if (!replay.ok() || replay->violation != found.verdict) {
    return base::Status::InvalidArgument(
        "internal error: the counterexample for " + cx.property + " does not replay (" +
        (replay.ok() ? std::string("another verdict") : replay.status().message()) + ")");
  }
  std::printf("counterexample%s:\n",
              cx.run ? (" (run " + std::to_string(*cx.run) + ")").c_str() : "");
  for (std::size_t k = 0; k < replay->timeline.steps.size(); ++k) {
    std::printf("  %3zu. %s\n", k + 1, replay->timeline.steps[k].text.c_str());
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    return base::Status::InvalidArgument(out_dir + ": cannot create directory (" + ec.message() +
                                         ")");
  }
  const std::string stem = out_dir + "/" + cx.property;
  if (base::Status s = traces::WriteTraceFile(stem + ".trace.json", found); !s.ok()) return s;
  report->trace_path = stem + ".trace.json";
  if (cx.liveness) return base::Status::OK();  // kept as found (traces/minimize.h)
  base::Result<traces::Trace> minimized = traces::MinimizeTrace(system, found, nullptr);
  if (!minimized.ok()) return minimized.status();
  if (base::Status s = traces::WriteTraceFile(stem + ".min.trace.json", *minimized); !s.ok()) {
    return s;
  }
  report->minimized_trace_path = stem + ".min.trace.json";
  report->minimized_length = minimized->actions.size();
  return base::Status::OK();
}

std::string ResultName(engine::Outcome outcome) { return std::string(engine::OutcomeName(outcome)); }

namespace {

std::string Join(const std::vector<std::string>& xs) {
  std::string out;
  for (const std::string& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
}

}  // namespace

void PrintReport(const Report& r, bool json) {
  std::printf("%s: %llu distinct states, %llu transitions, depth %llu, %.2f s (%.0f states/s)\n",
              r.result.c_str(), static_cast<unsigned long long>(r.states),
              static_cast<unsigned long long>(r.transitions),
              static_cast<unsigned long long>(r.depth), r.seconds, r.states_per_second);
  if (!r.reason.empty()) std::printf("stopped: %s\n", r.reason.c_str());
  if (r.result == "violation") {
    std::printf("%s of %s: %s\n", r.liveness ? "liveness violation" : "violation",
                r.property.c_str(), r.message.c_str());
    if (!r.trace_path.empty()) {
      std::printf("trace (%zu steps): %s\n", r.length, r.trace_path.c_str());
    }
    if (!r.minimized_trace_path.empty()) {
      std::printf("minimized (%zu steps): %s\n", *r.minimized_length,
                  r.minimized_trace_path.c_str());
    }
  }
  std::vector<std::string> reached, missed;
  if (r.goals) {
    for (std::size_t k = 0; k < r.goals->names.size(); ++k) {
      if (!r.goals->Enabled(k)) continue;
      (r.goals->Reached(k) ? reached : missed).push_back(r.goals->names[k]);
    }
    std::printf("goals reached: %s%s%s\n", reached.empty() ? "none" : Join(reached).c_str(),
                missed.empty() ? "" : "; not reached: ", Join(missed).c_str());
    if (reached.empty() && r.result != "violation") {
      std::printf("warning: no goal was reached (%s): these bounds explore nothing worth the name\n",
                  Join(missed).c_str());
    }
  }
  if (!json) return;
  nlohmann::json j{{"result", r.result},
                   {"system", r.system},
                   {"states", r.states},
                   {"transitions", r.transitions},
                   {"depth", r.depth},
                   {"seconds", r.seconds},
                   {"states_per_second", r.states_per_second}};
  if (r.goals) j["goals"] = {{"reached", reached}, {"missed", missed}};
  if (r.result == "violation") {
    nlohmann::json v{{"property", r.property},
                     {"message", r.message},
                     {"kind", r.liveness ? "liveness" : "safety"},
                     {"trace", r.trace_path},
                     {"length", r.length}};
    if (!r.minimized_trace_path.empty()) v["minimized_trace"] = r.minimized_trace_path;
    if (r.minimized_length) v["minimized_length"] = *r.minimized_length;
    j["violation"] = v;
  }
  if (!r.reason.empty()) j["reason"] = r.reason;
  for (auto it = r.extra.begin(); it != r.extra.end(); ++it) j[it.key()] = it.value();
  std::printf("%s\n", j.dump().c_str());
}

int ExitCode(const Report& r) {
  if (r.result == "violation") return kExitViolation;
  if (r.result == "incomplete") return kExitIncomplete;
  if (r.result == "ok") return kExitOk;
  return kExitUsage;
}

}  // namespace raftcheck::cli
