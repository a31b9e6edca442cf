// SimDisk: a simulated disk behind the file-system seam (impl/fs/file_system.h), for the
// explorer. It keeps, per file, the bytes that are durable (synced) and the bytes appended
// since the last Sync, and per directory which creations, removals and renames are durable
// (SyncDir), so that a crash can be what a power loss is: the durable part survives, and of the
// rest a chosen prefix (nothing, a torn part of the last write, or everything) with, as a
// separate fault, one bit flipped.
//
// Invariants:
//  1. A file's content is synced + unsynced; unsynced is empty right after Sync.
//  2. last_write is the length of the file's last Append, counted in unsynced (0 when the last
//     Append was synced since).
//  3. A path whose existence is not durable (created, or renamed to, since the last SyncDir of
//     its directory) disappears in a crash that loses unsynced data; a durable file removed or
//     renamed away since then comes back, with its durable bytes.
//  4. The whole disk is a value: copying it forks it (the explorer forks clusters), Encode is
//     canonical (files in path order), and two disks are equal exactly when they encode the
//     same.
//
// Simplifications, deliberate and stated: Truncate is durable at once (the WAL cuts a torn tail
// only during recovery, before it writes again); file handles address files by path (the WAL
// never writes to a file it has renamed); there is no free-space limit.
#ifndef RAFTCHECK_CHECKER_WORLD_SIM_DISK_H_
#define RAFTCHECK_CHECKER_WORLD_SIM_DISK_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "impl/fs/file_system.h"

namespace raftcheck {

class SimDisk final : public raft::FileSystem {
 public:
  // What a crash leaves of the bytes not yet synced, for every file at once.
  enum class Crash : std::uint8_t {
    kLoseUnsynced,  // nothing that was not synced (and no metadata change not dir-synced)
    kKeepUnsynced,  // everything written (the page cache reached the disk in time)
    kTornWrite,     // everything but the second half of each file's last write
    kFlipBit,       // everything written, with the low bit of the last byte of each file's
                    // last write flipped (so the damage is in the file's last record, where a
                    // reader can tell it from a torn write only by its checksum)
  };
  static const char* CrashName(Crash crash);

  SimDisk() = default;

  // raft::FileSystem.
  raft::Result<std::unique_ptr<raft::WritableFile>> OpenForAppend(const std::string& path) override;
  raft::Result<std::string> ReadFile(const std::string& path) const override;
  raft::Status Truncate(const std::string& path, std::uint64_t size) override;
  raft::Status Rename(const std::string& from, const std::string& to) override;
  raft::Status Remove(const std::string& path) override;
  raft::Status CreateDir(const std::string& dir) override;
  raft::Result<std::vector<std::string>> List(const std::string& dir) const override;
  bool Exists(const std::string& path) const override;
  raft::Status SyncDir(const std::string& dir) override;

  // True when some file holds unsynced bytes (then the crash outcomes differ).
  bool HasUnsynced() const;
  // The longest last write not synced since, over every file (what a torn write can cut).
  std::uint64_t LongestLastWrite() const;
  // Applies the crash to every file: the disk as the restarted node finds it. Restores power.
  void CrashNow(Crash crash);
  // A power cut in the middle of a sequence of disk operations: after `ops` more mutating
  // operations (open-to-create, append, sync, truncate, rename, remove, create or sync a
  // directory), every mutation is silently lost until CrashNow. The writer goes on as if its
  // operations succeeded; what it does after the cut dies with it in the crash.
  void CutPowerAfter(int ops);
  // Mutating operations counted so far (across a Ready: the Ready's operations); not part of
  // the disk's value.
  int OpsDone() const { return ops_done_; }
  // Appends the canonical bytes of the whole disk.
  void Encode(std::string* out) const;
  std::size_t Bytes() const;  // content bytes held, for the memory estimate
  friend bool operator==(const SimDisk& a, const SimDisk& b) {
    return a.files_ == b.files_ && a.ghosts_ == b.ghosts_ && a.dirs_ == b.dirs_;
  }

 private:
  friend class SimFile;
  struct File {
    std::string synced;
    std::string unsynced;
    std::uint64_t last_write = 0;  // invariant 2
    bool name_durable = false;     // invariant 3
    bool operator==(const File&) const = default;
  };
  raft::Status AppendTo(const std::string& path, std::string_view data);
  raft::Status SyncFile(const std::string& path);
  static std::string DirOf(const std::string& path);
  bool Powered();  // counts one mutation; false once a power cut has taken effect

  std::map<std::string, File> files_;
  // Durable files removed or renamed away since their directory's last SyncDir: what a crash
  // that loses unsynced metadata brings back (their durable bytes).
  std::map<std::string, std::string> ghosts_;
  std::vector<std::string> dirs_;  // sorted; created at once, durably (the WAL's are fixed)
  // Transient, not part of the value (invariant 4 ignores them).
  std::optional<int> ops_left_;  // set by CutPowerAfter
  int ops_done_ = 0;
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_SIM_DISK_H_
