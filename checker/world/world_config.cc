#include "checker/world/world_config.h"

#include <string>

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
  if (!ticks) {
    const char* needs = check_quorum     ? "--check-quorum"
                        : lease_reads    ? "--lease-reads"
                        : drift > 0      ? "--drift"
                        : hold_ticks > 0 ? "--hold-ticks"
                                         : nullptr;
    if (needs) return base::Status::InvalidArgument(std::string(needs) + " needs --ticks");
  }
  if (ticks && election_tick <= heartbeat_tick) {
    return base::Status::InvalidArgument("--election-tick must be greater than --heartbeat-tick");
  }
  if (cut_link != 0) {
    const int a = cut_link / 10, b = cut_link % 10;
    if (a < 1 || b < 1 || a > nodes || b > nodes || a == b) {
      return base::Status::InvalidArgument(
          "--cut-link takes two different node ids run together (13: the link between nodes "
          "1 and 3), not " + std::to_string(cut_link));
    }
  }
  if (lease_reads) {
    if (!check_quorum) {
      return base::Status::InvalidArgument("--lease-reads needs --check-quorum");
    }
    if (election_tick - 2 * (lease_drift + 1) < 1) {
      return base::Status::InvalidArgument(
          "--lease-reads needs --election-tick > 2 * (--lease-drift + 1)");
    }
  }
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
