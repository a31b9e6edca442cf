// The raftcheck subcommands, each written once over the registered systems. Each takes the
// arguments after its name and returns the exit code of the CLI contract (exit_codes.h); all
// output goes to stdout and stderr.
#ifndef RAFTCHECK_CHECKER_CLI_COMMANDS_H_
#define RAFTCHECK_CHECKER_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace raftcheck::cli {

int RunExplore(const std::vector<std::string>& args);   // explore_command.cc
int RunSimulate(const std::vector<std::string>& args);  // simulate_command.cc
int RunReplay(const std::vector<std::string>& args);    // replay_command.cc
int RunMinimize(const std::vector<std::string>& args);  // minimize_command.cc
int RunProve(const std::vector<std::string>& args);     // prove_command.cc
int RunBugs(const std::vector<std::string>& args);      // bugs_command.cc
int RunLinearizable(const std::vector<std::string>& args);  // linearizable_command.cc
int RunWal(const std::vector<std::string>& args);       // wal_command.cc

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_COMMANDS_H_
