#include "checker/cli/world_options.h"

#include <unistd.h>

#include <cstdio>

#include "checker/world/bug_scenarios.h"
#include "impl/bugs.h"

namespace raftcheck::cli {

void AddWorldFlags(Flags& flags, WorldOptions* o) {
  WorldConfig* w = &o->world;
  flags.Choice("system", &o->system, {"impl", "model", "abstract"},
               "what to check (default impl)");
  flags.Int("nodes", &w->nodes, 1, 5, "cluster size");
  flags.Int("values", &w->values, 0, 9, "client values proposed, each at most once");
  flags.Uint("max-term", &w->max_term, 1, 250, "bound: every term <= this");
  flags.Uint("max-log", &w->max_log, 1, 250, "bound: every log length <= this");
  flags.Int("max-msgs", &w->max_msgs, 0, 1000, "bound: messages in flight (with duplicates)");
  flags.Int("max-crashes", &w->max_crashes, 0, 250, "crashes allowed over a run");
  flags.Switch("no-drop", &w->drop, false, "messages are never lost");
  flags.Switch("no-dup", &w->duplicate, false, "messages are never duplicated");
  flags.Switch("no-restart", &w->restart, false, "crashed nodes stay down");
  flags.Switch("ready-action", &w->ready_action, true,
               "handling a Ready is an action (a crash can fall before persisting)");
  flags.Switch("no-prevote", &w->pre_vote, false, "nodes campaign without PreVote");
  flags.Switch("batch-appends", &w->single_entry_appends, false,
               "appends carry every entry they can (default: one entry each)");
  flags.Repeated(
      "bug",
      [w](const std::string& name) -> std::string {
        std::optional<raft::Bug> bug = raft::BugFromName(name);
        if (!bug) return "unknown bug \"" + name + "\" (raftcheck bugs lists them)";
        w->bugs.Add(*bug);
        return "";
      },
      "switch on a seeded bug (repeatable)");
  flags.Repeated(
      "bounds-of",
      [w](const std::string& name) -> std::string {
        std::optional<raft::Bug> bug = raft::BugFromName(name);
        if (!bug) return "unknown bug \"" + name + "\" (raftcheck bugs lists them)";
        const raft::BugSet bugs = w->bugs;  // --bounds-of sets bounds, not bugs
        *w = BugScenarios()[static_cast<int>(*bug)].world;
        w->bugs = bugs;
        return "";
      },
      "the bounds in which BUG is found (flags after it still apply)");
  flags.String("out", &o->out_dir, "directory for counterexample traces (default raftcheck-out)");
  flags.Switch("json", &o->json, true, "end with one JSON result line on stdout");
}

std::string CheckWorldOptions(const WorldOptions& o) {
  // explore and simulate hand --system model to model_command.h before parsing world flags.
  if (o.system == "model") return "--system model: this command does not run the model";
  if (o.system == "abstract") return "--system abstract: only explore and prove run it";
  return o.world.Validate();
}

std::uint64_t DefaultMemoryCap() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 4 * 3;
}

std::optional<int> ParseWorldCommand(Flags& flags, const std::string& command,
                                     const std::vector<std::string>& args,
                                     const WorldOptions& options) {
  bool help = false;
  flags.Switch("help", &help, true, "this list");
  std::string error = flags.Parse(args, nullptr);
  if (error.empty() && help) {
    std::printf("usage: raftcheck %s [flags]\n%s", command.c_str(), flags.Usage().c_str());
    return kExitOk;
  }
  if (error.empty()) error = CheckWorldOptions(options);
  if (error.empty()) return std::nullopt;
  std::fprintf(stderr, "raftcheck %s: %s\n", command.c_str(), error.c_str());
  return kExitUsage;
}

}  // namespace raftcheck::cli
