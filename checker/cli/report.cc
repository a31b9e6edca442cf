#include "checker/cli/report.h"

#include <cstdio>
#include <filesystem>

#include "checker/world/liveness.h"
#include "traces/minimize.h"
#include "traces/world_trace.h"

namespace raftcheck::cli {

bool WriteCounterexample(const ClusterWorld& world, const std::string& out_dir,
                         const std::vector<WorldAction>& actions, const traces::Verdict& verdict,
                         std::optional<std::uint64_t> seed, Report* report, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    *error = out_dir + ": cannot create directory (" + ec.message() + ")";
    return false;
  }
  const std::string stem = out_dir + "/" + verdict.property;
  const traces::Trace found = traces::MakeWorldTrace(world, actions, verdict, seed);
  if (!traces::WriteTraceFile(stem + ".trace.json", found, error)) return false;
  report->trace_path = stem + ".trace.json";
  if (verdict.property == kProgress) return true;  // liveness: replay checks safety only
  traces::Trace minimized;
  traces::MinimizeStats stats;
  if (!traces::MinimizeWorldTrace(found, &minimized, &stats, error)) return false;
  if (!traces::WriteTraceFile(stem + ".min.trace.json", minimized, error)) return false;
  report->minimized_trace_path = stem + ".min.trace.json";
  report->minimized_length = minimized.actions.size();
  return true;
}

void PrintSteps(const ClusterWorld& world, const std::vector<WorldAction>& actions) {
  std::vector<WorldState> init;
  world.InitialStates(init);
  WorldState s = init.front();
  for (std::size_t k = 0; k < actions.size(); ++k) {
    std::printf("  %3zu. %s\n", k + 1, world.DescribeIn(s, actions[k]).c_str());
    world.Apply(s, actions[k]);
  }
}

void PrintReport(const Report& r, bool json) {
  std::printf("%s: %llu distinct states, %llu transitions, depth %llu, %.2f s (%.0f states/s)\n",
              r.result.c_str(), static_cast<unsigned long long>(r.states),
              static_cast<unsigned long long>(r.transitions),
              static_cast<unsigned long long>(r.depth), r.seconds, r.states_per_second);
  if (!r.reason.empty()) std::printf("stopped: %s\n", r.reason.c_str());
  if (r.result == "violation") {
    std::printf("violation of %s: %s\n", r.property.c_str(), r.message.c_str());
    if (!r.trace_path.empty()) {
      std::printf("trace (%zu steps): %s\n", r.length, r.trace_path.c_str());
    }
    if (!r.minimized_trace_path.empty()) {
      std::printf("minimized (%zu steps): %s\n", *r.minimized_length,
                  r.minimized_trace_path.c_str());
    }
  }
  if (!json) return;
  nlohmann::json j{{"result", r.result},
                   {"states", r.states},
                   {"transitions", r.transitions},
                   {"depth", r.depth},
                   {"seconds", r.seconds},
                   {"states_per_second", r.states_per_second}};
  if (r.result == "violation") {
    nlohmann::json v{{"property", r.property},
                     {"message", r.message},
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

}  // namespace raftcheck::cli
