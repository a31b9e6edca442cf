#include "impl/raft_log.h"

#include <algorithm>

#include "impl/invariant.h"

namespace raft {

RaftLog::RaftLog(const Storage* storage, Index applied)
    : storage_(storage),
      unstable_offset_(storage->LastIndex() + 1),
      committed_(storage->InitialState().commit),
      applied_(applied) {
  RAFT_INVARIANT(committed_ <= storage->LastIndex(), "stored commit is within the stored log");
  RAFT_INVARIANT(applied_ <= committed_, "applied <= committed at start");
}

Index RaftLog::LastIndex() const {
  if (!unstable_.empty()) return unstable_offset_ + unstable_.size() - 1;
  return storage_->LastIndex();
}

Result<Term> RaftLog::TermAt(Index i) const {
  if (i == 0) return Term{0};
  if (i > LastIndex()) return Status::Unavailable("log: no entry at index " + std::to_string(i));
  if (i >= unstable_offset_) return unstable_[i - unstable_offset_].term;
  return storage_->TermAt(i);
}

Term RaftLog::TermOr0(Index i) const {
  Result<Term> t = TermAt(i);
  return t.ok() ? *t : 0;
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
    const Term our = TermOr0(index);
    if (our <= term) return {index, our};
  }
  return {0, 0};
}

std::vector<Entry> RaftLog::Slice(Index lo, Index hi, std::uint64_t max_size) const {
  std::vector<Entry> out;
  if (lo >= hi) return out;
  RAFT_INVARIANT(lo >= 1 && hi <= LastIndex() + 1, "log slice within the log");
  std::uint64_t size = 0;
  const Index stable_hi = std::min(hi, unstable_offset_);
  if (lo < stable_hi) {
    Result<std::vector<Entry>> stored = storage_->Entries(lo, stable_hi, max_size);
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

std::vector<Entry> RaftLog::EntriesFrom(Index lo, std::uint64_t max_size) const {
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
  if (max_index > committed_ && TermOr0(max_index) == current_term) {
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
  if (committed_ <= applied_) return {};
  return Slice(applied_ + 1, committed_ + 1, UINT64_MAX);
}

void RaftLog::StableTo(Index i, Term t) {
  if (i < unstable_offset_ || i >= unstable_offset_ + unstable_.size()) return;
  if (unstable_[i - unstable_offset_].term != t) return;  // rewritten since that Ready
  unstable_.erase(unstable_.begin(), unstable_.begin() + (i + 1 - unstable_offset_));
  unstable_offset_ = i + 1;
}

}  // namespace raft
