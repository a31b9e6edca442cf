// Recovery (the three rules of impl/wal/wal.h) on real files damaged on purpose: torn tails at
// every byte, flipped bytes, gaps, indexes below the snapshot, missing files.
#include <gtest/gtest.h>

#include <filesystem>

#include "impl/wal/wal.h"
#include "impl/wal/wal_reader.h"
#include "tests/wal/wal_test_util.h"

namespace raft {
namespace {

using waltest::E;
using waltest::Es;
using waltest::Snap;
using waltest::TempDir;

class RecoveryTest : public ::testing::Test {
 protected:
  Wal Create() {
    Result<Wal> w = Wal::Create(&fs_, dir_);
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return std::move(*w);
  }
  std::string Segment() const { return waltest::Segments(dir_).back(); }
  Result<WalContents> Open(WalContents* c, BugSet bugs = {}) {
    Result<Wal> w = Wal::Open(&fs_, dir_, c, bugs);
    if (!w.ok()) return w.status();
    return *c;
  }
  // The byte offset of every record the scan accepts, in order.
  std::vector<std::uint64_t> Offsets() {
    std::vector<std::uint64_t> out;
    EXPECT_TRUE(
        wal::ScanWal(fs_, dir_, {}, [&](const std::string&, std::uint64_t off, const wal::Record&) {
          out.push_back(off);
        }).ok());
    return out;
  }
  // A segment written by hand: `records` after the header of segment 0 starting at index 1.
  void WriteSegment(const std::vector<wal::Record>& records) {
    std::string bytes;
    wal::AppendSegmentHeader({0, 1}, &bytes);
    for (const wal::Record& r : records) wal::AppendRecord(r, &bytes);
    waltest::WriteAll(Segment(), bytes);
  }
  TempDir tmp_;
  std::string dir_ = tmp_.Sub("node");
  PosixFileSystem fs_;
};

wal::Record EntryRecord(Term term, Index index) {
  wal::Record r;
  r.type = wal::RecordType::kEntry;
  r.entry = E(term, index);
  return r;
}

wal::Record MarkerRecord(Index index, Term term) {
  wal::Record r;
  r.type = wal::RecordType::kSnapshotMarker;
  r.marker = {index, term};
  return r;
}

// What the last record is, in the torn-tail test.
enum class Last { kEntry, kHardState, kMarker };

class TornTailTest : public RecoveryTest, public ::testing::WithParamInterface<Last> {};

TEST_P(TornTailTest, AtEveryOffsetOfTheLastRecordRecoversTheRecordsBefore) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({1, 1, 1}, Es{E(1, 1), E(1, 2)}, true).ok());
  const std::uint64_t start = waltest::FileSize(Segment());
  switch (GetParam()) {
    case Last::kEntry:
      ASSERT_TRUE(w.Save({}, Es{E(1, 3, "the last entry")}, true).ok());
      break;
    case Last::kHardState:
      ASSERT_TRUE(w.Save({2, 3, 2}, {}, true).ok());
      break;
    case Last::kMarker:
      ASSERT_TRUE(w.SaveSnapshot(Snap(2, 1)).ok());
      break;
  }
  const std::string whole = waltest::ReadAll(Segment());
  for (std::uint64_t cut = start; cut < whole.size(); ++cut) {
    waltest::WriteAll(Segment(), whole.substr(0, cut));
    WalContents c;
    ASSERT_TRUE(Open(&c).ok()) << "cut at " << cut;
    EXPECT_EQ(c.entries, (std::vector<Entry>{E(1, 1), E(1, 2)})) << cut;
    EXPECT_EQ(c.hard_state, (HardState{1, 1, 1})) << cut;
    EXPECT_FALSE(c.snapshot.has_value()) << cut;
    EXPECT_EQ(c.torn_bytes, cut - start) << cut;
    EXPECT_EQ(waltest::FileSize(Segment()), start) << "not truncated at cut " << cut;
  }
}

INSTANTIATE_TEST_SUITE_P(Recovery, TornTailTest,
                         ::testing::Values(Last::kEntry, Last::kHardState, Last::kMarker),
                         [](const ::testing::TestParamInfo<Last>& info) {
                           switch (info.param) {
                             case Last::kEntry:
                               return "Entry";
                             case Last::kHardState:
                               return "HardState";
                             case Last::kMarker:
                               return "Marker";
                           }
                           return "?";
                         });

TEST_F(RecoveryTest, TornTail_CutsAtEveryOffsetOfASmallWholeFile) {
  // Six records: header, e1, e2, hs(1,1,1), e2' (term 2, replacing e2), hs(2,2,2). After the
  // first k whole records, the model below says what recovery must find.
  {
    Wal w = Create();
    ASSERT_TRUE(w.Save({}, Es{E(1, 1)}, true).ok());
    ASSERT_TRUE(w.Save({}, Es{E(1, 2)}, true).ok());
    ASSERT_TRUE(w.Save({1, 1, 1}, {}, true).ok());
    ASSERT_TRUE(w.Save({}, Es{E(2, 2)}, true).ok());
    ASSERT_TRUE(w.Save({2, 2, 2}, {}, true).ok());
  }
  const std::vector<std::vector<Entry>> entries_after = {{},
                                                         {},
                                                         {E(1, 1)},
                                                         {E(1, 1), E(1, 2)},
                                                         {E(1, 1), E(1, 2)},
                                                         {E(1, 1), E(2, 2)},
                                                         {E(1, 1), E(2, 2)}};
  const std::vector<HardState> hard_state_after = {{}, {}, {}, {}, {1, 1, 1}, {1, 1, 1}, {2, 2, 2}};
  std::vector<std::uint64_t> ends = Offsets();
  ASSERT_EQ(ends.size(), 6u);
  const std::string whole = waltest::ReadAll(Segment());
  ends.erase(ends.begin());
  ends.push_back(whole.size());  // ends[k]: where record k ends
  for (std::uint64_t cut = 0; cut <= whole.size(); ++cut) {
    waltest::WriteAll(Segment(), whole.substr(0, cut));
    std::size_t k = 0;  // whole records before the cut
    while (k < ends.size() && ends[k] <= cut) ++k;
    const std::uint64_t kept = k == 0 ? 0 : ends[k - 1];
    WalContents c;
    ASSERT_TRUE(Open(&c).ok()) << "cut at " << cut;
    EXPECT_EQ(c.entries, entries_after[k]) << cut;
    EXPECT_EQ(c.hard_state, hard_state_after[k]) << cut;
    EXPECT_EQ(c.records, k) << cut;
    EXPECT_EQ(c.torn_bytes, cut - kept) << cut;
    // Truncated to the whole records; a segment torn inside its header gets it back.
    EXPECT_EQ(waltest::FileSize(Segment()), k == 0 ? ends[0] : kept) << cut;
  }
}

TEST_F(RecoveryTest, DamagedFinalRecordWithNothingAfterIsTorn) {
  Wal w = Create();
  ASSERT_TRUE(w.Save({1, 1, 0}, Es{E(1, 1), E(1, 2)}, true).ok());
  const std::string whole = waltest::ReadAll(Segment());
  std::string bad = whole;
  bad[bad.size() - 3] ^= 0x40;  // inside the last record (the hard state)
  waltest::WriteAll(Segment(), bad);
  WalContents c;
  ASSERT_TRUE(Open(&c).ok());
  EXPECT_EQ(c.entries.size(), 2u);
  EXPECT_TRUE(c.hard_state.IsEmpty());
  EXPECT_EQ(c.torn_bytes, wal::kRecordHeaderBytes + 24);
}

TEST_F(RecoveryTest, FlippedByteInAMiddleRecordIsCorruptionNamingFileAndOffset) {
  {
    Wal w = Create();
    for (Index i = 1; i <= 5; ++i) ASSERT_TRUE(w.Save({}, Es{E(1, i)}, true).ok());
  }
  const std::vector<std::uint64_t> offsets = Offsets();
  const std::uint64_t from = offsets[3], to = offsets[4];  // entry 3
  const std::string whole = waltest::ReadAll(Segment());
  for (std::uint64_t at = from; at < to; ++at) {
    std::string bad = whole;
    bad[at] ^= 0x01;
    waltest::WriteAll(Segment(), bad);
    WalContents c;
    const Status s = Open(&c).status();
    EXPECT_EQ(s.code(), Status::Code::kCorruption) << "flip at " << at;
    EXPECT_NE(s.message().find(Segment() + " at offset " + std::to_string(from) + ":"),
              std::string::npos)
        << s.message();
    EXPECT_EQ(waltest::ReadAll(Segment()), bad) << "a corrupt WAL must not be repaired";
    // Read says the same, without touching the file either.
    EXPECT_EQ(Wal::Read(&fs_, dir_).status().message(), s.message());
  }
}

TEST_F(RecoveryTest, DamageInASegmentBeforeTheLastIsCorruption) {
  Result<Wal> w = Wal::Create(&fs_, dir_, {}, WalOptions{100});
  ASSERT_TRUE(w.ok());
  for (Index i = 1; i <= 12; ++i) ASSERT_TRUE(w->Save({}, Es{E(1, i)}, true).ok());
  const std::vector<std::string> segs = waltest::Segments(dir_);
  ASSERT_GE(segs.size(), 3u);
  std::string first = waltest::ReadAll(segs[0]);
  std::filesystem::resize_file(segs[0], first.size() - 1);  // its last record torn
  const Status s = Wal::Read(&fs_, dir_).status();
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find(segs[0]), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("not the last"), std::string::npos) << s.message();
}

TEST_F(RecoveryTest, MissingSegmentIsCorruption) {
  Result<Wal> w = Wal::Create(&fs_, dir_, {}, WalOptions{100});
  ASSERT_TRUE(w.ok());
  for (Index i = 1; i <= 12; ++i) ASSERT_TRUE(w->Save({}, Es{E(1, i)}, true).ok());
  TempDir other;
  std::filesystem::copy(dir_, other.Sub("node"), std::filesystem::copy_options::recursive);
  const std::vector<std::string> segs = waltest::Segments(dir_);
  ASSERT_GE(segs.size(), 3u);
  std::filesystem::remove(segs[1]);  // a hole in the sequence
  Status s = Wal::Read(&fs_, dir_).status();
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("a segment is missing"), std::string::npos) << s.message();
  // Without the first segment, and no snapshot to cover what it held, entries are missing.
  std::filesystem::remove(waltest::Segments(other.Sub("node"))[0]);
  s = Wal::Read(&fs_, other.Sub("node")).status();
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("segments before the first one are missing"), std::string::npos)
      << s.message();
}

TEST_F(RecoveryTest, GapIsCorruptionAtTheEntry) {
  Create();
  WriteSegment({EntryRecord(1, 1), EntryRecord(1, 2), EntryRecord(1, 4)});
  // The segment header (9 + 20 bytes), then entries of 9 + 16 + 2 bytes ("eN").
  const std::uint64_t at = (wal::kRecordHeaderBytes + 20) + 2 * (wal::kRecordHeaderBytes + 18);
  const Status s = Wal::Read(&fs_, dir_).status();
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find(Segment() + " at offset " + std::to_string(at) +
                             ": entry 4 leaves a gap after the last entry 2"),
            std::string::npos)
      << s.message();
}

TEST_F(RecoveryTest, EntryBelowTheSnapshotIsCorruption) {
  {
    Wal w = Create();
    ASSERT_TRUE(w.Save({}, Es{E(1, 1), E(1, 2), E(1, 3)}, true).ok());
    ASSERT_TRUE(w.SaveSnapshot(Snap(2, 1)).ok());
  }
  std::string bytes = waltest::ReadAll(Segment());
  const std::uint64_t at = bytes.size();
  wal::AppendEntry(E(1, 2), &bytes);  // goes back to 2, which the snapshot covers
  wal::AppendEntry(E(1, 3), &bytes);
  waltest::WriteAll(Segment(), bytes);
  const Status s = Wal::Read(&fs_, dir_).status();
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("at offset " + std::to_string(at) +
                             ": entry 2 is at or below the snapshot at 2"),
            std::string::npos)
      << s.message();
  // The same entry as the final record is not torn either: it is whole.
  std::filesystem::resize_file(Segment(), at + wal::kRecordHeaderBytes + 16 + 2);
  EXPECT_EQ(Wal::Read(&fs_, dir_).status().code(), Status::Code::kCorruption);
}

TEST_F(RecoveryTest, MarkerGoingBackIsCorruption) {
  Create();
  waltest::WriteAll(dir_ + "/snap/" + wal::SnapshotFileName(2, 1), [] {
    std::string b;
    wal::AppendSnapshot(Snap(2, 1), &b);
    return b;
  }());
  WriteSegment({EntryRecord(1, 1), EntryRecord(1, 2), EntryRecord(1, 3), MarkerRecord(2, 1),
                MarkerRecord(1, 1)});
  EXPECT_EQ(Wal::Read(&fs_, dir_).status().code(), Status::Code::kCorruption);
}

TEST_F(RecoveryTest, MissingOrWrongSnapshotFileIsCorruption) {
  {
    Wal w = Create();
    ASSERT_TRUE(w.Save({}, Es{E(1, 1), E(1, 2)}, true).ok());
    ASSERT_TRUE(w.SaveSnapshot(Snap(2, 1)).ok());
  }
  const std::string snap = dir_ + "/snap/" + wal::SnapshotFileName(2, 1);
  const std::string good = waltest::ReadAll(snap);
  std::string bad = good;
  bad[bad.size() - 1] ^= 0x01;
  waltest::WriteAll(snap, bad);
  Status s = Wal::Read(&fs_, dir_).status();
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find(snap), std::string::npos) << s.message();
  std::filesystem::remove(snap);
  s = Wal::Read(&fs_, dir_).status();
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("is missing"), std::string::npos) << s.message();
}

TEST_F(RecoveryTest, HeaderNotMatchingTheNameIsCorruption) {
  Create();
  std::string bytes;
  wal::AppendSegmentHeader({3, 1}, &bytes);
  waltest::WriteAll(Segment(), bytes);
  EXPECT_EQ(Wal::Read(&fs_, dir_).status().code(), Status::Code::kCorruption);
}

// --- the two seeded bugs of the WAL ----------------------------------------------------------

TEST_F(RecoveryTest, SeededTornRecordKept_RecoversAnEntryNeverWrittenWhole) {
  {
    Wal w = Create();
    ASSERT_TRUE(w.Save({1, 1, 0}, Es{E(1, 1)}, true).ok());
    ASSERT_TRUE(w.Save({}, Es{E(1, 2, "abcdef")}, true).ok());
  }
  const std::string whole = waltest::ReadAll(Segment());
  const std::string torn = whole.substr(0, whole.size() - 2);  // "ef" never reached the disk
  waltest::WriteAll(Segment(), torn);
  WalContents clean;
  ASSERT_TRUE(Wal::Read(&fs_, dir_).ok());
  BugSet bug;
  bug.Add(Bug::kTornRecordKept);
  WalContents c;
  ASSERT_TRUE(Open(&c, bug).ok());
  EXPECT_EQ(c.entries.back(), E(1, 2, std::string("abcd\0\0", 6)));  // written: "abcdef"
  EXPECT_EQ(c.torn_bytes, 0u);
  // The wrong entry is now durable: a clean reopen finds it too.
  ASSERT_TRUE(Open(&c).ok());
  EXPECT_EQ(c.entries.back().data, std::string("abcd\0\0", 6));
  // Without the bug the same torn file recovers entry 1 alone.
  waltest::WriteAll(Segment(), torn);
  ASSERT_TRUE(Open(&clean).ok());
  EXPECT_EQ(clean.entries, (std::vector<Entry>{E(1, 1)}));
}

TEST_F(RecoveryTest, SeededTornRecordKept_RecoversAHardStateNeverWritten) {
  {
    Wal w = Create();
    ASSERT_TRUE(w.Save({1, 2, 0}, Es{E(1, 1)}, true).ok());
    ASSERT_TRUE(w.Save({2, 3, 1}, {}, true).ok());  // voted for 3 in term 2
  }
  // A torn write keeps the header and the term of the last hard state, not vote and commit.
  const std::string whole = waltest::ReadAll(Segment());
  waltest::WriteAll(Segment(), whole.substr(0, whole.size() - 16));
  BugSet bug;
  bug.Add(Bug::kTornRecordKept);
  WalContents c;
  ASSERT_TRUE(Open(&c, bug).ok());
  EXPECT_EQ(c.hard_state, (HardState{2, 0, 0}));  // term 2 without its vote: a second vote
  waltest::WriteAll(Segment(), whole.substr(0, whole.size() - 16));
  ASSERT_TRUE(Open(&c).ok());
  EXPECT_EQ(c.hard_state, (HardState{1, 2, 0}));  // the clean recovery: the last whole one
}

TEST_F(RecoveryTest, SeededHardStateBeforeEntries_LeavesCommitPastTheDurableLog) {
  for (const bool with_bug : {false, true}) {
    TempDir tmp;
    const std::string dir = tmp.Sub("node");
    waltest::CountingFs counting(&fs_);
    BugSet bugs;
    if (with_bug) bugs.Add(Bug::kHardStateBeforeEntries);
    {
      Result<Wal> w = Wal::Create(&counting, dir, bugs);
      ASSERT_TRUE(w.ok());
      ASSERT_TRUE(w->Save({1, 1, 0}, Es{E(1, 1)}, true).ok());
      const int syncs = counting.syncs;
      ASSERT_TRUE(w->Save({1, 1, 3}, Es{E(1, 2), E(1, 3)}, true).ok());
      EXPECT_EQ(counting.syncs, syncs + 1);  // one sync per Save, with the bug or not
    }
    // The crash: whatever was not synced is lost.
    const std::string seg = waltest::Segments(dir).back();
    std::filesystem::resize_file(seg, counting.synced.at(seg));
    WalContents c;
    ASSERT_TRUE(Wal::Open(&fs_, dir, &c).ok());
    const Index last = c.entries.empty() ? 0 : c.entries.back().index;
    if (with_bug) {
      EXPECT_EQ(c.hard_state.commit, 3u);
      EXPECT_EQ(last, 1u);  // commit 3 past a durable log that ends at 1
    } else {
      EXPECT_LE(c.hard_state.commit, last);
      EXPECT_EQ(last, 3u);
    }
  }
}

}  // namespace
}  // namespace raft
