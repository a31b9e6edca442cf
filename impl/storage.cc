#include "impl/storage.h"

#include <string>
#include <utility>

#include "impl/invariant.h"

namespace raft {

Result<std::vector<Entry>> MemoryStorage::Entries(Index lo, Index hi,
                                                  std::uint64_t max_size) const {
  if (lo > hi) {
    return Status::InvalidArgument("storage: entries [" + std::to_string(lo) + "," +
                                   std::to_string(hi) + ") is an inverted range");
  }
  if (lo < FirstIndex()) {
    return Status::Compacted("storage: entries from " + std::to_string(lo) +
                             " were compacted (first index " + std::to_string(FirstIndex()) + ")");
  }
  if (hi > LastIndex() + 1) {
    return Status::Unavailable("storage: entries up to " + std::to_string(hi - 1) +
                               " past the last index " + std::to_string(LastIndex()));
  }
  std::vector<Entry> out;
  std::uint64_t size = 0;
  for (Index i = lo; i < hi; ++i) {
    const Entry& e = entries_[i - FirstIndex()];
    size += EntrySize(e);
    if (!out.empty() && size > max_size) break;
    out.push_back(e);
  }
  return out;
}

Result<Term> MemoryStorage::TermAt(Index i) const {
  if (i < offset_) {
    return Status::Compacted("storage: index " + std::to_string(i) +
                             " was compacted (compaction point " + std::to_string(offset_) + ")");
  }
  if (i > LastIndex()) {
    return Status::Unavailable("storage: no entry at index " + std::to_string(i));
  }
  if (i == offset_) return offset_term_;  // the compaction point keeps its term (invariant 2)
  return entries_[i - FirstIndex()].term;
}

void MemoryStorage::Append(std::span<const Entry> entries) {
  RAFT_INVARIANT(entries.empty() || entries.front().index >= 1, "stored entries start at 1");
  // Entries the compaction point covers are already in the snapshot.
  while (!entries.empty() && entries.front().index <= offset_) entries = entries.subspan(1);
  if (entries.empty()) return;
  const Index first = entries.front().index;
  RAFT_INVARIANT(first <= LastIndex() + 1, "storage append leaves no gap");
  entries_.resize(first - FirstIndex());
  for (const Entry& e : entries) {
    RAFT_INVARIANT(e.index == LastIndex() + 1, "storage append entries are contiguous");
    entries_.push_back(e);
  }
}

Status MemoryStorage::ApplySnapshot(Snapshot snapshot) {
  if (snapshot.IsEmpty()) return Status::InvalidArgument("storage: empty snapshot");
  if (snapshot.metadata.index <= snapshot_.metadata.index) {
    return Status::InvalidArgument(
        "storage: snapshot at " + std::to_string(snapshot.metadata.index) +
        " is not newer than the stored one at " + std::to_string(snapshot_.metadata.index));
  }
  offset_ = snapshot.metadata.index;
  offset_term_ = snapshot.metadata.term;
  entries_.clear();
  snapshot_ = std::move(snapshot);
  return Status::OK();
}

Result<Snapshot> MemoryStorage::CreateSnapshot(Index index, const ConfState& conf_state,
                                               std::string data) {
  if (index <= snapshot_.metadata.index) {
    return Status::InvalidArgument("storage: a snapshot at " + std::to_string(index) +
                                   " is not newer than the stored one at " +
                                   std::to_string(snapshot_.metadata.index));
  }
  if (index > LastIndex()) {
    return Status::InvalidArgument("storage: cannot snapshot at " + std::to_string(index) +
                                   " past the last index " + std::to_string(LastIndex()));
  }
  // index > snapshot index >= compaction point, so its term is held (invariant 1).
  Result<Term> term = TermAt(index);
  RAFT_INVARIANT(term.ok(), "a snapshot index past the compaction point has a term");
  snapshot_ = Snapshot{.data = std::move(data),
                       .metadata = {.index = index, .term = *term, .conf_state = conf_state}};
  return snapshot_;
}

Status MemoryStorage::Compact(Index index) {
  if (index <= offset_) {
    return Status::Compacted("storage: already compacted to " + std::to_string(offset_) +
                             ", cannot compact to " + std::to_string(index));
  }
  if (index > LastIndex()) {
    return Status::InvalidArgument("storage: cannot compact to " + std::to_string(index) +
                                   " past the last index " + std::to_string(LastIndex()));
  }
  if (index > snapshot_.metadata.index) {
    return Status::InvalidArgument("storage: cannot compact to " + std::to_string(index) +
                                   " past the snapshot at " +
                                   std::to_string(snapshot_.metadata.index));
  }
  const Result<Term> term = TermAt(index);
  RAFT_INVARIANT(term.ok(), "a compaction index within the log has a term");
  entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(index - offset_));
  offset_ = index;
  offset_term_ = *term;
  return Status::OK();
}

}  // namespace raft
