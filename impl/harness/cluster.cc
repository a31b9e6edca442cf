#include "impl/harness/cluster.h"

#include <algorithm>

namespace raft {

Cluster::Cluster(int n, Config base, std::vector<NodeId> voters)
    : reads_(static_cast<std::size_t>(n)) {
  base.peers = std::move(voters);
  if (base.peers.empty()) {
    for (int i = 1; i <= n; ++i) base.peers.push_back(static_cast<NodeId>(i));
  }
  hosts_.reserve(n);
  const std::uint64_t base_seed = base.seed;
  for (int i = 1; i <= n; ++i) {
    base.id = static_cast<NodeId>(i);
    base.seed = base_seed + static_cast<std::uint64_t>(i);
    hosts_.emplace_back(base);
  }
}

void Cluster::Flush(NodeId id) {
  while (host(id).HandleReady(&network_, &reads_[id - 1])) {
  }
}

void Cluster::ReportSnapshot(const Message& m, bool failure) {
  if (m.type != MessageType::kSnap || m.from < 1 || m.from > static_cast<NodeId>(size()) ||
      !host(m.from).up()) {
    return;
  }
  host(m.from).node().ReportSnapshot(m.to, failure);
  Flush(m.from);
}

Status Cluster::Deliver(std::size_t i) {
  Message m = std::move(network_[i]);
  network_.erase(network_.begin() + static_cast<std::ptrdiff_t>(i));
  if (!Connected(m.from, m.to)) {
    ReportSnapshot(m, /*failure=*/true);
    return Status::Ignored("link cut");
  }
  if (m.to < 1 || m.to > static_cast<NodeId>(size()) || !host(m.to).up()) {
    ReportSnapshot(m, /*failure=*/true);
    return Status::Ignored("destination is down");
  }
  Status s = Step(m.to, m);
  ReportSnapshot(m, /*failure=*/!s.ok() && s.code() != Status::Code::kIgnored);
  return s;
}

int Cluster::DeliverAll(int max_messages) {
  int stepped = 0;
  while (!network_.empty() && stepped < max_messages) {
    const Message& m = network_.front();
    const bool deliverable = Connected(m.from, m.to) && m.to >= 1 &&
                             m.to <= static_cast<NodeId>(size()) && host(m.to).up();
    Deliver(0);
    stepped += deliverable;
  }
  return stepped;
}

void Cluster::Drop(std::size_t i) {
  const Message m = std::move(network_[i]);
  network_.erase(network_.begin() + static_cast<std::ptrdiff_t>(i));
  ReportSnapshot(m, /*failure=*/true);
}

int Cluster::DropIf(const std::function<bool(const Message&)>& pred) {
  std::vector<Message> kept;
  std::vector<Message> dropped;
  for (Message& m : network_) (pred(m) ? dropped : kept).push_back(std::move(m));
  network_ = std::move(kept);
  for (const Message& m : dropped) ReportSnapshot(m, /*failure=*/true);
  return static_cast<int>(dropped.size());
}

void Cluster::Duplicate(std::size_t i) { network_.push_back(network_[i]); }

void Cluster::Partition(const std::set<NodeId>& group) {
  for (const NodeHost& a : hosts_) {
    for (const NodeHost& b : hosts_) {
      if (group.count(a.id()) != group.count(b.id())) cut_.insert({a.id(), b.id()});
    }
  }
}

void Cluster::Cut(NodeId a, NodeId b) {
  cut_.insert({a, b});
  cut_.insert({b, a});
}

bool Cluster::Connected(NodeId a, NodeId b) const { return cut_.count({a, b}) == 0; }

void Cluster::Tick(NodeId id, int times) {
  for (int t = 0; t < times; ++t) {
    if (!host(id).up()) return;
    host(id).node().Tick();
    Flush(id);
  }
}

void Cluster::TickAll(int times) {
  for (int t = 0; t < times; ++t) {
    for (NodeHost& h : hosts_) Tick(h.id());
  }
}

Status Cluster::Campaign(NodeId id) {
  Status s = host(id).node().Campaign();
  Flush(id);
  return s;
}

Status Cluster::Propose(NodeId id, std::string data) {
  Status s = host(id).node().Propose(std::move(data));
  Flush(id);
  return s;
}

Status Cluster::ProposeConfChange(NodeId id, const ConfChangeV2& cc) {
  Status s = host(id).node().ProposeConfChange(cc);
  Flush(id);
  return s;
}

Result<ReadId> Cluster::ReadIndex(NodeId id) {
  Result<ReadId> read = host(id).node().ReadIndex();
  Flush(id);
  return read;
}

Status Cluster::TransferLeader(NodeId id, NodeId transferee) {
  Status s = host(id).node().TransferLeader(transferee);
  Flush(id);
  return s;
}

Status Cluster::Step(NodeId id, const Message& m) {
  Status s = host(id).node().Step(m);
  Flush(id);
  return s;
}

void Cluster::Restart(NodeId id) {
  host(id).Restart();
  Flush(id);
}

NodeId Cluster::Leader() const {
  NodeId leader = kNone;
  Term best = 0;
  for (const NodeHost& h : hosts_) {
    if (!h.up()) continue;
    const Raft& r = h.node().raft();
    if (r.role() == Role::kLeader && r.term() >= best) {
      best = r.term();
      leader = h.id();
    }
  }
  return leader;
}

NodeId Cluster::Stabilize(int max_rounds) {
  for (int round = 0; round < max_rounds; ++round) {
    DeliverAll();
    const NodeId leader = Leader();
    if (leader != kNone && network_.empty()) return leader;
    TickAll();
  }
  return Leader();
}

}  // namespace raft
