// wal_bench [DIR]: write-ahead-log figures on the disk that holds DIR (default: a
// fresh directory under the system's temporary directory), with the POSIX file system:
//  - throughput of 1 KiB entries with one Save (and so one fdatasync) per Ready, at 1 and at
//    16 entries per Ready, each for $BENCH_SECONDS (default 3) seconds of wall-clock time;
//  - recovery (Wal::Open) of a WAL of 100,000 such entries.
// Prints figures; asserts nothing. bench/wal.sh builds and runs it.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "impl/fs/posix_file_system.h"
#include "impl/wal/wal.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kEntryBytes = 1024;
constexpr raft::Index kRecoveryEntries = 100000;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::vector<raft::Entry> Batch(raft::Index first, std::size_t n) {
  std::vector<raft::Entry> out;
  for (std::size_t k = 0; k < n; ++k) {
    out.push_back({1, first + k, std::string(kEntryBytes, static_cast<char>('a' + k % 26))});
  }
  return out;
}

std::uint64_t DirBytes(const std::string& dir) {
  std::uint64_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) n += e.file_size();
  }
  return n;
}

int Die(const raft::Status& s) {
  std::fprintf(stderr, "wal_bench: %s\n", s.ToString().c_str());
  return 2;
}

// Saves Readies of `per_ready` entries (and a hard state), synced, for `seconds`.
int Throughput(raft::FileSystem* fs, const std::string& dir, std::size_t per_ready,
               double seconds) {
  raft::Result<raft::Wal> wal = raft::Wal::Create(fs, dir);
  if (!wal.ok()) return Die(wal.status());
  raft::Index next = 1;
  std::uint64_t readies = 0;
  const std::uint64_t start_bytes = DirBytes(dir);
  const Clock::time_point start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    const std::vector<raft::Entry> batch = Batch(next, per_ready);
    if (raft::Status s = wal->Save({1, 1, next - 1}, batch, true); !s.ok()) return Die(s);
    next += per_ready;
    ++readies;
    elapsed = Seconds(start);
  }
  const double mb = static_cast<double>(DirBytes(dir) - start_bytes) / 1e6;
  std::printf(
      "1 KiB entries, %2zu per Ready, one fdatasync per Ready: %8.0f entries/s  "
      "%7.2f MB/s  %7.0f Readies/s  (%llu Readies in %.2f s)\n",
      per_ready, static_cast<double>(next - 1) / elapsed, mb / elapsed,
      static_cast<double>(readies) / elapsed, static_cast<unsigned long long>(readies), elapsed);
  return 0;
}

int Recovery(raft::FileSystem* fs, const std::string& dir) {
  {
    raft::Result<raft::Wal> wal = raft::Wal::Create(fs, dir);
    if (!wal.ok()) return Die(wal.status());
    constexpr std::size_t kPerSave = 100;
    for (raft::Index i = 1; i <= kRecoveryEntries; i += kPerSave) {
      const bool last = i + kPerSave > kRecoveryEntries;
      if (raft::Status s = wal->Save({1, 1, i - 1}, Batch(i, kPerSave), last); !s.ok()) {
        return Die(s);
      }
    }
  }
  const double mb = static_cast<double>(DirBytes(dir)) / 1e6;
  std::size_t segments = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/wal"))
    segments += e.is_regular_file();
  const Clock::time_point start = Clock::now();
  raft::WalContents contents;
  raft::Result<raft::Wal> wal = raft::Wal::Open(fs, dir, &contents);
  const double elapsed = Seconds(start);
  if (!wal.ok()) return Die(wal.status());
  std::printf(
      "recovery (Wal::Open) of %llu records, %llu entries, %.1f MB in %zu segments: "
      "%.3f s  (%.0f records/s, %.0f MB/s; page cache warm)\n",
      static_cast<unsigned long long>(contents.records),
      static_cast<unsigned long long>(contents.entries.size()), mb, segments, elapsed,
      static_cast<double>(contents.records) / elapsed, mb / elapsed);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string root;
  if (argc > 1) {
    root = argv[1];
    std::filesystem::create_directories(root);
  } else {
    root = (std::filesystem::temp_directory_path() / "raftcheck-wal-bench-XXXXXX").string();
    if (::mkdtemp(root.data()) == nullptr) return 2;
  }
  const char* env = std::getenv("BENCH_SECONDS");
  const double seconds = env != nullptr ? std::atof(env) : 3.0;
  std::printf("wal_bench: WAL on %s (POSIX, fdatasync), %zu-byte entries\n", root.c_str(),
              kEntryBytes);
  raft::PosixFileSystem fs;
  int rc = Throughput(&fs, root + "/one", 1, seconds);
  if (rc == 0) rc = Throughput(&fs, root + "/sixteen", 16, seconds);
  if (rc == 0) rc = Recovery(&fs, root + "/recovery");
  std::error_code ignored;
  for (const char* sub : {"/one", "/sixteen", "/recovery"}) {
    std::filesystem::remove_all(root + sub, ignored);
  }
  if (argc <= 1) std::filesystem::remove(root, ignored);
  return rc;
}
