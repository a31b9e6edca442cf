// PosixFileSystem: the FileSystem seam (file_system.h) over real files, with POSIX calls only.
//
//  - Append writes with O_APPEND and loops over short writes and EINTR; Sync is fdatasync (the
//    file's size is part of what fdatasync makes durable, so appends and truncations both are).
//  - SyncDir opens the directory and fsyncs it: what makes a creation, removal or rename
//    durable on Linux file systems (ext4, xfs).
//  - Every error is IOError, or NotFound for ENOENT, with one line "OP PATH: strerror(errno)".
//
// With a root, every path is taken relative to it (root + "/" + path): two PosixFileSystems
// over two copies of a directory then see the same paths, which is what Wal::CloneOnto needs
// from a file system that holds "a copy of the files". Without one, paths are used as given.
// Stateless apart from the root; safe to share between threads (the files it opens are not).
#ifndef RAFTCHECK_IMPL_FS_POSIX_FILE_SYSTEM_H_
#define RAFTCHECK_IMPL_FS_POSIX_FILE_SYSTEM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "impl/fs/file_system.h"

namespace raft {

class PosixFileSystem final : public FileSystem {
 public:
  // REQUIRES: root is empty or names an existing directory (it is not created).
  explicit PosixFileSystem(std::string root = "");

  Result<std::unique_ptr<WritableFile>> OpenForAppend(const std::string& path) override;
  Result<std::string> ReadFile(const std::string& path) const override;
  Status Truncate(const std::string& path, std::uint64_t size) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Remove(const std::string& path) override;
  Status CreateDir(const std::string& dir) override;
  Result<std::vector<std::string>> List(const std::string& dir) const override;
  bool Exists(const std::string& path) const override;
  Status SyncDir(const std::string& dir) override;

 private:
  std::string Real(const std::string& path) const;  // the path the kernel sees
  std::string root_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_FS_POSIX_FILE_SYSTEM_H_
