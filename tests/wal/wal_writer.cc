// wal_writer DIR: the process that the crash test (wal_crash_test.cc) SIGKILLs. It opens the
// WAL under DIR (creating it the first time) and appends crash_workload.h's entries from the
// index after the last one it recovers, each in its own synced Save, printing "synced I" on
// stdout (flushed) once entry I's Save has returned, and "snapshot S" once SaveSnapshot(S) has.
// It stops by itself after kMaxSaves Saves (the test kills it long before). Exit 2 on an error.
#include <cstdio>

#include "impl/fs/posix_file_system.h"
#include "impl/wal/wal.h"
#include "tests/wal/crash_workload.h"

namespace {

constexpr int kMaxSaves = 100000;

int Fail(const raft::Status& s) {
  std::fprintf(stderr, "wal_writer: %s\n", s.ToString().c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: wal_writer DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  raft::PosixFileSystem fs;
  const raft::WalOptions options{crashload::kSegmentBytes};
  raft::WalContents contents;
  raft::Result<raft::Wal> wal = fs.Exists(dir + "/wal")
                                    ? raft::Wal::Open(&fs, dir, &contents, {}, options)
                                    : raft::Wal::Create(&fs, dir, {}, options);
  if (!wal.ok()) return Fail(wal.status());
  for (raft::Index i = wal->last_index() + 1; i <= static_cast<raft::Index>(kMaxSaves); ++i) {
    const raft::Term term = crashload::TermOf(i);
    const raft::Entry entry = crashload::EntryOf(i);
    if (raft::Status s = wal->Save({term, 1, i - 1}, {&entry, 1}, true); !s.ok()) return Fail(s);
    std::printf("synced %llu\n", static_cast<unsigned long long>(i));
    std::fflush(stdout);
    if (i % crashload::kUnsyncedEvery == 0) {
      if (raft::Status s = wal->Save({term, 1, i}, {}, false); !s.ok()) return Fail(s);
    }
    if (i % crashload::kSnapshotEvery == 0) {
      const raft::Index at = i - crashload::kSnapshotLag;
      if (raft::Status s = wal->SaveSnapshot(crashload::SnapshotOf(at)); !s.ok()) return Fail(s);
      std::printf("snapshot %llu\n", static_cast<unsigned long long>(at));
      std::fflush(stdout);
      if (raft::Status s = wal->ReleaseTo(at); !s.ok()) return Fail(s);
    }
  }
  return 0;
}
