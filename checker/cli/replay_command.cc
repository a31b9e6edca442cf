// raftcheck replay TRACE: re-executes a trace deterministically, narrates it one line per step,
// and confirms its verdict. Exit 1 when a violation reproduces, 0 when the trace runs clean,
// 2 when it cannot be replayed (a one-line error naming the file, step and field).
#include <cstdio>

#include "checker/cli/commands.h"
#include "checker/cli/flags.h"
#include "checker/cli/world_options.h"
#include "traces/world_trace.h"

namespace raftcheck::cli {

int RunReplay(const std::vector<std::string>& args) {
  Flags flags("replay");
  std::vector<std::string> files;
  if (std::string error = flags.Parse(args, &files); !error.empty() || files.size() != 1) {
    std::fprintf(stderr, "raftcheck replay: %s\n",
                 error.empty() ? "usage: raftcheck replay TRACE" : error.c_str());
    return kExitUsage;
  }
  const std::string& path = files.front();
  traces::Trace trace;
  traces::Replay replay;
  std::string error;
  if (!traces::ReadTraceFile(path, &trace, &error)) {
    std::fprintf(stderr, "raftcheck replay: %s\n", error.c_str());
    return kExitUsage;
  }
  if (!traces::ReplayWorldTrace(trace, &replay, &error)) {
    std::fprintf(stderr, "raftcheck replay: %s: %s\n", path.c_str(), error.c_str());
    return kExitUsage;
  }
  const ClusterWorld world(replay.config);
  for (std::size_t k = 0; k < replay.actions.size(); ++k) {
    std::printf("%3zu. %s\n", k + 1, world.DescribeIn(replay.states[k], replay.actions[k]).c_str());
  }
  if (!replay.violation) {
    std::printf("ran clean: %zu steps, no property violated\n", replay.actions.size());
    return kExitOk;
  }
  const traces::Verdict& v = *replay.violation;
  std::printf("violation of %s after step %zu: %s\n", v.property.c_str(), v.step,
              v.message.c_str());
  if (trace.verdict && !(*trace.verdict == v)) {
    std::printf("note: the trace recorded %s after step %zu\n", trace.verdict->property.c_str(),
                trace.verdict->step);
  }
  return kExitViolation;
}

}  // namespace raftcheck::cli
