// The systems this binary knows. Adding a system is one line in registered_systems.cc.
#ifndef RAFTCHECK_CHECKER_CLI_REGISTERED_SYSTEMS_H_
#define RAFTCHECK_CHECKER_CLI_REGISTERED_SYSTEMS_H_

#include "checker/registry/registry.h"

namespace raftcheck::cli {

// Every registered system; the first ("impl") is the default of --system.
const registry::Registry& Systems();

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_REGISTERED_SYSTEMS_H_
