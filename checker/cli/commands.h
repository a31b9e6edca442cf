// The raftcheck subcommands. Each takes the arguments after its name and returns the exit
// code of the CLI contract (world_options.h); all output goes to stdout/stderr.
#ifndef RAFTCHECK_CHECKER_CLI_COMMANDS_H_
#define RAFTCHECK_CHECKER_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace raftcheck::cli {

int RunExplore(const std::vector<std::string>& args);
int RunSimulate(const std::vector<std::string>& args);
int RunBugs(const std::vector<std::string>& args);
int RunReplay(const std::vector<std::string>& args);
int RunMinimize(const std::vector<std::string>& args);
int RunProve(const std::vector<std::string>& args);  // prove_command.cc

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_COMMANDS_H_
