// `raftcheck explore --system model` and `raftcheck simulate --system model`: the raft.tla model
// (model/) explored or walked at random with the properties it promises (checker/model/).
// RunExplore and RunSimulate hand their arguments over when SelectsModel(args).
//
// The model's flags: --nodes, --values, --max-term, --max-log, --max-msgs (TLC's constants and
// constraint; defaults: the TLC reference bounds 3/1/2/1/1 for explore), --bug with the
// model's bug names (tla-...), --out, --json, and the search flags of each command. Flags of
// the cluster world that mean nothing to raft.tla (--max-crashes, --no-drop, --no-dup,
// --no-restart, --ready-action, --no-prevote, --batch-appends, --bounds-of, --swarm,
// --liveness) are a one-line error, exit 2.
//
// Depth follows TLC: the initial state is at depth 1 (as the engine counts).
#ifndef RAFTCHECK_CHECKER_CLI_MODEL_COMMAND_H_
#define RAFTCHECK_CHECKER_CLI_MODEL_COMMAND_H_

#include <string>
#include <vector>

namespace raftcheck::cli {

// True if args select the model (--system model or --system=model, the last one given).
bool SelectsModel(const std::vector<std::string>& args);

int RunModelExplore(const std::vector<std::string>& args);
int RunModelSimulate(const std::vector<std::string>& args);

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_MODEL_COMMAND_H_
