// raftcheck minimize TRACE [--out FILE]: shrinks a counterexample of any registered system
// (traces/minimize.h) and writes the result, by default next to the input as
// NAME.min.trace.json. Prints the length before and after each stage. Exit 0 when the
// minimized trace is written, 2 when the trace cannot be read or replayed, breaks no property,
// or is a liveness trace (kept as found).
#include <cstdio>

#include "checker/cli/command_line.h"
#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"
#include "checker/cli/registered_systems.h"
#include "traces/minimize.h"

namespace raftcheck::cli {
namespace {

// a/b.trace.json -> a/b.min.trace.json; other names get .min.trace.json appended.
std::string MinimizedPath(const std::string& path) {
  const std::string suffix = ".trace.json";
  if (path.size() > suffix.size() &&
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return path.substr(0, path.size() - suffix.size()) + ".min" + suffix;
  }
  return path + ".min.trace.json";
}

}  // namespace

int RunMinimize(const std::vector<std::string>& args) {
  std::string path;
  std::string out;
  registry::OptionList o;
  o.String("out", &out, "FILE", "where to write the result (default: TRACE with .min)");
  CommandLine line("minimize", "Shrinks a counterexample to a shorter, simpler one that breaks "
                               "the same property.");
  line.Add(o);
  line.Positional("TRACE", &path, "a .trace.json file of any registered system");
  if (std::optional<int> code = line.Parse(args)) return *code;
  if (out.empty()) out = MinimizedPath(path);
  base::Result<traces::Trace> trace = traces::ReadTraceFile(path);
  if (!trace.ok()) return UsageError("minimize", trace.status().message());
  base::Result<const registry::SystemEntry*> system = Systems().Find(trace->system);
  if (!system.ok()) return UsageError("minimize", path + ": " + system.status().message());
  traces::MinimizeStats stats;
  base::Result<traces::Trace> minimized = traces::MinimizeTrace(**system, *trace, &stats);
  if (!minimized.ok()) return UsageError("minimize", path + ": " + minimized.status().message());
  if (base::Status s = traces::WriteTraceFile(out, *minimized); !s.ok()) {
    return UsageError("minimize", s.message());
  }
  std::printf("%s: %zu steps\n", path.c_str(), trace->actions.size());
  for (const auto& stage : stats.stages) {
    std::printf("  %-25s %zu steps\n", stage.name.c_str(), stage.length);
  }
  const bool shorter = stats.after < stats.before;
  std::printf("minimized: %zu -> %zu steps (%zu replays)%s, still violates %s: %s\n",
              stats.before, stats.after, stats.replays, shorter ? "" : ", already minimal",
              minimized->verdict->property.c_str(), out.c_str());
  return kExitOk;
}

}  // namespace raftcheck::cli
