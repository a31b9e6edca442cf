// SystemCommand: what explore, simulate and prove share, written once: choosing the system
// (--system NAME, default the first registered system that can run the command), the system's
// options with the command's defaults, --out and --json, parsing, and building the configured
// instance. A flag that only other systems have is a one-line error naming the system.
#ifndef RAFTCHECK_CHECKER_CLI_SYSTEM_COMMAND_H_
#define RAFTCHECK_CHECKER_CLI_SYSTEM_COMMAND_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checker/cli/command_line.h"
#include "checker/registry/system.h"

namespace raftcheck::cli {

class SystemCommand {
 public:
  // `can_run` says which systems can run the command (all, for explore and simulate).
  SystemCommand(std::string command, std::string summary, registry::Command kind,
                const std::vector<std::string>& args,
                std::function<bool(const registry::SystemEntry&)> can_run = nullptr);

  // The command's own options; add them before Parse.
  registry::OptionList& options() { return options_; }
  // A flag the command offers only to systems with some capability: for this system, giving
  // it is an error saying so.
  void Unsupported(const std::string& flag, const std::string& why);

  // Parses args, builds the configured instance. nullopt: go on; else the exit code.
  std::optional<int> Parse(const std::vector<std::string>& args);

  // REQUIRES: Parse returned nullopt.
  const registry::SystemEntry& system() const { return *system_; }
  const registry::Instance& instance() const { return *instance_; }
  const std::string& command() const { return command_; }
  const std::string& out_dir() const { return out_dir_; }
  bool json() const { return json_; }

 private:
  std::string command_;
  std::string summary_;
  registry::Command kind_;
  std::function<bool(const registry::SystemEntry&)> can_run_;
  std::string system_error_;  // an unknown or unsuitable --system
  const registry::SystemEntry* system_ = nullptr;
  std::unique_ptr<registry::ConfigBuilder> builder_;
  std::unique_ptr<registry::Instance> instance_;
  registry::OptionList options_;
  std::vector<std::pair<std::string, std::string>> unsupported_;
  std::string system_name_;
  std::string out_dir_ = "raftcheck-out";
  bool json_ = false;
};

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_SYSTEM_COMMAND_H_
