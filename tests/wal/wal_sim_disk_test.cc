// The Wal on the explorer's simulated disk (checker/world/sim_disk.h): every crash outcome the
// disk can produce recovers to what the Ready contract promises, the two seeded bugs show as
// the wrong durable states the explorer is to find, and CloneOnto forks with the disk.
#include <gtest/gtest.h>

#include "checker/world/sim_disk.h"
#include "impl/wal/wal.h"
#include "tests/wal/wal_test_util.h"

namespace raft {
namespace {

using raftcheck::SimDisk;
using waltest::E;
using waltest::Es;

constexpr SimDisk::Crash kAllCrashes[] = {SimDisk::Crash::kLoseUnsynced,
                                          SimDisk::Crash::kKeepUnsynced, SimDisk::Crash::kTornWrite,
                                          SimDisk::Crash::kFlipBit};

WalContents Recover(SimDisk* disk, BugSet bugs = {}) {
  WalContents c;
  Result<Wal> w = Wal::Open(disk, "n1", &c, bugs);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return c;
}

// A disk with entries 1..2 and hard state (1, 2, 1) synced, then a commit-only hard state
// (1, 2, 2) saved without a sync (what a Ready that only raises commit does).
SimDisk WithUnsyncedCommit(BugSet bugs = {}) {
  SimDisk disk;
  Result<Wal> w = Wal::Create(&disk, "n1", bugs);
  EXPECT_TRUE(w.ok());
  EXPECT_TRUE(w->Save({1, 2, 1}, Es{E(1, 1), E(1, 2)}, true).ok());
  EXPECT_FALSE(disk.HasUnsynced());
  EXPECT_TRUE(w->Save({1, 2, 2}, {}, false).ok());
  EXPECT_TRUE(disk.HasUnsynced());
  return disk;
}

TEST(WalOnSimDisk, SyncedSaveSurvivesEveryCrash) {
  for (SimDisk::Crash crash : kAllCrashes) {
    SimDisk disk;
    Result<Wal> w = Wal::Create(&disk, "n1");
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->Save({1, 1, 0}, Es{E(1, 1)}, true).ok());
    ASSERT_TRUE(w->SaveSnapshot(waltest::Snap(1, 1)).ok());
    ASSERT_TRUE(w->Save({1, 1, 1}, Es{E(1, 2)}, true).ok());
    EXPECT_FALSE(disk.HasUnsynced()) << "a synced Save leaves nothing for a crash to take";
    disk.CrashNow(crash);
    const WalContents c = Recover(&disk);
    EXPECT_EQ(c.entries, Es{E(1, 2)}) << SimDisk::CrashName(crash);
    EXPECT_EQ(c.snapshot, waltest::Snap(1, 1)) << SimDisk::CrashName(crash);
    EXPECT_EQ(c.hard_state, (HardState{1, 1, 1})) << SimDisk::CrashName(crash);
  }
}

TEST(WalOnSimDisk, UnsyncedCommitIsKeptOrLostButNeverDamaged) {
  for (SimDisk::Crash crash : kAllCrashes) {
    SimDisk disk = WithUnsyncedCommit();
    disk.CrashNow(crash);
    const WalContents c = Recover(&disk);
    const HardState want =
        crash == SimDisk::Crash::kKeepUnsynced ? HardState{1, 2, 2} : HardState{1, 2, 1};
    EXPECT_EQ(c.hard_state, want) << SimDisk::CrashName(crash);
    EXPECT_EQ(c.entries.size(), 2u) << SimDisk::CrashName(crash);
    // Recovery repaired the disk: the same state again after another restart.
    EXPECT_EQ(Recover(&disk).hard_state, want) << SimDisk::CrashName(crash);
  }
}

TEST(WalOnSimDisk, SeededTornRecordKept_TornHardStateLosesItsVote) {
  BugSet bug;
  bug.Add(Bug::kTornRecordKept);
  SimDisk disk = WithUnsyncedCommit(bug);
  disk.CrashNow(SimDisk::Crash::kTornWrite);  // keeps the header and 7 of the term's 8 bytes
  const WalContents c = Recover(&disk, bug);
  EXPECT_EQ(c.hard_state, (HardState{1, 0, 0}));  // never written: the vote for 2 is gone
  EXPECT_EQ(Recover(&disk).hard_state, (HardState{1, 0, 0})) << "and it is durable";
}

TEST(WalOnSimDisk, SeededHardStateBeforeEntries_CommitOutlivesItsEntries) {
  BugSet bug;
  bug.Add(Bug::kHardStateBeforeEntries);
  SimDisk disk;
  Result<Wal> w = Wal::Create(&disk, "n1", bug);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->Save({1, 2, 0}, Es{E(1, 1)}, true).ok());
  ASSERT_TRUE(w->Save({1, 2, 2}, Es{E(1, 2)}, true).ok());
  EXPECT_TRUE(disk.HasUnsynced());  // the entry was written after the sync
  disk.CrashNow(SimDisk::Crash::kLoseUnsynced);
  const WalContents c = Recover(&disk);
  EXPECT_EQ(c.hard_state.commit, 2u);
  EXPECT_EQ(c.entries, Es{E(1, 1)});  // commit 2 past a log that ends at 1
}

TEST(WalOnSimDisk, NewSegmentLostInACrashRecovers) {
  SimDisk disk;
  Result<Wal> w = Wal::Create(&disk, "n1", {}, WalOptions{64});
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->Save({1, 1, 0}, Es{E(1, 1), E(1, 2)}, true).ok());  // past 64 bytes: a cut
  EXPECT_NE(w->segment(), "n1/wal/" + wal::SegmentFileName(0, 1));
  for (SimDisk::Crash crash : kAllCrashes) {
    SimDisk copy = disk;
    copy.CrashNow(crash);
    WalContents c;
    Result<Wal> again = Wal::Open(&copy, "n1", &c, {}, WalOptions{64});
    ASSERT_TRUE(again.ok()) << SimDisk::CrashName(crash) << ": " << again.status().ToString();
    EXPECT_EQ(c.entries, (Es{E(1, 1), E(1, 2)})) << SimDisk::CrashName(crash);
    EXPECT_EQ(c.hard_state, (HardState{1, 1, 0})) << SimDisk::CrashName(crash);
    ASSERT_TRUE(again->Save({}, Es{E(1, 3)}, true).ok());
    EXPECT_EQ(Recover(&copy).entries.size(), 3u) << SimDisk::CrashName(crash);
  }
}

TEST(WalOnSimDisk, CloneOntoForksWithTheDisk) {
  SimDisk disk;
  Result<Wal> w = Wal::Create(&disk, "n1");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->Save({1, 1, 0}, Es{E(1, 1)}, true).ok());
  SimDisk fork = disk;
  Result<Wal> clone = w->CloneOnto(&fork);
  ASSERT_TRUE(clone.ok());
  ASSERT_TRUE(w->Save({1, 1, 1}, Es{E(1, 2)}, true).ok());
  ASSERT_TRUE(clone->Save({2, 3, 0}, Es{E(2, 2), E(2, 3)}, true).ok());
  EXPECT_EQ(Recover(&disk).entries, (Es{E(1, 1), E(1, 2)}));
  EXPECT_EQ(Recover(&fork).entries, (Es{E(1, 1), E(2, 2), E(2, 3)}));
  EXPECT_EQ(Recover(&fork).hard_state, (HardState{2, 3, 0}));
}

}  // namespace
}  // namespace raft
