// The crash test: a real writer process (wal_writer) appends to a real WAL with a sync per
// Save and says which entries are synced; this test SIGKILLs it at pseudo-random moments (a
// seeded generator picks how many synced entries to wait for and how long to wait after),
// recovers the WAL, checks it, and starts the writer again on the same directory.
//
// Whatever the timing, after every kill recovery must succeed and find every entry the writer
// reported synced (or a snapshot covering it), nothing that the writer never wrote (every
// record is a function of its index, crash_workload.h), and at most the one entry whose Save
// had returned when the kill came before its report. A SIGKILL loses no page-cache data, so
// this exercises the process-crash half of durability (torn tails at syscall granularity,
// crashes between the steps of rotation, snapshots and releases); power loss is the simulated
// disk's business (checker/world/sim_disk.h).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "impl/wal/wal.h"
#include "impl/wal/wal_format.h"
#include "tests/wal/crash_workload.h"
#include "tests/wal/wal_test_util.h"

namespace raft {
namespace {

constexpr std::uint64_t kSeed = 20240611;  // pinned: the same kill schedule on every run
constexpr int kRounds = 40;
constexpr int kMaxLinesBeforeKill = 60;
constexpr int kMaxDelayMicros = 2000;

struct Reports {
  Index max_synced = 0;
  Index max_snapshot = 0;
};

void Parse(const char* line, Reports* r) {
  unsigned long long i;
  if (std::sscanf(line, "synced %llu", &i) == 1) r->max_synced = std::max<Index>(r->max_synced, i);
  if (std::sscanf(line, "snapshot %llu", &i) == 1) {
    r->max_snapshot = std::max<Index>(r->max_snapshot, i);
  }
}

// Runs the writer on `dir`, kills it after `lines` "synced" reports and `delay_us`, and folds
// every report it made into `r`.
void RunAndKill(const std::string& dir, int lines, int delay_us, Reports* r) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl(WAL_WRITER_BINARY, "wal_writer", dir.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  FILE* out = ::fdopen(fds[0], "r");
  ASSERT_NE(out, nullptr);
  char line[128];
  int synced_lines = 0;
  while (synced_lines < lines && std::fgets(line, sizeof line, out) != nullptr) {
    Parse(line, r);
    if (std::strncmp(line, "synced", 6) == 0) ++synced_lines;
  }
  ::usleep(static_cast<useconds_t>(delay_us));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  // What it reported before it died counts too.
  while (std::fgets(line, sizeof line, out) != nullptr) Parse(line, r);
  std::fclose(out);
  ASSERT_EQ(synced_lines, lines) << "the writer stopped early (status " << status << ")";
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited with " << WEXITSTATUS(status);
}

TEST(WalCrash, SigkillAtRandomMomentsLosesNothingSyncedAndInventsNothing) {
  waltest::TempDir tmp;
  const std::string dir = tmp.Sub("node");
  std::mt19937_64 rng(kSeed);
  Reports reports;
  Index last_recovered = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int lines = 1 + static_cast<int>(rng() % kMaxLinesBeforeKill);
    const int delay_us = static_cast<int>(rng() % kMaxDelayMicros);
    ASSERT_NO_FATAL_FAILURE(RunAndKill(dir, lines, delay_us, &reports));

    PosixFileSystem fs;
    Result<WalContents> read = Wal::Read(&fs, dir);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    WalContents c;
    Result<Wal> wal = Wal::Open(&fs, dir, &c, {}, WalOptions{crashload::kSegmentBytes});
    ASSERT_TRUE(wal.ok()) << wal.status().ToString();
    EXPECT_EQ(read->entries, c.entries);
    EXPECT_EQ(read->hard_state, c.hard_state);
    EXPECT_EQ(read->snapshot, c.snapshot);

    // The snapshot: one the writer saved, at least as recent as any it reported.
    const Index snap = c.snapshot ? c.snapshot->metadata.index : 0;
    if (c.snapshot) {
      EXPECT_EQ(*c.snapshot, crashload::SnapshotOf(snap));
    }
    EXPECT_GE(snap, reports.max_snapshot);
    // The entries: contiguous after it, each exactly as written.
    for (std::size_t k = 0; k < c.entries.size(); ++k) {
      ASSERT_EQ(c.entries[k], crashload::EntryOf(snap + 1 + k)) << "entry " << snap + 1 + k;
    }
    const Index last = snap + c.entries.size();
    EXPECT_EQ(last, wal->last_index());
    EXPECT_GE(last, reports.max_synced) << "a synced entry was lost";
    EXPECT_LE(last, std::max(reports.max_synced, last_recovered) + 1)
        << "an entry the writer never wrote";
    // The hard state: the last synced one or a later one, never past the log.
    const HardState& hs = c.hard_state;
    EXPECT_EQ(hs.vote, 1u);
    EXPECT_LE(hs.commit, last);
    EXPECT_GE(hs.commit + 1, reports.max_synced);
    EXPECT_TRUE(hs.term == crashload::TermOf(hs.commit + 1) ||
                (hs.commit > 0 && hs.term == crashload::TermOf(hs.commit)))
        << hs.term << " " << hs.commit;
    last_recovered = last;
  }
  // The schedule reached what it is meant to cross: snapshots, releases and rotations.
  EXPECT_GT(reports.max_snapshot, 0u) << "the schedule never reached a snapshot";
  std::uint64_t sequence = 0;
  Index first = 0;
  ASSERT_TRUE(wal::ParseSegmentFileName(
      std::filesystem::path(waltest::Segments(dir).back()).filename().string(), &sequence, &first));
  EXPECT_GT(sequence, 0u) << "the schedule never rotated a segment";
  std::printf("%d kills: last synced entry %llu, snapshot %llu, segment %llu\n", kRounds,
              static_cast<unsigned long long>(reports.max_synced),
              static_cast<unsigned long long>(reports.max_snapshot),
              static_cast<unsigned long long>(sequence));
}

}  // namespace
}  // namespace raft
