#include "impl/config.h"

#include <algorithm>
#include <string>

#include "impl/confchange/changer.h"
#include "impl/storage.h"

namespace raft {

Status Config::Validate() const {
  if (id == kNone) return Status::InvalidArgument("config: id must not be 0 (kNone)");
  std::vector<NodeId> members = peers;
  members.insert(members.end(), learners.begin(), learners.end());
  std::sort(members.begin(), members.end());
  if (std::adjacent_find(members.begin(), members.end()) != members.end()) {
    return Status::InvalidArgument("config: peers and learners contain a duplicate id");
  }
  if (!members.empty() && members.front() == kNone) {
    return Status::InvalidArgument("config: peer id 0 (kNone)");
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
  if (Result<TrackerConfig> start = confchange::Restore(StartingConfState()); !start.ok()) {
    return Status::InvalidArgument("config: the starting configuration is invalid: " +
                                   start.status().message());
  }
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

ConfState Config::StartingConfState() const {
  if (conf_state) return *conf_state;
  ConfState stored = storage->InitialConfState();
  if (!stored.IsEmpty()) return stored;
  ConfState start{.voters = peers, .learners = learners};
  std::sort(start.voters.begin(), start.voters.end());
  std::sort(start.learners.begin(), start.learners.end());
  return start;
}

}  // namespace raft
