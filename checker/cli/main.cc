// raftcheck: the command line. See README.md ("CLI") and the CLI contract in the design notes.
#include <cstdio>
#include <string>
#include <vector>

#include "checker/cli/commands.h"
#include "checker/cli/world_options.h"

int main(int argc, char** argv) {
  using namespace raftcheck::cli;
  const std::vector<std::string> args(argv + (argc > 1 ? 2 : 1), argv + argc);
  const std::string command = argc > 1 ? argv[1] : "explore";
  if (command == "explore") return RunExplore(args);
  if (command == "simulate") return RunSimulate(args);
  if (command == "bugs") return RunBugs(args);
  if (command == "replay") return RunReplay(args);
  if (command == "minimize") return RunMinimize(args);
  if (command == "prove") return RunProve(args);
  if (command == "--help" || command == "help") {
    std::printf(
        "usage: raftcheck explore|simulate|replay|minimize|bugs|prove [flags]   (raftcheck COMMAND --help)\n");
    return kExitOk;
  }
  std::fprintf(stderr, "raftcheck: unknown command \"%s\" (explore, simulate, replay, minimize, bugs, prove)\n",
               command.c_str());
  return kExitUsage;
}
