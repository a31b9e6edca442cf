// LogShape (impl/wal/log_shape.h): recovery rule 3 of wal.h and what a snapshot marker does.
#include "impl/wal/log_shape.h"

#include <gtest/gtest.h>

namespace raft::wal {
namespace {

TEST(LogShape, EntriesAppendAndTruncateTheSuffix) {
  LogShape s;
  for (Index i = 1; i <= 5; ++i) s.AddEntry(i, i <= 3 ? 1 : 2);
  EXPECT_EQ(s.last_index(), 5u);
  EXPECT_EQ(s.TermAt(3), 1u);
  EXPECT_EQ(s.TermAt(4), 2u);
  ASSERT_TRUE(s.CheckEntry(3).ok());
  s.AddEntry(3, 3);  // a follower's truncation: 3.. replaced
  EXPECT_EQ(s.last_index(), 3u);
  EXPECT_EQ(s.TermAt(2), 1u);
  EXPECT_EQ(s.TermAt(3), 3u);
}

TEST(LogShape, GapsAndIndexZeroAreRefused) {
  LogShape s;
  EXPECT_FALSE(s.CheckEntry(0).ok());
  EXPECT_FALSE(s.CheckEntry(2).ok());
  s.AddEntry(1, 1);
  EXPECT_TRUE(s.CheckEntry(2).ok());
  EXPECT_EQ(s.CheckEntry(3).code(), Status::Code::kInvalidArgument);
}

TEST(LogShape, CompactionKeepsTheEntriesAfterTheSnapshot) {
  LogShape s;
  for (Index i = 1; i <= 6; ++i) s.AddEntry(i, i <= 4 ? 1 : 2);
  EXPECT_EQ(s.AddMarker(4, 1), LogShape::MarkerEffect::kDropPrefix);
  EXPECT_EQ(s.base(), 4u);
  EXPECT_EQ(s.last_index(), 6u);
  EXPECT_EQ(s.TermAt(5), 2u);
  EXPECT_FALSE(s.CheckEntry(4).ok());  // below the snapshot now
  EXPECT_TRUE(s.CheckEntry(5).ok());
  EXPECT_EQ(s.AddMarker(4, 1), LogShape::MarkerEffect::kRepeat);
  EXPECT_FALSE(s.CheckMarker(4, 2).ok());
  EXPECT_FALSE(s.CheckMarker(3, 1).ok());
}

TEST(LogShape, CompactionAtATermBoundaryKeepsTheRightTerms) {
  LogShape s;
  for (Index i = 1; i <= 6; ++i) s.AddEntry(i, i <= 4 ? 1 : 2);
  ASSERT_EQ(s.AddMarker(4, 1), LogShape::MarkerEffect::kDropPrefix);
  EXPECT_EQ(s.TermAt(5), 2u);
  EXPECT_EQ(s.TermAt(6), 2u);
  ASSERT_EQ(s.AddMarker(6, 2), LogShape::MarkerEffect::kDropPrefix);  // the whole log
  EXPECT_EQ(s.base(), 6u);
  EXPECT_EQ(s.last_index(), 6u);
  s.AddEntry(7, 3);
  EXPECT_EQ(s.TermAt(7), 3u);
}

TEST(LogShape, InstalledSnapshotClearsTheLog) {
  LogShape s;
  for (Index i = 1; i <= 6; ++i) s.AddEntry(i, 1);
  EXPECT_EQ(s.AddMarker(4, 3), LogShape::MarkerEffect::kClear);  // entry 4 has another term
  EXPECT_EQ(s.last_index(), 4u);
  EXPECT_TRUE(s.CheckEntry(5).ok());
  LogShape t;
  t.AddEntry(1, 1);
  EXPECT_EQ(t.AddMarker(9, 2), LogShape::MarkerEffect::kClear);  // past the log
  EXPECT_EQ(t.last_index(), 9u);
  EXPECT_FALSE(t.CheckEntry(11).ok());
}

TEST(LogShape, ReleasedPrefixMustBeCoveredBySnapshot) {
  LogShape s(50);  // the oldest segment kept starts at index 51
  EXPECT_TRUE(s.CheckEntry(51).ok());
  EXPECT_FALSE(s.CheckEntry(52).ok());
  EXPECT_FALSE(s.Covered().ok());
  s.AddEntry(51, 1);
  s.AddEntry(52, 1);
  EXPECT_EQ(s.AddMarker(40, 1), LogShape::MarkerEffect::kKeep);
  EXPECT_FALSE(s.Covered().ok());
  EXPECT_EQ(s.AddMarker(51, 1), LogShape::MarkerEffect::kDropPrefix);
  EXPECT_TRUE(s.Covered().ok());
}

}  // namespace
}  // namespace raft::wal
