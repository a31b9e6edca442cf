// `raftcheck explore --system abstract`: breadth-first search of AbstractRaft
// (model/abstract/) with its lemmas as properties; and the options and output that
// `raftcheck prove` (prove_command.cc) shares with it. RunExplore hands its arguments over
// when SelectsAbstract(args).
//
// Flags: --nodes N (1..7, default 3), --max-term T (1..14, default 3), --max-log L (1..7,
// default 3), --bug NAME (abstract-double-vote, abstract-commit-old-term; repeatable), --out
// DIR, --json, and the search flags of explore (--threads, --time-limit, --max-states).
// Flags of the cluster world or of raft.tla are a one-line error, exit 2.
#ifndef RAFTCHECK_CHECKER_CLI_ABSTRACT_COMMAND_H_
#define RAFTCHECK_CHECKER_CLI_ABSTRACT_COMMAND_H_

#include <string>
#include <vector>

#include "checker/cli/flags.h"
#include "checker/cli/report.h"
#include "model/abstract/abstract_raft.h"
#include "traces/trace.h"

namespace raftcheck::cli {

// True if args select the abstract model (--system abstract or --system=abstract, the last
// one given).
bool SelectsAbstract(const std::vector<std::string>& args);

int RunAbstractExplore(const std::vector<std::string>& args);

struct AbstractOptions {
  std::string system = "abstract";
  model::abstract::AbstractConfig config;
  std::string out_dir = "raftcheck-out";
  bool json = false;
};

// Registers --system (only "abstract" is accepted), --nodes, --max-term, --max-log, --bug,
// --out and --json.
void AddAbstractFlags(Flags& flags, AbstractOptions* options);

// Adds --help, parses args for `command` and validates the config. Returns the exit code when
// the command must stop here (usage printed; a one-line error on stderr), else nullopt.
std::optional<int> ParseAbstractCommand(Flags& flags, const std::string& command,
                                        const std::vector<std::string>& args,
                                        const AbstractOptions& options);

// Prints the path step by step with the state after each step, writes it as
// OUT/PROPERTY.trace.json (system "abstract") and fills the report's violation fields.
// A write error is printed on stderr and leaves report->trace_path empty.
void ReportAbstractCounterexample(const model::abstract::AbstractRaft& model,
                                  const std::string& command, const std::string& out_dir,
                                  const std::vector<model::abstract::Action>& actions,
                                  const traces::Verdict& verdict, Report* report);

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_ABSTRACT_COMMAND_H_
