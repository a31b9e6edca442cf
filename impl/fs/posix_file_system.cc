#include "impl/fs/posix_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace raft {
namespace {

// "OP PATH: strerror(errno)", as NotFound for ENOENT and IOError otherwise.
Status PosixError(const char* op, const std::string& path, int err) {
  std::string msg = std::string(op) + " " + path + ": " + std::strerror(err);
  return err == ENOENT ? Status::NotFound(std::move(msg)) : Status::IOError(std::move(msg));
}

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  PosixWritableFile(const PosixWritableFile&) = delete;
  PosixWritableFile& operator=(const PosixWritableFile&) = delete;

  Status Append(std::string_view data) override {
    if (fd_ < 0) return Status::IOError("write " + path_ + ": file is closed");
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return PosixError("write", path_, errno);
      }
      data.remove_prefix(static_cast<std::size_t>(n));  // a short write: go on from there
    }
    return Status::OK();
  }

  Status Sync() override {
    if (fd_ < 0) return Status::IOError("fdatasync " + path_ + ": file is closed");
    while (::fdatasync(fd_) != 0) {
      if (errno != EINTR) return PosixError("fdatasync", path_, errno);
    }
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::OK();
    const int fd = std::exchange(fd_, -1);
    // close(2) is not retried on EINTR: on Linux the descriptor is released either way.
    if (::close(fd) != 0 && errno != EINTR) return PosixError("close", path_, errno);
    return Status::OK();
  }

 private:
  std::string path_;
  int fd_;
};

}  // namespace

PosixFileSystem::PosixFileSystem(std::string root) : root_(std::move(root)) {}

std::string PosixFileSystem::Real(const std::string& path) const {
  return root_.empty() ? path : root_ + "/" + path;
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::OpenForAppend(const std::string& path) {
  const std::string real = Real(path);
  int fd;
  do {
    fd = ::open(real.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return PosixError("open", real, errno);
  return std::unique_ptr<WritableFile>(std::make_unique<PosixWritableFile>(real, fd));
}

Result<std::string> PosixFileSystem::ReadFile(const std::string& path) const {
  const std::string real = Real(path);
  int fd;
  do {
    fd = ::open(real.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return PosixError("open", real, errno);
  std::string content;
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0)
    content.reserve(static_cast<std::size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return PosixError("read", real, err);
    }
    if (n == 0) break;
    content.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return content;
}

Status PosixFileSystem::Truncate(const std::string& path, std::uint64_t size) {
  const std::string real = Real(path);
  while (::truncate(real.c_str(), static_cast<off_t>(size)) != 0) {
    if (errno != EINTR) return PosixError("truncate", real, errno);
  }
  return Status::OK();
}

Status PosixFileSystem::Rename(const std::string& from, const std::string& to) {
  const std::string real_from = Real(from);
  if (::rename(real_from.c_str(), Real(to).c_str()) != 0) {
    return PosixError("rename", real_from + " to " + Real(to), errno);
  }
  return Status::OK();
}

Status PosixFileSystem::Remove(const std::string& path) {
  const std::string real = Real(path);
  if (::unlink(real.c_str()) != 0) return PosixError("unlink", real, errno);
  return Status::OK();
}

Status PosixFileSystem::CreateDir(const std::string& dir) {
  const std::string real = Real(dir);
  // mkdir -p: every prefix that ends before a '/', then the whole path.
  for (std::size_t at = real.find('/', 1);; at = real.find('/', at + 1)) {
    const std::string prefix = real.substr(0, at);
    if (!prefix.empty() && ::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
      return PosixError("mkdir", prefix, errno);
    }
    if (at == std::string::npos) break;
  }
  struct stat st;
  if (::stat(real.c_str(), &st) != 0) return PosixError("stat", real, errno);
  if (!S_ISDIR(st.st_mode)) return Status::IOError("mkdir " + real + ": not a directory");
  return Status::OK();
}

Result<std::vector<std::string>> PosixFileSystem::List(const std::string& dir) const {
  const std::string real = Real(dir);
  DIR* d = ::opendir(real.c_str());
  if (d == nullptr) return PosixError("opendir", real, errno);
  std::vector<std::string> names;
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(d);
    if (e == nullptr) break;
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  const int err = errno;
  ::closedir(d);
  if (err != 0) return PosixError("readdir", real, err);
  std::sort(names.begin(), names.end());
  return names;
}

bool PosixFileSystem::Exists(const std::string& path) const {
  struct stat st;
  return ::stat(Real(path).c_str(), &st) == 0;
}

Status PosixFileSystem::SyncDir(const std::string& dir) {
  const std::string real = Real(dir);
  int fd;
  do {
    fd = ::open(real.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return PosixError("open", real, errno);
  int rc;
  do {
    rc = ::fsync(fd);
  } while (rc != 0 && errno == EINTR);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return PosixError("fsync", real, err);
  return Status::OK();
}

}  // namespace raft
