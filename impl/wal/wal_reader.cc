#include "impl/wal/wal_reader.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace raft::wal {
namespace {

// The most zero bytes the torn-record-kept bug pads a torn record with (a damaged length field
// could announce gigabytes; the bug models a torn write, not that).
constexpr std::uint64_t kMaxKeptPadding = 1 << 20;

struct SegmentName {
  std::string name;
  std::uint64_t sequence = 0;
  Index first_index = 0;
};

std::string At(const std::string& file, std::uint64_t offset) {
  return file + " at offset " + std::to_string(offset) + ": ";
}

// True when a whole record starts anywhere in data[from, end).
bool WholeRecordAfter(std::string_view data, std::size_t from) {
  for (std::size_t q = from; q + kRecordHeaderBytes <= data.size(); ++q) {
    if (WholeRecordAt(data, q)) return true;
  }
  return false;
}

const char* FrameProblem(const RawRecord& raw, std::size_t left) {
  if (raw.frame == Frame::kTruncated) {
    return left < kRecordHeaderBytes ? "the file ends inside a record header"
                                     : "the file ends inside a record's payload";
  }
  const auto t = static_cast<std::uint8_t>(raw.type);
  return t < 1 || t > static_cast<std::uint8_t>(RecordType::kSnapshotConf)
             ? "unknown record type"
             : "CRC mismatch";
}

class Scanner {
 public:
  Scanner(const FileSystem& fs, std::string dir, BugSet bugs, const RecordVisitor& visit)
      : fs_(fs), dir_(std::move(dir)), bugs_(bugs), visit_(visit) {}

  Result<ScanResult> Run() {
    const std::string wal_dir = dir_ + "/" + kWalSubdir;
    Result<std::vector<std::string>> names = fs_.List(wal_dir);
    if (!names.ok()) {
      if (names.status().code() == Status::Code::kNotFound) {
        return Status::NotFound("no WAL in " + dir_ + ": " + names.status().message());
      }
      return names.status();
    }
    std::vector<SegmentName> segments;
    for (const std::string& n : *names) {
      SegmentName s{n};
      if (ParseSegmentFileName(n, &s.sequence, &s.first_index)) segments.push_back(s);
    }
    if (segments.empty())
      return Status::NotFound("no WAL in " + dir_ + ": no segment in " + wal_dir);
    // Names are fixed-width hex, so List's order is the sequence order.
    for (std::size_t k = 1; k < segments.size(); ++k) {
      if (segments[k].sequence != segments[k - 1].sequence + 1) {
        return Status::Corruption(wal_dir + ": segment " + std::to_string(segments[k].sequence) +
                                  " follows segment " + std::to_string(segments[k - 1].sequence) +
                                  " (a segment is missing)");
      }
    }
    if (segments[0].first_index == 0) {
      return Status::Corruption(wal_dir + "/" + segments[0].name + ": first index 0 in its name");
    }
    r_.shape = LogShape(segments[0].first_index - 1);
    for (std::size_t k = 0; k < segments.size(); ++k) {
      if (Status s = ScanSegment(wal_dir + "/" + segments[k].name, segments[k], k == 0,
                                 k + 1 == segments.size());
          !s.ok()) {
        return s;
      }
    }
    if (Status s = r_.shape.Covered(); !s.ok()) {
      return Status::Corruption(wal_dir + "/" + segments[0].name + ": " + s.message());
    }
    if (Status s = LoadSnapshot(); !s.ok()) return s;
    return std::move(r_);
  }

 private:
  Status ScanSegment(const std::string& path, const SegmentName& seg, bool first, bool last) {
    Result<std::string> bytes = fs_.ReadFile(path);
    if (!bytes.ok()) return bytes.status();
    const std::string_view data(*bytes);
    if (!first && !data.empty() && seg.first_index != r_.shape.last_index() + 1) {
      return Status::Corruption(
          path + ": the segment begins at index " + std::to_string(seg.first_index) +
          " but the log before it ends at " + std::to_string(r_.shape.last_index()));
    }
    std::uint64_t off = 0;
    while (off < data.size()) {
      const RawRecord raw = ParseFrame(data.substr(off));
      if (raw.frame != Frame::kWhole) {
        const char* problem = FrameProblem(raw, data.size() - off);
        if (!last || WholeRecordAfter(data, off + 1)) {
          return Status::Corruption(
              At(path, off) + problem +
              (last ? ", and a whole record follows it" : " in a segment that is not the last"));
        }
        return TornTail(path, seg, data, off, raw);
      }
      Result<Record> rec = DecodePayload(raw.type, raw.payload);
      if (!rec.ok()) return Status::Corruption(At(path, off) + rec.status().message());
      if (Status s = Check(*rec, seg, off); !s.ok())
        return Status::Corruption(At(path, off) + s.message());
      Accept(std::move(*rec), path, off);
      off += raw.size();
    }
    if (off == 0 && !last) return Status::Corruption(path + ": empty segment before the last");
    Finish(path, seg, off, data.size());
    return Status::OK();
  }

  // The last segment ends in a record that does not frame at `off`, with nothing whole after
  // it: a torn tail (rule 1).
  Status TornTail(const std::string& path, const SegmentName& seg, std::string_view data,
                  std::uint64_t off, const RawRecord& raw) {
    const std::uint64_t missing = raw.size() - (data.size() - off);
    if (bugs_.Has(Bug::kTornRecordKept) && raw.frame == Frame::kTruncated && off > 0 &&
        data.size() - off >= kRecordHeaderBytes && missing <= kMaxKeptPadding) {
      // Seeded bug: torn-record-kept. The bytes the crash tore off are read as zeros and the
      // record is decoded as if whole, CRC unchecked, instead of being cut off.
      std::string padded(raw.payload);
      padded.resize(raw.length, '\0');
      Result<Record> rec = DecodePayload(raw.type, padded);
      if (rec.ok() && rec->type != RecordType::kSegmentHeader && Check(*rec, seg, off).ok()) {
        AppendRecord(*rec, &r_.kept_torn_record);
        Accept(std::move(*rec), path, off);
        Finish(path, seg, off, data.size());
        return Status::OK();
      }
    }
    r_.contents.torn_bytes = data.size() - off;
    Finish(path, seg, off, data.size());
    return Status::OK();
  }

  // Whether a whole record may come next (rules 2 and 3 of the scan). InvalidArgument.
  Status Check(const Record& rec, const SegmentName& seg, std::uint64_t off) const {
    if ((off == 0) != (rec.type == RecordType::kSegmentHeader)) {
      return Status::InvalidArgument(off == 0 ? "the segment does not start with its header"
                                              : "a segment header inside a segment");
    }
    switch (rec.type) {
      case RecordType::kSegmentHeader:
        if (rec.header.sequence != seg.sequence || rec.header.first_index != seg.first_index) {
          return Status::InvalidArgument("header (sequence " + std::to_string(rec.header.sequence) +
                                         ", first index " + std::to_string(rec.header.first_index) +
                                         ") does not match the file's name");
        }
        return Status::OK();
      case RecordType::kEntry:
      case RecordType::kConfEntry:  // (decoding folds it into kEntry)
        return r_.shape.CheckEntry(rec.entry.index);
      case RecordType::kHardState:
        return Status::OK();
      case RecordType::kSnapshotMarker:
        return r_.shape.CheckMarker(rec.marker.index, rec.marker.term);
      case RecordType::kSnapshot:
      case RecordType::kSnapshotConf:
        break;
    }
    return Status::InvalidArgument("a snapshot record inside a segment");
  }

  // Applies a checked record to the state being rebuilt.
  void Accept(Record rec, const std::string& path, std::uint64_t off) {
    if (visit_) visit_(path, off, rec);
    ++r_.contents.records;
    std::vector<Entry>& entries = r_.contents.entries;
    switch (rec.type) {
      case RecordType::kSegmentHeader:
      case RecordType::kSnapshot:
      case RecordType::kSnapshotConf:
        return;
      case RecordType::kEntry:
      case RecordType::kConfEntry: {
        const Index index = rec.entry.index;
        r_.shape.AddEntry(index, rec.entry.term);
        // entries hold base+1..; keep those before index (none when the log restarted).
        entries.resize(index - 1 - r_.shape.base());
        entries.push_back(std::move(rec.entry));
        return;
      }
      case RecordType::kHardState:
        r_.contents.hard_state = rec.hard_state;
        return;
      case RecordType::kSnapshotMarker: {
        const Index old_base = r_.shape.base();
        switch (r_.shape.AddMarker(rec.marker.index, rec.marker.term)) {
          case LogShape::MarkerEffect::kRepeat:
            return;
          case LogShape::MarkerEffect::kKeep:
            break;
          case LogShape::MarkerEffect::kDropPrefix:
            entries.erase(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(
                                                                 r_.shape.base() - old_base));
            break;
          case LogShape::MarkerEffect::kClear:
            entries.clear();
            break;
        }
        marker_file_ = path;
        marker_offset_ = off;
        return;
      }
    }
  }

  void Finish(const std::string& path, const SegmentName& seg, std::uint64_t valid,
              std::uint64_t size) {
    r_.last_segment = path;
    r_.last_sequence = seg.sequence;
    r_.last_first_index = seg.first_index;
    r_.valid_bytes = valid;
    r_.file_bytes = size;
    if (marker_file_ == path) r_.marker_sequence = seg.sequence;
  }

  // Rule 5: the latest marker's snapshot file.
  Status LoadSnapshot() {
    const Index index = r_.shape.snapshot_index();
    if (index == 0) return Status::OK();
    const Term term = r_.shape.snapshot_term();
    const std::string path = dir_ + "/" + kSnapSubdir + "/" + SnapshotFileName(index, term);
    const std::string marker =
        At(marker_file_, marker_offset_) + "the snapshot marker's file " + path;
    Result<std::string> bytes = fs_.ReadFile(path);
    if (!bytes.ok()) {
      if (bytes.status().code() == Status::Code::kNotFound) {
        return Status::Corruption(marker + " is missing");
      }
      return bytes.status();
    }
    const RawRecord raw = ParseFrame(*bytes);
    if (raw.frame != Frame::kWhole || !IsSnapshotRecord(raw.type) ||
        raw.size() != bytes->size()) {
      return Status::Corruption(path + " at offset 0: not one whole snapshot record (" +
                                (raw.frame == Frame::kWhole ? "wrong type or trailing bytes"
                                                            : FrameProblem(raw, bytes->size())) +
                                ")");
    }
    Result<Record> rec = DecodePayload(raw.type, raw.payload);
    if (!rec.ok()) return Status::Corruption(path + " at offset 0: " + rec.status().message());
    const SnapshotMetadata& m = rec->snapshot.metadata;
    if (m.index != index || m.term != term) {
      return Status::Corruption(path + ": holds the snapshot at index " + std::to_string(m.index) +
                                " term " + std::to_string(m.term) + ", not its name's");
    }
    r_.contents.snapshot = std::move(rec->snapshot);
    r_.snapshot_file = path;
    return Status::OK();
  }

  const FileSystem& fs_;
  std::string dir_;
  BugSet bugs_;
  const RecordVisitor& visit_;
  ScanResult r_;
  std::string marker_file_;  // where the latest snapshot marker is
  std::uint64_t marker_offset_ = 0;
};

}  // namespace

Result<ScanResult> ScanWal(const FileSystem& fs, const std::string& dir, BugSet bugs,
                           const RecordVisitor& visit) {
  return Scanner(fs, dir, bugs, visit).Run();
}

}  // namespace raft::wal
