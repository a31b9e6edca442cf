// FileSystem: the seam between everything that persists (the write-ahead log, snapshot files)
// and the disk, in the spirit of LevelDB's Env. Code above it never knows which disk is below:
//  - PosixFileSystem (posix_file_system.h): real files in real directories;
//  - the explorer's simulated disk (checker/world/sim_disk.h), which keeps each file's synced
//    and unsynced bytes so that a crash can lose or tear what was not synced.
//
// Contract (both implementations; tests/fs holds them to it side by side):
//  1. Append adds bytes at the end of the file; they are durable only after a Sync of that
//     file. A crash may keep any prefix of the bytes appended since the last Sync.
//  2. Creating, removing and renaming a file are durable only after SyncDir of its directory.
//  3. Paths are '/'-separated; a directory's files are listed by name, sorted, without "." and
//     "..". ReadFile sees every byte appended so far (synced or not).
//  4. Errors are IOError (or NotFound for a missing file or directory), one line naming the
//     path. Nothing throws.
#ifndef RAFTCHECK_IMPL_FS_FILE_SYSTEM_H_
#define RAFTCHECK_IMPL_FS_FILE_SYSTEM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "impl/status.h"

namespace raft {

// A file open for appending. Closing (or destroying) it does not sync.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  // Makes every byte appended so far durable (fsync / fdatasync).
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Opens `path` for appending, creating it (empty) if it does not exist.
  virtual Result<std::unique_ptr<WritableFile>> OpenForAppend(const std::string& path) = 0;
  // The whole content of `path`. NotFound if there is no such file.
  virtual Result<std::string> ReadFile(const std::string& path) const = 0;
  // Cuts `path` to its first `size` bytes (recovery cutting a torn tail); durable after Sync of
  // a file opened on it, or at once on a real disk's next fsync.
  virtual Status Truncate(const std::string& path, std::uint64_t size) = 0;
  // Atomically replaces `to` (if it exists) with `from`.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status Remove(const std::string& path) = 0;
  // Creates `dir` (and its parents) if missing.
  virtual Status CreateDir(const std::string& dir) = 0;
  // The file names in `dir`, sorted. NotFound if there is no such directory.
  virtual Result<std::vector<std::string>> List(const std::string& dir) const = 0;
  virtual bool Exists(const std::string& path) const = 0;
  // Makes the directory's entries (creations, removals, renames) durable.
  virtual Status SyncDir(const std::string& dir) = 0;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_FS_FILE_SYSTEM_H_
