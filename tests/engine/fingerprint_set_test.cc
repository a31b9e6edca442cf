#include "checker/engine/fingerprint_set.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "checker/engine/parent_links.h"
#include "checker/engine/rng.h"

namespace raftcheck::engine {
namespace {

TEST(FingerprintSet, InsertReportsNewOnlyOnce) {
  FingerprintSet set;
  EXPECT_TRUE(set.Insert(42));
  EXPECT_FALSE(set.Insert(42));
  EXPECT_TRUE(set.Insert(43));
  EXPECT_EQ(set.size(), 2u);
}

TEST(FingerprintSet, ContainsOnlyWhatWasInserted) {
  FingerprintSet set;
  EXPECT_FALSE(set.Contains(7));
  set.Insert(7);
  EXPECT_TRUE(set.Contains(7));
  EXPECT_FALSE(set.Contains(8));
}

TEST(FingerprintSet, CapacityIsAPowerOfTwoAtLeastSixteen) {
  EXPECT_EQ(FingerprintSet(0).capacity(), 16u);
  EXPECT_EQ(FingerprintSet(100).capacity(), 128u);
  EXPECT_EQ(FingerprintSet(128).capacity(), 128u);
}

TEST(FingerprintSet, GrowsWhenLoadWouldExceedThreeQuarters) {
  FingerprintSet set(16);
  // 3/4 of 16 slots = 12 fingerprints fit; the 13th doubles the table.
  for (std::uint64_t fp = 1; fp <= 12; ++fp) set.Insert(fp);
  EXPECT_EQ(set.capacity(), 16u);
  EXPECT_TRUE(set.NeedsGrowth());
  EXPECT_EQ(set.GrowthPeakBytes(), 3 * 16 * sizeof(std::uint64_t));
  set.Insert(13);
  EXPECT_EQ(set.capacity(), 32u);
  EXPECT_FALSE(set.NeedsGrowth());
  for (std::uint64_t fp = 1; fp <= 13; ++fp) EXPECT_TRUE(set.Contains(fp)) << fp;
}

TEST(FingerprintSet, KeepsEverythingAcrossManyGrowths) {
  constexpr int kCount = 200000;  // grows from 16 slots 15 times
  FingerprintSet set(16);
  Rng rng(1);
  std::vector<std::uint64_t> inserted;
  for (int i = 0; i < kCount; ++i) {
    const std::uint64_t fp = rng.Next() | 1;  // never 0
    inserted.push_back(fp);
    ASSERT_TRUE(set.Insert(fp));  // random 64-bit values: a repeat has probability ~2^-30
  }
  EXPECT_EQ(set.size(), static_cast<std::size_t>(kCount));
  for (const std::uint64_t fp : inserted) ASSERT_TRUE(set.Contains(fp));
  Rng other(2);
  int false_hits = 0;
  for (int i = 0; i < kCount; ++i) false_hits += set.Contains(other.Next() | 1);
  EXPECT_EQ(false_hits, 0);
  // Load in (3/8, 3/4]: 8 / 0.75 <= bytes per fingerprint < 8 / 0.375.
  const double per = static_cast<double>(set.Bytes()) / static_cast<double>(set.size());
  EXPECT_GE(per, 8 / 0.75);
  EXPECT_LT(per, 8 / 0.375);
}

TEST(ParentLinks, TraceRebuildsThePathFromTheRoot) {
  ParentLinks links;
  links.AddRoot(5);          // id 0: initial state #5
  links.AddRoot(2);          // id 1: initial state #2
  links.AddChild(1, 3);      // id 2: action #3 of id 1
  links.AddChild(2, 0);      // id 3
  links.AddChild(0, 7);      // id 4
  links.AddChild(3, 65535);  // id 5: the largest ordinal
  std::uint32_t initial = 0;
  std::vector<std::uint16_t> ordinals;
  links.Trace(5, &initial, &ordinals);
  EXPECT_EQ(initial, 2u);
  EXPECT_EQ(ordinals, (std::vector<std::uint16_t>{3, 0, 65535}));
  links.Trace(4, &initial, &ordinals);
  EXPECT_EQ(initial, 5u);
  EXPECT_EQ(ordinals, (std::vector<std::uint16_t>{7}));
  links.Trace(1, &initial, &ordinals);
  EXPECT_EQ(initial, 2u);
  EXPECT_TRUE(ordinals.empty());
  EXPECT_TRUE(links.IsRoot(1));
  EXPECT_FALSE(links.IsRoot(2));
  EXPECT_EQ(links.size(), 6u);
}

TEST(ParentLinks, AboutSixBytesPerState) {
  constexpr std::uint32_t kCount = 1000000;
  ParentLinks links;
  links.AddRoot(0);
  for (std::uint32_t id = 1; id < kCount; ++id) links.AddChild(id - 1, id % 3);
  // 4 bytes of parent + 2 of ordinal; blocks hold 2^14 links, so at most one partly used.
  const double per = static_cast<double>(links.Bytes()) / kCount;
  EXPECT_GE(per, 6.0);
  EXPECT_LT(per, 6.1);
  std::uint32_t initial = 1;
  std::vector<std::uint16_t> ordinals;
  links.Trace(kCount - 1, &initial, &ordinals);
  ASSERT_EQ(ordinals.size(), kCount - 1);
  EXPECT_EQ(ordinals[0], 1u);  // id 1 was added with ordinal 1 % 3
  EXPECT_EQ(ordinals.back(), (kCount - 1) % 3);
}

}  // namespace
}  // namespace raftcheck::engine
