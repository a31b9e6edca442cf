#include "checker/world/world_config.h"

namespace raftcheck {

std::string WorldConfig::Validate() const {
  if (nodes < 1 || nodes > 5) return "--nodes must be between 1 and 5";
  if (values < 0 || values > 9) return "--values must be between 0 and 9";
  if (max_term < 1 || max_term > 250) return "--max-term must be between 1 and 250";
  if (max_log < 1 || max_log > 250) return "--max-log must be between 1 and 250";
  if (max_msgs < 0 || max_msgs > 1000) return "--max-msgs must be between 0 and 1000";
  if (max_crashes < 0 || max_crashes > 250) return "--max-crashes must be between 0 and 250";
  return "";
}

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
