#include "impl/raft_log.h"

#include <algorithm>
#include <string>

#include "impl/invariant.h"

namespace raft {

RaftLog::RaftLog(const Storage* storage, Index applied, BugSet bugs)
    : storage_(storage),
      unstable_offset_(storage->LastIndex() + 1),
      // A snapshot covers only committed entries, so commit starts at least at its index even
      // when the hard state was never written (a store built from a snapshot alone).
      committed_(std::max(storage->InitialState().commit, storage->FirstIndex() - 1)),
      applied_(applied == 0 ? storage->FirstIndex() - 1 : applied),
      bugs_(bugs) {
  RAFT_INVARIANT(committed_ <= storage->LastIndex(), "stored commit is within the stored log");
  RAFT_INVARIANT(applied_ >= storage->FirstIndex() - 1,
                 "the application applied at least the snapshot it restored");
  RAFT_INVARIANT(applied_ <= committed_, "applied <= committed at start");
}

Index RaftLog::FirstIndex() const {
  if (unstable_snapshot_) return unstable_snapshot_->metadata.index + 1;
  return storage_->FirstIndex();
}

Index RaftLog::LastIndex() const {
  if (!unstable_.empty()) return unstable_offset_ + unstable_.size() - 1;
  if (unstable_snapshot_) return unstable_snapshot_->metadata.index;
  return storage_->LastIndex();
}

Result<Term> RaftLog::TermAt(Index i) const {
  // The unstable part first: what it holds overrides storage (invariants 2 and 3).
  if (!unstable_.empty() && i >= unstable_offset_ && i <= LastIndex()) {
    return unstable_[i - unstable_offset_].term;
  }
  if (unstable_snapshot_ && i == unstable_snapshot_->metadata.index) {
    return unstable_snapshot_->metadata.term;
  }
  // The known range is [FirstIndex() - 1, LastIndex()]: the entry just before the first one
  // held is gone, but its term stays for the consistency check of the next append (§5.3).
  if (i + 1 < FirstIndex()) {
    if (bugs_.Has(Bug::kCompactedTermZero)) {
      // An unknown term read as the sentinel's: a probe with log_term 0 there "matches".
      return Term{0};  // Seeded bug: compacted-term-zero.
    }
    return Status::Compacted("log: index " + std::to_string(i) + " is compacted (first index " +
                             std::to_string(FirstIndex()) + ")");
  }
  if (i > LastIndex()) return Status::Unavailable("log: no entry at index " + std::to_string(i));
  RAFT_INVARIANT(!unstable_snapshot_, "an unstable snapshot hides the whole stored log");
  return storage_->TermAt(i);
}

Term RaftLog::LastTerm() const {
  const Result<Term> t = TermAt(LastIndex());
  RAFT_INVARIANT(t.ok(), "the term of the last index is readable (storage failure?)");
  return *t;
}

bool RaftLog::IsUpToDate(Index last_index, Term last_term) const {
  const Term our_last_term = LastTerm();
  return last_term > our_last_term || (last_term == our_last_term && last_index >= LastIndex());
}

std::optional<Index> RaftLog::MaybeAppend(Index index, Term log_term, Index commit,
                                          std::span<const Entry> entries) {
  if (!MatchTerm(index, log_term)) return std::nullopt;
  const Index last_new = index + entries.size();
  const Index conflict = FindConflict(entries);
  if (conflict != 0) {
    RAFT_INVARIANT(conflict > committed_, "a conflicting entry is never committed");
    Append(entries.subspan(conflict - (index + 1)));
  }
  CommitTo(std::min(commit, last_new));
  return last_new;
}

Index RaftLog::Append(std::span<const Entry> entries) {
  if (entries.empty()) return LastIndex();
  const Index first = entries.front().index;
  RAFT_INVARIANT(first > committed_, "append never rewrites a committed entry");
  RAFT_INVARIANT(first <= LastIndex() + 1, "append leaves no gap");
  if (first == unstable_offset_ + unstable_.size()) {
    // Plain extension of the unstable tail.
  } else if (first <= unstable_offset_) {
    // The new entries replace the whole unstable tail, and maybe some stable entries; the
    // application overwrites those when it persists (MemoryStorage::Append truncates).
    unstable_.clear();
    unstable_offset_ = first;
  } else {
    unstable_.resize(first - unstable_offset_);
  }
  unstable_.insert(unstable_.end(), entries.begin(), entries.end());
  return LastIndex();
}

Index RaftLog::FindConflict(std::span<const Entry> entries) const {
  for (const Entry& e : entries) {
    if (!MatchTerm(e.index, e.term)) return e.index;
  }
  return 0;
}

std::pair<Index, Term> RaftLog::FindConflictByTerm(Index index, Term term) const {
  index = std::min(index, LastIndex());
  for (; index > 0; --index) {
    const Result<Term> our = TermAt(index);
    if (!our.ok()) {
      // Below the snapshot we cannot tell whether it matches: say "maybe" (term 0, unknown).
      RAFT_INVARIANT(our.status().code() == Status::Code::kCompacted,
                     "the log's terms are readable (storage failure?)");
      return {index, 0};
    }
    if (*our <= term) return {index, *our};
  }
  return {0, 0};
}

Result<std::vector<Entry>> RaftLog::Slice(Index lo, Index hi, std::uint64_t max_size) const {
  if (lo < FirstIndex()) {
    return Status::Compacted("log: entries from " + std::to_string(lo) +
                             " are compacted (first index " + std::to_string(FirstIndex()) + ")");
  }
  std::vector<Entry> out;
  if (lo >= hi) return out;
  RAFT_INVARIANT(hi <= LastIndex() + 1, "log slice within the log");
  std::uint64_t size = 0;
  const Index stable_hi = std::min(hi, unstable_offset_);
  if (lo < stable_hi) {
    Result<std::vector<Entry>> stored = storage_->Entries(lo, stable_hi, max_size);
    if (!stored.ok() && stored.status().code() == Status::Code::kCompacted) {
      return stored.status();
    }
    // Unavailable here is a stable entry the storage lost; anything else a failed read.
    RAFT_INVARIANT(stored.ok(), "storage holds the stable part of the log");
    out = std::move(stored).value();
    for (const Entry& e : out) size += EntrySize(e);
    if (out.size() < stable_hi - lo) return out;  // cut by max_size
  }
  for (Index i = std::max(lo, unstable_offset_); i < hi; ++i) {
    const Entry& e = unstable_[i - unstable_offset_];
    size += EntrySize(e);
    if (!out.empty() && size > max_size) break;
    out.push_back(e);
  }
  return out;
}

Result<std::vector<Entry>> RaftLog::EntriesFrom(Index lo, std::uint64_t max_size) const {
  return Slice(lo, LastIndex() + 1, max_size);
}

void RaftLog::CommitTo(Index to) {
  if (to <= committed_) return;
  RAFT_INVARIANT(to <= LastIndex(), "commit index within the log (log corrupted, truncated or lost?)");
  committed_ = to;
}

bool RaftLog::MaybeCommit(Index max_index, Term current_term) {
  // Raft §5.4.2: never commit an entry of an earlier term by counting replicas; it becomes
  // committed indirectly once an entry of the current term after it is.
  if (max_index > committed_ && MatchTerm(max_index, current_term)) {
    CommitTo(max_index);
    return true;
  }
  return false;
}

void RaftLog::AppliedTo(Index i) {
  if (i == 0) return;
  RAFT_INVARIANT(i >= applied_ && i <= committed_, "applied index within [applied, committed]");
  applied_ = i;
}

std::vector<Entry> RaftLog::NextCommittedEntries() const {
  if (!HasNextCommittedEntries()) return {};
  Result<std::vector<Entry>> out = Slice(applied_ + 1, committed_ + 1, UINT64_MAX);
  RAFT_INVARIANT(out.ok(), "committed entries not yet applied are in the log");
  return std::move(out).value();
}

void RaftLog::StableTo(Index i, Term t) {
  if (i < unstable_offset_ || i >= unstable_offset_ + unstable_.size()) return;
  if (unstable_[i - unstable_offset_].term != t) return;  // rewritten since that Ready
  unstable_.erase(unstable_.begin(), unstable_.begin() + (i + 1 - unstable_offset_));
  unstable_offset_ = i + 1;
}

Result<Snapshot> RaftLog::GetSnapshot() const {
  if (unstable_snapshot_) return *unstable_snapshot_;
  return storage_->GetSnapshot();
}

void RaftLog::Restore(Snapshot snapshot) {
  const Index index = snapshot.metadata.index;
  RAFT_INVARIANT(index > committed_, "a restored snapshot is ahead of the commit index");
  committed_ = index;
  unstable_.clear();
  unstable_offset_ = index + 1;
  unstable_snapshot_ = std::move(snapshot);
}

void RaftLog::StableSnapTo(Index i) {
  if (unstable_snapshot_ && unstable_snapshot_->metadata.index == i) unstable_snapshot_.reset();
}

}  // namespace raft
