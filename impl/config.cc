#include "impl/config.h"

#include <algorithm>
#include <string>

#include "impl/storage.h"

namespace raft {

Status Config::Validate() const {
  if (id == kNone) return Status::InvalidArgument("config: id must not be 0 (kNone)");
  if (peers.empty()) return Status::InvalidArgument("config: peers must not be empty");
  std::vector<NodeId> sorted = peers;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    return Status::InvalidArgument("config: peers contain a duplicate id");
  }
  if (sorted.front() == kNone) return Status::InvalidArgument("config: peer id 0 (kNone)");
  if (!std::binary_search(sorted.begin(), sorted.end(), id)) {
    return Status::InvalidArgument("config: id " + std::to_string(id) + " is not among peers");
  }
  if (heartbeat_tick < 1) return Status::InvalidArgument("config: heartbeat_tick must be >= 1");
  if (election_tick <= heartbeat_tick) {
    return Status::InvalidArgument("config: election_tick must be greater than heartbeat_tick");
  }
  if (read_only_option == ReadOnlyOption::kLeaseBased) {
    if (!check_quorum) {
      return Status::InvalidArgument("config: lease-based reads need check_quorum");
    }
    if (max_clock_drift < 0) {
      return Status::InvalidArgument("config: max_clock_drift must be >= 0");
    }
    if (LeaseTicks() < 1) {
      return Status::InvalidArgument(
          "config: lease-based reads need election_tick > 2 * (max_clock_drift + 1)");
    }
  }
  if (max_inflight_msgs < 1) {
    return Status::InvalidArgument("config: max_inflight_msgs must be >= 1");
  }
  if (storage == nullptr) return Status::InvalidArgument("config: storage must be set");
  if (applied > storage->LastIndex()) {
    return Status::InvalidArgument("config: applied " + std::to_string(applied) +
                                   " is beyond the stored log");
  }
  if (applied > storage->InitialState().commit) {
    return Status::InvalidArgument("config: applied " + std::to_string(applied) +
                                   " is beyond the stored commit index");
  }
  return Status::OK();
}

}  // namespace raft
