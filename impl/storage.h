// Storage: the durable part of a node, as the application persisted it. The library only reads
// it; the application writes it while processing a Ready (see raw_node.h), before sending.
//
// Invariants (of MemoryStorage, expected of any implementation):
//   1. Entries are contiguous from FirstIndex() to LastIndex(); the entry at index 0 is the
//      sentinel (term 0), so an empty log has LastIndex() == 0.
//   2. Term(0) == 0; Term(i) for i > LastIndex() is Unavailable.
#ifndef RAFTCHECK_IMPL_STORAGE_H_
#define RAFTCHECK_IMPL_STORAGE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "impl/status.h"
#include "impl/types.h"

namespace raft {

class Storage {
 public:
  virtual ~Storage() = default;
  virtual HardState InitialState() const = 0;
  // Entries in [lo, hi), cut after max_size bytes (EntrySize; at least one entry).
  // REQUIRES: FirstIndex() <= lo <= hi <= LastIndex() + 1.
  virtual Result<std::vector<Entry>> Entries(Index lo, Index hi, std::uint64_t max_size) const = 0;
  virtual Result<Term> TermAt(Index i) const = 0;
  virtual Index FirstIndex() const = 0;
  virtual Index LastIndex() const = 0;
};

// Storage in memory; what the tests and the explorer use. Copyable: a copy is an independent
// durable store (the explorer copies whole clusters).
class MemoryStorage final : public Storage {
 public:
  MemoryStorage() = default;

  HardState InitialState() const override { return hard_state_; }
  Result<std::vector<Entry>> Entries(Index lo, Index hi, std::uint64_t max_size) const override;
  Result<Term> TermAt(Index i) const override;
  Index FirstIndex() const override { return 1; }
  Index LastIndex() const override { return entries_.size(); }

  void SetHardState(const HardState& hs) { hard_state_ = hs; }
  // Appends entries, first discarding any stored entry at or after entries[0].index (the
  // library only hands out entries to persist that overwrite a conflicting suffix).
  // REQUIRES: entries are contiguous and entries[0].index <= LastIndex() + 1.
  void Append(std::span<const Entry> entries);

  // The stored log, index 1 first.
  const std::vector<Entry>& entries() const { return entries_; }
  const HardState& hard_state() const { return hard_state_; }
  bool operator==(const MemoryStorage&) const = default;

 private:
  HardState hard_state_;
  std::vector<Entry> entries_;  // entries_[i] has index i + 1
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_STORAGE_H_
