// LogShape: which log indexes a WAL holds, and with which terms, without the entries' data.
// It is the one place where recovery rule 3 of wal.h lives: recovery applies it to every
// record it reads, and the writer to every record it is about to write, so that the Wal never
// writes what recovery would refuse, and both agree on what a snapshot marker does.
//
// Invariants:
//  1. snapshot_index() <= base() <= last_index(); the log holds entries base()+1..last_index()
//     (base() is the snapshot, or the index before the first entry of the oldest segment kept).
//  2. The terms of those entries are kept as runs (first index, term): one per term change,
//     so the shape's size is the number of terms since the snapshot, not the number of entries.
//
// The rules (an entry at index i, a marker of a snapshot at index S with term T):
//  - i == 0, i > last + 1 (a gap), or i <= the snapshot index: refused.
//  - otherwise entry i replaces the suffix from i on (a follower's truncation); an i at or
//    below base() (entries released with their segments, not yet covered by a snapshot) starts
//    the log afresh at i.
//  - S == 0, or S below the current snapshot, or S equal to it with another term: refused.
//  - S equal to the current snapshot with its term: a repeat, nothing changes.
//  - a log entry at S with term T: a compaction; the entries after S stay (MemoryStorage's
//    CreateSnapshot + Compact).
//  - otherwise (S past the log, or the entry at S has another term): the log becomes the
//    snapshot alone (a follower installing its leader's snapshot; MemoryStorage::ApplySnapshot).
//  - S at or below base(): the entries after base() stay; Covered() then tells whether the
//    snapshot reaches the base.
#ifndef RAFTCHECK_IMPL_WAL_LOG_SHAPE_H_
#define RAFTCHECK_IMPL_WAL_LOG_SHAPE_H_

#include <cstdint>
#include <vector>

#include "impl/status.h"
#include "impl/types.h"

namespace raft::wal {

class LogShape {
 public:
  // What a snapshot marker did to the entries (for recovery, which keeps them).
  enum class MarkerEffect : std::uint8_t {
    kRepeat,      // the current snapshot again: nothing changed
    kKeep,        // the entries after base() stay as they are
    kDropPrefix,  // the entries up to the marker's index went; the rest stay
    kClear,       // every entry went: the log is the snapshot alone
  };

  // An empty log whose first entry may be base + 1 (the first segment's first index - 1).
  explicit LogShape(Index base = 0) : base_(base), last_(base) {}

  // InvalidArgument (saying why) when entry `index` may not come next.
  Status CheckEntry(Index index) const;
  // REQUIRES: CheckEntry(index).ok().
  void AddEntry(Index index, Term term);
  // InvalidArgument when a marker of (index, term) may not come next.
  Status CheckMarker(Index index, Term term) const;
  // REQUIRES: CheckMarker(index, term).ok().
  MarkerEffect AddMarker(Index index, Term term);
  // InvalidArgument when entries released with their segments are covered by no snapshot
  // (base() above the snapshot index): segments are missing.
  Status Covered() const;

  Index base() const { return base_; }
  Index last_index() const { return last_; }
  Index snapshot_index() const { return snapshot_index_; }
  Term snapshot_term() const { return snapshot_term_; }
  // The term of entry i. REQUIRES: base() < i <= last_index().
  Term TermAt(Index i) const;

 private:
  struct Run {
    Index first;  // the run's first index; it lasts until the next run's first index
    Term term;
  };
  Index snapshot_index_ = 0;
  Term snapshot_term_ = 0;
  Index base_;
  Index last_;
  std::vector<Run> runs_;  // invariant 2; runs_[0].first == base_ + 1 when not empty
};

}  // namespace raft::wal

#endif  // RAFTCHECK_IMPL_WAL_LOG_SHAPE_H_
