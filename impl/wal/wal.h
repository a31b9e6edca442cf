// Wal: the write-ahead log of one node, on a FileSystem (fs/file_system.h), in the style of
// etcd's wal package. It persists what the Ready contract (raw_node.h) says must be durable
// before a node sends: the entries and hard state of each Ready, and a marker for each
// snapshot the node saved, so that a restart rebuilds the node's Storage.
//
// On disk (the header comment of wal_format.h spells out every byte; wal_reader.h the scan):
//  - DIR/wal/ holds segments named SSSSSSSSSSSSSSSS-IIIIIIIIIIIIIIII.wal (sequence number and the
//    index of the first entry the segment may hold, both in hex), each a sequence of records:
//    a fixed header (payload length, record type, CRC-32C of type and payload) and the payload.
//  - Record types: entry, hard state, snapshot marker (index and term), and a segment header.
//  - DIR/snap/ holds snapshot files IIIIIIIIIIIIIIII-TTTTTTTTTTTTTTTT.snap, each written atomically
//    (write a temporary file, sync it, rename it, sync the directory) before its marker is
//    appended to the log.
//
// Recovery (Open) reads every segment in order and rebuilds the durable state:
//  1. A torn or partial final record (the file ends inside it, or its CRC fails and nothing
//     valid follows) is cut off, and the file truncated to the last whole record.
//  2. A damaged record with a valid one after it is Corruption naming the file and the byte
//     offset: never a silent skip.
//  3. An entry whose index leaves a gap, or goes back below the snapshot marker, is Corruption.
//     (An entry at or below the last entry's index replaces the suffix from there on: that is
//     how a follower's log truncation is persisted, as in etcd.)
//
// Durability: Save syncs when asked (Ready::must_sync: term, vote or entries changed); a
// hard state that only raises commit may stay unsynced. The write order within a Save is the
// entries first, then the hard state, so that a crash never leaves a durable commit index
// past the durable entries. A Save's records reach the file in one Append.
//
// Segments: a segment is cut only right after a sync (at the end of a synced Save or of
// SaveSnapshot, once it has reached WalOptions::segment_bytes), so every segment but the last
// is whole and durable; rotation costs a SyncDir, never an extra fdatasync. The new segment
// starts with its header and the current hard state (ReleaseTo may remove the segment that
// held it), made durable by the next synced Save; a crash before that leaves it empty or torn,
// which recovery treats as any torn tail and Open rewrites.
//
// Not thread-safe; one Wal per directory.
#ifndef RAFTCHECK_IMPL_WAL_WAL_H_
#define RAFTCHECK_IMPL_WAL_WAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "impl/bugs.h"
#include "impl/fs/file_system.h"
#include "impl/status.h"
#include "impl/types.h"
#include "impl/wal/log_shape.h"

namespace raft {

// What recovery found.
struct WalContents {
  HardState hard_state;
  std::optional<Snapshot> snapshot;  // the latest snapshot whose marker and file are durable
  std::vector<Entry> entries;        // after the snapshot, contiguous
  std::uint64_t records = 0;         // records read
  std::uint64_t torn_bytes = 0;      // bytes cut off a torn final record (0: none)
};

struct WalOptions {
  // A segment is cut (a new one started) at the first synced Save or SaveSnapshot that leaves
  // it at or past this size. Tests make it small to see rotation.
  std::uint64_t segment_bytes = std::uint64_t{64} << 20;
};

class Wal {
 public:
  // Creates a new, empty WAL under `dir` (created if missing): DIR/wal with its first segment
  // (synced) and DIR/snap. Errors: InvalidArgument when a WAL is there already; IOError.
  static Result<Wal> Create(FileSystem* fs, const std::string& dir, BugSet bugs = {},
                            WalOptions options = {});
  // Recovers the WAL under `dir` (rules above) and opens it for appending after the last
  // whole record. A torn tail is cut off and the cut synced. Errors: NotFound (no WAL),
  // Corruption (file and offset), IOError.
  static Result<Wal> Open(FileSystem* fs, const std::string& dir, WalContents* contents,
                          BugSet bugs = {}, WalOptions options = {});
  // Only reads: what Open would recover, without repairing the file (raftcheck wal).
  static Result<WalContents> Read(const FileSystem* fs, const std::string& dir);

  Wal(Wal&&) = default;
  Wal& operator=(Wal&&) = default;

  // Appends the records of one Ready: `entries` (in order), then `hard_state` unless empty;
  // then syncs when `sync` (exactly one fdatasync; none without `sync`). Errors:
  // InvalidArgument (nothing written) when the entries are not contiguous or would break
  // rule 3; IOError. After an IOError the Wal must not be used again (reopen it).
  // A Ready that carries a snapshot is saved snapshot first (SaveSnapshot, then Save), as etcd
  // does: its entries start after the snapshot, which would be a gap without its marker.
  Status Save(const HardState& hard_state, std::span<const Entry> entries, bool sync);
  // Saves `snapshot` as a snapshot file (atomically) and appends its marker, synced. The log
  // then holds the entries after the snapshot that agree with it (a compaction), or none (an
  // installed snapshot): wal/log_shape.h. Errors: InvalidArgument when it is not newer than
  // the last snapshot saved; IOError.
  Status SaveSnapshot(const Snapshot& snapshot);
  // Removes the segments and snapshot files that only hold what the snapshot at `index`
  // covers (never the segment that holds the latest snapshot's marker, nor the latest
  // snapshot file). Errors: InvalidArgument when `index` is past the latest snapshot; IOError.
  Status ReleaseTo(Index index);

  // The same WAL as a copy onto `fs`, which must hold a copy of this WAL's files at the same
  // paths (the explorer forks a whole node, disk included). Costs a few small copies and one
  // OpenForAppend.
  Result<Wal> CloneOnto(FileSystem* fs) const;

  // Where the WAL stands (for tests and tools).
  Index last_index() const { return shape_.last_index(); }
  const std::string& segment() const { return segment_; }

 private:
  Wal() = default;
  Status AppendToSegment(const std::string& bytes);
  Status CutIfFull();
  FileSystem* fs_ = nullptr;
  std::string dir_;
  BugSet bugs_;
  WalOptions options_;
  // The segment being appended to, and where the WAL stands.
  std::string segment_;
  std::unique_ptr<WritableFile> file_;
  std::uint64_t segment_bytes_ = 0;
  std::uint64_t sequence_ = 0;
  std::uint64_t marker_sequence_ = 0;  // the segment holding the latest snapshot marker
  HardState hard_state_;               // the last one saved: every new segment repeats it
  wal::LogShape shape_;                // indexes, terms and snapshot (log_shape.h)
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_WAL_WAL_H_
