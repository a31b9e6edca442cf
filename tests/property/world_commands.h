// The cluster world as a rapidcheck state machine (rc::state): each command is one of the
// world's actions, every safety property is checked after every command, and a failing case is
// written as a trace file that `raftcheck replay` accepts.
//
// Design:
//   1. A command carries its action by content (the trace JSON of world_system.h), drawn among
//      the actions enabled in the model state where it was generated. checkPreconditions
//      resolves it again with WorldSpec::ActionFromJson, so when shrinking removes an earlier command a
//      later one that is no longer enabled is regenerated or dropped by rapidcheck, never
//      applied to a state where it means something else.
//   2. The model is the world state the commands were generated for; the system under test is
//      a second state advanced by run(), which asserts that both agree (equal encodings) before
//      every command, then applies it and checks the properties.
//   3. Where the walk can go no further (past the bounds, a broken node, nothing enabled) a
//      command is a stutter: no action at all. Shrinking removes stutters first.
//   4. Every failing execution overwrites one trace file; rapidcheck runs the minimal case
//      last, so the file ends up holding the shrunk counterexample.
#ifndef RAFTCHECK_TESTS_PROPERTY_WORLD_COMMANDS_H_
#define RAFTCHECK_TESTS_PROPERTY_WORLD_COMMANDS_H_

#include <cstddef>
#include <string>

#include "checker/world/world_config.h"

namespace raftcheck::proptest {

// What the failing executions of one rapidcheck property left behind.
struct FailureLog {
  std::string path;              // the trace file each failing execution overwrites
  std::size_t failures = 0;      // failing executions: the first is the unshrunk case
  std::size_t first_length = 0;  // actions in the first failing execution
  std::size_t last_length = 0;   // actions in the last (after shrinking: the minimal case)
  std::string property;          // the property the last one violated
};

// Runs one rapidcheck case: a generated command sequence over a fresh world built from
// `config`. Fails the case (RC_FAIL) at the first property violation, after writing the trace
// to log->path and recording it in *log. REQUIRES: inside a rapidcheck property.
void CheckWorldCommands(const WorldConfig& config, FailureLog* log);

}  // namespace raftcheck::proptest

#endif  // RAFTCHECK_TESTS_PROPERTY_WORLD_COMMANDS_H_
