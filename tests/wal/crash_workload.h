// The workload of the crash test, shared by the writer process (wal_writer.cc) and the test
// that kills it (wal_crash_test.cc): what entry, hard state and snapshot the writer saves at
// each index, as pure functions of the index, so that the test can tell a recovered record
// from one that was never written.
#ifndef RAFTCHECK_TESTS_WAL_CRASH_WORKLOAD_H_
#define RAFTCHECK_TESTS_WAL_CRASH_WORKLOAD_H_

#include <string>

#include "impl/types.h"
#include "impl/wal/wal.h"

namespace crashload {

// Small segments, so that kills also land around rotations and releases.
inline constexpr std::uint64_t kSegmentBytes = 4096;
// Every kSnapshotEvery-th entry, a snapshot kSnapshotLag entries behind it, then ReleaseTo.
inline constexpr raft::Index kSnapshotEvery = 40;
inline constexpr raft::Index kSnapshotLag = 5;
// Every kUnsyncedEvery-th entry is followed by an unsynced commit-only hard state.
inline constexpr raft::Index kUnsyncedEvery = 7;

inline raft::Term TermOf(raft::Index i) { return 1 + (i - 1) / 25; }

// 20 to 319 bytes, different for every index.
inline std::string DataOf(raft::Index i) {
  std::string d = "entry-" + std::to_string(i) + "-";
  d.resize(20 + (i * 7919) % 300, static_cast<char>('a' + i % 26));
  return d;
}

inline raft::Entry EntryOf(raft::Index i) { return raft::Entry{TermOf(i), i, DataOf(i)}; }

inline raft::Snapshot SnapshotOf(raft::Index i) {
  raft::Snapshot s;
  s.data = "state-machine-at-" + std::to_string(i);
  s.metadata.index = i;
  s.metadata.term = TermOf(i);
  s.metadata.conf_state.voters = {1, 2, 3};
  return s;
}

}  // namespace crashload

#endif  // RAFTCHECK_TESTS_WAL_CRASH_WORKLOAD_H_
