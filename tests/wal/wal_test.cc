// Wal (impl/wal/wal.h) on real files: what Save, SaveSnapshot, ReleaseTo and CloneOnto write,
// and that Open and Read recover exactly it.
#include "impl/wal/wal.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/wal/wal_test_util.h"

namespace raft {
namespace {

using waltest::E;
using waltest::Es;
using waltest::Snap;
using waltest::TempDir;

WalContents Recover(const std::string& dir, WalOptions options = {}) {
  PosixFileSystem fs;
  WalContents c;
  Result<Wal> w = Wal::Open(&fs, dir, &c, {}, options);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return c;
}

std::vector<Entry> Entries(Index from, Index to, Term term) {
  std::vector<Entry> out;
  for (Index i = from; i <= to; ++i) out.push_back(E(term, i));
  return out;
}

class WalTest : public ::testing::Test {
 protected:
  Wal Create(WalOptions options = {}) {
    Result<Wal> w = Wal::Create(&fs_, dir_, {}, options);
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return std::move(*w);
  }
  TempDir tmp_;
  std::string dir_ = tmp_.Sub("node");
  PosixFileSystem fs_;
};

TEST_F(WalTest, Create_ThenOpenIsEmpty) {
  Create();
  const WalContents c = Recover(dir_);
  EXPECT_TRUE(c.hard_state.IsEmpty());
  EXPECT_TRUE(c.entries.empty());
  EXPECT_FALSE(c.snapshot.has_value());
  EXPECT_EQ(c.records, 1u);  // the segment header
  EXPECT_EQ(c.torn_bytes, 0u);
  EXPECT_EQ(waltest::Segments(dir_).size(), 1u);
}

TEST_F(WalTest, Create_RefusesAnExistingWal) {
  Create();
  EXPECT_EQ(Wal::Create(&fs_, dir_).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(WalTest, Open_WithoutWalIsNotFound) {
  WalContents c;
  EXPECT_EQ(Wal::Open(&fs_, dir_, &c).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(Wal::Read(&fs_, tmp_.path()).status().code(), Status::Code::kNotFound);
}

TEST_F(WalTest, Save_RoundTripsEntriesAndHardStates) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({1, 1, 0}, Entries(1, 3, 1), true).ok());
  ASSERT_TRUE(w.Save({1, 1, 2}, {}, false).ok());  // commit only: may stay unsynced
  ASSERT_TRUE(w.Save({}, Entries(4, 4, 1), true).ok());
  const WalContents c = Recover(dir_);
  EXPECT_EQ(c.hard_state, (HardState{1, 1, 2}));
  EXPECT_EQ(c.entries, Entries(1, 4, 1));
  EXPECT_EQ(c.records, 1u + 4u + 2u);
}

TEST_F(WalTest, Save_SuffixOverwriteReplacesFromThere) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({1, 1, 1}, Entries(1, 5, 1), true).ok());
  ASSERT_TRUE(w.Save({2, 2, 1}, Entries(3, 4, 2), true).ok());  // a follower's truncation
  std::vector<Entry> want = Entries(1, 2, 1);
  for (const Entry& e : Entries(3, 4, 2)) want.push_back(e);
  WalContents c = Recover(dir_);
  EXPECT_EQ(c.entries, want);
  EXPECT_EQ(c.hard_state, (HardState{2, 2, 1}));
  // And after reopening, the WAL goes on from index 4.
  {
    Result<Wal> again = Wal::Open(&fs_, dir_, &c);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->last_index(), 4u);
    ASSERT_TRUE(again->Save({}, Entries(2, 2, 3), true).ok());
  }
  c = Recover(dir_);
  EXPECT_EQ(c.entries, (std::vector<Entry>{E(1, 1), E(3, 2)}));
}

TEST_F(WalTest, Save_RefusesWhatRecoveryWouldRefuse) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({}, Entries(1, 2, 1), true).ok());
  EXPECT_EQ(w.Save({}, Entries(4, 4, 1), true).code(), Status::Code::kInvalidArgument);  // gap
  EXPECT_EQ(w.Save({}, Es{E(1, 3), E(1, 5)}, true).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(w.Save({}, Entries(0, 0, 1), true).code(), Status::Code::kInvalidArgument);
  ASSERT_TRUE(w.SaveSnapshot(Snap(2, 1)).ok());
  EXPECT_EQ(w.Save({}, Entries(2, 2, 1), true).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(w.SaveSnapshot(Snap(2, 1)).code(), Status::Code::kInvalidArgument);  // not newer
  EXPECT_EQ(w.SaveSnapshot(Snap(1, 1)).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Recover(dir_).entries.size(), 0u);  // nothing refused was written
}

TEST_F(WalTest, Save_SyncsExactlyWhatTheReadyContractNeeds) {
  waltest::CountingFs counting(&fs_);
  Result<Wal> w = Wal::Create(&counting, dir_);
  ASSERT_TRUE(w.ok());
  counting.syncs = counting.dir_syncs = 0;
  ASSERT_TRUE(w->Save({1, 1, 0}, Entries(1, 16, 1), true).ok());
  EXPECT_EQ(counting.syncs, 1);
  ASSERT_TRUE(w->Save({1, 1, 16}, {}, false).ok());
  ASSERT_TRUE(w->Save({}, Entries(17, 17, 1), false).ok());
  EXPECT_EQ(counting.syncs, 1);
  ASSERT_TRUE(w->Save({2, 0, 16}, {}, true).ok());
  EXPECT_EQ(counting.syncs, 2);
  EXPECT_EQ(counting.dir_syncs, 0);  // no file created, renamed or removed
}

TEST_F(WalTest, SaveSnapshot_CompactionKeepsTheLaterEntries) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({2, 1, 4}, Entries(1, 6, 2), true).ok());
  ASSERT_TRUE(w.SaveSnapshot(Snap(4, 2, "sm@4")).ok());
  EXPECT_EQ(waltest::SnapFiles(dir_), std::vector<std::string>{wal::SnapshotFileName(4, 2)});
  ASSERT_TRUE(w.Save({}, Entries(7, 7, 2), true).ok());
  const WalContents c = Recover(dir_);
  ASSERT_TRUE(c.snapshot.has_value());
  EXPECT_EQ(*c.snapshot, Snap(4, 2, "sm@4"));
  EXPECT_EQ(c.entries, Entries(5, 7, 2));
  EXPECT_EQ(c.hard_state, (HardState{2, 1, 4}));
}

TEST_F(WalTest, SaveSnapshot_InstalledFromLeaderReplacesTheLog) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({1, 1, 1}, Entries(1, 5, 1), true).ok());
  // The leader's snapshot at 3 has term 2: our entry 3 (term 1) disagrees with it.
  ASSERT_TRUE(w.SaveSnapshot(Snap(3, 2)).ok());
  ASSERT_TRUE(w.Save({2, 0, 3}, Entries(4, 4, 2), true).ok());
  const WalContents c = Recover(dir_);
  EXPECT_EQ(c.snapshot->metadata.index, 3u);
  EXPECT_EQ(c.entries, Entries(4, 4, 2));
  // Past the log: the log is the snapshot alone.
  ASSERT_TRUE(w.SaveSnapshot(Snap(9, 2)).ok());
  EXPECT_EQ(w.last_index(), 9u);
  EXPECT_TRUE(Recover(dir_).entries.empty());
}

TEST_F(WalTest, SaveSnapshot_LeftoverTemporaryFileIsIgnoredAndReplaced) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({1, 1, 2}, Entries(1, 3, 1), true).ok());
  // A crash in the middle of writing the snapshot at 2 left its temporary file behind.
  const std::string temp = dir_ + "/snap/" + wal::SnapshotFileName(2, 1) + ".tmp";
  waltest::WriteAll(temp, "half a snapshot");
  WalContents c = Recover(dir_);
  EXPECT_FALSE(c.snapshot.has_value());
  EXPECT_EQ(c.entries, Entries(1, 3, 1));
  ASSERT_TRUE(w.SaveSnapshot(Snap(2, 1)).ok());  // starts the temporary file over
  EXPECT_FALSE(std::filesystem::exists(temp));
  c = Recover(dir_);
  EXPECT_EQ(*c.snapshot, Snap(2, 1));
}

TEST_F(WalTest, Rotation_SpreadsTheLogOverSegments) {
  // 300 bytes: a few records of ~30 bytes per segment.
  WalOptions small{300};
  Wal w = Create(small);
  for (Index i = 1; i <= 60; ++i) {
    ASSERT_TRUE(w.Save({1, 1, i - 1}, Entries(i, i, 1), true).ok());
  }
  const std::vector<std::string> segs = waltest::Segments(dir_);
  EXPECT_GE(segs.size(), 8u);
  for (std::size_t k = 0; k < segs.size(); ++k) {
    std::uint64_t seq;
    Index first;
    ASSERT_TRUE(wal::ParseSegmentFileName(std::filesystem::path(segs[k]).filename().string(), &seq,
                                          &first));
    EXPECT_EQ(seq, k);
    if (k + 1 < segs.size()) {
      EXPECT_GE(waltest::FileSize(segs[k]), 300u);
    }
  }
  const WalContents c = Recover(dir_, small);
  EXPECT_EQ(c.entries, Entries(1, 60, 1));
  EXPECT_EQ(c.hard_state, (HardState{1, 1, 59}));
}

TEST_F(WalTest, Rotation_CostsOneSyncDirAndNoExtraSync) {
  waltest::CountingFs counting(&fs_);
  Result<Wal> w = Wal::Create(&counting, dir_, {}, WalOptions{100});
  ASSERT_TRUE(w.ok());
  counting.syncs = counting.dir_syncs = 0;
  ASSERT_TRUE(w->Save({1, 1, 0}, Entries(1, 4, 1), true).ok());  // past 100 bytes: a cut
  EXPECT_EQ(counting.syncs, 1);
  EXPECT_EQ(counting.dir_syncs, 1);
  EXPECT_EQ(waltest::Segments(dir_).size(), 2u);
}

TEST_F(WalTest, Rotation_TornStartOfTheNewSegmentIsRewritten) {
  WalOptions small{100};
  {
    Wal w = Create(small);
    ASSERT_TRUE(w.Save({1, 1, 0}, Entries(1, 4, 1), true).ok());
  }
  // A crash before the next sync: the new segment's header and hard state are lost.
  const std::string last = waltest::Segments(dir_).back();
  std::filesystem::resize_file(last, 0);
  WalContents c;
  Result<Wal> w = Wal::Open(&fs_, dir_, &c, {}, small);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(c.entries, Entries(1, 4, 1));
  EXPECT_EQ(c.hard_state, (HardState{1, 1, 0}));
  EXPECT_GT(waltest::FileSize(last), 0u);  // its start written again
  ASSERT_TRUE(w->Save({}, Entries(5, 5, 1), true).ok());
  EXPECT_EQ(Recover(dir_, small).entries, Entries(1, 5, 1));
}

TEST_F(WalTest, ReleaseTo_RemovesWhatTheSnapshotCovers) {
  WalOptions small{200};
  Wal w = Create(small);
  for (Index i = 1; i <= 40; ++i) ASSERT_TRUE(w.Save({1, 1, i - 1}, Entries(i, i, 1), true).ok());
  ASSERT_TRUE(w.SaveSnapshot(Snap(10, 1, "old")).ok());
  ASSERT_TRUE(w.SaveSnapshot(Snap(30, 1, "new")).ok());
  EXPECT_EQ(w.ReleaseTo(31).code(), Status::Code::kInvalidArgument);  // past the snapshot
  const std::size_t before = waltest::Segments(dir_).size();
  ASSERT_TRUE(w.ReleaseTo(30).ok());
  const std::vector<std::string> after = waltest::Segments(dir_);
  EXPECT_LT(after.size(), before);
  EXPECT_EQ(waltest::SnapFiles(dir_), std::vector<std::string>{wal::SnapshotFileName(30, 1)});
  // The first segment kept starts at or before 31; the log and the snapshot recover.
  std::uint64_t seq;
  Index first;
  ASSERT_TRUE(
      wal::ParseSegmentFileName(std::filesystem::path(after[0]).filename().string(), &seq, &first));
  EXPECT_LE(first, 31u);
  ASSERT_TRUE(w.Save({1, 1, 40}, Entries(41, 41, 1), true).ok());
  const WalContents c = Recover(dir_, small);
  EXPECT_EQ(c.snapshot->data, "new");
  EXPECT_EQ(c.entries, Entries(31, 41, 1));
  EXPECT_EQ(c.hard_state, (HardState{1, 1, 40}));
}

TEST_F(WalTest, ReleaseTo_KeepsTheHardStateOfARemovedSegment) {
  WalOptions small{200};
  Wal w = Create(small);
  ASSERT_TRUE(w.Save({3, 2, 1}, Entries(1, 1, 3), true).ok());  // the only hard state saved
  for (Index i = 2; i <= 40; ++i) ASSERT_TRUE(w.Save({}, Entries(i, i, 3), true).ok());
  ASSERT_TRUE(w.SaveSnapshot(Snap(38, 3)).ok());
  ASSERT_TRUE(w.ReleaseTo(38).ok());
  ASSERT_FALSE(std::filesystem::exists(dir_ + "/wal/" + wal::SegmentFileName(0, 1)));
  // Every segment starts with the hard state of its time, so it outlives its segment.
  EXPECT_EQ(Recover(dir_, small).hard_state, (HardState{3, 2, 1}));
}

TEST_F(WalTest, ReleaseTo_KeepsTheEntriesAfterTheSnapshotWrittenBeforeIt) {
  WalOptions small{200};
  Wal w = Create(small);
  for (Index i = 1; i <= 40; ++i) ASSERT_TRUE(w.Save({1, 1, i - 1}, Entries(i, i, 1), true).ok());
  // The snapshot lags the log: segments holding 6..40 must stay.
  ASSERT_TRUE(w.SaveSnapshot(Snap(5, 1)).ok());
  ASSERT_TRUE(w.ReleaseTo(5).ok());
  EXPECT_EQ(Recover(dir_, small).entries, Entries(6, 40, 1));
}

TEST_F(WalTest, Read_AgreesWithOpenAndChangesNothing) {
  {
    Wal w = Create();
    ASSERT_TRUE(w.Save({1, 1, 0}, Entries(1, 3, 1), true).ok());
    ASSERT_TRUE(w.SaveSnapshot(Snap(2, 1)).ok());
    ASSERT_TRUE(w.Save({1, 1, 3}, Entries(4, 5, 1), true).ok());
  }
  const std::string seg = waltest::Segments(dir_).back();
  std::filesystem::resize_file(seg, waltest::FileSize(seg) - 3);  // a torn tail
  const std::string torn = waltest::ReadAll(seg);
  Result<WalContents> read = Wal::Read(&fs_, dir_);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(waltest::ReadAll(seg), torn);  // not repaired
  const WalContents opened = Recover(dir_);
  EXPECT_EQ(read->entries, opened.entries);
  EXPECT_EQ(read->hard_state, opened.hard_state);
  EXPECT_EQ(read->snapshot, opened.snapshot);
  EXPECT_EQ(read->records, opened.records);
  EXPECT_EQ(read->torn_bytes, opened.torn_bytes);
  EXPECT_GT(read->torn_bytes, 0u);
  EXPECT_EQ(waltest::FileSize(seg), torn.size() - read->torn_bytes);  // Open cut it
}

TEST_F(WalTest, CloneOnto_BothCopiesRecoverTheirOwn) {
  PosixFileSystem a(tmp_.Sub("a")), b(tmp_.Sub("b"));
  ASSERT_TRUE(fs_.CreateDir(tmp_.Sub("a")).ok());
  Result<Wal> original = Wal::Create(&a, "node");
  ASSERT_TRUE(original.ok());
  ASSERT_TRUE(original->Save({1, 1, 0}, Entries(1, 2, 1), true).ok());
  std::filesystem::copy(tmp_.Sub("a"), tmp_.Sub("b"), std::filesystem::copy_options::recursive);
  Result<Wal> clone = original->CloneOnto(&b);
  ASSERT_TRUE(clone.ok()) << clone.status().ToString();
  ASSERT_TRUE(original->Save({1, 1, 2}, Entries(3, 3, 1), true).ok());
  ASSERT_TRUE(clone->Save({2, 2, 1}, Entries(2, 3, 2), true).ok());
  WalContents ca, cb;
  ASSERT_TRUE(Wal::Open(&a, "node", &ca).ok());
  ASSERT_TRUE(Wal::Open(&b, "node", &cb).ok());
  EXPECT_EQ(ca.entries, Entries(1, 3, 1));
  EXPECT_EQ(ca.hard_state, (HardState{1, 1, 2}));
  EXPECT_EQ(cb.entries, (std::vector<Entry>{E(1, 1), E(2, 2), E(2, 3)}));
  EXPECT_EQ(cb.hard_state, (HardState{2, 2, 1}));
}

}  // namespace
}  // namespace raft
