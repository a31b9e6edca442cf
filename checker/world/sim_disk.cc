#include "checker/world/sim_disk.h"

#include <algorithm>

namespace raftcheck {

using raft::Result;
using raft::Status;

// A handle on a file of a SimDisk, by path (see the header's simplifications).
class SimFile final : public raft::WritableFile {
 public:
  SimFile(SimDisk* disk, std::string path) : disk_(disk), path_(std::move(path)) {}
  Status Append(std::string_view data) override { return disk_->AppendTo(path_, data); }
  Status Sync() override { return disk_->SyncFile(path_); }
  Status Close() override { return Status::OK(); }

 private:
  SimDisk* disk_;
  std::string path_;
};

const char* SimDisk::CrashName(Crash crash) {
  switch (crash) {
    case Crash::kLoseUnsynced: return "lose-unsynced";
    case Crash::kKeepUnsynced: return "keep-unsynced";
    case Crash::kTornWrite: return "torn-write";
    case Crash::kFlipBit: return "flip-bit";
  }
  return "?";
}

std::string SimDisk::DirOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

Result<std::unique_ptr<raft::WritableFile>> SimDisk::OpenForAppend(const std::string& path) {
  if (!std::binary_search(dirs_.begin(), dirs_.end(), DirOf(path))) {
    return Status::NotFound(path + ": no such directory");
  }
  if (Powered()) files_.try_emplace(path);
  return std::unique_ptr<raft::WritableFile>(std::make_unique<SimFile>(this, path));
}

Status SimDisk::AppendTo(const std::string& path, std::string_view data) {
  if (!Powered()) return Status::OK();
  auto it = files_.find(path);
  if (it == files_.end()) return Status::IOError(path + ": write to a file that no longer exists");
  it->second.unsynced.append(data);
  it->second.last_write = data.size();
  return Status::OK();
}

Status SimDisk::SyncFile(const std::string& path) {
  if (!Powered()) return Status::OK();
  auto it = files_.find(path);
  if (it == files_.end()) return Status::IOError(path + ": sync of a file that no longer exists");
  File& f = it->second;
  f.synced += f.unsynced;
  f.unsynced.clear();
  f.last_write = 0;
  return Status::OK();
}

Result<std::string> SimDisk::ReadFile(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return Status::NotFound(path + ": no such file");
  return it->second.synced + it->second.unsynced;
}

Status SimDisk::Truncate(const std::string& path, std::uint64_t size) {
  if (!Powered()) return Status::OK();
  auto it = files_.find(path);
  if (it == files_.end()) return Status::NotFound(path + ": no such file");
  File& f = it->second;
  std::string all = f.synced + f.unsynced;
  if (size > all.size()) return Status::IOError(path + ": truncate past the end");
  all.resize(size);
  f.synced = std::move(all);  // durable at once (see the header)
  f.unsynced.clear();
  f.last_write = 0;
  return Status::OK();
}

Status SimDisk::Rename(const std::string& from, const std::string& to) {
  if (!Powered()) return Status::OK();
  auto it = files_.find(from);
  if (it == files_.end()) return Status::NotFound(from + ": no such file");
  File moved = std::move(it->second);
  if (moved.name_durable) ghosts_[from] = moved.synced;
  files_.erase(it);
  if (auto old = files_.find(to); old != files_.end()) {
    if (old->second.name_durable) ghosts_[to] = old->second.synced;
    files_.erase(old);
  }
  moved.name_durable = false;
  files_[to] = std::move(moved);
  return Status::OK();
}

Status SimDisk::Remove(const std::string& path) {
  if (!Powered()) return Status::OK();
  auto it = files_.find(path);
  if (it == files_.end()) return Status::NotFound(path + ": no such file");
  if (it->second.name_durable) ghosts_[path] = it->second.synced;
  files_.erase(it);
  return Status::OK();
}

Status SimDisk::CreateDir(const std::string& dir) {
  if (!Powered()) return Status::OK();
  // Every prefix directory too, as mkdir -p.
  for (std::size_t at = 0; at != std::string::npos;) {
    at = dir.find('/', at + 1);
    const std::string prefix = dir.substr(0, at);
    auto pos = std::lower_bound(dirs_.begin(), dirs_.end(), prefix);
    if (pos == dirs_.end() || *pos != prefix) dirs_.insert(pos, prefix);
  }
  return Status::OK();
}

Result<std::vector<std::string>> SimDisk::List(const std::string& dir) const {
  if (!std::binary_search(dirs_.begin(), dirs_.end(), dir)) {
    return Status::NotFound(dir + ": no such directory");
  }
  std::vector<std::string> names;
  for (const auto& [path, file] : files_) {
    if (DirOf(path) == dir) names.push_back(path.substr(dir.size() + 1));
  }
  return names;  // files_ is ordered by path, so by name within a directory
}

bool SimDisk::Exists(const std::string& path) const {
  return files_.count(path) > 0 || std::binary_search(dirs_.begin(), dirs_.end(), path);
}

Status SimDisk::SyncDir(const std::string& dir) {
  if (!Powered()) return Status::OK();
  if (!std::binary_search(dirs_.begin(), dirs_.end(), dir)) {
    return Status::NotFound(dir + ": no such directory");
  }
  for (auto& [path, file] : files_) {
    if (DirOf(path) == dir) file.name_durable = true;
  }
  for (auto it = ghosts_.begin(); it != ghosts_.end();) {
    it = DirOf(it->first) == dir ? ghosts_.erase(it) : std::next(it);
  }
  return Status::OK();
}

bool SimDisk::HasUnsynced() const {
  for (const auto& [path, file] : files_) {
    if (!file.unsynced.empty() || !file.name_durable) return true;
  }
  return !ghosts_.empty();
}

std::uint64_t SimDisk::LongestLastWrite() const {
  std::uint64_t n = 0;
  for (const auto& [path, file] : files_) n = std::max(n, file.last_write);
  return n;
}

bool SimDisk::Powered() {
  if (ops_left_) {
    if (*ops_left_ == 0) return false;
    --*ops_left_;
  }
  ++ops_done_;
  return true;
}

void SimDisk::CutPowerAfter(int ops) { ops_left_ = ops; }

void SimDisk::CrashNow(Crash crash) {
  ops_left_.reset();
  if (crash == Crash::kLoseUnsynced) {
    for (auto it = files_.begin(); it != files_.end();) {
      it = it->second.name_durable ? std::next(it) : files_.erase(it);
    }
    for (auto& [path, bytes] : ghosts_) files_[path] = File{bytes, "", 0, true};
  }
  ghosts_.clear();
  for (auto& [path, f] : files_) {
    std::string kept;
    switch (crash) {
      case Crash::kLoseUnsynced:
        break;
      case Crash::kKeepUnsynced:
        kept = f.unsynced;
        break;
      case Crash::kTornWrite:
        // Everything before the last write, and the first half of it.
        kept = f.unsynced.substr(0, f.unsynced.size() - f.last_write + f.last_write / 2);
        break;
      case Crash::kFlipBit:
        kept = f.unsynced;
        if (f.last_write > 0) kept.back() ^= 1;
        break;
    }
    f.synced += kept;
    f.unsynced.clear();
    f.last_write = 0;
    f.name_durable = true;
  }
}

namespace {

void PutBytes(const std::string& s, std::string* out) {
  std::uint64_t n = s.size();
  while (n >= 0x80) {
    out->push_back(static_cast<char>(n | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
  out->append(s);
}

}  // namespace

void SimDisk::Encode(std::string* out) const {
  PutBytes(std::to_string(files_.size()), out);
  for (const auto& [path, f] : files_) {
    PutBytes(path, out);
    PutBytes(f.synced, out);
    PutBytes(f.unsynced, out);
    PutBytes(std::to_string(f.last_write) + (f.name_durable ? "d" : "n"), out);
  }
  PutBytes(std::to_string(ghosts_.size()), out);
  for (const auto& [path, bytes] : ghosts_) {
    PutBytes(path, out);
    PutBytes(bytes, out);
  }
  for (const std::string& d : dirs_) PutBytes(d, out);
}

std::size_t SimDisk::Bytes() const {
  std::size_t n = 0;
  for (const auto& [path, f] : files_) n += path.size() + f.synced.size() + f.unsynced.size();
  for (const auto& [path, bytes] : ghosts_) n += path.size() + bytes.size();
  return n;
}

}  // namespace raftcheck
