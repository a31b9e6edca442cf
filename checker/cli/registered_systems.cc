#include "checker/cli/registered_systems.h"

#include "checker/abstract/abstract_system.h"
#include "checker/model/model_system.h"
#include "checker/registry/driver.h"
#include "checker/world/world_system.h"

namespace raftcheck::cli {

const registry::Registry& Systems() {
  static const registry::Registry kSystems = [] {
    registry::Registry r;
    r.Add(registry::MakeEntry<WorldSpec>());     // impl/ in the cluster world (the default)
    r.Add(registry::MakeEntry<ModelSpec>());     // raft.tla
    r.Add(registry::MakeEntry<AbstractSpec>());  // AbstractRaft, explicit and with Z3
    return r;
  }();
  return kSystems;
}

}  // namespace raftcheck::cli
