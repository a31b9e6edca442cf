#include "checker/cli/model_command.h"

#include <cstdio>
#include <deque>
#include <filesystem>
#include <optional>
#include <thread>

#include "checker/cli/flags.h"
#include "checker/cli/report.h"
#include "checker/cli/world_options.h"
#include "checker/engine/bfs.h"
#include "checker/engine/dfs.h"
#include "checker/engine/simulate.h"
#include "checker/model/model_json.h"
#include "checker/model/model_properties.h"
#include "impl/bugs.h"

namespace raftcheck::cli {
namespace {

struct ModelOptions {
  std::string system = "model";
  model::ModelConfig config;
  std::string out_dir = "raftcheck-out";
  bool json = false;
  // Cluster-world switches that were given; each is an error for the model.
  std::deque<std::pair<std::string, bool>> world_switches;
};

void AddModelFlags(Flags& flags, ModelOptions* o) {
  model::ModelConfig* c = &o->config;
  flags.Choice("system", &o->system, {"impl", "model"}, "what to check (here: model)");
  flags.Int("nodes", &c->servers, 1, model::kMaxServers, "servers");
  flags.Int("values", &c->values, 0, model::kMaxValues, "client values (the set Value)");
  flags.Int("max-term", &c->max_term, 1, model::kMaxTermBound, "bound: every term <= this");
  flags.Int("max-log", &c->max_log, 0, model::kLogCapacity - 1,
            "bound: every log length <= this");
  flags.Int("max-msgs", &c->max_msgs, 0, model::kBagCapacity - 1,
            "bound: messages in flight (with duplicates)");
  flags.Repeated(
      "bug",
      [c](const std::string& name) -> std::string {
        if (std::optional<model::ModelBug> bug = model::ModelBugFromName(name)) {
          c->Add(*bug);
          return "";
        }
        if (raft::BugFromName(name)) {
          return "--bug " + name + " is a bug of the impl, not of the model (tla-... names)";
        }
        return "unknown model bug \"" + name + "\" (raftcheck bugs lists them)";
      },
      "switch on a seeded model bug (repeatable)");
  for (const char* name : {"max-crashes", "bounds-of"}) {
    flags.Repeated(
        name,
        [name](const std::string&) -> std::string {
          return std::string("--") + name + " does not apply to --system model";
        },
        "(impl only)");
  }
  for (const char* name : {"no-drop", "no-dup", "no-restart", "ready-action", "no-prevote",
                           "batch-appends", "swarm", "liveness"}) {
    o->world_switches.emplace_back(name, false);
    flags.Switch(name, &o->world_switches.back().second, true, "(impl only)");
  }
  flags.String("out", &o->out_dir, "directory for counterexample traces (default raftcheck-out)");
  flags.Switch("json", &o->json, true, "end with one JSON result line on stdout");
}

// Parses args; returns the exit code when the command must stop here, else nullopt.
std::optional<int> ParseModelCommand(Flags& flags, const std::string& command,
                                     const std::vector<std::string>& args,
                                     const ModelOptions& o) {
  bool help = false;
  flags.Switch("help", &help, true, "this list");
  std::string error = flags.Parse(args, nullptr);
  if (error.empty() && help) {
    std::printf("usage: raftcheck %s --system model [flags]\n%s", command.c_str(),
                flags.Usage().c_str());
    return kExitOk;
  }
  for (const auto& [name, given] : o.world_switches) {
    if (error.empty() && given) error = "--" + name + " does not apply to --system model";
  }
  if (error.empty()) error = o.config.Validate();
  if (error.empty()) return std::nullopt;
  std::fprintf(stderr, "raftcheck %s: %s\n", command.c_str(), error.c_str());
  return kExitUsage;
}

void PrintModelSteps(const model::RaftModel& m, const std::vector<model::Action>& actions) {
  std::vector<model::State> init;
  m.InitialStates(init);
  model::State s = init.front();
  for (std::size_t k = 0; k < actions.size(); ++k) {
    std::printf("  %3zu. %s\n", k + 1, m.DescribeIn(s, actions[k]).c_str());
    m.Apply(s, actions[k]);
  }
}

// Writes the counterexample as OUT/PROPERTY.trace.json and fills the report's trace fields.
// A breadth-first counterexample is a shortest one already: it is its own minimization.
void ReportCounterexample(const model::RaftModel& m, const std::string& command,
                          const std::string& out_dir, const std::vector<model::Action>& actions,
                          const traces::Verdict& verdict, std::optional<std::uint64_t> seed,
                          bool shortest, Report* report) {
  report->property = verdict.property;
  report->message = verdict.message;
  report->length = actions.size();
  if (shortest) report->minimized_length = actions.size();
  std::printf("counterexample:\n");
  PrintModelSteps(m, actions);
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  std::string error;
  const std::string path = out_dir + "/" + verdict.property + ".trace.json";
  if (ec) {
    error = out_dir + ": cannot create directory (" + ec.message() + ")";
  } else if (traces::WriteTraceFile(path, MakeModelTrace(m, actions, verdict, seed), &error)) {
    report->trace_path = path;
  }
  if (report->trace_path.empty()) {
    std::fprintf(stderr, "raftcheck %s: %s\n", command.c_str(), error.c_str());
  }
}

}  // namespace

bool SelectsModel(const std::vector<std::string>& args) {
  bool model = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--system" && i + 1 < args.size()) model = args[++i] == "model";
    if (args[i].rfind("--system=", 0) == 0) model = args[i] == "--system=model";
  }
  return model;
}

int RunModelExplore(const std::vector<std::string>& args) {
  ModelOptions o;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  double time_limit = 0;
  std::uint64_t max_states = 0;
  std::uint64_t memory_mb = 0;
  bool dfs = false;
  Flags flags("explore");
  AddModelFlags(flags, &o);
  flags.Int("threads", &threads, 1, 256, "BFS threads (results never depend on it)");
  flags.Seconds("time-limit", &time_limit, "stop after this many seconds (exit 3)");
  flags.Uint("max-states", &max_states, 1, UINT64_MAX, "stop after this many states (exit 3)");
  flags.Uint("memory-limit", &memory_mb, 1, UINT64_MAX,
             "stop before using this many MiB (default: 3/4 of RAM)");
  flags.Switch("dfs", &dfs, true, "depth-first (counterexamples are not shortest)");
  if (std::optional<int> code = ParseModelCommand(flags, "explore", args, o)) return *code;

  const model::RaftModel m(o.config);
  const ModelProperties props(m);
  engine::SearchOptions search;
  search.threads = threads;
  search.limits.max_seconds = time_limit;
  search.limits.max_states = max_states;
  search.limits.max_memory_bytes = memory_mb ? memory_mb << 20 : DefaultMemoryCap();
  search.initial_set_capacity = std::size_t{1} << 20;
  search.progress = [](const engine::Progress& p) {
    std::fprintf(stderr, "explore: %.0fs %llu states (%.0f/s) depth %u queue %llu\n", p.seconds,
                 static_cast<unsigned long long>(p.states), p.states_per_second, p.depth,
                 static_cast<unsigned long long>(p.queue));
  };
  std::printf("raftcheck explore: model %s\n", ModelConfigToJson(o.config).dump().c_str());
  std::fflush(stdout);
  const engine::SearchResult<model::Action> r =
      dfs ? engine::Dfs(m, props, search) : engine::Bfs(m, props, search);

  Report report;
  report.result = std::string(engine::OutcomeName(r.outcome));
  report.states = r.stats.distinct_states;
  report.transitions = r.stats.transitions;
  report.depth = r.stats.depth;  // the initial state is depth 1, as in TLC
  report.seconds = r.stats.seconds;
  report.states_per_second = r.stats.states_per_second;
  report.reason = r.reason;
  report.extra = {{"system", "model"},
                  {"transitions_per_second", r.stats.transitions_per_second},
                  {"bytes_per_state", r.stats.bytes_per_state},
                  {"threads", threads}};
  if (r.outcome == engine::Outcome::kError) {
    std::fprintf(stderr, "raftcheck explore: internal error: %s\n", r.reason.c_str());
    return kExitUsage;
  }
  int code = r.outcome == engine::Outcome::kIncomplete ? kExitIncomplete : kExitOk;
  if (r.counterexample) {
    const auto& cx = *r.counterexample;
    ReportCounterexample(m, "explore", o.out_dir, cx.actions,
                         traces::Verdict{cx.property, cx.actions.size(), cx.message},
                         std::nullopt, /*shortest=*/!dfs, &report);
    code = kExitViolation;
  }
  PrintReport(report, o.json);
  return code;
}

int RunModelSimulate(const std::vector<std::string>& args) {
  ModelOptions o;
  // Looser than the TLC reference bounds: a walk ends at its first out-of-bound state.
  o.config.values = 2;
  o.config.max_term = 4;
  o.config.max_log = 4;
  o.config.max_msgs = 5;
  std::uint64_t seed = 1;
  std::uint64_t runs = 1000;
  std::uint64_t steps = 200;
  double time_limit = 0;
  Flags flags("simulate");
  AddModelFlags(flags, &o);
  flags.Uint("seed", &seed, 0, UINT64_MAX, "seed of run 0 (default 1); runs derive theirs");
  flags.Uint("runs", &runs, 1, UINT64_MAX, "random walks (default 1000)");
  flags.Uint("steps", &steps, 1, 1000000, "actions per walk (default 200)");
  flags.Seconds("time-limit", &time_limit, "stop after this many seconds (exit 3)");
  if (std::optional<int> code = ParseModelCommand(flags, "simulate", args, o)) return *code;

  const model::RaftModel m(o.config);
  const ModelProperties props(m);
  std::printf("raftcheck simulate: model, seed %llu, %s\n",
              static_cast<unsigned long long>(seed), ModelConfigToJson(o.config).dump().c_str());
  std::fflush(stdout);
  engine::SimulationOptions so;
  so.seed = seed;
  so.runs = runs;
  so.max_steps = steps;
  so.max_seconds = time_limit;
  const engine::SimulationResult<model::Action> r = engine::Simulate(m, props, so);
  Report report;
  report.result = std::string(engine::OutcomeName(r.outcome));
  report.reason = r.reason;
  report.states = r.steps;
  report.transitions = r.steps;
  report.seconds = r.seconds;
  report.states_per_second = r.seconds > 0 ? static_cast<double>(r.steps) / r.seconds : 0;
  report.extra = {{"system", "model"},        {"runs", r.runs_done},
                  {"seed", seed},             {"deadlocks", r.deadlocks},
                  {"out_of_bounds", r.out_of_bounds}};
  int code = r.outcome == engine::Outcome::kIncomplete ? kExitIncomplete : kExitOk;
  if (r.counterexample) {
    report.extra["run"] = r.run;
    ReportCounterexample(m, "simulate", o.out_dir, r.counterexample->actions,
                         traces::Verdict{r.counterexample->property,
                                         r.counterexample->actions.size(),
                                         r.counterexample->message},
                         seed, /*shortest=*/false, &report);
    code = kExitViolation;
  }
  PrintReport(report, o.json);
  return code;
}

}  // namespace raftcheck::cli
