// PosixFileSystem (impl/fs/posix_file_system.h) on real files: the contract of
// impl/fs/file_system.h that the WAL relies on.
#include "impl/fs/posix_file_system.h"

#include <gtest/gtest.h>

#include "tests/wal/wal_test_util.h"

namespace raft {
namespace {

using waltest::TempDir;

TEST(PosixFileSystem, AppendsSyncsAndReadsBack) {
  TempDir tmp;
  PosixFileSystem fs;
  const std::string path = tmp.Sub("f");
  Result<std::unique_ptr<WritableFile>> f = fs.OpenForAppend(path);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_TRUE((*f)->Append("hello ").ok());
  ASSERT_TRUE((*f)->Append(std::string(1 << 20, 'x')).ok());  // more than one write(2) may take
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE((*f)->Close().ok());
  EXPECT_TRUE((*f)->Close().ok());  // closing twice is harmless
  EXPECT_FALSE((*f)->Append("late").ok());
  Result<std::string> back = fs.ReadFile(path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size(), 6u + (1 << 20));
  EXPECT_EQ(back->substr(0, 6), "hello ");
  // Reopening appends after what is there.
  Result<std::unique_ptr<WritableFile>> again = fs.OpenForAppend(path);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*again)->Append("!").ok());
  EXPECT_EQ(fs.ReadFile(path)->back(), '!');
}

TEST(PosixFileSystem, TruncateRenameRemove) {
  TempDir tmp;
  PosixFileSystem fs;
  const std::string a = tmp.Sub("a"), b = tmp.Sub("b");
  ASSERT_TRUE((*fs.OpenForAppend(a))->Append("0123456789").ok());
  ASSERT_TRUE(fs.Truncate(a, 4).ok());
  EXPECT_EQ(*fs.ReadFile(a), "0123");
  ASSERT_TRUE((*fs.OpenForAppend(b))->Append("old").ok());
  ASSERT_TRUE(fs.Rename(a, b).ok());  // replaces b
  EXPECT_FALSE(fs.Exists(a));
  EXPECT_EQ(*fs.ReadFile(b), "0123");
  ASSERT_TRUE(fs.Remove(b).ok());
  EXPECT_FALSE(fs.Exists(b));
  ASSERT_TRUE(fs.SyncDir(tmp.path()).ok());
}

TEST(PosixFileSystem, CreateDirMakesParentsAndListIsSorted) {
  TempDir tmp;
  PosixFileSystem fs;
  const std::string dir = tmp.Sub("x/y/z");
  ASSERT_TRUE(fs.CreateDir(dir).ok());
  ASSERT_TRUE(fs.CreateDir(dir).ok());  // already there: fine
  for (const char* n : {"c", "a", "b"}) ASSERT_TRUE(fs.OpenForAppend(dir + "/" + n).ok());
  Result<std::vector<std::string>> names = fs.List(dir);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(fs.Exists(dir));
  ASSERT_TRUE(fs.SyncDir(dir).ok());
}

TEST(PosixFileSystem, ErrorsAreNotFoundOrIOErrorNamingThePath) {
  TempDir tmp;
  PosixFileSystem fs;
  const std::string missing = tmp.Sub("no/such");
  Result<std::string> r = fs.ReadFile(missing);
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find(missing), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("No such file"), std::string::npos);
  EXPECT_EQ(fs.List(missing).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(fs.Remove(missing).code(), Status::Code::kNotFound);
  EXPECT_EQ(fs.OpenForAppend(missing).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(fs.SyncDir(missing).code(), Status::Code::kNotFound);
  // A directory where a file is wanted: an IOError.
  EXPECT_EQ(fs.OpenForAppend(tmp.path()).status().code(), Status::Code::kIOError);
  ASSERT_TRUE(fs.OpenForAppend(tmp.Sub("file")).ok());
  EXPECT_EQ(fs.CreateDir(tmp.Sub("file/sub")).code(), Status::Code::kIOError);
}

TEST(PosixFileSystem, RootMakesPathsRelative) {
  TempDir tmp;
  PosixFileSystem rooted(tmp.path());
  ASSERT_TRUE(rooted.CreateDir("node/wal").ok());
  ASSERT_TRUE((*rooted.OpenForAppend("node/wal/f"))->Append("x").ok());
  EXPECT_EQ(waltest::ReadAll(tmp.Sub("node/wal/f")), "x");
  EXPECT_EQ(*rooted.List("node/wal"), std::vector<std::string>{"f"});
}

}  // namespace
}  // namespace raft
