// What a leader knows about each follower's log (Raft Figure 2: nextIndex, matchIndex) and the
// flow control that keeps it from flooding a slow follower (Raft §5.3). The quorum arithmetic
// over all followers is in quorum/ and tracker/.
//
// Invariants of Progress:
//   1. match < next.
//   2. In kProbe at most one append is outstanding (msg_app_flow_paused); in kReplicate next is
//      advanced optimistically and each outstanding append holds a slot of the inflight window.
//   3. pending_snapshot != 0 exactly in kSnapshot: a snapshot at that index is on its way, and
//      nothing else is sent until the follower acknowledges it or the application reports it
//      (RawNode::ReportSnapshot).
#ifndef RAFTCHECK_IMPL_PROGRESS_H_
#define RAFTCHECK_IMPL_PROGRESS_H_

#include <cstdint>
#include <vector>

#include "impl/types.h"

namespace raft {

// The last indexes of appends sent but not yet acknowledged, oldest first, at most `capacity`.
class Inflights {
 public:
  Inflights() = default;
  explicit Inflights(int capacity) : capacity_(capacity) {}
  // REQUIRES: !Full() and last is larger than every index held.
  void Add(Index last);
  // The follower acknowledged everything up to `index`: free those slots.
  void FreeLE(Index index);
  // Frees the oldest slot (its append was probably lost). REQUIRES: Count() > 0.
  void FreeFirst() { indexes_.erase(indexes_.begin()); }
  bool Full() const { return static_cast<int>(indexes_.size()) >= capacity_; }
  int Count() const { return static_cast<int>(indexes_.size()); }
  const std::vector<Index>& indexes() const { return indexes_; }
  void Reset() { indexes_.clear(); }
  bool operator==(const Inflights&) const = default;

 private:
  int capacity_ = 0;
  std::vector<Index> indexes_;
};

enum class ProgressState : std::uint8_t {
  kProbe,      // unknown match: one append at a time until the follower acknowledges one
  kReplicate,  // steady state: stream appends up to the inflight window
  kSnapshot,   // the follower needs compacted entries: a snapshot was sent; appends wait
};
const char* ProgressStateName(ProgressState state);

struct Progress {
  Index match = 0;
  Index next = 1;
  ProgressState state = ProgressState::kProbe;
  bool msg_app_flow_paused = false;  // kProbe: an append is out; wait for its answer
  bool recent_active = false;        // heard from since the last CheckQuorum round
  Inflights inflights;
  Index pending_snapshot = 0;        // kSnapshot: the index of the snapshot sent (invariant 3)

  // Probe from after match, or, leaving kSnapshot, from after the snapshot if that is further
  // (the follower holds it, or the snapshot was reported failed and pending_snapshot cleared).
  void BecomeProbe();
  void BecomeReplicate();
  // A snapshot at snapshot_index was sent: wait for it (etcd's BecomeSnapshot).
  void BecomeSnapshot(Index snapshot_index);
  // An acknowledgement up to n. Returns whether match rose.
  bool MaybeUpdate(Index n);
  // A rejection of the append whose previous index was `rejected`, with the follower's hint.
  // Returns false when the rejection is stale (answers an older probe) and changes nothing.
  bool MaybeDecrTo(Index rejected, Index match_hint);
  // Bookkeeping after sending an append whose last entry is `last` (0 entries: a probe).
  void SentEntries(int count, Index last);
  bool IsPaused() const;
  bool operator==(const Progress&) const = default;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_PROGRESS_H_
