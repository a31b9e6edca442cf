// The bytes of the write-ahead log (wal.h): record framing, the payload of each record type,
// CRC-32C, and the names of segment and snapshot files. Pure functions over bytes; no I/O.
//
// FORMAT. Every integer is little-endian and fixed-width. A segment file is a sequence of
// records; a snapshot file is exactly one record. A record is a 9-byte header and a payload:
//
//   offset  bytes  field
//   0       4      N: the payload's length (u32)
//   4       1      type (u8): 1 segment header, 2 entry, 3 hard state, 4 snapshot marker,
//                  5 snapshot (only in snapshot files), 6 configuration entry, 7 snapshot
//                  with a configuration beyond voters; every other value is damage
//   5       4      CRC-32C (Castagnoli; init 0xFFFFFFFF, reflected, final xor 0xFFFFFFFF) of
//                  the type byte followed by the N payload bytes
//   9       N      payload, by type:
//
//   1 segment header   20 bytes: u32 format version (1), u64 sequence number, u64 first index
//                      (both as in the file's name). The first record of every segment, and
//                      only there.
//   2 entry            16+ bytes: u64 term, u64 index, then the entry's data (N - 16 bytes)
//   3 hard state       24 bytes: u64 term, u64 vote, u64 commit
//   4 snapshot marker  16 bytes: u64 index, u64 term of a snapshot file already durable
//   5 snapshot         20+8V+ bytes: u64 index, u64 term, u32 V (voters), V x u64 voter ids,
//                      then the application's snapshot data (the rest)
//   6 conf entry       as 2, for an entry of type kConfChange (its data a ConfChangeV2)
//   7 snapshot         33+8(V+L+O+N)+ bytes: u64 index, u64 term, u32 V (voters), u32 L
//     (configuration)  (learners), u32 O (outgoing voters), u32 N (learners next), u8
//                      auto_leave (0 or 1), then the V, L, O and N ids (u64 each), then the
//                      data. Written instead of 5 only when the configuration has more than
//                      voters, so that a WAL of a cluster without membership changes keeps
//                      the bytes it always had.
//
// Decoding folds 6 into an entry record and 7 into a snapshot record (Record::type is kEntry
// or kSnapshot); encoding picks the byte from the entry's type and the configuration.
// A payload whose length does not fit its type is malformed even when its CRC matches.
// The CRC does not cover the length field: a damaged length shows as a record that runs past
// the end of the file or whose CRC fails, both of which recovery (wal_reader.h) handles.
//
// Files, under the WAL's directory DIR:
//   DIR/wal/SSSSSSSSSSSSSSSS-IIIIIIIIIIIIIIII.wal   sequence, first index (16 hex digits each)
//   DIR/snap/IIIIIIIIIIIIIIII-TTTTTTTTTTTTTTTT.snap  index, term; written as NAME.snap.tmp first
#ifndef RAFTCHECK_IMPL_WAL_WAL_FORMAT_H_
#define RAFTCHECK_IMPL_WAL_WAL_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "impl/status.h"
#include "impl/types.h"

namespace raft::wal {

enum class RecordType : std::uint8_t {
  kSegmentHeader = 1,
  kEntry = 2,
  kHardState = 3,
  kSnapshotMarker = 4,
  kSnapshot = 5,
  kConfEntry = 6,     // decodes to kEntry
  kSnapshotConf = 7,  // decodes to kSnapshot
};
// Whether `type` is a snapshot record's (5 or 7).
inline bool IsSnapshotRecord(RecordType type) {
  return type == RecordType::kSnapshot || type == RecordType::kSnapshotConf;
}
// "header", "entry", "hardstate", "marker", "snapshot", "confentry", "confsnapshot".
const char* RecordTypeName(RecordType type);

inline constexpr std::size_t kRecordHeaderBytes = 9;
inline constexpr std::uint32_t kFormatVersion = 1;
// The largest payload a record can hold (its length field is a u32).
inline constexpr std::uint64_t kMaxPayloadBytes = 0xFFFFFFFFu;

inline constexpr const char* kWalSubdir = "wal";
inline constexpr const char* kSnapSubdir = "snap";
inline constexpr const char* kTempSuffix = ".tmp";

// CRC-32C of `data`, continuing from `crc` (the CRC of what came before; 0 to start).
// Table-driven, eight bytes at a time. Crc32c("123456789") == 0xE3069283.
std::uint32_t Crc32c(std::string_view data, std::uint32_t crc = 0);

struct SegmentHeader {
  std::uint64_t sequence = 0;
  Index first_index = 0;
  bool operator==(const SegmentHeader&) const = default;
};

struct SnapshotMarker {
  Index index = 0;
  Term term = 0;
  bool operator==(const SnapshotMarker&) const = default;
};

// A decoded record: its type and the one field that type fills.
struct Record {
  RecordType type = RecordType::kEntry;
  SegmentHeader header;
  Entry entry;
  HardState hard_state;
  SnapshotMarker marker;
  Snapshot snapshot;
};

// Appending whole records (header and payload) to `out`.
void AppendSegmentHeader(const SegmentHeader& header, std::string* out);
void AppendEntry(const Entry& entry, std::string* out);
void AppendHardState(const HardState& hard_state, std::string* out);
void AppendSnapshotMarker(const SnapshotMarker& marker, std::string* out);
void AppendSnapshot(const Snapshot& snapshot, std::string* out);
// The record that decodes to `record` (the inverse of ParseFrame + DecodePayload).
void AppendRecord(const Record& record, std::string* out);

// How the bytes at a record's offset frame.
enum class Frame : std::uint8_t {
  kWhole,      // a whole record with a known type and a matching CRC
  kTruncated,  // the data ends inside the header or inside the payload the length announces
  kDamaged,    // whole, but its type is unknown or its CRC does not match
};

// The framing of the record at the start of `data`.
struct RawRecord {
  Frame frame = Frame::kTruncated;
  RecordType type = RecordType::kEntry;  // meaningful when the header is whole
  std::uint32_t length = 0;              // the announced payload length (header whole)
  std::string_view payload;              // kWhole: the payload; kTruncated: what is there
  std::uint64_t size() const { return kRecordHeaderBytes + length; }
};
RawRecord ParseFrame(std::string_view data);

// Decodes the payload of a record of `type`. Errors: Corruption (the length does not fit the
// type), with a message that names neither file nor offset (the caller adds them).
Result<Record> DecodePayload(RecordType type, std::string_view payload);

// True when a whole record that decodes starts at data[offset].
bool WholeRecordAt(std::string_view data, std::size_t offset);

// One line for people: "entry t2 i7 \"abc\"", "hardstate term=2 vote=1 commit=6", ...
std::string DescribeRecord(const Record& record);

// File names (not paths).
std::string SegmentFileName(std::uint64_t sequence, Index first_index);
bool ParseSegmentFileName(std::string_view name, std::uint64_t* sequence, Index* first_index);
std::string SnapshotFileName(Index index, Term term);
bool ParseSnapshotFileName(std::string_view name, Index* index, Term* term);

}  // namespace raft::wal

#endif  // RAFTCHECK_IMPL_WAL_WAL_FORMAT_H_
