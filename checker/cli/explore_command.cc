// raftcheck explore: exhaustive search of the cluster world within bounds.
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "checker/cli/abstract_command.h"
#include "checker/cli/commands.h"
#include "checker/cli/model_command.h"
#include "checker/cli/report.h"
#include "checker/cli/world_options.h"
#include "checker/engine/bfs.h"
#include "checker/engine/dfs.h"
#include "checker/world/world_json.h"
#include "checker/world/world_properties.h"

namespace raftcheck::cli {

int RunExplore(const std::vector<std::string>& args) {
  if (SelectsModel(args)) return RunModelExplore(args);
  if (SelectsAbstract(args)) return RunAbstractExplore(args);
  WorldOptions o;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  double time_limit = 0;
  std::uint64_t max_states = 0;
  std::uint64_t memory_mb = 0;
  bool dfs = false;
  Flags flags("explore");
  AddWorldFlags(flags, &o);
  flags.Int("threads", &threads, 1, 256, "BFS threads (results never depend on it)");
  flags.Seconds("time-limit", &time_limit, "stop after this many seconds (exit 3)");
  flags.Uint("max-states", &max_states, 1, UINT64_MAX, "stop after this many states (exit 3)");
  flags.Uint("memory-limit", &memory_mb, 1, UINT64_MAX,
             "stop before using this many MiB (default: 3/4 of RAM)");
  flags.Switch("dfs", &dfs, true, "depth-first (counterexamples are not shortest)");
  if (std::optional<int> code = ParseWorldCommand(flags, "explore", args, o)) return *code;

  const ClusterWorld world(o.world);
  const WorldProperties props(world);
  engine::SearchOptions search;
  search.threads = threads;
  search.limits.max_seconds = time_limit;
  search.limits.max_states = max_states;
  search.limits.max_memory_bytes = memory_mb ? memory_mb << 20 : DefaultMemoryCap();
  search.progress = [](const engine::Progress& p) {
    std::fprintf(stderr, "explore: %.0fs %llu states (%.0f/s) depth %u queue %llu\n", p.seconds,
                 static_cast<unsigned long long>(p.states), p.states_per_second, p.depth,
                 static_cast<unsigned long long>(p.queue));
  };
  std::printf("raftcheck explore: %s\n", ConfigToJson(o.world).dump().c_str());
  std::fflush(stdout);
  const engine::SearchResult<WorldAction> r =
      dfs ? engine::Dfs(world, props, search) : engine::Bfs(world, props, search);

  Report report;
  report.result = std::string(engine::OutcomeName(r.outcome));
  report.states = r.stats.distinct_states;
  report.transitions = r.stats.transitions;
  report.depth = r.stats.depth;
  report.seconds = r.stats.seconds;
  report.states_per_second = r.stats.states_per_second;
  report.reason = r.reason;
  report.extra = {{"transitions_per_second", r.stats.transitions_per_second},
                  {"bytes_per_state", r.stats.bytes_per_state},
                  {"threads", threads}};
  int code = kExitOk;
  if (r.outcome == engine::Outcome::kIncomplete) code = kExitIncomplete;
  if (r.outcome == engine::Outcome::kError) {
    std::fprintf(stderr, "raftcheck explore: internal error: %s\n", r.reason.c_str());
    return kExitUsage;
  }
  if (r.counterexample) {
    const auto& cx = *r.counterexample;
    report.property = cx.property;
    report.message = cx.message;
    report.length = cx.actions.size();
    std::printf("counterexample:\n");
    PrintSteps(world, cx.actions);
    std::string error;
    if (!WriteCounterexample(world, o.out_dir, cx.actions,
                             traces::Verdict{cx.property, cx.actions.size(), cx.message},
                             std::nullopt, &report, &error)) {
      std::fprintf(stderr, "raftcheck explore: %s\n", error.c_str());
    }
    code = kExitViolation;
  }
  PrintReport(report, o.json);
  return code;
}

}  // namespace raftcheck::cli
