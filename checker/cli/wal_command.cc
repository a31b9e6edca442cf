// raftcheck wal DIR: prints the write-ahead log under DIR (impl/wal/wal.h) record by record and
// verifies it, as etcd-dump-logs does for etcd's. It only reads (impl/wal/wal_reader.h): a torn
// tail is reported, not cut.
//
// stdout, one line per record the recovery accepts, in order:
//   FILE OFFSET TYPE CONTENT      e.g. "wal/0000000000000000-0000000000000001.wal 29 entry t1 i1
//   \"x\""
// (FILE relative to DIR, OFFSET in bytes), then:
//   "snapshot FILE: ..."          the snapshot file recovery loads, if any
//   "torn: FILE at offset N: ..." a torn final record (what a crash leaves; opening cuts it)
//   "ok: ..."                     the recovered state, last
// or, at the first bad record, "corrupt: FILE at offset N: what is wrong" as the last line.
// Exit 0 when the WAL reads clean (a torn tail included), 1 on corruption, 2 on a usage error
// or a missing or unreadable directory (one line on stderr).
#include <cstdio>
#include <set>
#include <string>

#include "checker/cli/command_line.h"
#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"
#include "impl/fs/posix_file_system.h"
#include "impl/wal/wal_reader.h"

namespace raftcheck::cli {
namespace {

// `path` relative to `dir` when it lies under it.
std::string Relative(const std::string& dir, const std::string& path) {
  const std::string prefix = dir + "/";
  return path.rfind(prefix, 0) == 0 ? path.substr(prefix.size()) : path;
}

std::string Summary(const raft::wal::ScanResult& r, std::size_t segments) {
  const raft::WalContents& c = r.contents;
  const raft::Index snap = r.shape.snapshot_index();
  std::string log = c.entries.empty() ? "no entries"
                                      : "entries " + std::to_string(c.entries.front().index) +
                                            ".." + std::to_string(c.entries.back().index);
  if (snap != 0) log += " after the snapshot at " + std::to_string(snap);
  return "ok: " + std::to_string(c.records) + " records in " + std::to_string(segments) +
         " segment" + (segments == 1 ? "" : "s") + "; " + log +
         "; hard state term=" + std::to_string(c.hard_state.term) +
         " vote=" + std::to_string(c.hard_state.vote) +
         " commit=" + std::to_string(c.hard_state.commit);
}

}  // namespace

int RunWal(const std::vector<std::string>& args) {
  std::string dir;
  CommandLine line("wal", "Prints a node's write-ahead log record by record and verifies it.");
  line.Positional("DIR", &dir, "the directory holding the WAL (its wal/ and snap/ folders)");
  if (std::optional<int> code = line.Parse(args)) return *code;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();

  raft::PosixFileSystem fs;
  std::set<std::string> segments;
  const raft::wal::RecordVisitor print = [&](const std::string& file, std::uint64_t offset,
                                             const raft::wal::Record& record) {
    segments.insert(file);
    std::printf("%s %llu %s\n", Relative(dir, file).c_str(),
                static_cast<unsigned long long>(offset), raft::wal::DescribeRecord(record).c_str());
  };
  raft::Result<raft::wal::ScanResult> scan = raft::wal::ScanWal(fs, dir, {}, print);
  if (!scan.ok()) {
    if (scan.status().code() == raft::Status::Code::kCorruption) {
      std::printf("corrupt: %s\n", scan.status().message().c_str());
      return kExitViolation;  // the WAL breaks its own format: its "violation"
    }
    return UsageError("wal", scan.status().message());
  }
  const raft::wal::ScanResult& r = *scan;
  if (r.contents.snapshot) {
    raft::wal::Record snap;
    snap.type = raft::wal::RecordType::kSnapshot;
    snap.snapshot = *r.contents.snapshot;
    std::printf("snapshot %s: %s\n", Relative(dir, r.snapshot_file).c_str(),
                raft::wal::DescribeRecord(snap).c_str());
  }
  if (r.contents.torn_bytes > 0) {
    std::printf(
        "torn: %s at offset %llu: %llu bytes of a torn final record (what a crash "
        "leaves; opening the WAL cuts them)\n",
        Relative(dir, r.last_segment).c_str(), static_cast<unsigned long long>(r.valid_bytes),
        static_cast<unsigned long long>(r.contents.torn_bytes));
  }
  std::printf("%s\n", Summary(r, segments.size()).c_str());
  return kExitOk;
}

}  // namespace raftcheck::cli
