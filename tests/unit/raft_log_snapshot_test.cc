// RaftLog with snapshots: a compacted stable prefix, an unstable snapshot (etcd's
// unstable.snapshot), and storage failures that are never read as log facts.
#include <gtest/gtest.h>

#include <vector>

#include "impl/raft_log.h"
#include "impl/storage.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::EntriesWithTerms;
using test::MakeSnapshot;

constexpr int kNodes = 3;

// Compacted to a snapshot at 5 (term 2), then entries 6 and 7 (term 3), all committed.
MemoryStorage CompactedTo5() {
  MemoryStorage s = test::SnapshotStorage(5, 2, kNodes);
  s.Append(EntriesWithTerms(6, {3, 3}));
  s.SetHardState(HardState{.term = 3, .commit = 7});
  return s;
}

TEST(RaftLog, Constructor_StartsFromStoredSnapshot) {
  const MemoryStorage storage = test::SnapshotStorage(5, 2, kNodes);
  const RaftLog log(&storage, 0);  // 0: the application restored the snapshot
  EXPECT_EQ(log.FirstIndex(), 6u);
  EXPECT_EQ(log.LastIndex(), 5u);
  EXPECT_EQ(log.LastTerm(), 2u);
  EXPECT_EQ(log.committed(), 5u);
  EXPECT_EQ(log.applied(), 5u);
  EXPECT_FALSE(log.HasNextCommittedEntries());
}

// A store holding a snapshot but no hard state yet (etcd's tests build nodes this way): the
// snapshot is committed by definition.
TEST(RaftLog, Constructor_SnapshotWithoutHardStateIsCommitted) {
  MemoryStorage storage;
  ASSERT_TRUE(storage.ApplySnapshot(MakeSnapshot(4, 1, kNodes)).ok());
  const RaftLog log(&storage, 0);
  EXPECT_EQ(log.committed(), 4u);
}

TEST(RaftLog, Constructor_AppliedBelowSnapshotAborts) {
  const MemoryStorage storage = test::SnapshotStorage(5, 2, kNodes);
  EXPECT_DEATH({ const RaftLog log(&storage, 3); },
               "the application applied at least the snapshot");
}

TEST(RaftLog, TermAt_CompactedSnapshotTermAndUnavailable) {
  const MemoryStorage storage = CompactedTo5();
  const RaftLog log(&storage, 0);
  EXPECT_EQ(log.TermAt(0).status().code(), Status::Code::kCompacted);
  EXPECT_EQ(log.TermAt(4).status().code(), Status::Code::kCompacted);
  EXPECT_EQ(*log.TermAt(5), 2u);  // the entry before the first one held: its term is known
  EXPECT_EQ(*log.TermAt(7), 3u);
  EXPECT_EQ(log.TermAt(8).status().code(), Status::Code::kUnavailable);
  EXPECT_FALSE(log.MatchTerm(4, 0));  // an unknown term is no match, least of all term 0
  EXPECT_TRUE(log.MatchTerm(5, 2));
}

TEST(RaftLog, Slice_CompactedRangeIsAnError) {
  const MemoryStorage storage = CompactedTo5();
  const RaftLog log(&storage, 0);
  EXPECT_EQ(log.EntriesFrom(5, test::kNoLimit).status().code(), Status::Code::kCompacted);
  EXPECT_EQ(log.Slice(1, 7, test::kNoLimit).status().code(), Status::Code::kCompacted);
  EXPECT_EQ(*log.EntriesFrom(6, test::kNoLimit), EntriesWithTerms(6, {3, 3}));
  EXPECT_TRUE(log.EntriesFrom(8, test::kNoLimit)->empty());
}

// etcd's findConflictByTerm: below the snapshot the term is unknown, so the index may match.
TEST(RaftLog, FindConflictByTerm_CompactedIndexIsReturnedWithUnknownTerm) {
  const MemoryStorage storage = CompactedTo5();
  const RaftLog log(&storage, 0);
  EXPECT_EQ(log.FindConflictByTerm(7, 1), (std::pair<Index, Term>{4, 0}));
  EXPECT_EQ(log.FindConflictByTerm(7, 2), (std::pair<Index, Term>{5, 2}));
}

// etcd's TestRestore at the log level: the snapshot replaces everything, commits its index,
// and is handed out before any entry; applied follows only once the application applied it.
TEST(RaftLog, Restore_ReplacesLogAndCommitsSnapshotIndex) {
  MemoryStorage storage =
      test::StorageWith(EntriesWithTerms(1, {1, 1, 2}), HardState{.term = 2, .commit = 1});
  RaftLog log(&storage, 1);
  log.Append(EntriesWithTerms(4, {2}));

  log.Restore(MakeSnapshot(10, 4, kNodes, "sm"));

  EXPECT_TRUE(log.HasUnstableSnapshot());
  EXPECT_EQ(log.unstable_snapshot().data, "sm");
  EXPECT_FALSE(log.HasUnstableEntries());
  EXPECT_EQ(log.FirstIndex(), 11u);
  EXPECT_EQ(log.LastIndex(), 10u);
  EXPECT_EQ(log.LastTerm(), 4u);
  EXPECT_EQ(log.TermAt(3).status().code(), Status::Code::kCompacted);  // storage is hidden
  EXPECT_EQ(log.committed(), 10u);
  EXPECT_EQ(log.applied(), 1u);
  EXPECT_EQ(log.GetSnapshot()->metadata.index, 10u);  // newer than the stored one
  // Entries committed before the snapshot are not applied: the snapshot holds them.
  EXPECT_FALSE(log.HasNextCommittedEntries());
  EXPECT_TRUE(log.NextCommittedEntries().empty());

  // Entries may follow the snapshot before it is persisted.
  ASSERT_TRUE(log.MaybeAppend(10, 4, 12, EntriesWithTerms(11, {4, 4})).has_value());
  EXPECT_EQ(log.LastIndex(), 12u);
  EXPECT_EQ(log.committed(), 12u);

  // The application persists the snapshot, then the entries, and applies the snapshot.
  ASSERT_TRUE(storage.ApplySnapshot(log.unstable_snapshot()).ok());
  storage.Append(log.UnstableEntries());
  log.StableSnapTo(10);
  log.AppliedTo(10);
  log.StableTo(12, 4);
  EXPECT_FALSE(log.HasUnstableSnapshot());
  EXPECT_EQ(log.FirstIndex(), 11u);
  EXPECT_EQ(log.NextCommittedEntries(), EntriesWithTerms(11, {4, 4}));
}

TEST(RaftLog, Restore_AtOrBelowCommitAborts) {
  const MemoryStorage storage = CompactedTo5();
  RaftLog log(&storage, 0);
  EXPECT_DEATH(log.Restore(MakeSnapshot(7, 3, kNodes)), "ahead of the commit index");
}

TEST(RaftLog, StableSnapTo_OtherIndexKeepsSnapshotUnstable) {
  const MemoryStorage storage;
  RaftLog log(&storage, 0);
  log.Restore(MakeSnapshot(4, 1, kNodes));
  log.StableSnapTo(3);  // a confirmation for another snapshot
  EXPECT_TRUE(log.HasUnstableSnapshot());
  log.StableSnapTo(4);
  EXPECT_FALSE(log.HasUnstableSnapshot());
}

// ---- Storage failures (invariant 5) ---------------------------------------------------------

TEST(RaftLog, MatchTerm_StorageFailureIsNoMatch) {
  test::FaultyStorage storage(test::StorageWith(EntriesWithTerms(1, {1, 1})));
  storage.FailTermAt(1, Status::IOError("disk: cannot read"));
  const RaftLog log(&storage, 0);
  EXPECT_EQ(log.TermAt(1).status().code(), Status::Code::kIOError);
  EXPECT_FALSE(log.MatchTerm(1, 1));
  EXPECT_FALSE(log.MatchTerm(1, 0));
}

TEST(RaftLog, LastTerm_StorageFailureAborts) {
  test::FaultyStorage storage(test::StorageWith(EntriesWithTerms(1, {1, 1})));
  storage.FailTermAt(2, Status::IOError("disk: cannot read"));
  const RaftLog log(&storage, 0);
  EXPECT_DEATH(log.LastTerm(), "term of the last index is readable");
}

TEST(RaftLog, FindConflictByTerm_StorageFailureAborts) {
  test::FaultyStorage storage(test::StorageWith(EntriesWithTerms(1, {1, 2})));
  storage.FailTermAt(1, Status::IOError("disk: cannot read"));
  const RaftLog log(&storage, 0);
  EXPECT_DEATH(log.FindConflictByTerm(2, 1), "terms are readable");
}

TEST(RaftLog, Slice_StableEntryStorageCannotReturnAborts) {
  test::FaultyStorage storage(test::StorageWith(EntriesWithTerms(1, {1, 1})));
  const RaftLog log(&storage, 0);
  storage.FailEntries(Status::Unavailable("storage lost them"));
  EXPECT_DEATH((void)log.EntriesFrom(1, test::kNoLimit), "storage holds the stable part");
  storage.FailEntries(Status::IOError("disk: cannot read"));
  EXPECT_DEATH((void)log.EntriesFrom(1, test::kNoLimit), "storage holds the stable part");
}

}  // namespace
}  // namespace raft
