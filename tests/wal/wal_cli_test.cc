// `raftcheck wal DIR` run as a tool on real WALs: clean (exit 0), torn (0, the tear reported
// on its own line), corrupt (1, the first bad record named by file and offset), and usage
// errors or missing directories (2, one line on stderr).
#include <gtest/gtest.h>

#include <filesystem>

#include "impl/wal/wal.h"
#include "tests/common/cli_runner.h"
#include "tests/wal/wal_test_util.h"

namespace raft {
namespace {

using clitest::LastLine;
using clitest::Raftcheck;
using waltest::E;
using waltest::Es;

class WalCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Wal> w = Wal::Create(&fs_, dir_);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->Save({1, 1, 0}, Es{E(1, 1), E(1, 2), E(1, 3)}, true).ok());
    ASSERT_TRUE(w->SaveSnapshot(waltest::Snap(2, 1, "sm")).ok());
    ASSERT_TRUE(w->Save({1, 1, 3}, Es{E(1, 4)}, true).ok());
    segment_ = waltest::Segments(dir_).back();
    name_ = "wal/" + std::filesystem::path(segment_).filename().string();
  }
  waltest::TempDir tmp_;
  std::string dir_ = tmp_.Sub("node");
  std::string segment_;  // path
  std::string name_;     // relative to dir_, as the command prints it
  PosixFileSystem fs_;
};

TEST_F(WalCliTest, CleanWalPrintsEveryRecordAndExitsZero) {
  const clitest::CliRun r = Raftcheck("wal " + dir_);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(name_ + " 0 header seq=0 first=1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(name_ + " 29 entry t1 i1 \"e1\"\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("hardstate term=1 vote=1 commit=3\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("marker index=2 term=1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("snapshot snap/" + wal::SnapshotFileName(2, 1) +
                       ": snapshot index=2 term=1 voters=[1,2,3] data=\"sm\"\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(LastLine(r.out),
            "ok: 8 records in 1 segment; entries 3..4 after the snapshot at 2; hard state "
            "term=1 vote=1 commit=3");
  EXPECT_EQ(Raftcheck("wal " + dir_ + "/").code, 0);  // a trailing slash is the same DIR
}

TEST_F(WalCliTest, TornTailIsReportedAndStillExitsZero) {
  const std::uint64_t size = waltest::FileSize(segment_);
  std::filesystem::resize_file(segment_, size - 5);
  const std::uint64_t last_start = size - (wal::kRecordHeaderBytes + 24);  // the hard state
  const clitest::CliRun r = Raftcheck("wal " + dir_);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(
      r.out.find("torn: " + name_ + " at offset " + std::to_string(last_start) + ": 28 bytes"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(waltest::FileSize(segment_), size - 5) << "raftcheck wal must not repair";
  EXPECT_EQ(LastLine(r.out).rfind("ok: ", 0), 0u) << r.out;
}

TEST_F(WalCliTest, CorruptWalNamesTheFirstBadRecordAndExitsOne) {
  std::string bytes = waltest::ReadAll(segment_);
  const std::uint64_t second_entry = 29 + 27;  // header (29 bytes), entry "e1" (27 bytes)
  bytes[second_entry + 12] ^= 0x01;
  waltest::WriteAll(segment_, bytes);
  const clitest::CliRun r = Raftcheck("wal " + dir_);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(LastLine(r.out).rfind("corrupt: " + segment_ + " at offset " +
                                      std::to_string(second_entry) + ": CRC mismatch",
                                  0),
            0u)
      << r.out;
  EXPECT_NE(r.out.find(" 29 entry t1 i1"), std::string::npos) << "records before it are shown";
}

TEST_F(WalCliTest, MissingDirectoryAndUsageErrorsExitTwoWithOneLine) {
  clitest::CliRun r = Raftcheck("wal " + tmp_.Sub("nothing-here"), true);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out.rfind("raftcheck wal: no WAL in ", 0), 0u) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  r = Raftcheck("wal", true);
  EXPECT_EQ(r.code, 2) << r.out;
  r = Raftcheck("wal " + dir_ + " --bogus", true);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(Raftcheck("wal --help").code, 0);
}

}  // namespace
}  // namespace raft
