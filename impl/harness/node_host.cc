#include "impl/harness/node_host.h"

#include "impl/invariant.h"

namespace raft {

NodeHost::NodeHost(const Config& config) : config_(config) {
  config_.storage = &storage_;
  config_.applied = 0;
  Result<RawNode> node = RawNode::Create(config_);
  RAFT_INVARIANT(node.ok(), "NodeHost config validates");
  node_.emplace(std::move(node).value());
}

NodeHost::NodeHost(const NodeHost& other)
    : config_(other.config_), storage_(other.storage_), node_(other.node_),
      applied_(other.applied_) {
  Rebind();
}

NodeHost& NodeHost::operator=(const NodeHost& other) {
  if (this != &other) {
    config_ = other.config_;
    storage_ = other.storage_;
    node_ = other.node_;
    applied_ = other.applied_;
    Rebind();
  }
  return *this;
}

void NodeHost::Rebind() {
  config_.storage = &storage_;
  if (node_) node_->RebindStorage(&storage_);
}

bool NodeHost::HandleReady(std::vector<Message>* outbox) {
  if (!node_ || !node_->HasReady()) return false;
  Ready rd = node_->GetReady();
  // 1. Persist.
  if (!rd.hard_state.IsEmpty()) storage_.SetHardState(rd.hard_state);
  storage_.Append(rd.entries);
  // 2. Send.
  for (Message& m : rd.messages) outbox->push_back(std::move(m));
  // 3. Apply.
  for (Entry& e : rd.committed_entries) applied_.push_back(std::move(e));
  // 4. Advance.
  node_->Advance();
  return true;
}

void NodeHost::Crash() { node_.reset(); }

void NodeHost::Restart() {
  RAFT_INVARIANT(!node_, "restart only a crashed node");
  config_.storage = &storage_;
  // The state machine is kept by the host (a real application persists it alongside), so the
  // node resumes applying after what was applied, within what is durably committed.
  config_.applied = std::min<Index>(applied_.size(), storage_.hard_state().commit);
  Result<RawNode> node = RawNode::Create(config_);
  RAFT_INVARIANT(node.ok(), "a restarted node's durable state validates");
  node_.emplace(std::move(node).value());
}

}  // namespace raft
