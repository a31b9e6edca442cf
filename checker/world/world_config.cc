#include "checker/world/world_config.h"

#include "checker/world/world_system.h"

namespace raftcheck {

base::Status WorldConfig::Validate() const {
  if (base::Status s = WorldSpec::Schema().CheckRanges(*this); !s.ok()) return s;
  if (bit_flips && !disk) return base::Status::InvalidArgument("--bit-flips needs --disk");
  if (crash_mid_ready && !(disk && ready_action)) {
    return base::Status::InvalidArgument("--crash-mid-ready needs --disk and --ready-action");
  }
  if ((clients > 0) != (ops > 0)) {
    return base::Status::InvalidArgument(clients > 0 ? "--clients needs --ops"
                                                     : "--ops needs --clients");
  }
  if (cas && clients == 0) return base::Status::InvalidArgument("--cas needs --clients");
  return base::Status::OK();
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
