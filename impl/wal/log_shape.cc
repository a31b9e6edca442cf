#include "impl/wal/log_shape.h"

#include <algorithm>
#include <string>

namespace raft::wal {

Status LogShape::CheckEntry(Index index) const {
  if (index == 0) return Status::InvalidArgument("entry at index 0");
  if (index > last_ + 1) {
    return Status::InvalidArgument("entry " + std::to_string(index) +
                                   " leaves a gap after the last entry " + std::to_string(last_));
  }
  if (index <= snapshot_index_) {
    return Status::InvalidArgument("entry " + std::to_string(index) +
                                   " is at or below the snapshot at " +
                                   std::to_string(snapshot_index_));
  }
  return Status::OK();
}

void LogShape::AddEntry(Index index, Term term) {
  if (index <= base_) {
    base_ = index - 1;  // released entries overwritten: the log starts afresh here
    runs_.clear();
  } else {
    while (!runs_.empty() && runs_.back().first >= index) runs_.pop_back();
  }
  last_ = index;
  if (runs_.empty() || runs_.back().term != term) runs_.push_back({index, term});
}

Term LogShape::TermAt(Index i) const {
  // The last run that starts at or before i.
  auto it = std::upper_bound(runs_.begin(), runs_.end(), i,
                             [](Index v, const Run& r) { return v < r.first; });
  return std::prev(it)->term;
}

Status LogShape::CheckMarker(Index index, Term term) const {
  if (index == 0) return Status::InvalidArgument("snapshot marker at index 0");
  if (index < snapshot_index_) {
    return Status::InvalidArgument("snapshot marker " + std::to_string(index) +
                                   " goes back below the snapshot at " +
                                   std::to_string(snapshot_index_));
  }
  if (index == snapshot_index_ && term != snapshot_term_) {
    return Status::InvalidArgument("snapshot marker " + std::to_string(index) + " has term " +
                                   std::to_string(term) + ", the snapshot at that index term " +
                                   std::to_string(snapshot_term_));
  }
  return Status::OK();
}

LogShape::MarkerEffect LogShape::AddMarker(Index index, Term term) {
  if (index == snapshot_index_) return MarkerEffect::kRepeat;
  snapshot_index_ = index;
  snapshot_term_ = term;
  if (index <= base_) return MarkerEffect::kKeep;
  if (index <= last_ && TermAt(index) == term) {
    // Compaction: keep index+1..last, their runs starting at index + 1 at the earliest.
    auto it = std::upper_bound(runs_.begin(), runs_.end(), index,
                               [](Index v, const Run& r) { return v < r.first; });
    runs_.erase(runs_.begin(), std::prev(it));  // runs_[0] now covers index
    if (runs_.size() > 1 && runs_[1].first == index + 1) {
      runs_.erase(runs_.begin());  // ... and nothing after it
    } else {
      runs_.front().first = index + 1;
    }
    base_ = index;
    if (index == last_) runs_.clear();
    return MarkerEffect::kDropPrefix;
  }
  base_ = index;
  last_ = index;
  runs_.clear();
  return MarkerEffect::kClear;
}

Status LogShape::Covered() const {
  if (base_ <= snapshot_index_) return Status::OK();
  return Status::InvalidArgument("the log starts after index " + std::to_string(base_) +
                                 " but the snapshot covers only up to " +
                                 std::to_string(snapshot_index_) +
                                 " (segments before the first one are missing)");
}

}  // namespace raft::wal
