#include "impl/wal/wal.h"

#include <utility>

#include "impl/wal/wal_format.h"
#include "impl/wal/wal_reader.h"

namespace raft {
namespace {

std::string WalDir(const std::string& dir) { return dir + "/" + wal::kWalSubdir; }
std::string SnapDir(const std::string& dir) { return dir + "/" + wal::kSnapSubdir; }

// The first records of a segment: its header, and the hard state so far (wal.h, "Segments").
std::string SegmentStart(std::uint64_t sequence, Index first_index, const HardState& hs) {
  std::string bytes;
  wal::AppendSegmentHeader({sequence, first_index}, &bytes);
  if (!hs.IsEmpty()) wal::AppendHardState(hs, &bytes);
  return bytes;
}

}  // namespace

Result<Wal> Wal::Create(FileSystem* fs, const std::string& dir, BugSet bugs, WalOptions options) {
  const std::string wal_dir = WalDir(dir);
  if (fs->Exists(wal_dir)) {
    Result<std::vector<std::string>> names = fs->List(wal_dir);
    if (!names.ok()) return names.status();
    for (const std::string& n : *names) {
      std::uint64_t seq;
      Index first;
      if (wal::ParseSegmentFileName(n, &seq, &first)) {
        return Status::InvalidArgument(dir + ": a WAL exists already (" + wal_dir + "/" + n + ")");
      }
    }
  }
  for (const std::string& d : {wal_dir, SnapDir(dir)}) {
    if (Status s = fs->CreateDir(d); !s.ok()) return s;
  }
  Wal w;
  w.fs_ = fs;
  w.dir_ = dir;
  w.bugs_ = bugs;
  w.options_ = options;
  w.segment_ = wal_dir + "/" + wal::SegmentFileName(0, 1);
  Result<std::unique_ptr<WritableFile>> file = fs->OpenForAppend(w.segment_);
  if (!file.ok()) return file.status();
  w.file_ = std::move(*file);
  if (Status s = w.AppendToSegment(SegmentStart(0, 1, {})); !s.ok()) return s;
  if (Status s = w.file_->Sync(); !s.ok()) return s;
  // The segment's name in DIR/wal, and DIR/wal and DIR/snap in DIR.
  if (Status s = fs->SyncDir(wal_dir); !s.ok()) return s;
  if (Status s = fs->SyncDir(dir); !s.ok()) return s;
  return w;
}

Result<Wal> Wal::Open(FileSystem* fs, const std::string& dir, WalContents* contents, BugSet bugs,
                      WalOptions options) {
  Result<wal::ScanResult> scan = wal::ScanWal(*fs, dir, bugs);
  if (!scan.ok()) return scan.status();
  wal::ScanResult& r = *scan;
  Wal w;
  w.fs_ = fs;
  w.dir_ = dir;
  w.bugs_ = bugs;
  w.options_ = options;
  w.segment_ = r.last_segment;
  w.sequence_ = r.last_sequence;
  w.marker_sequence_ = r.marker_sequence;
  w.hard_state_ = r.contents.hard_state;
  w.shape_ = r.shape;
  bool changed = false;
  if (r.valid_bytes < r.file_bytes) {
    // Rule 1: cut the torn tail.
    if (Status s = fs->Truncate(w.segment_, r.valid_bytes); !s.ok()) return s;
    changed = true;
  }
  Result<std::unique_ptr<WritableFile>> file = fs->OpenForAppend(w.segment_);
  if (!file.ok()) return file.status();
  w.file_ = std::move(*file);
  w.segment_bytes_ = r.valid_bytes;
  std::string tail;
  if (r.valid_bytes == 0) {
    // A crash tore the last segment's start: write it again.
    tail = SegmentStart(r.last_sequence, r.last_first_index, w.hard_state_);
  }
  // The torn record the seeded bug torn-record-kept decoded (wal_reader.cc), written back
  // whole so that what it recovered is durable; empty without that bug.
  tail += r.kept_torn_record;
  if (!tail.empty()) {
    if (Status s = w.AppendToSegment(tail); !s.ok()) return s;
    changed = true;
  }
  if (changed) {
    if (Status s = w.file_->Sync(); !s.ok()) return s;
  }
  *contents = std::move(r.contents);
  return w;
}

Result<WalContents> Wal::Read(const FileSystem* fs, const std::string& dir) {
  Result<wal::ScanResult> scan = wal::ScanWal(*fs, dir);
  if (!scan.ok()) return scan.status();
  return std::move(scan->contents);
}

Status Wal::AppendToSegment(const std::string& bytes) {
  if (Status s = file_->Append(bytes); !s.ok()) return s;
  segment_bytes_ += bytes.size();
  return Status::OK();
}

Status Wal::Save(const HardState& hard_state, std::span<const Entry> entries, bool sync) {
  std::size_t bytes = wal::kRecordHeaderBytes + 24;
  if (!entries.empty()) {
    if (Status s = shape_.CheckEntry(entries[0].index); !s.ok()) return s;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      if (entries[k].index != entries[0].index + k) {
        return Status::InvalidArgument("entries are not contiguous: index " +
                                       std::to_string(entries[k].index) + " after " +
                                       std::to_string(entries[0].index + k - 1));
      }
      if (entries[k].data.size() + 16 > wal::kMaxPayloadBytes) {
        return Status::InvalidArgument("entry " + std::to_string(entries[k].index) +
                                       " is too large for a WAL record");
      }
      bytes += wal::kRecordHeaderBytes + 16 + entries[k].data.size();
    }
  }
  std::string buf;
  buf.reserve(bytes);
  if (bugs_.Has(Bug::kHardStateBeforeEntries) && !hard_state.IsEmpty() && !entries.empty()) {
    // Seeded bug: hardstate-before-entries. The hard state goes first and is synced; the
    // entries its commit may cover follow, unsynced (etcd PR #10063's family).
    wal::AppendHardState(hard_state, &buf);
    if (Status s = AppendToSegment(buf); !s.ok()) return s;
    if (sync) {
      if (Status s = file_->Sync(); !s.ok()) return s;
    }
    buf.clear();
    for (const Entry& e : entries) wal::AppendEntry(e, &buf);
    if (Status s = AppendToSegment(buf); !s.ok()) return s;
  } else {
    for (const Entry& e : entries) wal::AppendEntry(e, &buf);
    if (!hard_state.IsEmpty()) wal::AppendHardState(hard_state, &buf);
    if (!buf.empty()) {
      if (Status s = AppendToSegment(buf); !s.ok()) return s;
    }
    if (sync) {
      if (Status s = file_->Sync(); !s.ok()) return s;
    }
  }
  for (const Entry& e : entries) shape_.AddEntry(e.index, e.term);
  if (!hard_state.IsEmpty()) hard_state_ = hard_state;
  return sync ? CutIfFull() : Status::OK();
}

Status Wal::CutIfFull() {
  if (segment_bytes_ < options_.segment_bytes) return Status::OK();
  const std::uint64_t sequence = sequence_ + 1;
  const Index first = shape_.last_index() + 1;
  const std::string path = WalDir(dir_) + "/" + wal::SegmentFileName(sequence, first);
  Result<std::unique_ptr<WritableFile>> file = fs_->OpenForAppend(path);
  if (!file.ok()) return file.status();
  const std::string start = SegmentStart(sequence, first, hard_state_);
  if (Status s = (*file)->Append(start); !s.ok()) return s;
  if (Status s = fs_->SyncDir(WalDir(dir_)); !s.ok()) return s;
  // The old segment is whole and synced (a cut follows a sync); closing does not sync.
  if (Status s = file_->Close(); !s.ok()) return s;
  file_ = std::move(*file);
  segment_ = path;
  sequence_ = sequence;
  segment_bytes_ = start.size();
  return Status::OK();
}

Status Wal::SaveSnapshot(const Snapshot& snapshot) {
  const SnapshotMetadata& m = snapshot.metadata;
  if (m.index <= shape_.snapshot_index()) {
    return Status::InvalidArgument("the snapshot at index " + std::to_string(m.index) +
                                   " is not newer than the one saved at " +
                                   std::to_string(shape_.snapshot_index()));
  }
  if (Status s = shape_.CheckMarker(m.index, m.term); !s.ok()) return s;
  const ConfState& cs = m.conf_state;
  const std::size_t ids = cs.voters.size() + cs.learners.size() + cs.voters_outgoing.size() +
                          cs.learners_next.size();
  if (snapshot.data.size() + 33 + 8 * ids > wal::kMaxPayloadBytes) {
    return Status::InvalidArgument("the snapshot is too large for a snapshot file");
  }
  const std::string snap_dir = SnapDir(dir_);
  const std::string path = snap_dir + "/" + wal::SnapshotFileName(m.index, m.term);
  const std::string temp = path + wal::kTempSuffix;
  // The file, atomically: a temporary file (a leftover of a crash is started over), synced,
  // renamed into place, the rename made durable; only then its marker.
  if (fs_->Exists(temp)) {
    if (Status s = fs_->Remove(temp); !s.ok()) return s;
  }
  {
    Result<std::unique_ptr<WritableFile>> file = fs_->OpenForAppend(temp);
    if (!file.ok()) return file.status();
    std::string bytes;
    wal::AppendSnapshot(snapshot, &bytes);
    if (Status s = (*file)->Append(bytes); !s.ok()) return s;
    if (Status s = (*file)->Sync(); !s.ok()) return s;
    if (Status s = (*file)->Close(); !s.ok()) return s;
  }
  if (Status s = fs_->Rename(temp, path); !s.ok()) return s;
  if (Status s = fs_->SyncDir(snap_dir); !s.ok()) return s;
  std::string marker;
  wal::AppendSnapshotMarker({m.index, m.term}, &marker);
  if (Status s = AppendToSegment(marker); !s.ok()) return s;
  if (Status s = file_->Sync(); !s.ok()) return s;
  shape_.AddMarker(m.index, m.term);
  marker_sequence_ = sequence_;
  return CutIfFull();
}

Status Wal::ReleaseTo(Index index) {
  if (index > shape_.snapshot_index()) {
    return Status::InvalidArgument("cannot release up to " + std::to_string(index) +
                                   ": the latest snapshot is at " +
                                   std::to_string(shape_.snapshot_index()));
  }
  // Segments: keep from the last one that starts where the log was at most `index` long and
  // is not after the latest marker's segment; everything before it holds only what the
  // snapshot covers (entries it holds past `index` were overwritten before the cut).
  const std::string wal_dir = WalDir(dir_);
  Result<std::vector<std::string>> names = fs_->List(wal_dir);
  if (!names.ok()) return names.status();
  std::vector<std::string> segments;
  std::size_t keep_from = 0;
  for (const std::string& n : *names) {
    std::uint64_t seq;
    Index first;
    if (!wal::ParseSegmentFileName(n, &seq, &first)) continue;
    if (!segments.empty() && seq <= marker_sequence_ && first <= index + 1) {
      keep_from = segments.size();
    }
    segments.push_back(n);
  }
  for (std::size_t k = 0; k < keep_from; ++k) {
    if (Status s = fs_->Remove(wal_dir + "/" + segments[k]); !s.ok()) return s;
  }
  if (keep_from > 0) {
    if (Status s = fs_->SyncDir(wal_dir); !s.ok()) return s;
  }
  // Snapshot files (and temporary ones) older than `index`: the latest one is never older.
  const std::string snap_dir = SnapDir(dir_);
  Result<std::vector<std::string>> snaps = fs_->List(snap_dir);
  if (!snaps.ok()) return snaps.status();
  bool removed = false;
  for (const std::string& n : *snaps) {
    const std::string_view tmp(wal::kTempSuffix);
    std::string_view name(n);
    if (name.ends_with(tmp)) name.remove_suffix(tmp.size());
    Index i;
    Term t;
    if (!wal::ParseSnapshotFileName(name, &i, &t) || i >= index) continue;
    if (Status s = fs_->Remove(snap_dir + "/" + n); !s.ok()) return s;
    removed = true;
  }
  if (removed) return fs_->SyncDir(snap_dir);
  return Status::OK();
}

Result<Wal> Wal::CloneOnto(FileSystem* fs) const {
  Wal w;
  w.fs_ = fs;
  w.dir_ = dir_;
  w.bugs_ = bugs_;
  w.options_ = options_;
  w.segment_ = segment_;
  Result<std::unique_ptr<WritableFile>> file = fs->OpenForAppend(segment_);
  if (!file.ok()) return file.status();
  w.file_ = std::move(*file);
  w.segment_bytes_ = segment_bytes_;
  w.sequence_ = sequence_;
  w.marker_sequence_ = marker_sequence_;
  w.hard_state_ = hard_state_;
  w.shape_ = shape_;
  return w;
}

}  // namespace raft
