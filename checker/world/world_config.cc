#include "checker/world/world_config.h"

#include "checker/world/world_system.h"

namespace raftcheck {

base::Status WorldConfig::Validate() const { return WorldSpec::Schema().CheckRanges(*this); }

WorldConfig SimulationDefaults() {
  WorldConfig w;
  w.values = 2;
  w.max_term = 12;
  w.max_log = 10;
  w.max_msgs = 20;
  w.max_crashes = 2;
  return w;
}

}  // namespace raftcheck
