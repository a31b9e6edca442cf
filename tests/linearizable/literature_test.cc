// Hand-written histories with known verdicts: Herlihy and Wing's FIFO queue examples, the
// MIT 6.824 register quiz that Porcupine's tests use, stale reads, lost writes, cas races and
// :info operations that must or must not be assumed to have taken effect.
#include <gtest/gtest.h>

#include "properties/linearizable/checker.h"
#include "tests/linearizable/test_histories.h"

namespace lintest {
namespace {

Verdict Of(const History& h, const Model& m, CheckOptions options = {}) {
  EXPECT_EQ(BruteForceLinearizable(m, h),
            MustCheck(h, m, options).verdict == Verdict::kLinearizable);
  return MustCheck(h, m, options).verdict;
}

constexpr Verdict kLin = Verdict::kLinearizable;
constexpr Verdict kNot = Verdict::kNotLinearizable;

// Herlihy and Wing (1990), Figure 1, in the queue's words: a write enqueues, a read dequeues.
TEST(HerlihyWingQueue, OverlappingEnqueuesMayBeDequeuedInEitherOrder) {
  // (a) A: Enq(x) overlaps B: Enq(y); then B: Deq -> x... here A dequeues y first: fine,
  // since the two enqueues overlap and y may have gone first.
  const QueueModel q;
  History h = H().Write(0, 1).Write(1, 2).Ok(0).Ok(1).Read(0).Ok(0, 2).Read(1).Ok(1, 1).Build();
  EXPECT_EQ(Of(h, q), kLin);
}

TEST(HerlihyWingQueue, SequentialEnqueuesMustBeDequeuedInOrder) {
  // (b) Enq(x) completes before Enq(y) begins, yet y is dequeued first.
  const QueueModel q;
  History h = H().Write(0, 1).Ok(0).Write(1, 2).Ok(1).Read(0).Ok(0, 2).Build();
  EXPECT_EQ(Of(h, q), kNot);
}

TEST(HerlihyWingQueue, DequeueOverlappingItsEnqueue) {
  // (c) Deq -> x overlaps Enq(x): the enqueue may take effect first.
  const QueueModel q;
  History h = H().Write(0, 1).Read(1).Ok(1, 1).Ok(0).Build();
  EXPECT_EQ(Of(h, q), kLin);
}

TEST(HerlihyWingQueue, AnElementIsDequeuedOnlyOnce) {
  // (d) Enq(x), Enq(y), then two overlapping dequeues that both return y.
  const QueueModel q;
  History h = H().Write(0, 1).Write(1, 2).Ok(0).Ok(1).Read(0).Read(1).Ok(0, 2).Ok(1, 2).Build();
  EXPECT_EQ(Of(h, q), kNot);
}

// MIT 6.824 (2017) quiz 2, section VII, as in Porcupine's TestRegisterModel (nil for 0).
TEST(Register, QuizConcurrentReadsOfAnOverlappingWrite) {
  // write 100 over [0, 100]; read -> 100 over [25, 75]; read -> nil over [30, 60].
  const auto m = MustModel("register");
  History h = H().Write(0, 100).Read(1).Read(2).Ok(2, std::nullopt).Ok(1, 100).Ok(0).Build();
  EXPECT_EQ(Of(h, *m), kLin);
}

TEST(Register, QuizReadOfTheOldValueAfterAReadOfTheNewOne) {
  // write 200 over [0, 100]; read -> 200 over [10, 30]; read -> nil over [40, 90].
  const auto m = MustModel("register");
  History h = H().Write(0, 200).Read(1).Ok(1, 200).Read(2).Ok(2, std::nullopt).Ok(0).Build();
  EXPECT_EQ(Of(h, *m), kNot);
}

TEST(Register, StaleReadAfterTwoWrites) {
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Ok(0).Write(0, 2).Ok(0).Read(1).Ok(1, 1).Build();
  EXPECT_EQ(Of(h, *m), kNot);
  const CheckResult r = MustCheck(h, *m);
  EXPECT_EQ(r.violation.size(), 3u);  // both writes and the read: none can go
  EXPECT_TRUE(r.minimal);
}

TEST(Register, StaleReadLeavesOutLaterWritesOfTheValue) {
  // The second write of 1 starts after the read returned: it cannot explain the read, and the
  // shrunk history leaves it out.
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Ok(0).Write(0, 2).Ok(0).Read(1).Ok(1, 1).Write(0, 1).Ok(0).Build();
  EXPECT_EQ(Of(h, *m), kNot);
  const CheckResult r = MustCheck(h, *m);
  EXPECT_EQ(r.violation, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_TRUE(r.minimal);
}

TEST(Register, AcknowledgedWriteLost) {
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Ok(0).Read(1).Ok(1, std::nullopt).Build();
  EXPECT_EQ(Of(h, *m), kNot);
}

TEST(Register, ReadOfAValueNeverWritten) {
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Read(1).Ok(0).Ok(1, 3).Build();
  EXPECT_EQ(Of(h, *m), kNot);
  const CheckResult r = MustCheck(h, *m);
  ASSERT_EQ(r.violation.size(), 1u);  // the write of 1 explains nothing and goes
  EXPECT_EQ(h.operations[r.violation[0]].kind, OpKind::kRead);
}

TEST(Register, CasRaceBothSucceed) {
  const auto m = MustModel("register");
  History h = H().Write(0, 0).Ok(0).Cas(1, 0, 1).Cas(2, 0, 2).Ok(1).Ok(2).Build();
  EXPECT_EQ(Of(h, *m), kNot);
}

TEST(Register, CasRaceOneWins) {
  const auto m = MustModel("register");
  History h =
      H().Write(0, 0).Ok(0).Cas(1, 0, 1).Cas(2, 0, 2).Ok(1).Fail(2).Read(0).Ok(0, 1).Build();
  EXPECT_EQ(Of(h, *m), kLin);
}

TEST(Register, CasRaceReadSeesTheLoser) {
  const auto m = MustModel("register");
  History h =
      H().Write(0, 0).Ok(0).Cas(1, 0, 1).Cas(2, 0, 2).Ok(1).Fail(2).Read(0).Ok(0, 2).Build();
  EXPECT_EQ(Of(h, *m), kNot);
}

TEST(Register, InfoWriteMustBeAssumedApplied) {
  // The only explanation of the read of 2 is the indeterminate write.
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Ok(0).Write(1, 2).Info(1).Read(2).Ok(2, 2).Build();
  EXPECT_EQ(Of(h, *m), kLin);
}

TEST(Register, InfoWriteMayTakeEffectAfterItsCompletion) {
  // :info is logged, a read still sees 1, and a later read sees 2: the write took effect late.
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Ok(0).Write(1, 2).Info(1).Read(2).Ok(2, 1).Read(2).Ok(2, 2).Build();
  EXPECT_EQ(Of(h, *m), kLin);
}

TEST(Register, InfoWriteMayNeverTakeEffect) {
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Ok(0).Write(1, 2).Info(1).Read(2).Ok(2, 1).Build();
  EXPECT_EQ(Of(h, *m), kLin);
}

TEST(Register, InfoWriteTakesEffectAtMostOnce) {
  // 2 is read, then 1 again (no other write of 1 after), then 2: the indeterminate write of 2
  // would have to take effect twice.
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Ok(0).Write(1, 2).Info(1).Read(2).Ok(2, 2).Read(2).Ok(2, 1).Build();
  EXPECT_EQ(Of(h, *m), kNot);
}

TEST(Register, PendingWriteIsIndeterminate) {
  // Never completed: like :info.
  const auto m = MustModel("register");
  History h = H().Write(1, 2).Read(2).Ok(2, 2).Build();
  EXPECT_EQ(Of(h, *m), kLin);
}

TEST(Register, FailedWriteDidNotHappen) {
  const auto m = MustModel("register");
  History h = H().Write(1, 2).Fail(1).Read(2).Ok(2, 2).Build();
  EXPECT_EQ(Of(h, *m), kNot);
}

TEST(Kv, KeysAreIndependent) {
  const auto m = MustModel("kv");
  History h = H("kv")
                  .Write(0, 1, "x")
                  .Ok(0)
                  .Write(0, 2, "y")
                  .Ok(0)
                  .Read(1, "x")
                  .Ok(1, 1)
                  .Read(1, "y")
                  .Ok(1, 2)
                  .Read(1, "z")
                  .Ok(1, std::nullopt)
                  .Build();
  EXPECT_EQ(Of(h, *m), kLin);
  EXPECT_EQ(MustCheck(h, *m).partitions, 3u);
}

TEST(Kv, StaleReadOnOneKeyIsReportedOnThatKey) {
  const auto m = MustModel("kv");
  History h = H("kv")
                  .Write(0, 1, "x")
                  .Ok(0)
                  .Write(0, 1, "y")
                  .Ok(0)
                  .Write(0, 2, "y")
                  .Ok(0)
                  .Read(1, "x")
                  .Ok(1, 1)
                  .Read(1, "y")
                  .Ok(1, 1)
                  .Build();
  EXPECT_EQ(Of(h, *m), kNot);
  const CheckResult r = MustCheck(h, *m);
  ASSERT_FALSE(r.violation.empty());
  for (std::size_t i : r.violation) EXPECT_EQ(h.operations[i].key, "y");
  EXPECT_EQ(r.violation_partition_size, 3u);
  CheckOptions whole;
  whole.partition = false;
  EXPECT_EQ(Of(h, *m, whole), kNot);
}

TEST(Budget, StepLimitGivesUnknown) {
  const auto m = MustModel("register");
  History h = H().Write(0, 1).Write(1, 2).Ok(0).Ok(1).Read(0).Ok(0, 2).Build();
  CheckOptions options;
  options.budget.max_steps = 1;  // fewer than the events
  const CheckResult r = MustCheck(h, *m, options);
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_EQ(r.reason, "step limit of 1 reached");
}

TEST(Budget, ModelRejectsAKeyedOperation) {
  const auto m = MustModel("register");
  History h = H("kv").Write(0, 1, "x").Ok(0).Build();
  base::Result<CheckResult> r = Check(h, *m, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("operation 0"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace lintest
