// Reading a WAL directory back: the recovery of wal.h, record by record, without changing a
// byte. Wal::Open repairs what ScanWal reports (it cuts the torn tail); Wal::Read and
// `raftcheck wal` only look.
//
// The scan, in order:
//  1. DIR/wal's segments (files named as wal_format.h says; other names are ignored) must
//     have consecutive sequence numbers; the first one's first index sets the log's base.
//  2. Each segment starts with its header, which must match its name; a later segment's first
//     index must be the log's last index + 1 (what it was when the writer cut it).
//  3. Every record goes through LogShape (log_shape.h): rule 3 of wal.h.
//  4. A record that does not frame (truncated, unknown type, CRC mismatch) is a torn tail
//     when it is in the last segment and no whole record starts anywhere after it (rule 1);
//     otherwise Corruption at its file and offset (rule 2). Every earlier segment was synced
//     before the next one was created, so it must end on a whole record.
//  5. The latest snapshot marker names a snapshot file, which must exist and match it
//     (the writer makes the file durable before the marker); and a snapshot must cover the
//     entries released with removed segments.
// Corruption messages read "PATH at offset N: what is wrong".
#ifndef RAFTCHECK_IMPL_WAL_WAL_READER_H_
#define RAFTCHECK_IMPL_WAL_WAL_READER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "impl/bugs.h"
#include "impl/fs/file_system.h"
#include "impl/status.h"
#include "impl/wal/log_shape.h"
#include "impl/wal/wal.h"
#include "impl/wal/wal_format.h"

namespace raft::wal {

// What a scan found: the durable state, and where a writer resumes.
struct ScanResult {
  WalContents contents;
  LogShape shape;                     // of contents (and of the snapshot marker's effect)
  std::string last_segment;           // path of the last segment
  std::uint64_t last_sequence = 0;    // its sequence number
  Index last_first_index = 0;         // the first index in its name
  std::uint64_t valid_bytes = 0;      // its whole records (a torn tail starts here)
  std::uint64_t file_bytes = 0;       // its size as read
  std::uint64_t marker_sequence = 0;  // the segment holding the latest snapshot marker
  std::string snapshot_file;          // path of the snapshot file loaded ("" when none)
  // Seeded bug torn-record-kept: the torn final record as it was decoded (zeros for its
  // missing bytes), re-encoded, for Open to write back after valid_bytes. Empty otherwise.
  std::string kept_torn_record;
};

// Called for every record that recovery accepts, in order: the segment's path, the record's
// byte offset in it, the record.
using RecordVisitor =
    std::function<void(const std::string& file, std::uint64_t offset, const Record& record)>;

// Scans the WAL under `dir` (rules above). Errors: NotFound (no DIR/wal, or no segment in it),
// Corruption (file and offset), IOError. Only the torn-record-kept bug changes what it does.
Result<ScanResult> ScanWal(const FileSystem& fs, const std::string& dir, BugSet bugs = {},
                           const RecordVisitor& visit = nullptr);

}  // namespace raft::wal

#endif  // RAFTCHECK_IMPL_WAL_WAL_READER_H_
