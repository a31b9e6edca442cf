// The options every world-driving subcommand shares (explore, simulate): which system, its
// bounds and faults, seeded bugs; plus where results go.
#ifndef RAFTCHECK_CHECKER_CLI_WORLD_OPTIONS_H_
#define RAFTCHECK_CHECKER_CLI_WORLD_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/cli/flags.h"
#include "checker/world/world_config.h"

namespace raftcheck::cli {

struct WorldOptions {
  std::string system = "impl";
  WorldConfig world;
  std::string out_dir = "raftcheck-out";
  bool json = false;
};

// Registers --system, the bound and fault flags, --bug, --out and --json.
void AddWorldFlags(Flags& flags, WorldOptions* options);
// After parsing: "" or a one-line error (unknown system, impossible bounds).
std::string CheckWorldOptions(const WorldOptions& options);

// Three quarters of physical memory: the default cap that keeps the OOM killer away.
std::uint64_t DefaultMemoryCap();

// Adds --help, parses args for `command` and checks *options. Returns the exit code when the
// command must stop here (usage printed for --help; a one-line error on stderr), else nullopt.
std::optional<int> ParseWorldCommand(Flags& flags, const std::string& command,
                                     const std::vector<std::string>& args,
                                     const WorldOptions& options);

// The exit codes of the CLI contract.
inline constexpr int kExitOk = 0;
inline constexpr int kExitViolation = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitIncomplete = 3;

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_WORLD_OPTIONS_H_
