#include "checker/cli/abstract_command.h"

#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "checker/abstract/abstract_json.h"
#include "checker/abstract/abstract_properties.h"
#include "checker/abstract/abstract_trace.h"
#include "checker/cli/world_options.h"
#include "checker/engine/bfs.h"

namespace raftcheck::cli {

namespace ab = model::abstract;

bool SelectsAbstract(const std::vector<std::string>& args) {
  bool selected = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--system" && i + 1 < args.size()) selected = args[++i] == "abstract";
    if (args[i].rfind("--system=", 0) == 0) selected = args[i] == "--system=abstract";
  }
  return selected;
}

void AddAbstractFlags(Flags& flags, AbstractOptions* o) {
  ab::AbstractConfig* c = &o->config;
  flags.Choice("system", &o->system, {"abstract"}, "what to check (here: abstract)");
  flags.Int("nodes", &c->servers, 1, ab::kMaxServers, "servers (default 3)");
  flags.Int("max-term", &c->max_term, 1, ab::kMaxTermBound,
            "bound: every term <= this (default 3)");
  flags.Int("max-log", &c->max_log, 1, ab::kLogCapacity - 1,
            "bound: every log length <= this (default 3)");
  flags.Repeated(
      "bug",
      [c](const std::string& name) -> std::string {
        if (std::optional<ab::AbstractBug> bug = ab::AbstractBugFromName(name)) {
          c->Add(*bug);
          return "";
        }
        return "unknown abstract bug \"" + name +
               "\" (abstract-double-vote, abstract-commit-old-term)";
      },
      "switch on a seeded deviation (repeatable)");
  flags.String("out", &o->out_dir, "directory for counterexample traces (default raftcheck-out)");
  flags.Switch("json", &o->json, true, "end with one JSON result line on stdout");
}

std::optional<int> ParseAbstractCommand(Flags& flags, const std::string& command,
                                        const std::vector<std::string>& args,
                                        const AbstractOptions& o) {
  bool help = false;
  flags.Switch("help", &help, true, "this list");
  std::string error = flags.Parse(args, nullptr);
  if (error.empty() && help) {
    std::printf("usage: raftcheck %s --system abstract [flags]\n%s", command.c_str(),
                flags.Usage().c_str());
    return kExitOk;
  }
  if (error.empty()) error = o.config.Validate();
  if (error.empty()) return std::nullopt;
  std::fprintf(stderr, "raftcheck %s: %s\n", command.c_str(), error.c_str());
  return kExitUsage;
}

void ReportAbstractCounterexample(const ab::AbstractRaft& model, const std::string& command,
                                  const std::string& out_dir,
                                  const std::vector<ab::Action>& actions,
                                  const traces::Verdict& verdict, Report* report) {
  report->property = verdict.property;
  report->message = verdict.message;
  report->length = actions.size();
  std::vector<ab::State> init;
  model.InitialStates(init);
  ab::State s = init.front();
  std::printf("counterexample:\n        %s\n", model.DescribeState(s).c_str());
  for (std::size_t k = 0; k < actions.size(); ++k) {
    model.Apply(s, actions[k]);
    std::printf("  %3zu. %s\n        %s\n", k + 1, model.Describe(actions[k]).c_str(),
                model.DescribeState(s).c_str());
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  std::string error;
  const std::string path = out_dir + "/" + verdict.property + ".trace.json";
  if (ec) {
    error = out_dir + ": cannot create directory (" + ec.message() + ")";
  } else if (traces::WriteTraceFile(path, MakeAbstractTrace(model, actions, verdict), &error)) {
    report->trace_path = path;
  }
  if (report->trace_path.empty()) {
    std::fprintf(stderr, "raftcheck %s: %s\n", command.c_str(), error.c_str());
  }
}

int RunAbstractExplore(const std::vector<std::string>& args) {
  AbstractOptions o;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  double time_limit = 0;
  std::uint64_t max_states = 0;
  Flags flags("explore");
  AddAbstractFlags(flags, &o);
  flags.Int("threads", &threads, 1, 256, "BFS threads (results never depend on it)");
  flags.Seconds("time-limit", &time_limit, "stop after this many seconds (exit 3)");
  flags.Uint("max-states", &max_states, 1, UINT64_MAX, "stop after this many states (exit 3)");
  if (std::optional<int> code = ParseAbstractCommand(flags, "explore", args, o)) return *code;

  const ab::AbstractRaft model(o.config);
  const AbstractProperties props(model);
  engine::SearchOptions search;
  search.threads = threads;
  search.limits.max_seconds = time_limit;
  search.limits.max_states = max_states;
  search.limits.max_memory_bytes = DefaultMemoryCap();
  search.initial_set_capacity = std::size_t{1} << 16;
  search.progress = [](const engine::Progress& p) {
    std::fprintf(stderr, "explore: %.0fs %llu states (%.0f/s) depth %u queue %llu\n", p.seconds,
                 static_cast<unsigned long long>(p.states), p.states_per_second, p.depth,
                 static_cast<unsigned long long>(p.queue));
  };
  std::printf("raftcheck explore: abstract %s\n", AbstractConfigToJson(o.config).dump().c_str());
  std::fflush(stdout);
  const engine::SearchResult<ab::Action> r = engine::Bfs(model, props, search);

  Report report;
  report.result = std::string(engine::OutcomeName(r.outcome));
  report.states = r.stats.distinct_states;
  report.transitions = r.stats.transitions;
  report.depth = r.stats.depth;  // the initial state is depth 1, as in TLC
  report.seconds = r.stats.seconds;
  report.states_per_second = r.stats.states_per_second;
  report.reason = r.reason;
  report.extra = {{"system", "abstract"}, {"threads", threads}};
  if (r.outcome == engine::Outcome::kError) {
    std::fprintf(stderr, "raftcheck explore: internal error: %s\n", r.reason.c_str());
    return kExitUsage;
  }
  int code = r.outcome == engine::Outcome::kIncomplete ? kExitIncomplete : kExitOk;
  if (r.counterexample) {
    const auto& cx = *r.counterexample;
    // Breadth-first: the path is a shortest one; its length is the depth BMC must agree on.
    ReportAbstractCounterexample(model, "explore", o.out_dir, cx.actions,
                                 traces::Verdict{cx.property, cx.actions.size(), cx.message},
                                 &report);
    report.minimized_length = cx.actions.size();
    code = kExitViolation;
  }
  PrintReport(report, o.json);
  return code;
}

}  // namespace raftcheck::cli
