// raftcheck: the command line. See README.md ("The command line") and the CLI contract in the
// design notes. With no arguments it runs the main job: `raftcheck explore` at the default
// bounds of the default system.
#include <cstdio>
#include <string>
#include <vector>

#include "checker/cli/command_line.h"
#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(const std::vector<std::string>&);
  const char* summary;
};

constexpr Subcommand kSubcommands[] = {
    {"explore", raftcheck::cli::RunExplore, "exhaustive search within bounds"},
    {"simulate", raftcheck::cli::RunSimulate, "seeded random walks (swarm, liveness)"},
    {"replay", raftcheck::cli::RunReplay, "re-execute a trace and render it"},
    {"minimize", raftcheck::cli::RunMinimize, "shrink a counterexample"},
    {"prove", raftcheck::cli::RunProve, "symbolic checks (BMC, induction)"},
    {"bugs", raftcheck::cli::RunBugs, "list every system's seeded bugs"},
    {"linearizable", raftcheck::cli::RunLinearizable, "check a history's linearizability"},
    {"wal", raftcheck::cli::RunWal, "print and verify a node's write-ahead log"},
};

}  // namespace

int main(int argc, char** argv) {
  using namespace raftcheck::cli;
  const std::string command = argc > 1 ? argv[1] : "explore";
  const std::vector<std::string> args(argv + (argc > 1 ? 2 : 1), argv + argc);
  for (const Subcommand& s : kSubcommands) {
    if (command == s.name) return s.run(args);
  }
  std::string names;
  for (const Subcommand& s : kSubcommands) names += (names.empty() ? "" : ", ") + std::string(s.name);
  if (command == "--help" || command == "-h" || command == "help") {
    std::printf("usage: raftcheck COMMAND [options]   (raftcheck COMMAND --help lists them)\n");
    for (const Subcommand& s : kSubcommands) std::printf("  %-10s %s\n", s.name, s.summary);
    return kExitOk;
  }
  std::fprintf(stderr, "raftcheck: unknown command \"%s\" (%s)\n", command.c_str(), names.c_str());
  return kExitUsage;
}
