// RaftLog: the stable prefix in Storage plus the unstable tail, and the commit/apply cursors.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "impl/raft_log.h"
#include "impl/storage.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::AllEntries;
using test::EntriesWithTerms;
using test::StorageWith;

std::vector<Entry> Unstable(const RaftLog& log) {
  return {log.UnstableEntries().begin(), log.UnstableEntries().end()};
}

// The log of etcd's TestLogMaybeAppend: terms 1, 2, 3 at indexes 1..3, committed up to 1.
class MaybeAppendTest : public testing::Test {
 protected:
  MaybeAppendTest()
      : storage_(StorageWith(EntriesWithTerms(1, {1, 2, 3}), HardState{.term = 3, .commit = 1})),
        log_(&storage_, 0) {}

  MemoryStorage storage_;
  RaftLog log_;
};

TEST_F(MaybeAppendTest, MaybeAppend_MismatchedPrevTermIsRefused) {
  EXPECT_EQ(log_.MaybeAppend(3, 2, 3, EntriesWithTerms(4, {4})), std::nullopt);
  EXPECT_EQ(log_.LastIndex(), 3u);
  EXPECT_EQ(log_.committed(), 1u);
}

TEST_F(MaybeAppendTest, MaybeAppend_PrevIndexBeyondLogIsRefused) {
  EXPECT_EQ(log_.MaybeAppend(4, 3, 3, EntriesWithTerms(5, {4})), std::nullopt);
  EXPECT_EQ(log_.LastIndex(), 3u);
}

// The commit index rises to min(leader commit, last new index), and never falls.
TEST_F(MaybeAppendTest, MaybeAppend_CommitIsCappedByLastNewEntryAndNeverFalls) {
  struct Case {
    Index leader_commit;
    Index want_commit;
  };
  for (const Case c : {Case{3, 3}, Case{4, 3}, Case{2, 2}, Case{0, 1}}) {
    SCOPED_TRACE(testing::Message() << "leader commit " << c.leader_commit);
    MemoryStorage storage = storage_;
    RaftLog log(&storage, 0);
    EXPECT_EQ(log.MaybeAppend(3, 3, c.leader_commit, {}), std::optional<Index>(3));
    EXPECT_EQ(log.committed(), c.want_commit);
  }
}

TEST_F(MaybeAppendTest, MaybeAppend_NewEntriesAreAppendedAndCommitted) {
  EXPECT_EQ(log_.MaybeAppend(3, 3, 5, EntriesWithTerms(4, {4, 4})), std::optional<Index>(5));
  EXPECT_EQ(log_.committed(), 5u);
  EXPECT_EQ(Unstable(log_), EntriesWithTerms(4, {4, 4}));
}

// The returned index is the last entry this append covers, even when the log goes further.
TEST_F(MaybeAppendTest, MaybeAppend_MatchingPrefixLeavesLogIntact) {
  EXPECT_EQ(log_.MaybeAppend(1, 1, 2, EntriesWithTerms(2, {2})), std::optional<Index>(2));
  EXPECT_EQ(AllEntries(log_), EntriesWithTerms(1, {1, 2, 3}));
  EXPECT_FALSE(log_.HasUnstableEntries());
  EXPECT_EQ(log_.committed(), 2u);
}

TEST_F(MaybeAppendTest, MaybeAppend_ConflictTruncatesFromConflictOn) {
  EXPECT_EQ(log_.MaybeAppend(1, 1, 3, EntriesWithTerms(2, {4})), std::optional<Index>(2));
  EXPECT_EQ(AllEntries(log_), EntriesWithTerms(1, {1, 4}));
  EXPECT_EQ(log_.committed(), 2u);
}

// Replacing a committed entry would lose it (Raft §5.3 forbids it): a broken invariant.
TEST_F(MaybeAppendTest, MaybeAppend_ConflictWithCommittedEntryAborts) {
  EXPECT_DEATH(log_.MaybeAppend(0, 0, 1, EntriesWithTerms(1, {4})), "");
}

TEST(RaftLog, FindConflict_FirstMismatchOrMissingIndex) {
  const MemoryStorage storage = StorageWith(EntriesWithTerms(1, {1, 2, 3}));
  const RaftLog log(&storage, 0);
  struct Case {
    std::vector<Entry> entries;
    Index want;
  };
  const Case cases[] = {
      {{}, 0},                                     // nothing to check
      {EntriesWithTerms(1, {1, 2, 3}), 0},         // all present
      {EntriesWithTerms(2, {2, 3}), 0},            // a present suffix
      {EntriesWithTerms(1, {1, 2, 3, 4, 4}), 4},   // new entries start at 4
      {EntriesWithTerms(4, {4, 4}), 4},            // only new entries
      {EntriesWithTerms(1, {4, 4}), 1},            // conflict at the first entry
      {EntriesWithTerms(2, {1, 4, 4}), 2},         // conflict in the middle
      {EntriesWithTerms(3, {1, 2, 4, 4}), 3},      // conflict at the last entry
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.entries.size() << " entries, want " << c.want);
    EXPECT_EQ(log.FindConflict(c.entries), c.want);
  }
}

// Fast backtracking: the largest index <= index whose term is <= term, with that term.
TEST(RaftLog, FindConflictByTerm_LastIndexWithTermAtMost) {
  const MemoryStorage storage = StorageWith(EntriesWithTerms(1, {2, 2, 5, 5, 5}));
  const RaftLog log(&storage, 0);
  struct Case {
    Index index;
    Term term;
    Index want_index;
    Term want_term;
  };
  const Case cases[] = {
      {5, 6, 5, 5},  // our term is lower already
      {5, 5, 5, 5},  // equal term
      {5, 4, 2, 2},  // skip the whole run of term 5
      {5, 2, 2, 2},
      {5, 1, 0, 0},  // nothing that old: start from scratch
      {1, 2, 1, 2},
      {1, 1, 0, 0},
      {0, 0, 0, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "(" << c.index << ", t" << c.term << ")");
    EXPECT_EQ(log.FindConflictByTerm(c.index, c.term),
              std::make_pair(c.want_index, c.want_term));
  }
}

// Raft §5.4.1: compare last terms first; with equal last terms the longer log is more
// up-to-date. Our log ends at (index 3, term 3).
TEST(RaftLog, IsUpToDate_LaterTermThenLongerLogWins) {
  const MemoryStorage storage = StorageWith(EntriesWithTerms(1, {1, 2, 3}));
  const RaftLog log(&storage, 0);
  struct Case {
    Index last_index;
    Term last_term;
    bool want;
  };
  const Case cases[] = {
      {2, 4, true},  {3, 4, true},  {4, 4, true},    // later last term
      {2, 2, false}, {3, 2, false}, {4, 2, false},   // earlier last term
      {2, 3, false}, {3, 3, true},  {4, 3, true},    // same last term: length decides
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "(" << c.last_index << ", t" << c.last_term << ")");
    EXPECT_EQ(log.IsUpToDate(c.last_index, c.last_term), c.want);
  }
}

TEST(RaftLog, CommitTo_NeverDecreases) {
  const MemoryStorage storage = StorageWith(EntriesWithTerms(1, {1, 2, 3}), HardState{.commit = 2});
  RaftLog log(&storage, 0);
  log.CommitTo(1);
  EXPECT_EQ(log.committed(), 2u);
  log.CommitTo(3);
  EXPECT_EQ(log.committed(), 3u);
}

// Committing past the end of the log means the log lost entries: a broken invariant.
TEST(RaftLog, CommitTo_BeyondLastIndexAborts) {
  const MemoryStorage storage = StorageWith(EntriesWithTerms(1, {1, 2, 3}));
  RaftLog log(&storage, 0);
  EXPECT_DEATH(log.CommitTo(4), "");
}

// Raft §5.4.2 in the log: MaybeCommit only commits an index whose entry has the current term.
TEST(RaftLog, MaybeCommit_OnlyEntryOfCurrentTerm) {
  const MemoryStorage storage = StorageWith(EntriesWithTerms(1, {1, 2, 3}));
  RaftLog log(&storage, 0);
  EXPECT_FALSE(log.MaybeCommit(2, 3));
  EXPECT_EQ(log.committed(), 0u);
  EXPECT_TRUE(log.MaybeCommit(3, 3));
  EXPECT_EQ(log.committed(), 3u);
}

TEST(RaftLog, StableTo_DropsPersistedEntriesFromUnstableTail) {
  MemoryStorage storage;
  RaftLog log(&storage, 0);
  log.Append(EntriesWithTerms(1, {1, 1}));
  storage.Append(Unstable(log));  // the application persists the Ready's entries

  log.StableTo(2, 1);

  EXPECT_FALSE(log.HasUnstableEntries());
  EXPECT_EQ(AllEntries(log), EntriesWithTerms(1, {1, 1}));
}

// The tail handed out for persistence was rewritten before the application confirmed it: the
// stale confirmation must not drop the new entry, which is not durable yet.
TEST(RaftLog, StableTo_RewrittenTailStaysUnstable) {
  MemoryStorage storage;
  RaftLog log(&storage, 0);
  log.Append(EntriesWithTerms(1, {1, 1}));
  storage.Append(Unstable(log));  // persisted: (1, t1), (2, t1)
  log.Append(EntriesWithTerms(2, {2}));  // a new leader overwrites index 2

  log.StableTo(2, 1);  // the confirmation for the old batch, which no longer ends the tail

  EXPECT_EQ(Unstable(log), EntriesWithTerms(1, {1, 2}));
  EXPECT_EQ(*log.TermAt(2), 2u);  // the unstable entry overrides the stale stored one
  log.StableTo(1, 1);  // index 1 was not rewritten: that part of the confirmation holds
  EXPECT_EQ(Unstable(log), EntriesWithTerms(2, {2}));
}

TEST(RaftLog, NextCommittedEntries_FromAppliedToCommitted) {
  const std::vector<Entry> entries = {{1, 1, "a"}, {1, 2, "b"}, {1, 3, "c"}};
  const MemoryStorage storage = StorageWith(entries);
  RaftLog log(&storage, 0);
  EXPECT_FALSE(log.HasNextCommittedEntries());
  EXPECT_TRUE(log.NextCommittedEntries().empty());

  log.CommitTo(2);
  EXPECT_TRUE(log.HasNextCommittedEntries());
  EXPECT_EQ(log.NextCommittedEntries(), std::vector<Entry>(entries.begin(), entries.begin() + 2));

  log.AppliedTo(1);
  EXPECT_EQ(log.NextCommittedEntries(), std::vector<Entry>{entries[1]});
  log.AppliedTo(2);
  EXPECT_FALSE(log.HasNextCommittedEntries());
  EXPECT_TRUE(log.NextCommittedEntries().empty());
}

// A restarted node resumes applying after what the application had applied.
TEST(RaftLog, NextCommittedEntries_RestartResumesAfterApplied) {
  const std::vector<Entry> entries = {{1, 1, "a"}, {1, 2, "b"}, {1, 3, "c"}};
  const MemoryStorage storage = StorageWith(entries, HardState{.term = 1, .commit = 3});
  const RaftLog log(&storage, 1);
  EXPECT_EQ(log.NextCommittedEntries(), std::vector<Entry>(entries.begin() + 1, entries.end()));
}

// Entries come from storage and the unstable tail alike, cut once their sizes (EntrySize) would
// exceed max_size, but never empty.
TEST(RaftLog, EntriesFrom_SpansStableAndUnstableAndHonoursMaxSize) {
  MemoryStorage storage = StorageWith({{1, 1, "aa"}, {1, 2, "bb"}});
  RaftLog log(&storage, 0);
  log.Append(std::vector<Entry>{{1, 3, "cc"}, {1, 4, "dd"}});
  const std::uint64_t each = EntrySize(Entry{1, 1, "aa"});  // all four have the same size

  EXPECT_EQ(log.EntriesFrom(2, test::kNoLimit)->size(), 3u);
  EXPECT_EQ(log.EntriesFrom(1, 3 * each)->size(), 3u);  // crosses into the unstable tail
  EXPECT_EQ(log.EntriesFrom(1, 3 * each - 1)->size(), 2u);
  EXPECT_EQ(log.EntriesFrom(3, 0)->size(), 1u);  // at least one
}

}  // namespace
}  // namespace raft
