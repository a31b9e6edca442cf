// MemoryStorage with snapshots and compaction, in the style of etcd's storage_test.go: a log
// compacted to a snapshot at index 3 (term 3), then entries 4 and 5 (terms 4 and 5).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "impl/storage.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::EntriesWithTerms;
using test::MakeSnapshot;

constexpr int kNodes = 3;

// etcd's storage_test.go log: {3,3} (the compaction point), {4,4}, {5,5}.
MemoryStorage CompactedTo3() {
  MemoryStorage s;
  EXPECT_TRUE(s.ApplySnapshot(MakeSnapshot(3, 3, kNodes)).ok());
  s.Append(EntriesWithTerms(4, {4, 5}));
  return s;
}

Status::Code CodeOf(const Status& s) { return s.code(); }

TEST(MemoryStorage, TermAt_CompactedKnownAtSnapshotAndUnavailablePastLast) {
  const MemoryStorage s = CompactedTo3();
  struct Case {
    Index index;
    Status::Code want_code;
    Term want_term;
  };
  const Case cases[] = {
      {0, Status::Code::kCompacted, 0},   {2, Status::Code::kCompacted, 0},
      {3, Status::Code::kOk, 3},  // the compaction point keeps its term (invariant 2)
      {4, Status::Code::kOk, 4},          {5, Status::Code::kOk, 5},
      {6, Status::Code::kUnavailable, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "index " << c.index);
    const Result<Term> got = s.TermAt(c.index);
    EXPECT_EQ(CodeOf(got.status()), c.want_code);
    if (got.ok()) {
      EXPECT_EQ(*got, c.want_term);
    }
  }
}

TEST(MemoryStorage, TermAt_EmptyStorageHasSentinelOnly) {
  const MemoryStorage s;
  EXPECT_EQ(*s.TermAt(0), 0u);
  EXPECT_EQ(CodeOf(s.TermAt(1).status()), Status::Code::kUnavailable);
}

TEST(MemoryStorage, Entries_CompactedBelowFirstIndexUnavailablePastLast) {
  const MemoryStorage s = CompactedTo3();
  struct Case {
    Index lo;
    Index hi;
    Status::Code want_code;
    std::vector<Entry> want;
  };
  const Case cases[] = {
      {2, 6, Status::Code::kCompacted, {}},
      {3, 4, Status::Code::kCompacted, {}},  // the compaction point's entry itself is gone
      {4, 5, Status::Code::kOk, EntriesWithTerms(4, {4})},
      {4, 6, Status::Code::kOk, EntriesWithTerms(4, {4, 5})},
      {6, 6, Status::Code::kOk, {}},
      {4, 7, Status::Code::kUnavailable, {}},
      {5, 4, Status::Code::kInvalidArgument, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "[" << c.lo << "," << c.hi << ")");
    const Result<std::vector<Entry>> got = s.Entries(c.lo, c.hi, test::kNoLimit);
    EXPECT_EQ(CodeOf(got.status()), c.want_code);
    if (got.ok()) {
      EXPECT_EQ(*got, c.want);
    }
  }
  // max_size counts from FirstIndex() on, as without compaction: at least one entry.
  EXPECT_EQ(s.Entries(4, 6, 0)->size(), 1u);
}

TEST(MemoryStorage, FirstAndLastIndex_FollowCompactionAndAppends) {
  MemoryStorage s = CompactedTo3();
  EXPECT_EQ(s.FirstIndex(), 4u);
  EXPECT_EQ(s.LastIndex(), 5u);

  s.Append(EntriesWithTerms(6, {5}));
  EXPECT_EQ(s.LastIndex(), 6u);

  ASSERT_TRUE(s.CreateSnapshot(4, ConfState{test::Peers(kNodes)}, "").ok());
  EXPECT_EQ(s.FirstIndex(), 4u);  // a snapshot alone discards nothing
  ASSERT_TRUE(s.Compact(4).ok());
  EXPECT_EQ(s.FirstIndex(), 5u);
  EXPECT_EQ(s.LastIndex(), 6u);
}

// etcd's TestStorageCompact: each compaction discards up to its index, keeps that index's term,
// and refuses to go back or past what a snapshot covers.
TEST(MemoryStorage, Compact_DiscardsUpToIndexAndRefusesStaleOrUncovered) {
  MemoryStorage s = test::StorageWith(EntriesWithTerms(1, {1, 2, 3, 4, 5}));
  ASSERT_TRUE(s.CreateSnapshot(4, ConfState{test::Peers(kNodes)}, "up to 4").ok());

  EXPECT_EQ(CodeOf(s.Compact(0)), Status::Code::kCompacted);  // nothing below the sentinel
  ASSERT_TRUE(s.Compact(3).ok());
  EXPECT_EQ(s.FirstIndex(), 4u);
  EXPECT_EQ(*s.TermAt(3), 3u);
  EXPECT_EQ(CodeOf(s.TermAt(2).status()), Status::Code::kCompacted);
  EXPECT_EQ(s.entries(), EntriesWithTerms(4, {4, 5}));

  EXPECT_EQ(CodeOf(s.Compact(3)), Status::Code::kCompacted);        // at the compaction point
  EXPECT_EQ(CodeOf(s.Compact(2)), Status::Code::kCompacted);        // below it
  EXPECT_EQ(CodeOf(s.Compact(5)), Status::Code::kInvalidArgument);  // past the snapshot
  EXPECT_EQ(CodeOf(s.Compact(6)), Status::Code::kInvalidArgument);  // past the last index

  ASSERT_TRUE(s.Compact(4).ok());
  EXPECT_EQ(s.entries(), EntriesWithTerms(5, {5}));
  EXPECT_EQ(*s.TermAt(4), 4u);
}

// etcd's TestStorageCreateSnapshot: the metadata takes the index's term and the given
// configuration; the data is the application's, kept as is.
TEST(MemoryStorage, CreateSnapshot_RecordsTermConfStateAndData) {
  MemoryStorage s = CompactedTo3();
  const ConfState cs{test::Peers(kNodes)};

  const Result<Snapshot> at4 = s.CreateSnapshot(4, cs, "data");
  ASSERT_TRUE(at4.ok()) << at4.status().ToString();
  EXPECT_EQ(*at4,
            (Snapshot{.data = "data", .metadata = {.index = 4, .term = 4, .conf_state = cs}}));
  EXPECT_EQ(*s.GetSnapshot(), *at4);
  EXPECT_EQ(s.InitialConfState(), cs);
  EXPECT_EQ(s.entries(), EntriesWithTerms(4, {4, 5}));  // nothing discarded

  EXPECT_EQ(s.CreateSnapshot(5, cs, "more")->metadata.term, 5u);
  EXPECT_EQ(CodeOf(s.CreateSnapshot(5, cs, "").status()), Status::Code::kInvalidArgument);
  EXPECT_EQ(CodeOf(s.CreateSnapshot(4, cs, "").status()), Status::Code::kInvalidArgument);
  EXPECT_EQ(CodeOf(s.CreateSnapshot(6, cs, "").status()), Status::Code::kInvalidArgument);
}

// etcd's TestStorageApplySnapshot: a newer snapshot replaces the log; an older one, the same
// one again, or an empty one is refused.
TEST(MemoryStorage, ApplySnapshot_ReplacesLogAndRefusesStale) {
  MemoryStorage s = test::StorageWith(EntriesWithTerms(1, {1, 1, 2}), HardState{.term = 2});

  ASSERT_TRUE(s.ApplySnapshot(MakeSnapshot(4, 4, kNodes, "sm")).ok());
  EXPECT_EQ(s.FirstIndex(), 5u);
  EXPECT_EQ(s.LastIndex(), 4u);
  EXPECT_TRUE(s.entries().empty());
  EXPECT_EQ(*s.TermAt(4), 4u);
  EXPECT_EQ(s.GetSnapshot()->data, "sm");
  EXPECT_EQ(s.hard_state(), (HardState{.term = 2}));  // the hard state is the caller's

  EXPECT_EQ(CodeOf(s.ApplySnapshot(MakeSnapshot(3, 3, kNodes))), Status::Code::kInvalidArgument);
  EXPECT_EQ(CodeOf(s.ApplySnapshot(MakeSnapshot(4, 4, kNodes))), Status::Code::kInvalidArgument);
  EXPECT_EQ(CodeOf(s.ApplySnapshot(Snapshot{})), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.GetSnapshot()->metadata.index, 4u);
}

// etcd's TestStorageAppend: entries the compaction point covers are dropped, the rest
// overwrites the stored suffix from its first index on.
TEST(MemoryStorage, Append_SkipsCompactedEntriesAndReplacesSuffix) {
  struct Case {
    std::vector<Entry> entries;
    std::vector<Entry> want;
  };
  const Case cases[] = {
      {EntriesWithTerms(1, {1, 2, 3}), EntriesWithTerms(4, {4, 5})},  // all compacted
      {EntriesWithTerms(3, {3, 4, 5}), EntriesWithTerms(4, {4, 5})},  // already there
      {EntriesWithTerms(3, {3, 6, 6}), EntriesWithTerms(4, {6, 6})},  // conflict at 4
      {EntriesWithTerms(3, {3, 4, 5, 5}), EntriesWithTerms(4, {4, 5, 5})},
      {EntriesWithTerms(2, {3, 3, 5}), EntriesWithTerms(4, {5})},  // truncates 5
      {EntriesWithTerms(4, {5}), EntriesWithTerms(4, {5})},
      {EntriesWithTerms(6, {5}), EntriesWithTerms(4, {4, 5, 5})},  // extends
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message()
                 << c.entries.size() << " entries from " << c.entries.front().index);
    MemoryStorage s = CompactedTo3();
    s.Append(c.entries);
    EXPECT_EQ(s.entries(), c.want);
    EXPECT_EQ(s.FirstIndex(), 4u);
  }
}

TEST(MemoryStorage, Copy_IsIndependent) {
  MemoryStorage a = CompactedTo3();
  MemoryStorage b = a;
  ASSERT_TRUE(a.CreateSnapshot(5, ConfState{test::Peers(kNodes)}, "").ok());
  ASSERT_TRUE(a.Compact(5).ok());
  EXPECT_EQ(b.FirstIndex(), 4u);
  EXPECT_EQ(b.GetSnapshot()->metadata.index, 3u);
  EXPECT_FALSE(a == b);
}

}  // namespace
}  // namespace raft
