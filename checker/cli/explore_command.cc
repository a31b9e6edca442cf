// raftcheck explore: exhaustive search of any registered system within its bounds; breadth
// first by default, so that a counterexample is a shortest one.
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"
#include "checker/cli/report.h"
#include "checker/cli/system_command.h"

namespace raftcheck::cli {
namespace {

// Three quarters of physical memory: the default cap that keeps the OOM killer away.
std::uint64_t DefaultMemoryCap() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 4 * 3;
}

}  // namespace

int RunExplore(const std::vector<std::string>& args) {
  SystemCommand cmd("explore",
                    "Explores every state within the bounds, checking every property in every "
                    "state (breadth first: a counterexample is a shortest one).",
                    registry::Command::kExplore, args);
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  double time_limit = 0;
  std::uint64_t max_states = 0;
  std::uint64_t memory_mb = 0;
  bool dfs = false;
  registry::OptionList& o = cmd.options();
  o.Int("threads", &threads, 1, 256, "BFS threads (results never depend on it)");
  o.Seconds("time-limit", &time_limit, "stop after this many seconds (exit 3)");
  o.Uint("max-states", &max_states, 1, UINT64_MAX, "stop after this many states (exit 3)");
  o.Uint("memory-limit", &memory_mb, 1, UINT64_MAX,
         "stop before using this many MiB (default: 3/4 of RAM)");
  o.Switch("dfs", &dfs, true, "depth-first (counterexamples are not shortest)");
  registry::ExploreRequest request;
  const std::string name(cmd.system().name());
  if (cmd.system().capabilities().explore_liveness) {
    o.Switch("liveness", &request.liveness, true,
             "check progress from every state: the faults stop there and a fair schedule must "
             "elect a leader and commit everything within --progress-ticks");
    o.Int("progress-ticks", &request.progress_ticks, 0, 1000000,
          "with --liveness: rounds of ticks the healed cluster has, or without --ticks of "
          "timeouts and heartbeats (0: 20 election timeouts)");
  } else {
    cmd.Unsupported("liveness", "--liveness does not apply to explore --system " + name);
  }
  if (std::optional<int> code = cmd.Parse(args)) return *code;
  const registry::Instance& instance = cmd.instance();
  if (base::Status s = instance.CheckBoundsReachable(); !s.ok()) {
    return UsageError("explore", s.message());
  }
  if (request.liveness) {
    if (base::Status s = instance.CheckLivenessUsable(); !s.ok()) {
      return UsageError("explore", s.message());
    }
  } else if (request.progress_ticks != 0) {
    return UsageError("explore", "--progress-ticks needs --liveness");
  }

  request.dfs = dfs;
  engine::SearchOptions& search = request.search;
  search.threads = threads;
  search.limits.max_seconds = time_limit;
  search.limits.max_states = max_states;
  search.limits.max_memory_bytes = memory_mb ? memory_mb << 20 : DefaultMemoryCap();
  search.initial_set_capacity = std::size_t{1} << 16;
  search.progress = [](const engine::Progress& p) {
    std::fprintf(stderr, "explore: %.0fs %llu states (%.0f/s) depth %u queue %llu\n", p.seconds,
                 static_cast<unsigned long long>(p.states), p.states_per_second, p.depth,
                 static_cast<unsigned long long>(p.queue));
  };
  const nlohmann::json config = instance.ConfigJson();
  std::printf("raftcheck explore: %s %s\n", std::string(cmd.system().name()).c_str(),
              config.dump().c_str());
  std::fflush(stdout);
  const registry::ExploreResult r = instance.Explore(request);
  if (r.outcome == engine::Outcome::kError) {
    return UsageError("explore", "internal error: " + r.reason);
  }

  Report report;
  report.system = cmd.system().name();
  report.result = ResultName(r.outcome);
  report.states = r.stats.distinct_states;
  report.transitions = r.stats.transitions;
  report.depth = r.stats.depth;  // the initial state is depth 1, as in TLC
  report.seconds = r.stats.seconds;
  report.states_per_second = r.stats.states_per_second;
  report.reason = r.reason;
  report.goals = r.goals;
  report.extra = {{"transitions_per_second", r.stats.transitions_per_second},
                  {"bytes_per_state", r.stats.bytes_per_state},
                  {"threads", threads}};
  if (r.counterexample) {
    if (base::Status s = ReportCounterexample(cmd.system(), config, *r.counterexample,
                                              std::nullopt, cmd.out_dir(), &report);
        !s.ok()) {
      std::fprintf(stderr, "raftcheck explore: %s\n", s.message().c_str());
    }
  }
  PrintReport(report, cmd.json());
  return ExitCode(report);
}

}  // namespace raftcheck::cli
