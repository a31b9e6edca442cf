// Storage: the durable part of a node's log and its hard state. The library reads it; the
// application writes it while processing a Ready (see raw_node.h), before sending.
//
// Invariants (of MemoryStorage, expected of any implementation):
//   1. The log is a compaction point C (an index and its term; C = 0 when nothing was ever
//      discarded) followed by the entries C+1 .. LastIndex(), contiguous. FirstIndex() == C + 1.
//      The latest snapshot (GetSnapshot(), index S) covers every discarded entry: S >= C. (A
//      node compacts to a snapshot it took, or installs one, so in practice S == C.)
//   2. TermAt(C) is C's term (TermAt(0) == 0): Raft still matches the entry just before the
//      first one it holds. TermAt(i) for i < C is Compacted, for i > LastIndex() Unavailable.
//      An implementation that reads disks returns IOError when it cannot read; no failure is
//      ever reported as a term (no "term 0" answers).
//   3. Entries(lo, hi) needs FirstIndex() <= lo: below it is Compacted.
#ifndef RAFTCHECK_IMPL_STORAGE_H_
#define RAFTCHECK_IMPL_STORAGE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "impl/status.h"
#include "impl/types.h"

namespace raft {

class Storage {
 public:
  virtual ~Storage() = default;
  virtual HardState InitialState() const = 0;
  // The configuration of the last snapshot (or of the start, without one).
  virtual ConfState InitialConfState() const = 0;
  // Entries in [lo, hi), cut after max_size bytes (EntrySize; at least one entry).
  // Errors: Compacted (lo < FirstIndex()), Unavailable (hi > LastIndex() + 1), IOError.
  virtual Result<std::vector<Entry>> Entries(Index lo, Index hi, std::uint64_t max_size) const = 0;
  // Errors: Compacted, Unavailable, IOError (invariant 2).
  virtual Result<Term> TermAt(Index i) const = 0;
  virtual Index FirstIndex() const = 0;
  virtual Index LastIndex() const = 0;
  // The most recent snapshot. Unavailable while one is being built (the leader retries later).
  virtual Result<Snapshot> GetSnapshot() const = 0;
};

// Storage in memory; what the tests and the explorer use. Copyable: a copy is an independent
// durable store (the explorer copies whole clusters).
class MemoryStorage final : public Storage {
 public:
  MemoryStorage() = default;

  HardState InitialState() const override { return hard_state_; }
  ConfState InitialConfState() const override { return snapshot_.metadata.conf_state; }
  Result<std::vector<Entry>> Entries(Index lo, Index hi, std::uint64_t max_size) const override;
  Result<Term> TermAt(Index i) const override;
  Index FirstIndex() const override { return offset_ + 1; }
  Index LastIndex() const override { return offset_ + entries_.size(); }
  Result<Snapshot> GetSnapshot() const override { return snapshot_; }

  void SetHardState(const HardState& hs) { hard_state_ = hs; }
  // Appends entries, first discarding any stored entry at or after entries[0].index (the
  // library only hands out entries to persist that overwrite a conflicting suffix). Entries at
  // or below the compaction point are ignored (already covered by the snapshot).
  // REQUIRES: entries are contiguous and entries[0].index <= LastIndex() + 1.
  void Append(std::span<const Entry> entries);
  // Replaces the whole log with `snapshot` (a follower installing its leader's snapshot): the
  // log becomes the snapshot alone (compaction point = its index). The hard state is left to
  // SetHardState. Errors: InvalidArgument when it is not newer than the current snapshot
  // (ErrSnapOutOfDate in etcd), or empty.
  Status ApplySnapshot(Snapshot snapshot);
  // Records a snapshot of the state machine at `index` (the application's `data`, taken
  // after applying index), for Compact and for followers that fall behind. Discards nothing.
  // Errors: InvalidArgument when index is at or below the current snapshot, or past
  // LastIndex().
  Result<Snapshot> CreateSnapshot(Index index, const ConfState& conf_state, std::string data);
  // Discards the entries up to and including `index` (the new compaction point; its term stays
  // readable, invariant 2). Errors: Compacted when index is at or below the compaction point
  // already (FirstIndex() - 1); InvalidArgument when past LastIndex() or past the snapshot (a
  // compacted entry must be covered by a snapshot: CreateSnapshot first).
  Status Compact(Index index);

  // The stored entries after the compaction point, FirstIndex() first.
  const std::vector<Entry>& entries() const { return entries_; }
  const HardState& hard_state() const { return hard_state_; }
  const Snapshot& snapshot() const { return snapshot_; }
  bool operator==(const MemoryStorage& o) const {
    return hard_state_ == o.hard_state_ && snapshot_ == o.snapshot_ && entries_ == o.entries_;
  }

 private:
  HardState hard_state_;
  Snapshot snapshot_;           // the latest snapshot; index 0 when there is none
  // The compaction point (etcd's dummy entry ents[0]): the last discarded index and its term.
  Index offset_ = 0;
  Term offset_term_ = 0;
  std::vector<Entry> entries_;  // entries_[i] has index offset_ + 1 + i
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_STORAGE_H_
