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
  if (std::optional<int> code = cmd.Parse(args)) return *code;
  const registry::Instance& instance = cmd.instance();
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
