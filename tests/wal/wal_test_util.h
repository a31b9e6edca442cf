// Helpers of the WAL tests: a fresh temporary directory per test, raw file access for damaging
// WALs on purpose, and a FileSystem wrapper that counts syncs and remembers how many bytes of
// each file are synced (so that a test can emulate a crash that loses the rest).
#ifndef RAFTCHECK_TESTS_WAL_WAL_TEST_UTIL_H_
#define RAFTCHECK_TESTS_WAL_WAL_TEST_UTIL_H_

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "impl/fs/posix_file_system.h"
#include "impl/wal/wal.h"
#include "impl/wal/wal_format.h"

namespace waltest {

// A directory under the system's temporary directory, removed with everything in it when the
// object goes away.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "raftcheck-wal-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

inline void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

inline std::uint64_t FileSize(const std::string& path) { return std::filesystem::file_size(path); }

// The segment files of the WAL under `dir`, as paths, in sequence order.
inline std::vector<std::string> Segments(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/wal")) {
    if (e.path().extension() == ".wal") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> SnapFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/snap")) {
    out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline raft::Entry E(raft::Term term, raft::Index index, std::string data = "") {
  return raft::Entry{term, index, data.empty() ? "e" + std::to_string(index) : std::move(data)};
}

// A list of entries for Save (a braced list does not convert to std::span).
using Es = std::vector<raft::Entry>;

inline raft::Snapshot Snap(raft::Index index, raft::Term term, std::string data = "state") {
  raft::Snapshot s;
  s.data = std::move(data);
  s.metadata.index = index;
  s.metadata.term = term;
  s.metadata.conf_state.voters = {1, 2, 3};
  return s;
}

// A FileSystem over another that counts Sync and SyncDir calls and remembers, per path, the
// size each file had at its last Sync (its bytes written through this wrapper).
class CountingFs final : public raft::FileSystem {
 public:
  explicit CountingFs(raft::FileSystem* base) : base_(base) {}

  int syncs = 0;
  int dir_syncs = 0;
  std::map<std::string, std::uint64_t> written;  // bytes appended through this wrapper
  std::map<std::string, std::uint64_t> synced;   // of those, how many at the last Sync

  raft::Result<std::unique_ptr<raft::WritableFile>> OpenForAppend(
      const std::string& path) override {
    raft::Result<std::unique_ptr<raft::WritableFile>> f = base_->OpenForAppend(path);
    if (!f.ok()) return f;
    if (!written.count(path)) {
      raft::Result<std::string> now = base_->ReadFile(path);
      written[path] = synced[path] = now.ok() ? now->size() : 0;
    }
    return std::unique_ptr<raft::WritableFile>(std::make_unique<File>(this, path, std::move(*f)));
  }
  raft::Result<std::string> ReadFile(const std::string& path) const override {
    return base_->ReadFile(path);
  }
  raft::Status Truncate(const std::string& path, std::uint64_t size) override {
    written[path] = synced[path] = size;
    return base_->Truncate(path, size);
  }
  raft::Status Rename(const std::string& from, const std::string& to) override {
    return base_->Rename(from, to);
  }
  raft::Status Remove(const std::string& path) override { return base_->Remove(path); }
  raft::Status CreateDir(const std::string& dir) override { return base_->CreateDir(dir); }
  raft::Result<std::vector<std::string>> List(const std::string& dir) const override {
    return base_->List(dir);
  }
  bool Exists(const std::string& path) const override { return base_->Exists(path); }
  raft::Status SyncDir(const std::string& dir) override {
    ++dir_syncs;
    return base_->SyncDir(dir);
  }

 private:
  class File final : public raft::WritableFile {
   public:
    File(CountingFs* fs, std::string path, std::unique_ptr<raft::WritableFile> base)
        : fs_(fs), path_(std::move(path)), base_(std::move(base)) {}
    raft::Status Append(std::string_view data) override {
      fs_->written[path_] += data.size();
      return base_->Append(data);
    }
    raft::Status Sync() override {
      ++fs_->syncs;
      fs_->synced[path_] = fs_->written[path_];
      return base_->Sync();
    }
    raft::Status Close() override { return base_->Close(); }

   private:
    CountingFs* fs_;
    std::string path_;
    std::unique_ptr<raft::WritableFile> base_;
  };
  raft::FileSystem* base_;
};

}  // namespace waltest

#endif  // RAFTCHECK_TESTS_WAL_WAL_TEST_UTIL_H_
