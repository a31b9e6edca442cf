// The pieces under the checker: the bitset and memo table (memo.h's invariants), the history
// builder's and Validate's well-formedness checks, the models' steps, the operation lines.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "properties/linearizable/memo.h"
#include "properties/linearizable/search.h"
#include "tests/linearizable/test_histories.h"

namespace lintest {
namespace {

constexpr std::size_t kOps = 200;  // a bitset over several 64-bit words

TEST(Bitset, LowAndHighTrackTheOnesPrefixAndTheLastWord) {
  Bitset b(kOps);
  EXPECT_EQ(b.low(), 0u);
  EXPECT_EQ(b.high(), 0u);
  for (std::size_t i = 0; i < 64; ++i) b.Set(i);
  EXPECT_EQ(b.low(), 1u);  // word 0 is all ones
  b.Set(130);
  EXPECT_EQ(b.high(), 3u);
  b.Clear(5);
  EXPECT_EQ(b.low(), 0u);
  b.Clear(130);
  EXPECT_EQ(b.high(), 1u);
  EXPECT_TRUE(b.Test(6));
  EXPECT_FALSE(b.Test(5));
}

TEST(MemoTable, FinishedKeysPruneTheirEqualsThroughGrowth) {
  // Random (set, state) keys, many more than the initial slots, compared with std::set.
  constexpr int kKeys = 20000;
  constexpr unsigned kSeed = 7;  // any fixed value
  std::mt19937 engine(kSeed);
  MemoTable memo(0);
  const Bitset none(0);
  std::set<std::pair<std::vector<bool>, State>> reference;
  for (int k = 0; k < kKeys; ++k) {
    Bitset b(kOps);
    std::vector<bool> bits(kOps, false);
    const std::size_t ones = engine() % kOps;
    for (std::size_t i = 0; i < ones; ++i) {
      b.Set(i);
      bits[i] = true;
    }
    const std::size_t extra = engine() % kOps;
    b.Set(extra);
    bits[extra] = true;
    const State s = {static_cast<std::int64_t>(engine() % 3)};
    const std::uint64_t handle = memo.Visit(b, none, s);
    EXPECT_EQ(handle != MemoTable::kPruned, reference.emplace(bits, s).second);
    if (handle != MemoTable::kPruned) memo.Finish(handle);
  }
  EXPECT_EQ(memo.size(), reference.size());
}

TEST(MemoTable, AFinishedConfigurationPrunesThoseWithMoreIndeterminateOperations) {
  constexpr std::size_t kIndeterminate = 3;
  MemoTable memo(1);
  const Bitset d(kOps);
  Bitset one(kIndeterminate), both(kIndeterminate), other(kIndeterminate);
  one.Set(0);
  both.Set(0);
  both.Set(1);
  other.Set(1);
  const State s = {1};
  const std::uint64_t first = memo.Visit(d, one, s);
  ASSERT_NE(first, MemoTable::kPruned);
  EXPECT_NE(memo.Visit(d, both, s), MemoTable::kPruned);  // {0} is still being explored
  memo.Finish(first);
  EXPECT_EQ(memo.Visit(d, both, s), MemoTable::kPruned);  // {0} failed, {0, 1} has less
  EXPECT_EQ(memo.Visit(d, one, s), MemoTable::kPruned);
  EXPECT_NE(memo.Visit(d, other, s), MemoTable::kPruned);        // {1} may still do without 0
  EXPECT_NE(memo.Visit(d, both, State{2}), MemoTable::kPruned);  // another state
}

TEST(HistoryBuilder, InfoFreesTheProcessAndKeepsTheOperationIndeterminate) {
  History h = H().Write(0, 1).Info(0).Write(0, 2).Ok(0).Read(1).Build();
  ASSERT_EQ(h.operations.size(), 3u);
  EXPECT_EQ(h.operations[0].outcome, Outcome::kInfo);
  EXPECT_EQ(h.operations[2].outcome, Outcome::kPending);
  EXPECT_EQ(h.operations[2].complete, kNoEvent);
  EXPECT_EQ(h.events, 5u);
  EXPECT_TRUE(Validate(h).ok());
}

TEST(HistoryBuilder, ErrorsNameTheEventWithoutLines) {
  HistoryBuilder b;
  Event e;
  e.type = EventType::kOk;
  const base::Status s = b.Add(e);
  EXPECT_EQ(s.message(), "event 0: process 0 completes (:ok) but has no outstanding invocation");
}

TEST(Validate, RejectsMalformedHistoriesBuiltInMemory) {
  History h = H().Write(0, 1).Ok(0).Read(1).Ok(1, 1).Build();
  ASSERT_TRUE(Validate(h).ok());
  History overlap = h;
  overlap.operations[1].process = 0;
  overlap.operations[0].complete = 3;
  overlap.operations[1].complete = 1;
  EXPECT_EQ(Validate(overlap).message(), "operation 1: completion must come after the invocation");
  History unsorted = h;
  std::swap(unsorted.operations[0], unsorted.operations[1]);
  EXPECT_EQ(Validate(unsorted).message(),
            "operation 1: operations must be sorted by invocation position");
  History busy = H().Write(0, 1).Read(1).Ok(0).Ok(1, 1).Build();
  busy.operations[1].process = 0;
  EXPECT_EQ(Validate(busy).message(),
            "operation 1: process 0 invokes while another of its operations is outstanding");
}

TEST(Models, RegisterAndKvSteps) {
  const auto reg = MustModel("register");
  const auto kv = MustModel("kv");
  History h = H("kv").Write(0, 5, "x").Ok(0).Cas(0, 5, 6, "y").Ok(0).Build();
  State next;
  EXPECT_TRUE(kv->Step(kv->Init(), h.operations[0], &next));
  EXPECT_EQ(kv->DescribeState(next), "{#0=5}");
  State after;
  EXPECT_FALSE(kv->Step(next, h.operations[1], &after));  // y is nil, not 5
  EXPECT_FALSE(reg->Accepts(h.operations[0]).ok());
  EXPECT_FALSE(MakeModel("queue").ok());
}

TEST(Describe, OperationLines) {
  History h = H("kv").Write(3, 4, "x").Read(1, "x").Ok(1, 4).Ok(3).Cas(2, 1, 2, "x").Build();
  EXPECT_EQ(DescribeOperation(h.operations[0]), "p3 put x 4                invoke 0, ok 3");
  EXPECT_EQ(DescribeOperation(h.operations[1]), "p1 get x -> 4             invoke 1, ok 2");
  EXPECT_EQ(DescribeOperation(h.operations[2]),
            "p2 cas x 1 -> 2           invoke 4, never completed");
}

TEST(Search, ManyConcurrentWritesThenAnImpossibleRead) {
  // 16 overlapping writes and a read of a value none wrote: without the memo the search
  // would try the 16! orders; with it, each (set, state) once.
  constexpr int kWriters = 16;
  H b;
  for (int p = 0; p < kWriters; ++p) b.Write(p, p % 2);
  for (int p = 0; p < kWriters; ++p) b.Ok(p);
  b.Read(kWriters).Ok(kWriters, 7);
  const History h = b.Build();
  const auto m = MustModel("register");
  const std::vector<const Operation*> ops = Counted(h);
  const SearchOutcome r = Search(*m, ops, {});
  ASSERT_TRUE(r.linearizable.has_value());
  EXPECT_FALSE(*r.linearizable);
  // Subsets of the writes times two register values bound the memo.
  EXPECT_LE(r.memo_entries, (std::size_t{1} << kWriters) * 2);
}

}  // namespace
}  // namespace lintest
