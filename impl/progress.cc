#include "impl/progress.h"

#include <algorithm>
#include <functional>

#include "impl/invariant.h"

namespace raft {

void Inflights::Add(Index last) {
  RAFT_INVARIANT(!Full(), "inflight window has room");
  RAFT_INVARIANT(indexes_.empty() || indexes_.back() < last, "inflight indexes increase");
  indexes_.push_back(last);
}

void Inflights::FreeLE(Index index) {
  auto it = std::upper_bound(indexes_.begin(), indexes_.end(), index);
  indexes_.erase(indexes_.begin(), it);
}

const char* ProgressStateName(ProgressState state) {
  switch (state) {
    case ProgressState::kProbe: return "probe";
    case ProgressState::kReplicate: return "replicate";
    case ProgressState::kSnapshot: return "snapshot";
  }
  return "?";
}

void Progress::BecomeProbe() {
  // Probe from just after what we know matches: the follower will tell us where it diverges.
  // After a snapshot that arrived, the follower holds everything up to it.
  const Index after = state == ProgressState::kSnapshot ? std::max(match, pending_snapshot)
                                                         : match;
  state = ProgressState::kProbe;
  msg_app_flow_paused = false;
  inflights.Reset();
  pending_snapshot = 0;
  next = after + 1;
}

void Progress::BecomeReplicate() {
  state = ProgressState::kReplicate;
  msg_app_flow_paused = false;
  inflights.Reset();
  pending_snapshot = 0;
  next = match + 1;
}

void Progress::BecomeSnapshot(Index snapshot_index) {
  RAFT_INVARIANT(snapshot_index > match, "a snapshot is sent only to a follower behind it");
  state = ProgressState::kSnapshot;
  msg_app_flow_paused = false;
  inflights.Reset();
  pending_snapshot = snapshot_index;
  next = snapshot_index + 1;
}

bool Progress::MaybeUpdate(Index n) {
  bool updated = false;
  if (match < n) {
    match = n;
    updated = true;
    msg_app_flow_paused = false;
  }
  next = std::max(next, n + 1);
  return updated;
}

bool Progress::MaybeDecrTo(Index rejected, Index match_hint) {
  if (state == ProgressState::kReplicate) {
    // In replicate, next ran ahead optimistically; a rejection below match is stale.
    if (rejected <= match) return false;
    next = match + 1;
    return true;
  }
  // In probe, only the answer to the probe in flight (at next - 1) counts.
  if (next - 1 != rejected) return false;
  next = std::max(std::min(rejected, match_hint + 1), match + 1);
  msg_app_flow_paused = false;
  return true;
}

void Progress::SentEntries(int count, Index last) {
  if (state == ProgressState::kReplicate) {
    if (count > 0) {
      next = last + 1;
      inflights.Add(last);
    }
  } else {
    msg_app_flow_paused = true;
  }
}

bool Progress::IsPaused() const {
  switch (state) {
    case ProgressState::kProbe: return msg_app_flow_paused;
    case ProgressState::kReplicate: return inflights.Full();
    case ProgressState::kSnapshot: return true;
  }
  return true;
}

}  // namespace raft
