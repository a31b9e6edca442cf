#include "impl/harness/node_host.h"

#include <algorithm>
#include <span>
#include <string>

#include "impl/confchange/changer.h"
#include "impl/harness/applied_codec.h"
#include "impl/invariant.h"
#include "impl/wal/wal_reader.h"

namespace raft {
namespace {

std::vector<NodeId> SortedIds(std::vector<NodeId> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

NodeHost::NodeHost(const Config& config) : config_(config) {
  config_.storage = &storage_;
  config_.applied = 0;
  Result<RawNode> node = RawNode::Create(config_);
  RAFT_INVARIANT(node.ok(), "NodeHost config validates");
  node_.emplace(std::move(node).value());
}

NodeHost::NodeHost(const Config& config, FileSystem* fs, std::string dir)
    : NodeHost(config) {
  fs_ = fs;
  dir_ = std::move(dir);
  Result<Wal> wal = Wal::Create(fs_, dir_, config_.bugs);
  RAFT_INVARIANT(wal.ok(), "a new node's WAL is created");
  wal_.emplace(std::move(wal).value());
}

NodeHost::NodeHost(const NodeHost& other)
    : config_(other.config_), storage_(other.storage_), node_(other.node_),
      applied_(other.applied_) {
  RAFT_INVARIANT(!other.on_disk(), "a host on a disk is copied onto a copy of its disk");
  Rebind();
}

NodeHost::NodeHost(const NodeHost& other, FileSystem* fs)
    : config_(other.config_), storage_(other.storage_), node_(other.node_),
      applied_(other.applied_), fs_(fs), dir_(other.dir_) {
  RAFT_INVARIANT(other.on_disk(), "only a host on a disk moves onto another disk");
  if (other.wal_) {
    Result<Wal> wal = other.wal_->CloneOnto(fs_);
    RAFT_INVARIANT(wal.ok(), "a WAL clones onto a copy of its disk");
    wal_.emplace(std::move(wal).value());
  }
  Rebind();
}

NodeHost& NodeHost::operator=(const NodeHost& other) {
  if (this != &other) {
    RAFT_INVARIANT(!other.on_disk() && !on_disk(), "hosts on disks are not assigned");
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

bool NodeHost::HandleReady(std::vector<Message>* outbox, std::vector<ReadState>* reads) {
  if (!node_ || !node_->HasReady()) return false;
  Ready rd = node_->GetReady();
  // 1. Persist: the snapshot first, since the entries continue after it; on a disk through
  // the WAL, synced when the Ready says so, then in the storage the node reads.
  if (wal_) {
    if (!rd.snapshot.IsEmpty()) {
      RAFT_INVARIANT(wal_->SaveSnapshot(rd.snapshot).ok(), "the WAL saves a snapshot");
    }
    RAFT_INVARIANT(wal_->Save(rd.hard_state, rd.entries, rd.must_sync).ok(),
                   "the WAL saves a Ready");
  }
  if (!rd.snapshot.IsEmpty()) {
    const Status persisted = storage_.ApplySnapshot(rd.snapshot);
    RAFT_INVARIANT(persisted.ok(), "a snapshot to persist is newer than the stored one");
  }
  if (!rd.hard_state.IsEmpty()) storage_.SetHardState(rd.hard_state);
  storage_.Append(rd.entries);
  // 2. Send.
  for (Message& m : rd.messages) outbox->push_back(std::move(m));
  // 3. Apply: a snapshot replaces the state machine (invariant 3), then entries follow it.
  if (!rd.snapshot.IsEmpty()) {
    Result<std::vector<Entry>> restored = DecodeAppliedEntries(rd.snapshot.data);
    RAFT_INVARIANT(restored.ok() && restored->size() == rd.snapshot.metadata.index,
                   "a snapshot's data is the state machine up to its index");
    applied_ = std::move(restored).value();
  }
  for (Entry& e : rd.committed_entries) {
    if (e.type == EntryType::kConfChange) {
      // A change the configuration in force cannot take is refused by the node and changes
      // nothing; ConfStateAt replays it the same way.
      if (Result<ConfChangeV2> cc = DecodeConfChange(e.data); cc.ok()) node_->ApplyConfChange(*cc);
    }
    applied_.push_back(std::move(e));
  }
  if (reads != nullptr) {
    reads->insert(reads->end(), rd.read_states.begin(), rd.read_states.end());
  }
  // 4. Advance.
  node_->Advance();
  return true;
}

Status NodeHost::Compact(Index index) {
  if (index > applied_.size()) {
    return Status::InvalidArgument("compact to " + std::to_string(index) +
                                   " past the applied index " + std::to_string(applied_.size()));
  }
  const ConfState conf_state = ConfStateAt(index);
  const std::span<const Entry> prefix(applied_.data(), index);
  if (on_disk() && !wal_) return Status::InvalidArgument("compact a crashed node on a disk");
  Result<Snapshot> snapshot =
      storage_.CreateSnapshot(index, conf_state, EncodeAppliedEntries(prefix));
  if (!snapshot.ok()) return snapshot.status();
  if (wal_) {
    if (Status s = wal_->SaveSnapshot(*snapshot); !s.ok()) return s;
    if (Status s = wal_->ReleaseTo(index); !s.ok()) return s;
  }
  return storage_.Compact(index);
}

ConfState NodeHost::ConfStateAt(Index index) const {
  RAFT_INVARIANT(index <= applied_.size(), "a configuration as of an applied index");
  Result<TrackerConfig> config =
      confchange::Restore(ConfState{.voters = SortedIds(config_.peers),
                                    .learners = SortedIds(config_.learners)});
  RAFT_INVARIANT(config.ok(), "the starting configuration restores");
  for (Index i = 0; i < index; ++i) {
    if (applied_[i].type != EntryType::kConfChange) continue;
    const Result<ConfChangeV2> cc = DecodeConfChange(applied_[i].data);
    if (!cc.ok()) continue;
    if (Result<TrackerConfig> next = confchange::Apply(*config, *cc); next.ok()) {
      config = std::move(next);
    }
  }
  return config->ToConfState();
}

void NodeHost::Crash() {
  node_.reset();
  wal_.reset();
}

void NodeHost::Rebuild(const WalContents& contents) {
  storage_ = MemoryStorage();
  applied_.clear();
  if (contents.snapshot) {
    RAFT_INVARIANT(storage_.ApplySnapshot(*contents.snapshot).ok(),
                   "a recovered snapshot installs in an empty storage");
    Result<std::vector<Entry>> restored = DecodeAppliedEntries(contents.snapshot->data);
    RAFT_INVARIANT(restored.ok(), "a recovered snapshot's data is a state machine");
    applied_ = std::move(restored).value();
  }
  storage_.Append(contents.entries);
  storage_.SetHardState(contents.hard_state);
}

Status NodeHost::ReloadDurable() {
  RAFT_INVARIANT(on_disk() && !node_, "reload the durable state of a crashed host on a disk");
  Result<wal::ScanResult> scan = wal::ScanWal(*fs_, dir_, config_.bugs);
  if (!scan.ok()) return scan.status();
  Rebuild(scan->contents);
  return Status::OK();
}

void NodeHost::Restart() {
  RAFT_INVARIANT(!node_, "restart only a crashed node");
  config_.storage = &storage_;
  ++config_.incarnation;
  if (on_disk()) {
    WalContents contents;
    Result<Wal> wal = Wal::Open(fs_, dir_, &contents, config_.bugs);
    RAFT_INVARIANT(wal.ok(), "a restarted node's WAL recovers");
    wal_.emplace(std::move(wal).value());
    Rebuild(contents);
    // The state machine is what the snapshot restored (invariant 4): the node re-applies the
    // committed entries after it.
    config_.applied = storage_.snapshot().metadata.index;
    if (config_.bugs.Has(Bug::kAppliedPastSnapshot)) {
      config_.applied = storage_.hard_state().commit;  // Seeded bug: applied-past-snapshot.
    }
  } else {
    // The state machine is kept by the host (a real application persists it alongside), so
    // the node resumes applying after what was applied, within what is durably committed.
    config_.applied = std::min<Index>(applied_.size(), storage_.hard_state().commit);
  }
  // (Only the seeded applied-past-snapshot takes applied past the state machine it has.)
  config_.conf_state = ConfStateAt(std::min<Index>(config_.applied, applied_.size()));
  Result<RawNode> node = RawNode::Create(config_);
  RAFT_INVARIANT(node.ok(), "a restarted node's durable state validates");
  node_.emplace(std::move(node).value());
}

}  // namespace raft
