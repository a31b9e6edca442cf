// raftcheck simulate: seeded random walks through the cluster world (optionally swarm), with
// every property checked at every step; --liveness checks progress under a fair schedule.
#include <chrono>
#include <cstdio>

#include "checker/cli/commands.h"
#include "checker/cli/model_command.h"
#include "checker/cli/report.h"
#include "checker/cli/world_options.h"
#include "checker/engine/simulate.h"
#include "checker/world/liveness.h"
#include "checker/world/swarm.h"
#include "checker/world/world_json.h"
#include "checker/world/world_properties.h"

namespace raftcheck::cli {

int RunSimulate(const std::vector<std::string>& args) {
  if (SelectsModel(args)) return RunModelSimulate(args);
  WorldOptions o;
  o.world = SimulationDefaults();
  std::uint64_t seed = 1;
  std::uint64_t runs = 1000;
  std::uint64_t steps = 200;
  double time_limit = 0;
  bool swarm = false;
  bool liveness = false;
  Flags flags("simulate");
  AddWorldFlags(flags, &o);
  flags.Uint("seed", &seed, 0, UINT64_MAX, "seed of run 0 (default 1); runs derive theirs");
  flags.Uint("runs", &runs, 1, UINT64_MAX, "random walks (default 1000)");
  flags.Uint("steps", &steps, 1, 1000000, "actions per walk (default 200)");
  flags.Switch("swarm", &swarm, true, "per-run random fault weights and partitions");
  flags.Switch("liveness", &liveness, true,
               "check progress: random prefix of --steps, then a fair schedule");
  flags.Seconds("time-limit", &time_limit, "stop after this many seconds (exit 3)");
  if (std::optional<int> code = ParseWorldCommand(flags, "simulate", args, o)) return *code;
  const ClusterWorld world(o.world);
  std::printf("raftcheck simulate: seed %llu, %s\n", static_cast<unsigned long long>(seed),
              ConfigToJson(o.world).dump().c_str());
  std::fflush(stdout);

  Report report;
  std::vector<WorldAction> path;
  std::optional<std::uint64_t> run;
  int code = kExitOk;
  if (liveness) {
    LivenessOptions lo;
    lo.seed = seed;
    lo.runs = runs;
    lo.prefix_steps = steps;
    lo.swarm = swarm;
    const auto start = std::chrono::steady_clock::now();  // for the report only
    const LivenessResult r = CheckProgress(world, lo);
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report.result = r.violated ? "violation" : "ok";
    report.states = report.transitions = r.steps;
    report.states_per_second = report.seconds > 0 ? static_cast<double>(r.steps) / report.seconds : 0;
    report.extra = {{"runs", r.runs_done}, {"seed", seed}};
    if (r.violated) {
      report.property = kProgress;
      report.message = r.message;
      path = r.actions;
      run = r.run;
    }
  } else {
    engine::SimulationOptions so;
    so.seed = seed;
    so.runs = runs;
    so.max_steps = steps;
    so.max_seconds = time_limit;
    const WorldProperties props(world);
    const engine::SimulationResult<WorldAction> r =
        engine::Simulate(world, props, so, SwarmChooser(swarm));
    report.result = std::string(engine::OutcomeName(r.outcome));
    report.reason = r.reason;
    report.states = r.steps;
    report.transitions = r.steps;
    report.seconds = r.seconds;
    report.states_per_second = r.seconds > 0 ? static_cast<double>(r.steps) / r.seconds : 0;
    report.extra = {{"runs", r.runs_done}, {"seed", seed}, {"deadlocks", r.deadlocks},
                    {"out_of_bounds", r.out_of_bounds}};
    if (r.outcome == engine::Outcome::kIncomplete) code = kExitIncomplete;
    if (r.counterexample) {
      report.property = r.counterexample->property;
      report.message = r.counterexample->message;
      path = r.counterexample->actions;
      run = r.run;
    }
  }
  if (run) {
    report.length = path.size();
    report.extra["run"] = *run;
    std::printf("counterexample (run %llu, seed %llu):\n", static_cast<unsigned long long>(*run),
                static_cast<unsigned long long>(engine::RunSeed(seed, *run)));
    PrintSteps(world, path);
    std::string error;
    if (!WriteCounterexample(world, o.out_dir, path,
                             traces::Verdict{report.property, path.size(), report.message}, seed,
                             &report, &error)) {
      std::fprintf(stderr, "raftcheck simulate: %s\n", error.c_str());
    }
    code = kExitViolation;
  }
  PrintReport(report, o.json);
  return code;
}

}  // namespace raftcheck::cli
