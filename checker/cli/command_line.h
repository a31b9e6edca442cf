// CommandLine: one raftcheck subcommand's command line, parsed by CLI11 (the only file that
// includes it). Options are declared as data (registry::OptionList) by the command and by the
// chosen system, so that `raftcheck COMMAND --help` lists every option with its default and
// range, and every error is one line.
//
// Semantics the contract promises:
//  - An unknown flag, a missing or malformed value, a value out of range, or a flag that
//    belongs to another system ("--max-crashes does not apply to --system model") is one line
//    on stderr, "raftcheck COMMAND: ...", and exit code 2. --help prints and exits 0.
//  - Options marked `base` (--bounds-of) are applied first; every other option given then
//    applies on top of it, in declaration order, wherever it stands on the line.
#ifndef RAFTCHECK_CHECKER_CLI_COMMAND_LINE_H_
#define RAFTCHECK_CHECKER_CLI_COMMAND_LINE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checker/registry/options.h"

namespace raftcheck::cli {

class CommandLine {
 public:
  CommandLine(std::string command, std::string summary);

  void Add(const registry::OptionList& options);
  // A required positional argument (a file).
  void Positional(std::string name, std::string* out, std::string help);
  // A flag that this command accepts for other systems but not for the chosen one: giving it
  // is the error `why`.
  void Foreign(const std::string& flag, std::string why);

  // Parses args (after the command name) and applies every option given. nullopt: go on;
  // otherwise the exit code to return (0 after --help, 2 after a one-line error).
  std::optional<int> Parse(const std::vector<std::string>& args);

 private:
  std::string command_;
  std::string summary_;
  std::vector<registry::OptionSpec> specs_;
  std::vector<std::pair<std::string, std::string*>> positionals_;
  std::vector<std::string> positional_help_;
  std::map<std::string, std::string> foreign_;
};

// Prints "raftcheck COMMAND: message" on stderr and returns the usage exit code.
int UsageError(const std::string& command, const std::string& message);

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_COMMAND_LINE_H_
