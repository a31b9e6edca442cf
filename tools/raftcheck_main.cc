// raftcheck: until the explorer lands, a demo of the library: a 3-node cluster in memory
// elects a leader and commits entries, printed step by step.
#include <cstdio>
#include <string>

#include "impl/harness/cluster.h"

int main() {
  raft::Config config;
  config.pre_vote = true;
  config.check_quorum = true;
  raft::Cluster cluster(3, config);
  const raft::NodeId leader = cluster.Stabilize();
  if (leader == raft::kNone) {
    std::fprintf(stderr, "raftcheck demo: no leader elected\n");
    return 1;
  }
  std::printf("leader: node %llu at term %llu\n", static_cast<unsigned long long>(leader),
              static_cast<unsigned long long>(cluster.raft(leader).term()));
  for (const char* value : {"x=1", "y=2", "z=3"}) {
    const raft::Status s = cluster.Propose(leader, value);
    std::printf("propose %s: %s\n", value, s.ToString().c_str());
  }
  cluster.DeliverAll();
  cluster.TickAll();  // heartbeats carry the final commit index to the followers
  cluster.DeliverAll();
  for (raft::NodeId id = 1; id <= 3; ++id) {
    const auto& r = cluster.raft(id);
    std::printf("node %llu: %s term=%llu commit=%llu applied=[", static_cast<unsigned long long>(id),
                raft::RoleName(r.role()), static_cast<unsigned long long>(r.term()),
                static_cast<unsigned long long>(r.log().committed()));
    bool first = true;
    for (const raft::Entry& e : cluster.host(id).applied()) {
      if (e.data.empty()) continue;
      std::printf("%s%s", first ? "" : " ", e.data.c_str());
      first = false;
    }
    std::printf("]\n");
  }
  return 0;
}
