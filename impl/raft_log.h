// RaftLog: a node's log as Raft sees it = the stable part in Storage + the unstable part
// accepted but not yet persisted (a snapshot received from the leader, and/or a tail of
// entries), plus the commit and apply cursors. In etcd-raft: raftLog and unstable.
//
// Invariants:
//   1. applied <= committed <= LastIndex(), and FirstIndex() - 1 <= committed: everything a
//      snapshot covers is committed (only committed state is ever snapshotted).
//   2. Unstable entries are contiguous, start at unstable_offset_, and override any stable
//      entry at the same or a higher index (a truncation the application has not persisted yet).
//   3. An unstable snapshot (index S) replaces the whole log: FirstIndex() == S + 1,
//      unstable_offset_ == S + 1, and nothing of storage is read until it is persisted.
//   4. Entries are only ever removed past the matching prefix (Raft §5.3): a committed entry is
//      never removed; trying to is a broken invariant, not an error.
//   5. No storage failure is ever read as a log fact. The term just before FirstIndex() is
//      known (the snapshot's); below it TermAt is Compacted, past LastIndex() Unavailable, and a
//      storage that cannot read answers IOError. Where Raft cannot go on without the answer
//      (LastTerm, the entries to apply), a failure aborts through RAFT_INVARIANT, as etcd
//      panics.
#ifndef RAFTCHECK_IMPL_RAFT_LOG_H_
#define RAFTCHECK_IMPL_RAFT_LOG_H_

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "impl/bugs.h"
#include "impl/storage.h"
#include "impl/types.h"

namespace raft {

class RaftLog {
 public:
  // Starts from what storage holds: everything stable, committed from its hard state (at least
  // up to the storage's snapshot). `applied` is what the application applied before this
  // start; 0 means "exactly what the storage's snapshot holds" (etcd's Config.Applied).
  // REQUIRES: applied == 0 or FirstIndex() - 1 <= applied <= the stored commit index.
  // `bugs`: seeded bugs of the log itself (bugs.h); empty in production.
  RaftLog(const Storage* storage, Index applied, BugSet bugs = {});

  // The first index whose entry the log holds (after the snapshot it was compacted to).
  Index FirstIndex() const;
  Index LastIndex() const;
  // The term of LastIndex(), which is always known. Aborts if storage cannot read it.
  Term LastTerm() const;
  // The term of the entry at i. Errors: Compacted (i < FirstIndex() - 1), Unavailable
  // (i > LastIndex()), or the storage's own failure (IOError, ...), passed through.
  Result<Term> TermAt(Index i) const;
  // Whether our entry at i has term t. False on any error (invariant 5).
  bool MatchTerm(Index i, Term t) const {
    const Result<Term> our = TermAt(i);
    return our.ok() && *our == t;
  }

  // Raft §5.4.1: a candidate's log (last_term, last_index) is at least as up-to-date as ours.
  bool IsUpToDate(Index last_index, Term last_term) const;

  // Follower side of AppendEntries (Raft §5.3): if our entry at `index` has term `log_term`,
  // appends what `entries` add past the matching prefix, truncating only at the first
  // conflict, raises commit to min(commit, last new index), and returns that last new index.
  // Returns nullopt when the consistency check fails.
  std::optional<Index> MaybeAppend(Index index, Term log_term, Index commit,
                                   std::span<const Entry> entries);
  // Appends entries after truncating at entries[0].index. Returns LastIndex().
  // REQUIRES: entries[0].index > committed (invariant 4).
  Index Append(std::span<const Entry> entries);
  // The first index whose entry conflicts with ours (same index, other term) or that we do not
  // have; 0 when every entry is already in our log.
  Index FindConflict(std::span<const Entry> entries) const;
  // Fast backtracking: the largest index <= index whose term is <= term, with that term. An
  // index whose term is not known (compacted) is returned with term 0, "unknown": it may match
  // (etcd's findConflictByTerm).
  std::pair<Index, Term> FindConflictByTerm(Index index, Term term) const;

  // Entries in [lo, LastIndex()] / [lo, hi), at most max_size bytes (EntrySize; at least one).
  // Errors: Compacted when lo < FirstIndex() (the leader sends a snapshot instead). A stable
  // entry the storage cannot return, or any other storage failure, aborts (invariant 5).
  // REQUIRES: hi <= LastIndex() + 1.
  Result<std::vector<Entry>> EntriesFrom(Index lo, std::uint64_t max_size) const;
  Result<std::vector<Entry>> Slice(Index lo, Index hi, std::uint64_t max_size) const;

  // Commit: only ever rises. REQUIRES: to <= LastIndex().
  void CommitTo(Index to);
  // Leader side (Raft §5.4.2): commit max_index only if its entry has the current term.
  bool MaybeCommit(Index max_index, Term current_term);
  // REQUIRES: applied <= i <= committed.
  void AppliedTo(Index i);

  // Snapshots. The snapshot a leader sends: the unstable one if any (newer than anything
  // stored), else the storage's (Unavailable while storage is building one).
  Result<Snapshot> GetSnapshot() const;
  // Replaces the whole log with `snapshot` (a follower installing its leader's snapshot,
  // etcd's raftLog.restore): it becomes the unstable snapshot, committed = its index; applied
  // stays until the application applied it (AppliedTo, from RawNode::Advance).
  // REQUIRES: snapshot.metadata.index > committed.
  void Restore(Snapshot snapshot);
  bool HasUnstableSnapshot() const { return unstable_snapshot_.has_value(); }
  // REQUIRES: HasUnstableSnapshot().
  const Snapshot& unstable_snapshot() const { return *unstable_snapshot_; }
  // The application persisted the snapshot at index i: storage now holds it.
  void StableSnapTo(Index i);

  // The Ready interface: what to persist and what to apply.
  std::span<const Entry> UnstableEntries() const { return unstable_; }
  bool HasUnstableEntries() const { return !unstable_.empty(); }
  // The index of the first unstable entry; entries below it are read from storage (or are
  // covered by the unstable snapshot).
  Index unstable_offset() const { return unstable_offset_; }
  // Committed entries not yet applied. None while a snapshot waits to be applied first.
  std::vector<Entry> NextCommittedEntries() const;
  bool HasNextCommittedEntries() const { return !HasUnstableSnapshot() && committed_ > applied_; }
  // The application persisted everything up to (i, t): drop it from the unstable tail, unless
  // the tail was rewritten since (then the entry at i no longer has term t).
  void StableTo(Index i, Term t);

  Index committed() const { return committed_; }
  Index applied() const { return applied_; }

  // After a copy of the node and its storage, point at the copy's storage.
  void RebindStorage(const Storage* storage) { storage_ = storage; }

 private:
  const Storage* storage_;
  std::optional<Snapshot> unstable_snapshot_;  // received, not yet persisted (invariant 3)
  std::vector<Entry> unstable_;                // unstable_[k] has index unstable_offset_ + k
  Index unstable_offset_;
  Index committed_;
  Index applied_;
  BugSet bugs_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_RAFT_LOG_H_
