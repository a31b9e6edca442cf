#include "impl/storage.h"

#include <string>

#include "impl/invariant.h"

namespace raft {

Result<std::vector<Entry>> MemoryStorage::Entries(Index lo, Index hi,
                                                  std::uint64_t max_size) const {
  if (lo < FirstIndex() || hi > LastIndex() + 1 || lo > hi) {
    return Status::Unavailable("storage: entries [" + std::to_string(lo) + "," +
                               std::to_string(hi) + ") out of range");
  }
  std::vector<Entry> out;
  std::uint64_t size = 0;
  for (Index i = lo; i < hi; ++i) {
    const Entry& e = entries_[i - 1];
    size += EntrySize(e);
    if (!out.empty() && size > max_size) break;
    out.push_back(e);
  }
  return out;
}

Result<Term> MemoryStorage::TermAt(Index i) const {
  if (i == 0) return Term{0};
  if (i > LastIndex()) {
    return Status::Unavailable("storage: no entry at index " + std::to_string(i));
  }
  return entries_[i - 1].term;
}

void MemoryStorage::Append(std::span<const Entry> entries) {
  if (entries.empty()) return;
  const Index first = entries.front().index;
  RAFT_INVARIANT(first >= 1 && first <= LastIndex() + 1, "storage append leaves no gap");
  entries_.resize(first - 1);
  for (const Entry& e : entries) {
    RAFT_INVARIANT(e.index == entries_.size() + 1, "storage append entries are contiguous");
    entries_.push_back(e);
  }
}

}  // namespace raft
