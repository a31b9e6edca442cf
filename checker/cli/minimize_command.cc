// raftcheck minimize TRACE [--out FILE]: shrinks a counterexample (traces/minimize.h) and writes
// the result, by default next to the input as NAME.min.trace.json. Prints the length before
// and after each stage. Exit 0 when the minimized trace is written, 2 when the trace cannot be
// read or replayed, or breaks no property.
#include <cstdio>

#include "checker/cli/commands.h"
#include "checker/cli/flags.h"
#include "checker/cli/world_options.h"
#include "traces/minimize.h"

namespace raftcheck::cli {
namespace {

// a/b.trace.json -> a/b.min.trace.json; other names get .min.trace.json appended.
std::string MinimizedPath(const std::string& path) {
  const std::string suffix = ".trace.json";
  if (path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(),
                                                  suffix) == 0) {
    return path.substr(0, path.size() - suffix.size()) + ".min" + suffix;
  }
  return path + ".min.trace.json";
}

}  // namespace

int RunMinimize(const std::vector<std::string>& args) {
  Flags flags("minimize");
  std::string out;
  flags.String("out", &out, "where to write the result (default: TRACE with .min)");
  std::vector<std::string> files;
  if (std::string error = flags.Parse(args, &files); !error.empty() || files.size() != 1) {
    std::fprintf(stderr, "raftcheck minimize: %s\n",
                 error.empty() ? "usage: raftcheck minimize TRACE [--out FILE]" : error.c_str());
    return kExitUsage;
  }
  const std::string& path = files.front();
  if (out.empty()) out = MinimizedPath(path);
  traces::Trace trace, minimized;
  traces::MinimizeStats stats;
  std::string error;
  if (!traces::ReadTraceFile(path, &trace, &error)) {
    std::fprintf(stderr, "raftcheck minimize: %s\n", error.c_str());
    return kExitUsage;
  }
  if (!traces::MinimizeWorldTrace(trace, &minimized, &stats, &error)) {
    std::fprintf(stderr, "raftcheck minimize: %s: %s\n", path.c_str(), error.c_str());
    return kExitUsage;
  }
  if (!traces::WriteTraceFile(out, minimized, &error)) {
    std::fprintf(stderr, "raftcheck minimize: %s\n", error.c_str());
    return kExitUsage;
  }
  std::printf("%s: %zu steps\n", path.c_str(), trace.actions.size());
  for (const auto& stage : stats.stages) {
    std::printf("  %-25s %zu steps\n", stage.name.c_str(), stage.length);
  }
  std::printf("minimized: %zu -> %zu steps (%zu replays), still violates %s: %s\n",
              stats.before, stats.after, stats.replays, minimized.verdict->property.c_str(),
              out.c_str());
  return kExitOk;
}

}  // namespace raftcheck::cli
