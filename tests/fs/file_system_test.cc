// The file-system seam (impl/fs/file_system.h): the POSIX implementation on real files and the
// explorer's simulated disk (checker/world/sim_disk.h) held to the same contract side by side,
// so that what the explorer learns on the simulated disk holds on a real one; then what only
// the simulated disk does: crashes that lose, tear, keep or flip what was not synced.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "checker/world/sim_disk.h"
#include "impl/fs/posix_file_system.h"

namespace raftcheck {
namespace {

struct Disk {
  std::string name;
  std::function<std::unique_ptr<raft::FileSystem>()> make;
  bool real;
};

// A fresh directory per test on the real disk; "/d" on the simulated one.
std::string Root(bool real) {
  if (!real) return "/d";
  const std::string dir = testing::TempDir() + "fs_test_" + std::to_string(getpid()) + "_" +
                          testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::remove_all(dir);
  return dir;
}

class FileSystemContract : public testing::TestWithParam<Disk> {
 protected:
  void SetUp() override {
    fs_ = GetParam().make();
    root_ = Root(GetParam().real);
    ASSERT_TRUE(fs_->CreateDir(root_).ok());
  }
  std::unique_ptr<raft::FileSystem> fs_;
  std::string root_;
};

TEST_P(FileSystemContract, AppendThenRead_SeesEveryByteSyncedOrNot) {
  auto f = fs_->OpenForAppend(root_ + "/a");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_TRUE((*f)->Append("hello ").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE((*f)->Append("world").ok());
  EXPECT_EQ(*fs_->ReadFile(root_ + "/a"), "hello world");
  ASSERT_TRUE((*f)->Close().ok());
  auto again = fs_->OpenForAppend(root_ + "/a");  // appends after what is there
  ASSERT_TRUE((*again)->Append("!").ok());
  EXPECT_EQ(*fs_->ReadFile(root_ + "/a"), "hello world!");
}

TEST_P(FileSystemContract, ListIsSortedAndExistsTellsFilesAndDirectories) {
  for (const char* name : {"b", "c", "a"}) ASSERT_TRUE(fs_->OpenForAppend(root_ + "/" + name).ok());
  ASSERT_TRUE(fs_->CreateDir(root_ + "/sub").ok());
  auto names = fs_->List(root_);
  ASSERT_TRUE(names.ok());
  // Subdirectories are entries of their parent on a real disk; the contract lists files, so
  // compare the files only.
  std::vector<std::string> files;
  for (const std::string& n : *names) {
    if (n != "sub") files.push_back(n);
  }
  EXPECT_EQ(files, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(fs_->Exists(root_ + "/a"));
  EXPECT_TRUE(fs_->Exists(root_ + "/sub"));
  EXPECT_FALSE(fs_->Exists(root_ + "/z"));
}

TEST_P(FileSystemContract, RenameReplacesRemoveDeletesTruncateCuts) {
  ASSERT_TRUE((*fs_->OpenForAppend(root_ + "/tmp"))->Append("new").ok());
  ASSERT_TRUE((*fs_->OpenForAppend(root_ + "/dst"))->Append("old").ok());
  ASSERT_TRUE(fs_->Rename(root_ + "/tmp", root_ + "/dst").ok());
  EXPECT_EQ(*fs_->ReadFile(root_ + "/dst"), "new");
  EXPECT_FALSE(fs_->Exists(root_ + "/tmp"));
  ASSERT_TRUE(fs_->Truncate(root_ + "/dst", 2).ok());
  EXPECT_EQ(*fs_->ReadFile(root_ + "/dst"), "ne");
  ASSERT_TRUE(fs_->Remove(root_ + "/dst").ok());
  EXPECT_FALSE(fs_->Exists(root_ + "/dst"));
  ASSERT_TRUE(fs_->SyncDir(root_).ok());
}

TEST_P(FileSystemContract, MissingThings_AreNotFoundNamingThePath) {
  const auto read = fs_->ReadFile(root_ + "/none");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), base::Status::Code::kNotFound);
  EXPECT_NE(read.status().message().find(root_ + "/none"), std::string::npos);
  const auto list = fs_->List(root_ + "/nodir");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), base::Status::Code::kNotFound);
  EXPECT_FALSE(fs_->Rename(root_ + "/none", root_ + "/x").ok());
  EXPECT_FALSE(fs_->Remove(root_ + "/none").ok());
}

INSTANTIATE_TEST_SUITE_P(
    Disks, FileSystemContract,
    testing::Values(Disk{"posix", [] { return std::make_unique<raft::PosixFileSystem>(); }, true},
                    Disk{"simulated", [] { return std::make_unique<SimDisk>(); }, false}),
    [](const testing::TestParamInfo<Disk>& p) { return p.param.name; });

// ---- what only the simulated disk does: crashes --------------------------------------------

// A file with "sync" durable and "+tail" written after its last sync.
SimDisk Written() {
  SimDisk d;
  EXPECT_TRUE(d.CreateDir("/d").ok());
  auto f = d.OpenForAppend("/d/f");
  EXPECT_TRUE((*f)->Append("sync").ok());
  EXPECT_TRUE((*f)->Sync().ok());
  EXPECT_TRUE(d.SyncDir("/d").ok());
  EXPECT_TRUE((*f)->Append("+tail").ok());
  return d;
}

TEST(SimDisk, Crash_KeepsTheDurableBytesAndTheChosenPartOfTheRest) {
  struct Case {
    SimDisk::Crash crash;
    std::string content;
  };
  // "+tail" is the last write (5 bytes): torn keeps its first half (2 bytes); a flipped bit
  // hits its last byte ('l' ^ 1 == 'm').
  for (const Case& c : {Case{SimDisk::Crash::kLoseUnsynced, "sync"},
                        Case{SimDisk::Crash::kKeepUnsynced, "sync+tail"},
                        Case{SimDisk::Crash::kTornWrite, "sync+t"},
                        Case{SimDisk::Crash::kFlipBit, "sync+taim"}}) {
    SimDisk d = Written();
    ASSERT_TRUE(d.HasUnsynced());
    d.CrashNow(c.crash);
    EXPECT_EQ(*d.ReadFile("/d/f"), c.content) << SimDisk::CrashName(c.crash);
    EXPECT_FALSE(d.HasUnsynced());
  }
}

TEST(SimDisk, Crash_LosesFileCreationsRemovalsAndRenamesNotDirSynced) {
  SimDisk d = Written();
  ASSERT_TRUE((*d.OpenForAppend("/d/new"))->Append("x").ok());
  ASSERT_TRUE(d.Rename("/d/f", "/d/g").ok());
  SimDisk kept = d;
  d.CrashNow(SimDisk::Crash::kLoseUnsynced);
  EXPECT_FALSE(d.Exists("/d/new"));
  EXPECT_FALSE(d.Exists("/d/g"));
  EXPECT_EQ(*d.ReadFile("/d/f"), "sync");  // back, with its durable bytes
  kept.CrashNow(SimDisk::Crash::kKeepUnsynced);
  EXPECT_TRUE(kept.Exists("/d/new"));
  EXPECT_EQ(*kept.ReadFile("/d/g"), "sync+tail");
  EXPECT_FALSE(kept.Exists("/d/f"));
}

TEST(SimDisk, CopiesAreIndependentAndEncodeAsTheyCompare) {
  SimDisk a = Written();
  SimDisk b = a;
  std::string ea, eb;
  a.Encode(&ea);
  b.Encode(&eb);
  EXPECT_EQ(ea, eb);
  ASSERT_TRUE((*b.OpenForAppend("/d/f"))->Append("!").ok());
  EXPECT_EQ(*a.ReadFile("/d/f"), "sync+tail");
  eb.clear();
  b.Encode(&eb);
  EXPECT_NE(ea, eb);
  EXPECT_FALSE(a == b);
  // The same bytes synced or not are different disks: a crash tells them apart.
  SimDisk synced = Written();
  ASSERT_TRUE((*synced.OpenForAppend("/d/f"))->Sync().ok());
  std::string es;
  synced.Encode(&es);
  EXPECT_NE(es, ea);
  EXPECT_EQ(*synced.ReadFile("/d/f"), *a.ReadFile("/d/f"));
}

}  // namespace
}  // namespace raftcheck
