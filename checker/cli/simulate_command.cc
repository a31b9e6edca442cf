// raftcheck simulate: seeded random walks through any registered system, every property
// checked at every step; --swarm draws per-run fault weights, --liveness checks progress under
// a fair schedule (for the systems that have them).
#include <cstdio>

#include "checker/cli/commands.h"
#include "checker/cli/report.h"
#include "checker/cli/system_command.h"

namespace raftcheck::cli {

int RunSimulate(const std::vector<std::string>& args) {
  SystemCommand cmd("simulate",
                    "Walks seeded random paths, checking every property at every step (run i "
                    "is seeded from --seed and i, so a seed replays).",
                    registry::Command::kSimulate, args);
  registry::SimulateRequest request;
  registry::OptionList& o = cmd.options();
  o.Uint("seed", &request.seed, 0, UINT64_MAX, "seed of run 0; runs derive theirs");
  o.Uint("runs", &request.runs, 1, UINT64_MAX, "random walks");
  o.Uint("steps", &request.steps, 1, 1000000, "actions per walk (--liveness: the random prefix)");
  o.Seconds("time-limit", &request.time_limit, "stop after this many seconds (exit 3)");
  const std::string name(cmd.system().name());
  const registry::Capabilities caps = cmd.system().capabilities();
  if (caps.swarm) {
    o.Switch("swarm", &request.swarm, true, "per-run random fault weights and partitions");
  } else {
    cmd.Unsupported("swarm", "--swarm does not apply to --system " + name);
  }
  if (caps.liveness) {
    o.Switch("liveness", &request.liveness, true,
             "check progress: a random prefix of --steps, then a fair schedule");
  } else {
    cmd.Unsupported("liveness", "--liveness does not apply to --system " + name);
  }
  bool time = false;
  registry::TimeRequest time_request;
  if (caps.time) {
    o.Switch("time", &time, true,
             "virtual time: latencies, partitions (full, one link, one way), paused nodes and "
             "crashes by the clock; reports time to elect and to commit (needs --ticks)");
    o.Int("tick-ms", &time_request.tick_ms, 1, 100000, "with --time: virtual ms per tick");
    o.Int("timeout-window", &time_request.timeout_window, 0, 1000,
          "with --time: ticks the randomized election timeout spreads over (0: the "
          "library's [e, 2e))");
    o.Int("progress-ticks", &time_request.progress_ticks, 0, 1000000,
          "with --time --liveness: ticks the healed cluster has to elect and commit (0: 20 "
          "election timeouts)");
  } else {
    cmd.Unsupported("time", "--time does not apply to --system " + name);
  }
  if (std::optional<int> code = cmd.Parse(args)) return *code;
  const registry::Instance& instance = cmd.instance();
  if (time) {
    if (base::Status s = instance.CheckTimeUsable(); !s.ok()) {
      return UsageError("simulate", s.message());
    }
    request.time = time_request;
  }
  if (base::Status s = instance.CheckBoundsReachable(); !s.ok()) {
    return UsageError("simulate", s.message());
  }
  const nlohmann::json config = instance.ConfigJson();
  std::printf("raftcheck simulate: %s, seed %llu, %s\n", name.c_str(),
              static_cast<unsigned long long>(request.seed), config.dump().c_str());
  std::fflush(stdout);
  const registry::SimulateResult r = instance.Simulate(request);
  if (r.outcome == engine::Outcome::kError) {
    return UsageError("simulate", "internal error: " + r.reason);
  }

  Report report;
  report.system = name;
  report.result = ResultName(r.outcome);
  report.reason = r.reason;
  report.states = r.steps;
  report.transitions = r.steps;
  report.seconds = r.seconds;
  report.states_per_second = r.seconds > 0 ? static_cast<double>(r.steps) / r.seconds : 0;
  report.goals = r.goals;
  report.extra = {{"runs", r.runs_done},
                  {"seed", request.seed},
                  {"deadlocks", r.deadlocks},
                  {"out_of_bounds", r.out_of_bounds}};
  for (const auto& [key, figure] : r.figures) {
    std::printf("%s: %s\n", key.c_str(), figure.c_str());
    report.extra[key] = figure;
  }
  if (r.counterexample) {
    report.extra["run"] = *r.counterexample->run;
    if (base::Status s = ReportCounterexample(cmd.system(), config, *r.counterexample,
                                              request.seed, cmd.out_dir(), &report);
        !s.ok()) {
      std::fprintf(stderr, "raftcheck simulate: %s\n", s.message().c_str());
    }
  }
  PrintReport(report, cmd.json());
  return ExitCode(report);
}

}  // namespace raftcheck::cli
