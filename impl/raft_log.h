// RaftLog: a node's log as Raft sees it = the stable prefix in Storage + the unstable tail of
// entries accepted but not yet persisted, plus the commit and apply cursors.
//
// Invariants:
//   1. applied <= committed <= LastIndex().
//   2. Unstable entries are contiguous, start at unstable_offset_, and override any stable
//      entry at the same or a higher index (a truncation the application has not persisted yet).
//   3. Entries are only ever removed past the matching prefix (Raft §5.3): a committed entry is
//      never removed; trying to is a broken invariant, not an error.
#ifndef RAFTCHECK_IMPL_RAFT_LOG_H_
#define RAFTCHECK_IMPL_RAFT_LOG_H_

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "impl/storage.h"
#include "impl/types.h"

namespace raft {

class RaftLog {
 public:
  // Starts from what storage holds: everything stable, committed from its hard state.
  RaftLog(const Storage* storage, Index applied);

  Index LastIndex() const;
  Term LastTerm() const { return TermOr0(LastIndex()); }
  // The term of the entry at i; Unavailable if i > LastIndex(). Term(0) is 0.
  Result<Term> TermAt(Index i) const;
  // TermAt(i), or 0 when there is no such entry.
  Term TermOr0(Index i) const;
  bool MatchTerm(Index i, Term t) const { return TermOr0(i) == t && (i == 0 || i <= LastIndex()); }

  // Raft §5.4.1: a candidate's log (last_term, last_index) is at least as up-to-date as ours.
  bool IsUpToDate(Index last_index, Term last_term) const;

  // Follower side of AppendEntries (Raft §5.3): if our entry at `index` has term `log_term`,
  // appends what `entries` add past the matching prefix, truncating only at the first
  // conflict, raises commit to min(commit, last new index), and returns that last new index.
  // Returns nullopt when the consistency check fails.
  std::optional<Index> MaybeAppend(Index index, Term log_term, Index commit,
                                   std::span<const Entry> entries);
  // Appends entries after truncating at entries[0].index. Returns LastIndex().
  // REQUIRES: entries[0].index > committed (invariant 3).
  Index Append(std::span<const Entry> entries);
  // The first index whose entry conflicts with ours (same index, other term) or that we do not
  // have; 0 when every entry is already in our log.
  Index FindConflict(std::span<const Entry> entries) const;
  // Fast backtracking: the largest index <= index whose term is <= term, with that term.
  std::pair<Index, Term> FindConflictByTerm(Index index, Term term) const;

  // Entries in [lo, LastIndex()], at most max_size bytes (EntrySize; at least one).
  std::vector<Entry> EntriesFrom(Index lo, std::uint64_t max_size) const;
  std::vector<Entry> Slice(Index lo, Index hi, std::uint64_t max_size) const;

  // Commit: only ever rises. REQUIRES: to <= LastIndex().
  void CommitTo(Index to);
  // Leader side (Raft §5.4.2): commit max_index only if its entry has the current term.
  bool MaybeCommit(Index max_index, Term current_term);
  // REQUIRES: applied <= i <= committed.
  void AppliedTo(Index i);

  // The Ready interface: what to persist and what to apply.
  std::span<const Entry> UnstableEntries() const { return unstable_; }
  bool HasUnstableEntries() const { return !unstable_.empty(); }
  // The index of the first unstable entry; entries below it are read from storage.
  Index unstable_offset() const { return unstable_offset_; }
  std::vector<Entry> NextCommittedEntries() const;
  bool HasNextCommittedEntries() const { return committed_ > applied_; }
  // The application persisted everything up to (i, t): drop it from the unstable tail, unless
  // the tail was rewritten since (then the entry at i no longer has term t).
  void StableTo(Index i, Term t);

  Index committed() const { return committed_; }
  Index applied() const { return applied_; }

  // After a copy of the node and its storage, point at the copy's storage.
  void RebindStorage(const Storage* storage) { storage_ = storage; }

 private:
  const Storage* storage_;
  std::vector<Entry> unstable_;  // unstable_[k] has index unstable_offset_ + k
  Index unstable_offset_;
  Index committed_;
  Index applied_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_RAFT_LOG_H_
